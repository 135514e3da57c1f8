import { describe, expect, test } from "vitest";
import { cartValidationsGenerateRun } from "../../src/cart_validations_generate_run";
import * as entry from "../../src/index";
import { evaluate } from "../../src/engine/evaluate";
import { ERRORS_BYTE_BUDGET, MAX_ERRORS, MAX_MESSAGE_BYTES, OUTPUT_BYTE_LIMIT, utf8Length } from "../../src/engine/output";
import { config, input, line } from "./build";

const validConfig = { v: 1, rules: [{ id: "q", kind: "cartQuantity", max: 1 }] };
const tooMany = [line({ quantity: 2 })];

describe("function entry", () => {
  test("returns one validationAdd operation with the errors", () => {
    expect(cartValidationsGenerateRun(input({ config: validConfig, lines: tooMany }))).toEqual({
      operations: [{ validationAdd: { errors: [{ target: "$.cart", message: "Your cart can contain at most 1 items (currently 2)." }] } }],
    });
  });

  test("no errors: the same operation, empty", () => {
    expect(cartValidationsGenerateRun(input({ config: validConfig, lines: [line()] }))).toEqual({ operations: [{ validationAdd: { errors: [] } }] });
  });

  test("src/index.ts re-exports the entry", () => {
    expect(entry.cartValidationsGenerateRun).toBe(cartValidationsGenerateRun);
  });

  test("accepts the configuration as a JSON string too", () => {
    const result = cartValidationsGenerateRun(input({ config: JSON.stringify(validConfig), lines: tooMany }));
    expect(result.operations[0].validationAdd?.errors).toHaveLength(1);
  });

  const unusable: [string, unknown][] = [
    ["missing metafield", undefined],
    ["null", null],
    ["not JSON", "{nope"],
    ["an array", []],
    ["a number", 42],
    ["a future version", { v: 2, rules: [{ id: "q", kind: "cartQuantity", max: 1 }] }],
    ["an unknown rule kind", { v: 1, rules: [{ id: "q", kind: "teleport" }] }],
    ["a rule missing fields", { v: 1, rules: [{ id: "q", kind: "fieldPattern" }] }],
    ["an unknown top-level key", { ...validConfig, extra: true }],
  ];
  for (const [name, value] of unusable) {
    test(`lets checkout through with ${name}`, () => {
      expect(cartValidationsGenerateRun(input({ config: value, lines: tooMany }))).toEqual({ operations: [{ validationAdd: { errors: [] } }] });
    });
  }

  test("never throws, whatever the input", () => {
    const garbage: unknown[] = [null, undefined, {}, [], 1, "x", { cart: null }, { cart: { lines: "nope", deliveryGroups: [null, 1] }, validation: { metafield: { jsonValue: validConfig } } }];
    for (const value of garbage) {
      expect(() => cartValidationsGenerateRun(value as never)).not.toThrow();
    }
    // Lines without merchandise still count; malformed groups are skipped.
    const weird = { buyerJourney: {}, cart: { lines: [{ quantity: 5 }, null], deliveryGroups: [null, {}] }, validation: { metafield: { jsonValue: validConfig } } };
    expect(cartValidationsGenerateRun(weird as never).operations[0].validationAdd?.errors).toHaveLength(1);
  });
});

describe("output caps", () => {
  const hugeTitle = "Ü".repeat(2_000);

  test("identical target and message are sent once", () => {
    const rules = [{ id: "a", kind: "cartQuantity", max: 1 }, { id: "b", kind: "cartQuantity", max: 1 }];
    expect(evaluate(config(rules), input({ lines: tooMany })).errors).toHaveLength(1);
  });

  test("messages are cut to MAX_MESSAGE_BYTES", () => {
    const rules = [{ id: "l", kind: "lineQuantity", max: 1 }];
    const [error] = evaluate(config(rules), input({ lines: [line({ title: hugeTitle, quantity: 2 })] })).errors;
    expect(utf8Length(error.message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(error.message.endsWith("…")).toBe(true);
  });

  test("at most MAX_ERRORS errors", () => {
    const lines = Array.from({ length: 200 }, (_, i) => line({ title: `P${i}`, quantity: 3 }));
    const result = evaluate(config([{ id: "l", kind: "lineQuantity", max: 1 }]), input({ lines }));
    expect(result.errors).toHaveLength(MAX_ERRORS);
    expect(result.violations.length).toBeGreaterThanOrEqual(MAX_ERRORS);
  });

  test("the whole output stays under 20,000 bytes whatever the input", () => {
    const rules = Array.from({ length: 50 }, (_, i) => ({
      id: `r${i}`,
      kind: "lineQuantity",
      max: 1,
      message: `${"\"\\".repeat(100)}{product} ${i} ${"€".repeat(150)}`,
    }));
    const lines = Array.from({ length: 200 }, (_, i) => line({ title: `${hugeTitle}${i}`, quantity: 3 }));
    const output = cartValidationsGenerateRun(input({ config: { v: 1, rules }, lines }));
    const errors = output.operations[0].validationAdd!.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(utf8Length(JSON.stringify(errors))).toBeLessThanOrEqual(ERRORS_BYTE_BUDGET);
    expect(utf8Length(JSON.stringify(output))).toBeLessThan(OUTPUT_BYTE_LIMIT);
  });
});

describe("performance", () => {
  test("200 lines × 50 rules evaluates in a few milliseconds", () => {
    const lines = Array.from({ length: 200 }, (_, i) =>
      line({ productId: 1 + (i % 40), tags: i % 3 ? ["a"] : ["b"], collections: [i % 7], quantity: 1 + (i % 4), weight: 120 }),
    );
    const kinds = [
      { kind: "lineQuantity", max: 100, multiple: 1, select: { tags: ["a"] } },
      { kind: "productQuantity", max: 1000, select: { collections: ["3"] } },
      { kind: "cartQuantity", max: 100000 },
      { kind: "weight", max: 100000, unit: "KILOGRAMS" },
      { kind: "exclusive", select: { products: ["999999"] } },
      { kind: "dependency", select: { tags: ["zzz"] }, requires: { products: ["1"] } },
      { kind: "fieldPattern", field: "zip", pattern: "^\\d{5}$", mode: "allow" },
      { kind: "postalCode", mode: "block", codes: { FR: Array.from({ length: 500 }, (_, j) => String(10000 + j)) } },
      { kind: "charset", fields: ["address1", "city"], allow: "latin" },
      { kind: "addressKind", block: ["poBox", "parcelLocker"] },
    ];
    const rules = Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, ...kinds[i % kinds.length] }));
    const value = input({ config: { v: 1, rules }, lines, addresses: [{}, {}] });
    cartValidationsGenerateRun(value); // warm up
    const start = performance.now();
    const result = cartValidationsGenerateRun(value);
    const elapsed = performance.now() - start;
    expect(result.operations[0].validationAdd!.errors).toEqual([]);
    expect(elapsed).toBeLessThan(50);
  });
});
