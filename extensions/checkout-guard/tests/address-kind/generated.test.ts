/**
 * The checkout function uses the address-kind patterns as regular-expression
 * literals (address-kind-regexes.generated.ts); they must be exactly the
 * readable sources of address-kind-patterns.ts.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { GENERATED_FILE, generatedSource } from "../../scripts/generate-address-kind-regexes";
import {
  ADDRESS_KIND_PATTERN_SOURCES,
  ANY_BOX_NUMBER_SOURCE,
  CMRA_CONTEXT_SOURCE,
  LEADING_BOX_SOURCE,
} from "../../src/engine/address-kind-patterns";
import { ADDRESS_KIND_PATTERNS, ANY_BOX_NUMBER, CMRA_CONTEXT, KIND_REGEXES, LEADING_BOX } from "../../src/engine/address-kind-regexes.generated";
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
  same(CMRA_CONTEXT, CMRA_CONTEXT_SOURCE);
  same(ANY_BOX_NUMBER, ANY_BOX_NUMBER_SOURCE);
});

test("each kind's combined alternations match exactly where one of its patterns matches", () => {
  const lines = loadCorpus().map((entry) => normalizeAddressLine(entry.text));
  const samples = fc.sample(fc.array(fc.constantFrom("p", "o", "box", "b", "post", "apo", "ae", "09", "123", "unit", "1234", "psc", "pmb", " ", "drawer", "bag", "go", "station", "pick", "up", "point", "relais", "parcel", "locker", "dhl", "nummer", "12345678"), { maxLength: 8 }).map((t) => t.join(" ")), 2000);
  for (const text of [...lines, ...samples]) {
    for (const kind of new Set(KIND_REGEXES.map(([k]) => k))) {
      const anyPattern = ADDRESS_KIND_PATTERNS.some((p) => p.kind === kind && p.re.test(text));
      const anyAlternation = KIND_REGEXES.some(([k, re]) => k === kind && re.test(text));
      expect(anyAlternation, `${kind}: ${JSON.stringify(text)}`).toBe(anyPattern);
    }
  }
});
