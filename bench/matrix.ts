/**
 * The function benchmark's cases, shared by `npm run bench:function`, the cost
 * model's fit and its test: per function, carts of 1, 50, 200 and 2,000 lines ×
 * 1, 10 and 50 rules of that function's family, cycling through every kind, plus
 * a typical checkout (3 lines, 5 rules). None of the rules blocks the sample cart.
 */
import type { Config, Rule } from "../extensions/checkout-guard/src/engine/config";
import type { CheckoutFunction } from "../extensions/checkout-guard/src/engine/functions";
import { address, buildFunctionInput, type LineSpec } from "../extensions/checkout-guard/runner/sample-input";

export const LINE_COUNTS = [1, 50, 200, 2000];
export const RULE_COUNTS = [1, 10, 50];
export const TYPICAL = { lines: 3, rules: 5 };

/** One rule of each kind, numbered `i`, none blocking the sample cart. */
export const RULE_OF_KIND: Record<Rule["kind"], (i: number) => Rule> = {
  addressKind: (i) => ({ id: `kind${i}`, kind: "addressKind", block: ["poBox", "privateMailbox", "parcelLocker", "military", "gopost"] }),
  fieldPattern: (i) =>
    i % 2 === 0
      ? { id: `pat${i}`, kind: "fieldPattern", field: "zip", pattern: "^\\d{5}(?:-\\d{4})?$", mode: "allow", message: "ZIP {field}" }
      : { id: `pat${i}`, kind: "fieldPattern", field: "address1", pattern: "(?:^|\\s)(?:c/o|attn)\\b", ignoreCase: true, mode: "block" },
  fieldLength: (i) => ({ id: `len${i}`, kind: "fieldLength", fields: ["address1", "address2", "city"], max: 35 }),
  requiredFields: (i) => ({ id: `req${i}`, kind: "requiredFields", fields: ["address1", "city", "zip"] }),
  charset: (i) => ({ id: `cs${i}`, kind: "charset", fields: ["address1", "city", "firstName", "lastName"], allow: "latin" }),
  streetNumber: (i) => ({ id: `num${i}`, kind: "streetNumber" }),
  postalCode: (i) => ({ id: `pc${i}`, kind: "postalCode", mode: "block", codes: { US: ["99*", "96700..96899", "00600..00999"] } }),
  destination: (i) => ({ id: `dest${i}`, kind: "destination", mode: "block", countries: ["KP", "IR"], provinces: { US: ["HI", "AK"] } }),
  cartQuantity: (i) => ({ id: `cq${i}`, kind: "cartQuantity", max: 100_000 }),
  // Each product rule selects its own product, as a merchant's many product rules do (the
  // one that shares its selector with another costs less), and the first two kinds also
  // the document's tag list and collection list (a lean products function has one of each).
  lineQuantity: (i) => ({ id: `lq${i}`, kind: "lineQuantity", max: 100, select: { tags: ["wine"], products: [String(990_000 + i)] } }),
  productQuantity: (i) => ({ id: `pq${i}`, kind: "productQuantity", max: 1000, select: { collections: ["300"], products: [String(980_000 + i)] } }),
  subtotal: (i) => ({ id: `st${i}`, kind: "subtotal", limits: { USD: { max: 10_000_000 } } }),
  distinctLines: (i) => ({ id: `dl${i}`, kind: "distinctLines", max: 5000 }),
  weight: (i) => ({ id: `w${i}`, kind: "weight", max: 100_000, unit: "KILOGRAMS" }),
  exclusive: (i) => ({ id: `ex${i}`, kind: "exclusive", select: { products: [String(970_000 + i)] } }),
  dependency: (i) => ({ id: `dep${i}`, kind: "dependency", select: { products: [String(960_000 + i)] }, requires: { products: [String(950_000 + i)] } }),
};

/**
 * How many list entries the long-list rules hold: in the cost model's fit, and in
 * the bench's long-list cases (another size, so that they test the fit's line).
 */
export const LONG_LIST_ENTRIES = { fit: 300, cases: 150 };

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));
/** Two-letter codes, AA … ZZ, but US (the sample address's country). */
const COUNTRY_LIKE = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).filter((c) => c !== "US");

/** Postal-code entries of each form, none matching the sample address's ZIP (20500). */
export const POSTAL_CODE_ENTRY = {
  exact: (i: number) => String(90_000 + i),
  prefix: (i: number) => `8${String(i).padStart(3, "0")}*`,
  range: (i: number) => `${70_000 + i * 10}..${70_000 + i * 10 + 5}`,
};
export const postalCodeRule = (codes: string[]): Rule => ({ id: "long", kind: "postalCode", mode: "block", codes: { US: codes } });

/**
 * A rule of each kind whose lists have no fixed bound, with `entries` list
 * entries (cost-model.ts, listEntries), none matching the sample cart or
 * address: what each further entry costs (the cost model's fit, and the
 * bench's long-list cases). Postal codes mix exact codes, prefixes and ranges.
 */
export const LONG_LIST_RULE: Partial<Record<Rule["kind"], (entries: number) => Rule>> = {
  postalCode: (n) => postalCodeRule(Array.from({ length: n }, (_, i) => POSTAL_CODE_ENTRY[i % 3 === 0 ? "exact" : i % 3 === 1 ? "prefix" : "range"](i))),
  destination: (n) => ({ id: "long", kind: "destination", mode: "block", countries: COUNTRY_LIKE.slice(0, n) }),
  lineQuantity: (n) => ({ ...RULE_OF_KIND.lineQuantity(0), id: "long", select: { tags: ["wine"], products: ids(990_000, n - 1) } }),
  productQuantity: (n) => ({ ...RULE_OF_KIND.productQuantity(0), id: "long", select: { collections: ["300"], products: ids(980_000, n - 1) } }),
  exclusive: (n) => ({ id: "long", kind: "exclusive", select: { products: ids(970_000, n) } }),
  dependency: (n) => ({ id: "long", kind: "dependency", select: { products: ids(960_000, n - 1) }, requires: { products: ["950000"] } }),
};

/** `n` rules of a function's kinds, cycling through all of them in the catalogue's order. */
export function benchRules(kinds: readonly Rule["kind"][], n: number): Rule[] {
  return Array.from({ length: n }, (_, i) => RULE_OF_KIND[kinds[i % kinds.length]](i));
}

export function benchLines(n: number): LineSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    quantity: 1 + (i % 3),
    amount: 12.5 * (1 + (i % 3)),
    weight: 250,
    weightUnit: "GRAMS" as const,
    product: { id: 5000 + i, title: `Product ${i}`, tags: i % 4 === 0 ? ["wine"] : [], collections: i % 5 === 0 ? [300] : [] },
    variantId: 9000 + i,
  }));
}

export const BENCH_ADDRESS = address({ address1: "1600 Pennsylvania Avenue NW", city: "Washington", zip: "20500", provinceCode: "DC" });

/**
 * The input `fn` receives for a cart of `lines` lines and its document `config`
 * (Shopify answers each tag and collection list slot the document's rules use).
 */
export function benchInput(fn: CheckoutFunction, lines: number, config: Config): Record<string, unknown> {
  return buildFunctionInput(fn, { step: "CHECKOUT_COMPLETION", lines: benchLines(lines), addresses: [BENCH_ADDRESS], config });
}
