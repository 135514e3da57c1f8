import { describe, expect, test } from "vitest";
import { evaluate } from "../../src/engine";
import { CHECKOUT_FUNCTION_NAMES } from "../../src/engine/functions";
import { ERRORS_BYTE_BUDGET, MAX_ERRORS, MAX_MESSAGE_BYTES, OUTPUT_BYTE_LIMIT, utf8Length } from "../../src/engine/output";
import { ENTRIES, INDEX_MODULES, RULE_FAMILIES } from "../entries";
import { config, input, line } from "./build";

const NO_ERRORS = { operations: [{ validationAdd: { errors: [] } }] };

const tooMany = [line({ quantity: 2, title: "Tea", variantId: 77 })];
const poBox = [{ address1: "PO Box 12" }];
/** For each function: a document of its own rules that blocks `blocked`, and what it returns then. */
const BLOCKING = {
  address: {
    rule: { id: "k", kind: "addressKind", block: ["poBox"] },
    errors: [
      {
        target: "$.cart.deliveryGroups[0].deliveryAddress.address1",
        message: "Address: we can't deliver to this type of address (PO box). Please enter a street address.",
      },
    ],
  },
  cart: {
    rule: { id: "q", kind: "cartQuantity", max: 1 },
    errors: [{ target: "$.cart", message: "Your cart can contain at most 1 items (currently 2)." }],
  },
  weight: {
    // The lines weigh 100 g a unit.
    rule: { id: "w", kind: "weight", max: 0.1, unit: "KILOGRAMS" },
    errors: [{ target: "$.cart", message: "The maximum order weight is 0.1 kg (currently 0.2 kg)." }],
  },
  productsLean: {
    rule: { id: "l", kind: "lineQuantity", max: 1 },
    errors: [{ target: "$.cart", message: "Tea: the maximum quantity is 1." }],
  },
  // A product rule that selects a variant: the products function's (engine/functions.ts).
  products: {
    rule: { id: "v", kind: "lineQuantity", max: 1, select: { variants: ["77"] } },
    errors: [{ target: "$.cart", message: "Tea: the maximum quantity is 1." }],
  },
} as const;
const blocked = { lines: tooMany, addresses: poBox };
const cartRun = ENTRIES.cart;
const addressRun = ENTRIES.address;

test("every function has a blocking example here", () => {
  expect(Object.keys(BLOCKING).sort()).toEqual([...CHECKOUT_FUNCTION_NAMES].sort());
});

describe.each(CHECKOUT_FUNCTION_NAMES)("the %s function's entry", (fn) => {
  const run = ENTRIES[fn];
  const validConfig = { v: 1, rules: [BLOCKING[fn].rule] };

  test("returns one validationAdd operation with the errors", () => {
    expect(run(input({ config: validConfig, ...blocked }))).toEqual({ operations: [{ validationAdd: { errors: BLOCKING[fn].errors } }] });
  });

  test("no errors: the same operation, empty", () => {
    expect(run(input({ config: validConfig, lines: [line()], addresses: [{ address1: "12 Main Street" }] }))).toEqual(NO_ERRORS);
  });

  test("src/index.ts re-exports the entry", () => {
    expect(INDEX_MODULES[fn].cartValidationsGenerateRun).toBe(run);
  });

  test("accepts the configuration as a JSON string too", () => {
    expect(run(input({ config: JSON.stringify(validConfig), ...blocked })).operations[0].validationAdd?.errors).toEqual(BLOCKING[fn].errors);
  });

  test("evaluates only its own family of rules: the other functions' rules are skipped", () => {
    // The two products functions run the same family (they differ in their queries).
    const otherFamilies = CHECKOUT_FUNCTION_NAMES.filter((other) => RULE_FAMILIES[other] !== RULE_FAMILIES[fn]);
    const others = otherFamilies.map((other) => BLOCKING[other].rule);
    expect(others.length).toBeGreaterThanOrEqual(CHECKOUT_FUNCTION_NAMES.length - 2);
    // Each of them blocks this cart in its own function.
    for (const other of otherFamilies) {
      expect(ENTRIES[other](input({ config: { v: 1, rules: [BLOCKING[other].rule] }, ...blocked }))).not.toEqual(NO_ERRORS);
    }
    expect(run(input({ config: { v: 1, rules: others }, ...blocked }))).toEqual(NO_ERRORS);
    expect(run(input({ config: { v: 1, rules: [...others, BLOCKING[fn].rule, ...others] }, ...blocked })).operations[0].validationAdd?.errors).toEqual(
      BLOCKING[fn].errors,
    );
  });

  // The document's version and outline are checked; anything else unexpected
  // blocks nothing.
  const unusable: [string, unknown][] = [
    ["missing metafield", undefined],
    ["null", null],
    ["not JSON", "{nope"],
    ["an array", []],
    ["a number", 42],
    ["a string of JSON that is not a document", '"v"'],
    ["a future version", { v: 2, rules: [BLOCKING[fn].rule] }],
    ["no version", { rules: [BLOCKING[fn].rule] }],
    ["rules that are not a list", { v: 1, rules: { 0: BLOCKING[fn].rule } }],
    ["a clock that is not a list", { v: 1, rules: [BLOCKING[fn].rule], clock: "2026-01-01T00:00:00" }],
    ["an unknown rule kind", { v: 1, rules: [{ id: "q", kind: "teleport" }] }],
    ["a rule missing fields", { v: 1, rules: [{ id: "q", kind: "fieldPattern" }] }],
    ["a rule that is not an object", { v: 1, rules: [null, BLOCKING[fn].rule] }],
  ];
  for (const [name, value] of unusable) {
    test(`lets checkout through with ${name}`, () => {
      expect(run(input({ config: value, ...blocked }))).toEqual(NO_ERRORS);
    });
  }

  test("does not re-validate the document: unknown keys and unknown rule kinds leave the other rules working", () => {
    expect(run(input({ config: { ...validConfig, extra: true }, ...blocked })).operations[0].validationAdd?.errors).toEqual(BLOCKING[fn].errors);
    const withUnknownKind = { v: 1, rules: [{ id: "x", kind: "teleport" }, BLOCKING[fn].rule] };
    expect(run(input({ config: withUnknownKind, ...blocked })).operations[0].validationAdd?.errors).toEqual(BLOCKING[fn].errors);
  });

  test("never throws, whatever the input", () => {
    const garbage: unknown[] = [
      null,
      undefined,
      {},
      [],
      1,
      "x",
      { cart: null },
      { cart: { lines: "nope", deliveryGroups: [null, 1] }, validation: { metafield: { jsonValue: validConfig } } },
    ];
    for (const value of garbage) {
      expect(() => run(value as never)).not.toThrow();
      expect(run(value as never)).toEqual(NO_ERRORS);
    }
  });
});

test("the cart function: lines without merchandise still count; malformed groups are skipped", () => {
  const weird = {
    buyerJourney: {},
    cart: { lines: [{ quantity: 5 }, null], deliveryGroups: [null, {}] },
    validation: { metafield: { jsonValue: { v: 1, rules: [BLOCKING.cart.rule] } } },
  };
  expect(cartRun(weird as never).operations[0].validationAdd?.errors).toHaveLength(1);
});

test("the address function: groups without an address or of the wrong shape are skipped, the others checked", () => {
  const weird = {
    cart: { deliveryGroups: [null, {}, { deliveryAddress: 7 }, { deliveryAddress: { address1: "PO Box 9" } }] },
    validation: { metafield: { jsonValue: { v: 1, rules: [BLOCKING.address.rule] } } },
  };
  expect(addressRun(weird as never).operations[0].validationAdd?.errors.map((e) => e.target)).toEqual([
    "$.cart.deliveryGroups[3].deliveryAddress.address1",
  ]);
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

  test("the products function's whole output stays under 20,000 bytes whatever the input", () => {
    const rules = Array.from({ length: 50 }, (_, i) => ({
      id: `r${i}`,
      kind: "lineQuantity",
      max: 1,
      message: `${"\"\\".repeat(100)}{product} ${i} ${"€".repeat(150)}`,
    }));
    const lines = Array.from({ length: 200 }, (_, i) => line({ title: `${hugeTitle}${i}`, quantity: 3 }));
    const output = ENTRIES.products(input({ config: { v: 1, rules }, lines }));
    const errors = output.operations[0].validationAdd!.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(utf8Length(JSON.stringify(errors))).toBeLessThanOrEqual(ERRORS_BYTE_BUDGET);
    expect(utf8Length(JSON.stringify(output))).toBeLessThan(OUTPUT_BYTE_LIMIT);
  });

  test("the address function's whole output stays under 20,000 bytes whatever the input", () => {
    const rules = Array.from({ length: 50 }, (_, i) => ({
      id: `r${i}`,
      kind: "requiredFields",
      fields: ["phone", "company"],
      message: `${"\"\\".repeat(100)}{field} ${i} ${"€".repeat(150)}`,
    }));
    const addresses = Array.from({ length: 30 }, () => ({ phone: null, company: null }));
    const output = addressRun(input({ config: { v: 1, rules }, addresses }));
    const errors = output.operations[0].validationAdd!.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(utf8Length(JSON.stringify(errors))).toBeLessThanOrEqual(ERRORS_BYTE_BUDGET);
    expect(utf8Length(JSON.stringify(output))).toBeLessThan(OUTPUT_BYTE_LIMIT);
  });
});

describe("performance", () => {
  test("200 lines × 50 rules evaluates in a few milliseconds (every function)", () => {
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
    const both = () => CHECKOUT_FUNCTION_NAMES.map((fn) => ENTRIES[fn](value));
    both(); // warm up
    const start = performance.now();
    const results = both();
    const elapsed = performance.now() - start;
    for (const result of results) expect(result.operations[0].validationAdd!.errors).toEqual([]);
    expect(elapsed).toBeLessThan(50);
  });
});
