/**
 * Address-kind detection: does one address line (address1, address2 or
 * company) name a post office box, a private mailbox, a parcel locker or
 * pick-up point, a military address or a USPS GoPost locker?
 *
 * Runs inside the Shopify Function (QuickJS / WebAssembly) at checkout, so it
 * is pure, allocation-light and never throws. Work is bounded: the input is
 * cut to MAX_INPUT characters, normalised once, and tested against a fixed
 * set of regular expressions (literals: see address-kind-patterns.ts, where
 * the patterns are written and explained). Every pattern is
 * written over the normalised alphabet ([a-z0-9] tokens separated by single
 * spaces) without nested or overlapping quantifiers; the test suite checks each
 * with `recheck` (ReDoS checker) and expects "safe".
 *
 * Normalisation ("P.O. Box", "P O Box", "p-o box", "Boîte Postale", "ＰＯ ＢＯＸ"):
 *  1. NFKD + remove combining marks (é → e, º → o, full-width → ASCII),
 *     a few letters without decomposition (ß → ss, ø → o, æ → ae, ł → l …);
 *  2. lower-case;
 *  3. "1000-001" → "1000001" (hyphen or slash between digits is dropped);
 *  4. every other character that is not [a-z0-9] becomes a space;
 *  5. letters and digits are split ("box123" → "box 123", "psc1234" → "psc 1234");
 *  6. spaces collapsed. The patterns allow "p o box" / "po box" / "pobox".
 *
 * See docs/address-kinds.md for what is (and is deliberately not) detected.
 */
// The patterns (sources in address-kind-patterns.ts) as literals: QuickJS
// compiles literals with the script, `new RegExp` at every run (~3.3M
// WebAssembly instructions for these).
import { ADDRESS_KIND_PATTERNS, ANY_BOX_NUMBER, CMRA_CONTEXT, KIND_REGEXES, LEADING_BOX, TRAILING_BOX } from "./address-kind-regexes.generated";
import type { AddressKind } from "./config";

export { ADDRESS_KIND_PATTERNS, type KindPattern } from "./address-kind-regexes.generated";

/** Address lines are short; anything beyond this is not looked at. */
export const MAX_INPUT = 1000;

const ORDER: readonly AddressKind[] = ["poBox", "privateMailbox", "parcelLocker", "military", "gopost"];

// Letters without a canonical decomposition, mapped by hand (the table is made on
// first use: most address lines are ASCII).
let special: Record<string, string> | undefined;
const specialSpelling = (c: string): string =>
  (special ??= {
    ß: "ss", ẞ: "ss", ø: "o", Ø: "o", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ł: "l", Ł: "l",
    đ: "d", Đ: "d", ð: "d", Ð: "d", þ: "th", Þ: "th", ı: "i", ħ: "h", Ħ: "h",
  })[c] ?? " ";
const SPECIAL_RE = /[ßẞøØæÆœŒłŁđĐðÐþÞıħĦ]/g;
const COMBINING_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const DIGIT_JOIN_RE = /(\d)[-/](?=\d)/g;
const NON_ALNUM_RE = /[^a-z0-9]+/g;
const LETTER_DIGIT_RE = /([a-z])(?=\d)|(\d)(?=[a-z])/g;

const NON_ASCII = /[^\x00-\x7f]/;

/** Normalises one address line to lower-case [a-z0-9] tokens separated by single spaces. */
export function normalizeAddressLine(text: string): string {
  let s = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  // Step 1 changes only non-ASCII text: most address lines skip its three scans.
  if (NON_ASCII.test(s)) {
    s = s.replace(SPECIAL_RE, specialSpelling);
    try {
      s = s.normalize("NFKD");
    } catch {
      // keep s as it is: an engine without normalisation data still gets ASCII right
    }
    s = s.replace(COMBINING_RE, "");
  }
  s = s.toLowerCase();
  // Each replace scans the line in QuickJS (~45k instructions): this one only matters with a "-" or "/".
  if (s.indexOf("-") >= 0 || s.indexOf("/") >= 0) s = s.replace(DIGIT_JOIN_RE, "$1");
  s = s.replace(NON_ALNUM_RE, " ");
  s = s.replace(LETTER_DIGIT_RE, "$1$2 ");
  return s.trim();
}

/**
 * The distinct address kinds named in one address line, in ADDRESS_KINDS
 * order; [] when none (or when the input is not a string). Never throws.
 */
export function detectAddressKinds(text: string): AddressKind[] {
  try {
    if (typeof text !== "string" || text.length === 0) return [];
    const s = normalizeAddressLine(text);
    if (s.length === 0) return [];

    const found: Partial<Record<AddressKind, true>> = {};
    // One alternation per kind (the patterns of ADDRESS_KIND_PATTERNS, same answer).
    for (let i = 0; i < KIND_REGEXES.length; i++) {
      const [kind, re] = KIND_REGEXES[i];
      if (re.test(s)) found[kind] = true;
    }

    // The context rules below all need the word "box": most lines skip them (each
    // test scans the line in QuickJS).
    if (s.indexOf("box") >= 0) {
      // A box at a commercial mail-receiving agency is a private mailbox.
      const cmra = CMRA_CONTEXT.test(s) && ANY_BOX_NUMBER.test(s);
      if (cmra) found.privateMailbox = true;
      // "Box 123" alone, or ending the line after a word ("Marshall Rd Box 15"), is
      // a post office box, unless it belongs to one of the other kinds already found
      // in the line ("Box 12, The UPS Store", "USS Nimitz Box 50").
      if (!cmra && !found.military && (LEADING_BOX.test(s) || TRAILING_BOX.test(s))) found.poBox = true;
    }

    const out: AddressKind[] = [];
    for (const k of ORDER) if (found[k]) out.push(k);
    return out;
  } catch {
    return [];
  }
}

/**
 * Every regular expression the detector uses, for the ReDoS test. Built by a
 * call marked pure, so that the function's bundle (which never reads it)
 * leaves it and the per-pattern list out instead of building them at each run.
 */
export const ALL_ADDRESS_KIND_REGEXES: readonly RegExp[] = /* @__PURE__ */ allRegexes();

function allRegexes(): RegExp[] {
  return [
    ...ADDRESS_KIND_PATTERNS.map((p) => p.re),
    ...KIND_REGEXES.map(([, re]) => re),
    LEADING_BOX,
    TRAILING_BOX,
    CMRA_CONTEXT,
    ANY_BOX_NUMBER,
    SPECIAL_RE,
    COMBINING_RE,
    DIGIT_JOIN_RE,
    NON_ALNUM_RE,
    LETTER_DIGIT_RE,
  ];
}
