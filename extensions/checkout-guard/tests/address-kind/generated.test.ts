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
import { ADDRESS_KIND_PATTERNS, ANY_BOX_NUMBER, CMRA_CONTEXT, LEADING_BOX } from "../../src/engine/address-kind-regexes.generated";

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
