/**
 * Property-based tests (fast-check): whatever the cart (0–250 lines), the
 * addresses (any Unicode, nulls, missing groups) and the configuration (valid
 * documents generated from the model, or arbitrary JSON), the function
 * - never throws,
 * - returns output valid against the schema's CartValidationsGenerateRunResult,
 * - returns output JSON under 20,000 bytes,
 * and the WebAssembly bundle returns the same output (fewer runs: it is slower).
 */
import fc from "fast-check";
import type { GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { loadInputQuery, loadSchema, validateFixtureInput, validateFixtureOutput } from "@shopify/shopify-function-test-helpers";
import { buildFunctionBundle, INPUT_QUERY_FILE, SCHEMA_FILE } from "../../runner/build";
import { runFunction } from "../../runner/wasm-runner";
import { ADDRESS_KEYS, buildInput, type AddressSpec, type InputSpec, type LineSpec } from "../../runner/sample-input";
import { cartValidationsGenerateRun } from "../../src/cart_validations_generate_run";
import {
  ADDRESS_FIELDS,
  ADDRESS_KIND_FIELDS,
  ADDRESS_KINDS,
  parseConfig,
  STAGES,
  WEIGHT_UNITS,
} from "../../src/engine/config";

const OUTPUT_LIMIT = 20_000;

// ---------------------------------------------------------------------------
// Arbitraries

const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom("PO Box 12", "P.O. Box 7", "Postfach 12 34", "Packstation 101", "PMB 4", "APO AE 09012", "12 Box Hill Road", "Main Street", "  ", ""),
);
const addressArb: fc.Arbitrary<AddressSpec | null> = fc.option(
  fc.record(
    Object.fromEntries(
      ADDRESS_KEYS.map((k) => [
        k,
        k === "countryCode"
          ? fc.option(fc.constantFrom("US", "CA", "FR", "DE", "GB", "NL", "BR")) // an enum in the schema
          : fc.option(anyText),
      ]),
    ) as Record<string, fc.Arbitrary<string | null>>,
    { requiredKeys: [] },
  ) as fc.Arbitrary<AddressSpec>,
  { nil: null, freq: 5 },
);

const tagPool = ["wine", "Fragile", "preorder", "in-stock", "ünïcödé", "gift"];
const idPool = ["100", "200", "300", "777", "1000", "1001", "2000", "2001"];

const lineArb: fc.Arbitrary<LineSpec> = fc.record(
  {
    quantity: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1_000_000 })),
    amount: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    variantId: fc.constantFrom(...idPool),
    product: fc.record(
      {
        id: fc.constantFrom(...idPool),
        title: anyText,
        isGiftCard: fc.boolean(),
        tags: fc.subarray(tagPool),
        collections: fc.subarray(idPool),
      },
      { requiredKeys: [] },
    ),
    weight: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true })),
    weightUnit: fc.constantFrom(...WEIGHT_UNITS),
    requiresShipping: fc.boolean(),
    custom: fc.boolean(),
  },
  { requiredKeys: [] },
);

const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
const messageArb = fc.oneof(
  nonBlank(120),
  fc.constantFrom("{field}: {min}–{max} ({quantity}) {product} {unknown}", "Max {max} {unit}, now {weight}", "{subtotal} {currency}"),
  fc.string({ unit: "binary-ascii", minLength: 400, maxLength: 500 }).filter((s) => s.trim().length > 0),
);
const country = fc.constantFrom("US", "CA", "FR", "DE", "GB", "NL", "BR");
const selectorArb = fc.record(
  {
    products: fc.subarray(idPool),
    variants: fc.subarray(idPool),
    tags: fc.subarray(tagPool),
    collections: fc.subarray(idPool),
  },
  { requiredKeys: [] },
);
const clockTimes = ["2026-01-01T00:00:00", "2026-06-01T00:00:00", "2026-07-01T00:00:00"];

const commonArb = (index: number) =>
  fc.record(
    {
      id: fc.constant(`r${index}`),
      stage: fc.constantFrom(...STAGES),
      message: messageArb,
      translations: fc.dictionary(fc.constantFrom("fr", "de", "pt", "pt-br", "es"), messageArb, { maxKeys: 3 }),
      countries: fc.record({ not: fc.boolean(), codes: fc.uniqueArray(country, { minLength: 1, maxLength: 3 }) }, { requiredKeys: ["codes"] }),
      schedule: fc.record({ start: fc.constantFrom(...clockTimes), end: fc.constantFrom(...clockTimes) }, { requiredKeys: [] }),
    },
    { requiredKeys: ["id"] },
  );
const display = fc.record({ display: fc.constantFrom("field", "banner") }, { requiredKeys: [] });
const count = fc.integer({ min: 0, max: 50 });
const minMax = (n: fc.Arbitrary<number>) => fc.record({ min: n, max: n }, { requiredKeys: [] });
const patterns = ["^\\d{5}(-\\d{4})?$", "box", "^[A-Z]", "(?:apt|suite)\\s*\\d+", "([", "\\p{L}+", "^.{0,10}$"];

const ruleBody: fc.Arbitrary<object>[] = [
  fc.record({ kind: fc.constant("addressKind"), block: fc.uniqueArray(fc.constantFrom(...ADDRESS_KINDS), { minLength: 1 }), fields: fc.uniqueArray(fc.constantFrom(...ADDRESS_KIND_FIELDS), { minLength: 1 }) }, { requiredKeys: ["kind", "block"] }),
  fc.record({ kind: fc.constant("fieldPattern"), field: fc.constantFrom(...ADDRESS_FIELDS), pattern: fc.constantFrom(...patterns), ignoreCase: fc.boolean(), mode: fc.constantFrom("allow", "block") }, { requiredKeys: ["kind", "field", "pattern", "mode"] }),
  fc.tuple(fc.record({ kind: fc.constant("fieldLength"), fields: fc.uniqueArray(fc.constantFrom(...ADDRESS_FIELDS), { minLength: 1 }) }), minMax(count)).map(([a, b]) => ({ ...a, ...b })),
  fc.record({ kind: fc.constant("requiredFields"), fields: fc.uniqueArray(fc.constantFrom(...ADDRESS_FIELDS), { minLength: 1 }) }),
  fc.record({ kind: fc.constant("charset"), fields: fc.uniqueArray(fc.constantFrom(...ADDRESS_FIELDS), { minLength: 1 }), allow: fc.constantFrom("latin", "ascii", "noEmoji"), accents: fc.boolean() }, { requiredKeys: ["kind", "fields", "allow"] }),
  fc.constant({ kind: "streetNumber" }),
  fc.record({ kind: fc.constant("postalCode"), mode: fc.constantFrom("allow", "block"), codes: fc.dictionary(country, fc.array(fc.constantFrom("75001", "75*", "75000..75999", "SW1A1AA", "9*", "62701"), { minLength: 1, maxLength: 4 }), { minKeys: 1, maxKeys: 3 }) }),
  fc.record({ kind: fc.constant("destination"), mode: fc.constantFrom("allow", "block"), countries: fc.uniqueArray(country, { maxLength: 3 }), provinces: fc.dictionary(country, fc.array(fc.constantFrom("ON", "QC", "HI", "AK", "IL", "BY"), { minLength: 1, maxLength: 3 }), { maxKeys: 2 }) }, { requiredKeys: ["kind", "mode", "countries"] }), // its `countries` replaces the scope
  fc.tuple(fc.record({ kind: fc.constant("cartQuantity") }), minMax(count)).map(([a, b]) => ({ ...a, ...b })),
  fc.tuple(fc.record({ kind: fc.constant("lineQuantity"), multiple: fc.integer({ min: 1, max: 12 }), select: selectorArb }, { requiredKeys: ["kind"] }), minMax(count)).map(([a, b]) => ({ ...a, ...b })),
  fc.tuple(fc.record({ kind: fc.constant("productQuantity"), select: selectorArb }, { requiredKeys: ["kind"] }), minMax(count)).map(([a, b]) => ({ ...a, ...b })),
  fc.record({ kind: fc.constant("subtotal"), limits: fc.dictionary(fc.constantFrom("USD", "EUR", "CAD"), minMax(fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true })), { minKeys: 1, maxKeys: 2 }) }),
  fc.record({ kind: fc.constant("distinctLines"), max: fc.integer({ min: 1, max: 300 }) }),
  fc.tuple(fc.record({ kind: fc.constant("weight"), unit: fc.constantFrom(...WEIGHT_UNITS) }), minMax(fc.double({ min: 0, max: 1e4, noNaN: true, noDefaultInfinity: true }))).map(([a, b]) => ({ ...a, ...b })),
  fc.record({ kind: fc.constant("exclusive"), select: selectorArb, other: selectorArb }, { requiredKeys: ["kind", "select"] }),
  fc.record({ kind: fc.constant("dependency"), select: selectorArb, requires: selectorArb }),
];
const ADDRESS_KIND_COUNT = 8;

const ruleArb = (index: number) =>
  fc.integer({ min: 0, max: ruleBody.length - 1 }).chain((k) =>
    fc.tuple(commonArb(index), ruleBody[k], k < ADDRESS_KIND_COUNT ? display : fc.constant({})).map(([c, body, d]) => ({ ...c, ...body, ...d })),
  );

const validConfigArb = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(i))))
  .map((rules) => ({ v: 1, rules, clock: clockTimes }));

const configArb = fc.oneof(
  { weight: 3, arbitrary: validConfigArb as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const inputSpecArb = (maxLines: number): fc.Arbitrary<InputSpec> =>
  fc.record({
    step: fc.constantFrom("CART_INTERACTION", "CHECKOUT_INTERACTION", "CHECKOUT_COMPLETION", null),
    lines: fc.oneof(
      fc.array(lineArb, { maxLength: Math.min(maxLines, 10) }),
      fc.array(lineArb, { maxLength: maxLines, size: "max" }),
      fc.array(lineArb, { minLength: Math.floor(maxLines * 0.8), maxLength: maxLines }),
    ),
    currency: fc.constantFrom("USD", "EUR", "CAD", "JPY"),
    addresses: fc.array(addressArb, { maxLength: 3 }),
    language: fc.constantFrom("EN", "FR", "DE", "PT_BR", "PT_PT", "JA", "NL"),
    country: country,
    clock: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    config: configArb,
  }) as fc.Arbitrary<InputSpec>;

// ---------------------------------------------------------------------------

let schema: GraphQLSchema;
let bundle: string;

beforeAll(async () => {
  schema = await loadSchema(SCHEMA_FILE);
  bundle = (await buildFunctionBundle({ outfile: null })).code;
}, 60_000);

async function checkOutput(output: unknown) {
  const json = JSON.stringify(output);
  expect(Buffer.byteLength(json)).toBeLessThan(OUTPUT_LIMIT);
  const validation = await validateFixtureOutput(output as Record<string, unknown>, schema, "cartValidationsGenerateRun", "result");
  expect(validation.errors).toEqual([]);
}

describe("the function, on arbitrary inputs", () => {
  test("generated configurations are valid documents", () => {
    fc.assert(
      fc.property(validConfigArb, (config) => {
        const parsed = parseConfig(config);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
      }),
      { numRuns: 300 },
    );
  });

  test("generated inputs match the input query", async () => {
    const query = await loadInputQuery(INPUT_QUERY_FILE);
    fc.assert(
      fc.property(inputSpecArb(20), (spec) => {
        expect(validateFixtureInput(query, schema, buildInput(spec)).errors).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("never throws and returns schema-valid output under 20,000 bytes (TypeScript, 0–250 lines)", async () => {
    await fc.assert(
      fc.asyncProperty(inputSpecArb(250), async (spec) => {
        const output = cartValidationsGenerateRun(buildInput(spec) as never);
        await checkOutput(output);
      }),
      { numRuns: 300 },
    );
  });

  test("many failing rules on a large cart still fit in 20,000 bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 150, max: 250 }), fc.string({ minLength: 400, maxLength: 500 }).filter((s) => s.trim() !== ""), async (n, message) => {
        const lines = Array.from({ length: n }, (_, i) => ({ quantity: 7, product: { id: 10_000 + i, title: `Product ${i} ${message.slice(0, 50)}` } }));
        const rules = Array.from({ length: 50 }, (_, i) => ({ id: `lq${i}`, kind: "lineQuantity", max: 1, message: `${i} ${message}`.slice(0, 500) }));
        const output = cartValidationsGenerateRun(buildInput({ lines, config: { v: 1, rules } }) as never);
        await checkOutput(output);
      }),
      { numRuns: 10 },
    );
  });

  test("the WebAssembly bundle returns the same output, without error", async () => {
    await fc.assert(
      fc.asyncProperty(inputSpecArb(60), async (spec) => {
        const input = buildInput(spec);
        const expected = cartValidationsGenerateRun(structuredClone(input) as never);
        const run = await runFunction(input, { bundle });
        expect(run.error).toBeNull();
        expect(run.output).toEqual(expected);
        await checkOutput(run.output);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
