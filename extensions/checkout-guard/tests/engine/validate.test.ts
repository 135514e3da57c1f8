/**
 * The function's lean `readConfig` must accept exactly what the shared valibot
 * schema (`parseConfig`) accepts: checked on hand-written documents, on
 * single-field mutations of valid rules, and on generated documents.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import * as model from "../../src/engine/config";
import { readConfig } from "../../src/engine/validate";

const agree = (doc: unknown) => {
  const strict = model.parseConfig(doc).ok;
  const lean = readConfig(doc) !== null;
  expect(lean, JSON.stringify(doc)).toBe(strict);
  return strict;
};

export const VALID_RULES: Record<string, unknown>[] = [
  { id: "k", kind: "addressKind", block: ["poBox", "military"], fields: ["address1"], display: "banner" },
  { id: "p", kind: "fieldPattern", field: "zip", pattern: "^\\d{5}$", mode: "allow", ignoreCase: true, countries: { codes: ["FR"] } },
  { id: "l", kind: "fieldLength", fields: ["address1", "address2"], min: 0, max: 35 },
  { id: "r", kind: "requiredFields", fields: ["phone"], stage: "completion" },
  { id: "c", kind: "charset", fields: ["city"], allow: "latin", accents: false },
  { id: "n", kind: "streetNumber", message: "Number please", translations: { fr: "Numéro", "pt-br": "Número" } },
  { id: "z", kind: "postalCode", mode: "block", codes: { FR: ["20*", "97100..97199", "75002"], US: ["9*"] } },
  { id: "d", kind: "destination", mode: "allow", countries: ["FR"], provinces: { US: ["CA"] } },
  { id: "q", kind: "cartQuantity", min: 1, max: 10, schedule: { start: "2026-01-01T00:00:00" } },
  { id: "lq", kind: "lineQuantity", multiple: 6, select: { products: ["1"], variants: ["2"], tags: ["t"], collections: ["3"] } },
  { id: "pq", kind: "productQuantity", max: 3, select: {} },
  { id: "s", kind: "subtotal", limits: { EUR: { min: 10.5 }, USD: {} } },
  { id: "dl", kind: "distinctLines", max: 20 },
  { id: "w", kind: "weight", max: 30, unit: "KILOGRAMS", countries: { not: true, codes: ["US"] } },
  { id: "e", kind: "exclusive", select: { tags: ["preorder"] }, other: { tags: ["instock"] } },
  { id: "dep", kind: "dependency", select: { products: ["1"] }, requires: { collections: ["2"] } },
];

/** Values of every kind used to replace a field of a valid rule. */
const REPLACEMENTS: unknown[] = [
  undefined, null, true, 0, -1, 1, 1.5, 1e7, 1e13, "", " ", "x", "FR", "fr", "EUR", "poBox", "latin", "allow", "field", "banner",
  "address1", "KILOGRAMS", "2026-01-01T00:00:00", "2026-01-01", "123", "0123", [], ["x"], ["FR"], ["123"], ["poBox"], ["address1"],
  [""], {}, { codes: ["FR"] }, { codes: [] }, { FR: ["1"] }, { fr: "x" }, { EUR: { min: 1 } }, { products: ["1"] }, { products: ["a"] },
  { start: "2026-01-01T00:00:00" }, { start: "nope" }, "x".repeat(501), "1".repeat(21),
];

describe("readConfig agrees with parseConfig", () => {
  test("on valid documents", () => {
    expect(agree({ v: 1, rules: VALID_RULES })).toBe(true);
    expect(agree({ v: 1, rules: [], clock: ["2026-01-01T00:00:00"] })).toBe(true);
  });

  test("on invalid documents", () => {
    for (const doc of [null, [], "x", {}, { v: 2, rules: [] }, { v: 1 }, { v: 1, rules: {} }, { v: 1, rules: [], extra: 1 },
      { v: 1, rules: [], clock: Array(9).fill("2026-01-01T00:00:00") }, { v: 1, rules: Array(201).fill(VALID_RULES[4]) },
      { v: 1, rules: [{ id: "bad id", kind: "streetNumber" }] }, { v: 1, rules: [{ id: "x", kind: "nope" }] }]) {
      expect(agree(doc)).toBe(false);
    }
  });

  test("on keys named like Object.prototype's members, which are unknown keys", () => {
    for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"]) {
      // JSON.parse, as Shopify's input arrives: "__proto__" is then an own key.
      const extra = (json: string) => JSON.parse(json.replaceAll("KEY", key));
      expect(agree(extra('{"v":1,"rules":[{"id":"n","kind":"streetNumber","KEY":1}]}'))).toBe(false);
      expect(agree(extra('{"v":1,"rules":[{"id":"q","kind":"lineQuantity","select":{"KEY":["1"]}}]}'))).toBe(false);
      expect(agree(extra('{"v":1,"rules":[{"id":"q","kind":"cartQuantity","schedule":{"KEY":"2026-01-01T00:00:00"}}]}'))).toBe(false);
      expect(agree(extra('{"v":1,"rules":[{"id":"x","kind":"KEY"}]}'))).toBe(false);
    }
  });

  test("on every single-field mutation of every valid rule", () => {
    for (const rule of VALID_RULES) {
      const keys = [...Object.keys(rule), "extra", "min", "max", "select", "countries", "display", "fields", "stage", "message"];
      for (const key of keys) {
        for (const value of REPLACEMENTS) {
          const mutated = { ...rule, [key]: value };
          if (value === undefined) delete mutated[key];
          agree({ v: 1, rules: [mutated] });
        }
      }
    }
  });

  test("on generated documents", () => {
    const value = fc.oneof(...REPLACEMENTS.map((r) => fc.constant(r)), fc.string(), fc.integer(), fc.double());
    const rule = fc.tuple(fc.constantFrom(...VALID_RULES), fc.dictionary(fc.constantFrom("min", "max", "fields", "mode", "id", "select", "codes", "limits", "unit", "schedule", "translations", "accents"), value, { maxKeys: 3 }))
      .map(([base, patch]) => ({ ...base, ...patch }));
    fc.assert(fc.property(fc.array(rule, { maxLength: 4 }), (rules) => void agree({ v: 1, rules })), { numRuns: 2000 });
  });
});
