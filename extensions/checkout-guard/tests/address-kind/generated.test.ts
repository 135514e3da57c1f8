/**
 * The checkout function uses the address-kind patterns as regular-expression
 * literals (address-kind-regexes.generated.ts); they must be exactly the
 * readable sources of address-kind-patterns.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { firstCharClass, GENERATED_FILE, generatedSource } from "../../scripts/generate-address-kind-regexes";
import {
  ADDRESS_KIND_PATTERN_SOURCES,
  ANY_BOX_NUMBER_SOURCE,
  CMRA_CONTEXT_SOURCE,
  LEADING_BOX_SOURCE,
  TRAILING_BOX_SOURCE,
} from "../../src/engine/address-kind-patterns";
import { ADDRESS_KIND_PATTERNS, ANY_BOX_NUMBER, CMRA_CONTEXT, KIND_REGEXES, LEADING_BOX, TRAILING_BOX } from "../../src/engine/address-kind-regexes.generated";
import { normalizeAddressLine } from "../../src/engine/address-kind";
import fc from "fast-check";
import { loadCorpus } from "./corpus";

test("address-kind-regexes.generated.ts is up to date (regenerate: npx tsx extensions/checkout-guard/scripts/generate-address-kind-regexes.ts)", () => {
  expect(readFileSync(GENERATED_FILE, "utf8")).toBe(generatedSource());
});

test("the literals are the sources, pattern by pattern", () => {
  const same = (re: RegExp, source: string) => expect([re.source, re.flags]).toEqual([new RegExp(source).source, ""]);
  expect(ADDRESS_KIND_PATTERNS.map((p) => [p.kind, p.name])).toEqual(ADDRESS_KIND_PATTERN_SOURCES.map((p) => [p.kind, p.name]));
  ADDRESS_KIND_PATTERNS.forEach((p, i) => same(p.re, ADDRESS_KIND_PATTERN_SOURCES[i].source));
  same(LEADING_BOX, LEADING_BOX_SOURCE);
  same(TRAILING_BOX, TRAILING_BOX_SOURCE);
  same(CMRA_CONTEXT, CMRA_CONTEXT_SOURCE);
  same(ANY_BOX_NUMBER, ANY_BOX_NUMBER_SOURCE);
});

const SAMPLE_WORDS = ["p", "o", "box", "b", "post", "apo", "ae", "09", "123", "unit", "1234", "psc", "pmb", " ", "drawer", "bag", "go", "station", "pick", "up", "point", "relais", "parcel", "locker", "dhl", "nummer", "12345678", "apartado", "calle", "casilla", "postfach"];

/** The corpus lines normalised, and `count` generated lines of keyword-like words. */
const sampleLines = (count: number): string[] => [
  ...loadCorpus().map((entry) => normalizeAddressLine(entry.text)),
  ...fc.sample(fc.array(fc.constantFrom(...SAMPLE_WORDS), { maxLength: 8 }).map((t) => t.join(" ")), count),
];

test("each kind's combined alternations match exactly where one of its patterns matches", () => {
  for (const text of sampleLines(2000)) {
    for (const kind of new Set(KIND_REGEXES.map(([k]) => k))) {
      const anyPattern = ADDRESS_KIND_PATTERNS.some((p) => p.kind === kind && p.re.test(text));
      const anyAlternation = KIND_REGEXES.some(([k, re]) => k === kind && re.test(text));
      expect(anyAlternation, `${kind}: ${JSON.stringify(text)}`).toBe(anyPattern);
    }
  }
});

describe("firstCharClass (the look-ahead each alternation starts with)", () => {
  test("reads literals, classes, escapes and groups, and skips what consumes nothing", () => {
    expect(firstCharClass("(?<!\\b(?:calle|de) )\\bapartado \\d")).toBe("a");
    expect(firstCharClass("^[afd] ?p ?o$")).toBe("adf");
    expect(firstCharClass("a?b|(?=q)c|\\d{0,3}x")).toBe("\\dabcx");
    expect(firstCharClass("[ -]x|[a^]")).toBe(" \\-\\^a");
  });

  test("gives up where it cannot tell, or where a match may consume nothing", () => {
    for (const source of ["a*", "(?:a|)", "[^a]b", ".x", "(a)\\1", "\\pL", "(?<name>a)"]) expect(firstCharClass(source)).toBeNull();
  });

  test("every match of every pattern starts with a character of its class", () => {
    const texts = sampleLines(500);
    const sources = [...ADDRESS_KIND_PATTERN_SOURCES.map((p) => p.source), LEADING_BOX_SOURCE, TRAILING_BOX_SOURCE, CMRA_CONTEXT_SOURCE, ANY_BOX_NUMBER_SOURCE];
    let checked = 0;
    for (const source of sources) {
      const chars = firstCharClass(source);
      if (chars === null) continue;
      const sticky = new RegExp(source, "y");
      const first = new RegExp(`^[${chars}]`);
      for (const text of texts) {
        for (let k = 0; k < text.length; k++) {
          sticky.lastIndex = k;
          if (sticky.exec(text) === null) continue;
          checked++;
          expect(first.test(text.slice(k)), `${source} at ${k} of ${JSON.stringify(text)}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
