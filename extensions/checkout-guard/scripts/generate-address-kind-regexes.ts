/**
 * Writes src/engine/address-kind-regexes.generated.ts: the address-kind
 * patterns of src/engine/address-kind-patterns.ts as regular-expression
 * literals, which QuickJS compiles with the script instead of at every run
 * (see address-kind-patterns.ts for why).
 *
 * Usage: npx tsx extensions/checkout-guard/scripts/generate-address-kind-regexes.ts [--check]
 * (--check: exit 1 when the checked-in file is stale, without writing).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ADDRESS_KIND_PATTERN_SOURCES,
  ANY_BOX_NUMBER_SOURCE,
  CMRA_CONTEXT_SOURCE,
  LEADING_BOX_SOURCE,
  TRAILING_BOX_SOURCE,
} from "../src/engine/address-kind-patterns";

export const GENERATED_FILE = fileURLToPath(new URL("../src/engine/address-kind-regexes.generated.ts", import.meta.url));

/** A literal for `source` (RegExp#source escapes what a literal needs escaped, e.g. "/"). */
const literal = (source: string) => `/${new RegExp(source).source}/`;

/**
 * Patterns that start a new alternation of their kind: the parcel-locker
 * patterns in one alternation are beyond what `recheck` can prove linear
 * (overlapping alternatives; it falls back to fuzzing), though each is safe;
 * in these three groups it proves each alternation safe by its automaton.
 */
const STARTS_NEW_ALTERNATION = new Set(["dhl postnummer", "parcel automat"]);

/** The top-level alternatives of a regular-expression source ("a|(?:b|c)|d" → ["a", "(?:b|c)", "d"]). */
export function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * What the first character of a match of `source` can be, as the inside of a
 * character class ("pa0-9"), or null when that cannot be told from the source:
 * a construct this reads no further (negated classes, ".", back-references) or
 * an alternative that can match without consuming a character.
 *
 * Sound by construction: zero-width parts (anchors, \b, lookarounds) are
 * skipped, so the set may be larger than the truth, never smaller. Every
 * pattern is written over the normalised alphabet, without flags.
 */
export function firstCharClass(source: string): string | null {
  let i = 0;
  /** Parses an alternation up to ")" or the end: the class of its first characters, and whether it can match empty. */
  function alternation(): { chars: string[]; empty: boolean } | null {
    const chars: string[] = [];
    let empty = false;
    for (;;) {
      const seq = sequence();
      if (!seq) return null;
      chars.push(...seq.chars);
      empty ||= seq.empty;
      if (source[i] !== "|") return { chars, empty };
      i++;
    }
  }
  function sequence(): { chars: string[]; empty: boolean } | null {
    const chars: string[] = [];
    let open = true; // no atom consuming a character yet
    while (i < source.length && source[i] !== "|" && source[i] !== ")") {
      const atom = parseAtom();
      if (!atom) return null;
      const optional = quantifierAllowsNone();
      if (open) {
        chars.push(...atom.chars);
        if (!atom.empty && !optional) open = false;
      }
    }
    return { chars, empty: open };
  }
  function parseAtom(): { chars: string[]; empty: boolean } | null {
    const c = source[i];
    if (c === "^" || c === "$") return (i++, { chars: [], empty: true });
    if (c === "\\") {
      const e = source[i + 1];
      i += 2;
      if (e === "b" || e === "B") return { chars: [], empty: true };
      if (e === "d" || e === "s" || e === "w") return { chars: [`\\${e}`], empty: false };
      if (/[0-9]/.test(e) || /[A-Za-z]/.test(e)) return null; // back-reference or an escape not read here
      return { chars: [`\\${e}`], empty: false };
    }
    if (c === "[") {
      const end = source.indexOf("]", i + 1);
      if (source[i + 1] === "^" || end < 0 || source.slice(i + 1, end).includes("\\")) return null;
      // Its members: ranges ("a-z") and characters.
      const chars = source.slice(i + 1, end).match(/.-.|./g) ?? [];
      i = end + 1;
      return { chars, empty: false };
    }
    if (c === "(") {
      const zeroWidth = /^\(\?<?[=!]/.exec(source.slice(i));
      i += zeroWidth ? zeroWidth[0].length : source.startsWith("(?:", i) ? 3 : 1;
      const inner = alternation();
      if (!inner || source[i] !== ")") return null;
      i++;
      return zeroWidth ? { chars: [], empty: true } : inner;
    }
    if (c === "." || c === "*" || c === "+" || c === "?" || c === "{") return null;
    i++;
    return { chars: [c], empty: false };
  }
  /** Reads a quantifier after an atom, if any: true when it allows zero repetitions. */
  function quantifierAllowsNone(): boolean {
    const q = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/.exec(source.slice(i));
    if (!q) return false;
    i += q[0].length;
    return q[0][0] === "?" || q[0][0] === "*" || q[1] === "0";
  }
  const result = alternation();
  if (!result || result.empty || i !== source.length || result.chars.length === 0) return null;
  // One of each member (an escape, a range or a character), sorted: p, p, a, 0-9 → "0-9ap";
  // the characters a class gives a meaning to escaped, wherever sorting puts them.
  const members = result.chars.map((m) => (m.length === 1 && "\\]^-".includes(m) ? `\\${m}` : m));
  return [...new Set(members)].sort().join("");
}

/**
 * A look-ahead pays when it spares many alternatives; on a short alternation it
 * saves nothing, and on the two-pattern parcel-locker group it would cost
 * `recheck` its proof by automaton (tests/address-kind/address-kind.test.ts checks those proofs).
 */
const MIN_GUARDED_ALTERNATIVES = 4;

/** `(?=[…])` of the first characters of `source`, or "" when unknown. */
const firstCharGuard = (source: string) => {
  const chars = firstCharClass(source);
  return chars === null ? "" : `(?=[${chars}])`;
};

/**
 * One alternation of alternatives, with the word boundary most of them start
 * with tested once, and a look-ahead of the characters a match can start with:
 * `\b(?=[ab])(?:a…|b…)|^c` rather than `\ba…|\bb…|^c`. The same language. In
 * QuickJS (no first-character optimisation) every alternative is tried at
 * every position: a shared `\b` fails most positions at once, and the
 * look-ahead most of the rest (a street line's words mostly start with other
 * letters than the keywords).
 */
function alternation(alternatives: string[]): string {
  const bounded = alternatives.filter((a) => a.startsWith("\\b"));
  const others = alternatives.filter((a) => !a.startsWith("\\b"));
  // Anchored alternatives fail at once away from the start: no look-ahead for them.
  const parts = others.map((a) => `${a.startsWith("^") ? "" : firstCharGuard(a)}(?:${a})`);
  if (bounded.length > 0) {
    const body = bounded.map((a) => `(?:${a.slice(2)})`).join("|");
    const guard = bounded.length >= MIN_GUARDED_ALTERNATIVES ? firstCharGuard(body) : "";
    parts.unshift(`\\b${guard}(?:${body})`);
  }
  return parts.join("|");
}

/** Per kind, its patterns as one alternation (a test of it is a test of each, cheaper in QuickJS); see STARTS_NEW_ALTERNATION. */
export function combinedSources(): { kind: string; source: string }[] {
  const groups: { kind: string; alternatives: string[] }[] = [];
  for (const p of ADDRESS_KIND_PATTERN_SOURCES) {
    const last = groups[groups.length - 1];
    if (last && last.kind === p.kind && !STARTS_NEW_ALTERNATION.has(p.name)) last.alternatives.push(...topLevelAlternatives(p.source));
    else groups.push({ kind: p.kind, alternatives: topLevelAlternatives(p.source) });
  }
  return groups.map(({ kind, alternatives }) => ({ kind, source: alternation(alternatives) }));
}

export function generatedSource(): string {
  const combined = combinedSources().map((c) => `  [${JSON.stringify(c.kind)}, ${literal(c.source)}],`);
  const patterns = ADDRESS_KIND_PATTERN_SOURCES.map(
    (p) => `  { kind: ${JSON.stringify(p.kind)}, name: ${JSON.stringify(p.name)}, re: ${literal(p.source)} },`,
  );
  return [
    "// Generated by extensions/checkout-guard/scripts/generate-address-kind-regexes.ts",
    "// from address-kind-patterns.ts. Do not edit: edit the patterns there and regenerate.",
    "// Literals, so that QuickJS compiles them with the script, not at every run.",
    'import type { AddressKind } from "./config";',
    "",
    "export type KindPattern = { kind: AddressKind; name: string; re: RegExp };",
    "",
    "export const ADDRESS_KIND_PATTERNS: readonly KindPattern[] = [",
    ...patterns,
    "];",
    "",
    "/**",
    " * What the detector runs: per kind, all its patterns above as one alternation",
    " * (parcel lockers: three, see the generator).",
    " * In QuickJS one test of an alternation costs a fraction of one test per pattern",
    " * (each test scans the whole line).",
    " */",
    "export const KIND_REGEXES: readonly (readonly [AddressKind, RegExp])[] = [",
    ...combined,
    "];",
    "",
    `export const LEADING_BOX = ${literal(LEADING_BOX_SOURCE)};`,
    `export const TRAILING_BOX = ${literal(TRAILING_BOX_SOURCE)};`,
    `export const CMRA_CONTEXT = ${literal(CMRA_CONTEXT_SOURCE)};`,
    `export const ANY_BOX_NUMBER = ${literal(ANY_BOX_NUMBER_SOURCE)};`,
    "",
  ].join("\n");
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const source = generatedSource();
  if (process.argv.includes("--check")) {
    const current = readFileSync(GENERATED_FILE, "utf8");
    if (current !== source) {
      process.stderr.write("address-kind-regexes.generated.ts is stale: run the generator\n");
      process.exit(1);
    }
  } else {
    writeFileSync(GENERATED_FILE, source);
    process.stdout.write(`Wrote ${GENERATED_FILE}\n`);
  }
}
