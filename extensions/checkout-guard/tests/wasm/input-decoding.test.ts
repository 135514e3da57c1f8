/**
 * The runner's two input models (RunOptions.inputDecoding): "native" (the input
 * encoded beforehand as QuickJS binary JSON and decoded by JS_ReadObject during
 * ShopifyFunction.readInput()) and "api" (every value built through the
 * quickjs-emscripten API). An echo bundle must return exactly its input under
 * both, and the native model must cost fewer counted instructions (a relation
 * between two deterministic counts, not a timing).
 */
import { describe, expect, test } from "vitest";
import { runFunction } from "../../runner/wasm-runner";
import { address, buildFunctionInput, manyLines } from "../../runner/sample-input";
import { CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../src/engine/functions";

const ECHO_BUNDLE =
  "export function cartValidationsGenerateRun(){ ShopifyFunction.writeOutput(ShopifyFunction.readInput()) }";
const MODELS = ["native", "api"] as const;

/** Every JSON kind, and the strings a C-string or UTF-16 slip would break. */
const VARIED = {
  "nul\0key": "nul\0in\0value\0",
  "\0": "\0",
  plain: "ascii",
  accented: "é, ü, ß, ø",
  emoji: "📦 PO Box 12 🇺🇸",
  "clé 🔑": "non-BMP in a key",
  cjk: "東京都千代田区",
  empty: "",
  integers: [0, 1, -1, 42, 2147483647, -2147483648, 2147483648, 9007199254740991, -9007199254740991],
  floats: [0.5, -0.25, 3.141592653589793, 1e-7, 1.7976931348623157e308, 5e-324, 12.5, 1e21],
  booleans: [true, false],
  nothing: null,
  emptyArray: [],
  emptyObject: {},
  nested: {
    a: [null, [null, [null, []]], {}],
    b: { c: { d: { e: null, f: [{ g: "\0😀é" }] } } },
    "": [[[]]],
  },
  mixed: [1, "two", 3.5, false, null, { "4": [5] }, [], {}],
  "123": "integer-like key",
};

/** A rule of each function, for its document. */
const SAMPLE_RULE: Record<CheckoutFunction, Record<string, unknown>> = {
  address: { id: "kind", kind: "addressKind", block: ["parcelLocker"] },
  cart: { id: "q", kind: "cartQuantity", max: 30 },
  weight: { id: "w", kind: "weight", max: 30, unit: "KILOGRAMS" },
  productsLean: { id: "l", kind: "lineQuantity", max: 3, select: { tags: ["wine"] } },
  products: { id: "l", kind: "lineQuantity", max: 3, select: { tags: ["wine"], variants: ["5"] } },
};

describe.each(MODELS)('inputDecoding: "%s"', (inputDecoding) => {
  test("an echo bundle returns exactly the input (NULs, non-BMP, numbers, empty and nested values)", async () => {
    const run = await runFunction(VARIED, { bundle: ECHO_BUNDLE, inputDecoding });
    expect(run.error).toBeNull();
    expect(run.output).toStrictEqual(VARIED);
    // Same key order and same number spelling, not only deep equality.
    expect(JSON.stringify(run.output)).toBe(JSON.stringify(VARIED));
  });

  test.each(CHECKOUT_FUNCTION_NAMES)("an echo bundle returns a sample %s function input unchanged", async (fn) => {
    const input = buildFunctionInput(fn, {
      step: "CHECKOUT_INTERACTION",
      lines: manyLines(5, (i) => ({ quantity: i + 1, amount: 9.99 * (i + 1), product: { id: 100 + i, title: `Ünïcødé ${i} 🎁`, tags: ["wine"] } })),
      addresses: [address({ address1: "Packstation 101", city: "München", zip: "80331", countryCode: "DE" })],
      config: { v: 1, rules: [SAMPLE_RULE[fn]] },
    });
    const run = await runFunction(input, { bundle: ECHO_BUNDLE, inputDecoding });
    expect(run.error).toBeNull();
    expect(run.output).toStrictEqual(input);
  });
});

test("the default input model is native", async () => {
  const input = buildFunctionInput("cart", { lines: manyLines(3) });
  const byDefault = await runFunction(input, { bundle: ECHO_BUNDLE });
  const native = await runFunction(input, { bundle: ECHO_BUNDLE, inputDecoding: "native" });
  expect(byDefault.error).toBeNull();
  expect(byDefault.executeInstructions).toBe(native.executeInstructions);
});

test("native decoding of a 50-line products function input costs fewer instructions than the API", async () => {
  const input = buildFunctionInput("products", {
    step: "CHECKOUT_COMPLETION",
    lines: manyLines(50, (i) => ({ quantity: 1 + (i % 3), product: { id: 5000 + i, title: `Product ${i}`, tags: i % 4 === 0 ? ["wine"] : [] } })),
    addresses: [address({ address1: "1600 Pennsylvania Avenue NW", city: "Washington", zip: "20500", provinceCode: "DC" })],
  });
  const native = await runFunction(input, { bundle: ECHO_BUNDLE, inputDecoding: "native" });
  const api = await runFunction(input, { bundle: ECHO_BUNDLE, inputDecoding: "api" });
  expect(native.error).toBeNull();
  expect(api.error).toBeNull();
  expect(native.output).toStrictEqual(api.output);
  expect(native.executeInstructions).toBeGreaterThan(0);
  expect(native.executeInstructions).toBeLessThan(api.executeInstructions);
});
