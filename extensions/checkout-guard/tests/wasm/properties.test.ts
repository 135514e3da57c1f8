/**
 * Property-based tests (fast-check) of every checkout function. Whatever the cart
 * (0–250 lines), the addresses (any Unicode, nulls, missing groups) and the
 * configuration (valid documents generated from the model and split as the
 * admin publishes them, or arbitrary JSON), each function, given its own input
 * (projected onto its query),
 * - never throws,
 * - returns output valid against its schema's CartValidationsGenerateRunResult,
 * - returns output JSON under 20,000 bytes,
 * and its WebAssembly bundle returns the same output (fewer runs: it is slower).
 *
 * The functions do not re-validate their document (the admin does, with
 * parseConfig, and is the only writer of the metafield), so:
 * - every document parseConfig accepts is evaluated by each function's rules
 *   without throwing (the entries' catch-all is never what answers);
 * - any JSON at all as the document (malformed, other versions, rules of
 *   unknown kinds or with values of any type) never makes an entry throw and
 *   always gives schema-valid output; it may let checkout through.
 */
import fc from "fast-check";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { validateFixtureInput, validateFixtureOutput } from "@shopify/shopify-function-test-helpers";
import { runFunction } from "../../runner/wasm-runner";
import {
  ADDRESS_KEYS,
  address,
  buildFunctionInput,
  buildFunctionInputs,
  functionSpecs,
  type AddressSpec,
  type InputSpec,
  type LineSpec,
} from "../../runner/sample-input";
import {
  ADDRESS_FIELDS,
  ADDRESS_KIND_FIELDS,
  ADDRESS_KINDS,
  parseConfig,
  STAGES,
  WEIGHT_UNITS,
  type Config,
} from "../../src/engine/config";
import { evaluateFacts } from "../../src/engine/evaluate";
import { readFacts } from "../../src/engine/facts";
import { splitConfig, type CheckoutFunction } from "../../src/engine/functions";
import { toResult } from "../../src/engine/run";
import type { FunctionInput } from "../../src/engine/types";
import { CHECKOUT_FUNCTION_NAMES, ENTRIES, freshBundle, inputQueryAstOf, RULE_FAMILIES, schemaOf } from "./functions";

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

// Documents the admin accepts, beyond the generator above: one valid rule of
// each kind with up to three keys replaced by values of any type, kept when
// parseConfig accepts the result (edge values the model allows).

const VALID_RULES: Record<string, unknown>[] = [
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
const RULE_KEYS = [
  "id", "kind", "stage", "message", "translations", "countries", "schedule", "display", "block", "fields", "field", "pattern", "mode",
  "ignoreCase", "min", "max", "allow", "accents", "codes", "provinces", "multiple", "select", "limits", "unit", "other", "requires",
];
/** Values of every kind used to replace a key of a valid rule. */
const REPLACEMENTS: unknown[] = [
  null, true, false, 0, -1, 1, 1.5, 1e7, 1e13, -0.5, "", " ", "x", "FR", "fr", "EUR", "poBox", "latin", "allow", "block", "field", "banner",
  "address1", "KILOGRAMS", "2026-01-01T00:00:00", "2026-01-01", "123", "0123", "{max} {product} {field}", "([", [], ["x"], ["FR"],
  ["123"], ["poBox"], ["address1"], [""], [null], [1], {}, { codes: ["FR"] }, { codes: [] }, { not: true, codes: ["US"] }, { FR: ["1"] },
  { fr: "x" }, { fr: 1 }, { EUR: { min: 1 } }, { USD: { max: "1" } }, { products: ["1"] }, { products: ["a"] }, { tags: [1] },
  { start: "2026-01-01T00:00:00" }, { start: "nope" }, { end: 5 }, "x".repeat(501), "1".repeat(21),
  // Names of Object.prototype's members, where a table is looked up by a document's value.
  "constructor", "toString", "__proto__", "hasOwnProperty", ["constructor"], ["toString"], { constructor: ["1"] }, JSON.parse('{"__proto__":["1"]}'),
];
const replacement = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...REPLACEMENTS) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const mutatedRuleArb = fc
  .tuple(fc.constantFrom(...VALID_RULES), fc.dictionary(fc.constantFrom(...RULE_KEYS), fc.option(replacement, { nil: undefined }), { maxKeys: 3 }))
  .map(([base, patch]) => {
    const rule: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete rule[key];
      else rule[key] = value;
    }
    return rule;
  });
const acceptedConfigArb: fc.Arbitrary<Config> = fc.oneof(
  validConfigArb as fc.Arbitrary<unknown>,
  fc
    .tuple(fc.array(mutatedRuleArb, { maxLength: 6 }), fc.constantFrom(undefined, clockTimes, ["2026-06-01T00:00:00"], []))
    .map(([rules, clock]) => ({ v: 1, rules: rules.map((r, i) => ({ ...r, id: `r${i}` })), ...(clock ? { clock } : {}) })),
).filter((doc) => parseConfig(doc).ok) as fc.Arbitrary<Config>;

// Any JSON as the document: a rule of a known kind with keys of any type,
// unknown kinds, rules and outlines that are not objects, and all of it as a
// JSON string too (the metafield's jsonValue may be a string).
const looseRuleArb = fc.oneof(
  { weight: 4, arbitrary: mutatedRuleArb },
  { weight: 1, arbitrary: fc.record({ id: replacement, kind: fc.oneof(fc.constantFrom("teleport", "", "toString", "__proto__"), replacement) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const looseDocumentArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.record(
    {
      v: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: replacement }),
      rules: fc.oneof({ weight: 5, arbitrary: fc.array(looseRuleArb, { maxLength: 6 }) }, { weight: 1, arbitrary: replacement }),
      clock: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...clockTimes), replacement), { maxLength: 9 }), replacement),
      // The products functions' list slots as the admin publishes them, with values of any type.
      slots: fc.oneof(
        fc.record(
          Object.fromEntries(
            ["tags", "collections", "products", "variants"].map((key) => [
              key,
              fc.oneof(fc.array(fc.oneof(fc.constantFrom("t", "preorder", "2", "3", "gid://shopify/Product/1", "gid://shopify/ProductVariant/2"), replacement), { maxLength: 3 }), replacement),
            ]),
          ),
          { requiredKeys: [] },
        ),
        replacement,
      ),
      extra: replacement,
    },
    { requiredKeys: ["v", "rules"] },
  ) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);
const anyDocumentArb = fc.oneof({ weight: 4, arbitrary: looseDocumentArb }, { weight: 1, arbitrary: looseDocumentArb.map((doc) => JSON.stringify(doc) ?? "") });

/** Inputs whose addresses and lines give the rules above something to find. */
const eventfulSpecArb = (maxLines: number): fc.Arbitrary<InputSpec> =>
  fc.tuple(inputSpecArb(maxLines), fc.array(fc.constantFrom(
    address({ address1: "PO Box 12" }),
    address({ address1: "Main Street", phone: null, zip: "9", countryCode: "FR", city: "Москва" }),
    address({ provinceCode: "CA", zip: "95014" }),
    address({ countryCode: "FR", zip: "75002", address2: "P.O. Box 7 " + "x".repeat(40) }),
  ), { maxLength: 3 })).map(([spec, more]) => ({ ...spec, addresses: [...(spec.addresses ?? []), ...more] }));

// ---------------------------------------------------------------------------

const schemas = {} as Record<CheckoutFunction, GraphQLSchema>;
const queries = {} as Record<CheckoutFunction, DocumentNode>;

beforeAll(async () => {
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    schemas[fn] = await schemaOf(fn);
    queries[fn] = await inputQueryAstOf(fn);
    await freshBundle(fn);
  }
}, 60_000);

async function checkOutput(fn: CheckoutFunction, output: unknown) {
  const json = JSON.stringify(output);
  expect(Buffer.byteLength(json)).toBeLessThan(OUTPUT_LIMIT);
  const validation = await validateFixtureOutput(output as Record<string, unknown>, schemas[fn], "cartValidationsGenerateRun", "result");
  expect(validation.errors).toEqual([]);
}

/** The input as Shopify hands it over: plain JSON values. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Runs a function's TypeScript entry, failing the property if it throws. */
function runEntry(fn: CheckoutFunction, input: unknown) {
  let output: unknown;
  expect(() => {
    output = ENTRIES[fn](asJson(input));
  }).not.toThrow();
  return output;
}

async function sameInWasm(fn: CheckoutFunction, input: unknown) {
  const expected = ENTRIES[fn](asJson(input));
  const run = await runFunction(input, { function: fn });
  expect(run.error).toBeNull();
  expect(run.output).toEqual(expected);
  await checkOutput(fn, run.output);
}

describe("the functions, on arbitrary inputs", () => {
  test("generated configurations are valid documents", () => {
    fc.assert(
      fc.property(validConfigArb, (config) => {
        const parsed = parseConfig(config);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
      }),
      { numRuns: 300 },
    );
  });

  test.each(CHECKOUT_FUNCTION_NAMES)("generated %s inputs match its input query", (fn) => {
    fc.assert(
      fc.property(inputSpecArb(20), (spec) => {
        expect(validateFixtureInput(queries[fn], schemas[fn], buildFunctionInputs(spec)[fn]).errors).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  test("never throw and return schema-valid output under 20,000 bytes (TypeScript entries, 0–250 lines)", async () => {
    await fc.assert(
      fc.asyncProperty(inputSpecArb(250), async (spec) => {
        const inputs = buildFunctionInputs(spec);
        for (const fn of CHECKOUT_FUNCTION_NAMES) await checkOutput(fn, runEntry(fn, inputs[fn]));
      }),
      { numRuns: 300 },
    );
  });

  test("many failing product rules on a large cart still fit in 20,000 bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 150, max: 250 }), fc.string({ minLength: 400, maxLength: 500 }).filter((s) => s.trim() !== ""), async (n, message) => {
        const lines = Array.from({ length: n }, (_, i) => ({ quantity: 7, product: { id: 10_000 + i, title: `Product ${i} ${message.slice(0, 50)}` } }));
        const rules = Array.from({ length: 50 }, (_, i) => ({ id: `lq${i}`, kind: "lineQuantity", max: 1, message: `${i} ${message}`.slice(0, 500) }));
        const output = runEntry("products", buildFunctionInput("products", { lines, config: { v: 1, rules } })) as ReturnType<(typeof ENTRIES)["products"]>;
        expect(output.operations[0].validationAdd?.errors.length).toBeGreaterThan(0);
        await checkOutput("products", output);
      }),
      { numRuns: 10 },
    );
  });

  test("many failing address rules on many delivery groups still fit in 20,000 bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 5, max: 40 }), fc.string({ minLength: 400, maxLength: 500 }).filter((s) => s.trim() !== ""), async (n, message) => {
        const addresses = Array.from({ length: n }, (_, i) => address({ address1: `PO Box ${i}`, phone: null }));
        const rules = Array.from({ length: 50 }, (_, i) =>
          i % 2 === 0
            ? { id: `k${i}`, kind: "addressKind", block: ["poBox"], message: `${i} ${message}`.slice(0, 500) }
            : { id: `r${i}`, kind: "requiredFields", fields: ["phone"], message: `${i} ${message}`.slice(0, 500) },
        );
        const output = runEntry("address", buildFunctionInput("address", { addresses, config: { v: 1, rules } })) as ReturnType<(typeof ENTRIES)["address"]>;
        expect(output.operations[0].validationAdd?.errors.length).toBeGreaterThan(0);
        await checkOutput("address", output);
      }),
      { numRuns: 10 },
    );
  });

  test("the WebAssembly bundles return the same output, without error", async () => {
    await fc.assert(
      fc.asyncProperty(inputSpecArb(60), async (spec) => {
        const inputs = buildFunctionInputs(spec);
        for (const fn of CHECKOUT_FUNCTION_NAMES) await sameInWasm(fn, inputs[fn]);
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});

describe("documents the admin accepts", () => {
  test("are evaluated by each function's rules without throwing, and the entry, given the document as published, returns that evaluation", () => {
    fc.assert(
      fc.property(eventfulSpecArb(30), acceptedConfigArb, (spec, config) => {
        const specs = functionSpecs({ ...spec, config });
        for (const fn of CHECKOUT_FUNCTION_NAMES) {
          const input = asJson(buildFunctionInput(fn, specs[fn]));
          // The admin's document (rule ids, list slots worked out at the run), below
          // the entry's catch-all: a throw here would let checkout through unnoticed.
          const evaluation = evaluateFacts(splitConfig(config)[fn], readFacts(input as unknown as FunctionInput, RULE_FAMILIES[fn].lines), RULE_FAMILIES[fn]);
          expect(runEntry(fn, input)).toEqual(toResult(evaluation.errors));
          // As an earlier version published it, the same.
          expect(runEntry(fn, asJson(buildFunctionInput(fn, { ...specs[fn], documentAsIs: true })))).toEqual(toResult(evaluation.errors));
        }
      }),
      { numRuns: 400 },
    );
  });

  test("the WebAssembly bundles return the same output as the TypeScript entries", async () => {
    await fc.assert(
      fc.asyncProperty(eventfulSpecArb(20), acceptedConfigArb, async (spec, config) => {
        const inputs = buildFunctionInputs({ ...spec, config });
        for (const fn of CHECKOUT_FUNCTION_NAMES) await sameInWasm(fn, inputs[fn]);
      }),
      { numRuns: 20 },
    );
  }, 180_000);

  test("some of them block in each function (the properties above are not vacuous)", () => {
    const blocked = Object.fromEntries(CHECKOUT_FUNCTION_NAMES.map((fn) => [fn, 0])) as Record<CheckoutFunction, number>;
    fc.assert(
      fc.property(eventfulSpecArb(30), acceptedConfigArb, (spec, config) => {
        const inputs = buildFunctionInputs({ ...spec, config });
        for (const fn of CHECKOUT_FUNCTION_NAMES) {
          if ((ENTRIES[fn](asJson(inputs[fn])).operations[0].validationAdd?.errors.length ?? 0) > 0) blocked[fn]++;
        }
      }),
      // Enough runs for the function of one kind (weight) to meet its rule often.
      { numRuns: 400, seed: 1 },
    );
    for (const fn of CHECKOUT_FUNCTION_NAMES) expect(blocked[fn], fn).toBeGreaterThan(10);
  });
});

describe("any JSON as the document", () => {
  test("never makes an entry throw; the output is schema-valid and under 20,000 bytes", async () => {
    await fc.assert(
      fc.asyncProperty(eventfulSpecArb(20), anyDocumentArb, async (spec, document) => {
        for (const fn of CHECKOUT_FUNCTION_NAMES) {
          await checkOutput(fn, runEntry(fn, buildFunctionInput(fn, { ...spec, config: document })));
        }
      }),
      { numRuns: 1000 },
    );
  });

  // Not compared with the TypeScript entries: on documents the admin never
  // writes, a message can differ between the engines (a field named
  // "constructor" is labelled with Function#toString, which V8 and QuickJS
  // spell differently). What holds is what checkout needs.
  test("never makes a WebAssembly bundle fail; the output is schema-valid and under 20,000 bytes", async () => {
    await fc.assert(
      fc.asyncProperty(eventfulSpecArb(10), anyDocumentArb, async (spec, document) => {
        for (const fn of CHECKOUT_FUNCTION_NAMES) {
          const run = await runFunction(buildFunctionInput(fn, { ...spec, config: document }), { function: fn });
          expect(run.error).toBeNull();
          await checkOutput(fn, run.output);
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
