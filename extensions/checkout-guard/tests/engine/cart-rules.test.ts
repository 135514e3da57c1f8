import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { errorsFor, line, messagesFor, violationsFor } from "./build";

describe("cartQuantity (rule 9)", () => {
  const rule = { id: "q", kind: "cartQuantity", min: 2, max: 5 };

  test("min and max are inclusive; the total sums every line", () => {
    expect(errorsFor([rule], { lines: [line({ quantity: 1 }), line({ quantity: 1 })] })).toEqual([]);
    expect(errorsFor([rule], { lines: [line({ quantity: 3 }), line({ quantity: 2 })] })).toEqual([]);
    expect(messagesFor([rule], { lines: [line({ quantity: 3 }), line({ quantity: 3 })] })).toEqual([
      "Your cart can contain at most 5 items (currently 6).",
    ]);
    expect(errorsFor([rule], { lines: [line({ quantity: 1 })] })).toEqual([
      { target: "$.cart", message: "Your cart must contain at least 2 items (currently 1)." },
    ]);
  });

  test("gift cards and items that need no shipping count", () => {
    expect(errorsFor([{ id: "q", kind: "cartQuantity", max: 1 }], { lines: [line(), line({ title: "Gift card", requiresShipping: false })] })).toHaveLength(1);
  });

  test("an empty cart is never blocked by a cart rule", () => {
    expect(errorsFor([rule], { lines: [] })).toEqual([]);
  });
});

describe("lineQuantity (rule 10)", () => {
  test("min, max (inclusive) and multiple, per line, naming the product", () => {
    const rule = { id: "l", kind: "lineQuantity", min: 2, max: 12, multiple: 2 };
    const lines = [
      line({ title: "Ok", quantity: 2 }),
      line({ title: "Max", quantity: 12 }),
      line({ title: "Low", quantity: 1 }),
      line({ title: "High", quantity: 14 }),
      line({ title: "Odd", quantity: 5 }),
    ];
    expect(messagesFor([rule], { lines })).toEqual([
      "Low: the minimum quantity is 2.",
      "High: the maximum quantity is 12.",
      "Odd: the quantity must be a multiple of 2.",
    ]);
  });

  test("rules sharing a selector block exactly the selected lines out of their own bounds (shared bounds)", () => {
    const cart = fc.array(fc.record({ productId: fc.constantFrom(1, 2, 3), quantity: fc.integer({ min: 1, max: 9 }), tags: fc.subarray(["x"]) }), {
      minLength: 1,
      maxLength: 8,
    });
    const bounds = fc.array(fc.record({ min: fc.integer({ min: 1, max: 9 }), max: fc.integer({ min: 1, max: 9 }) }, { requiredKeys: [] }), {
      minLength: 1,
      maxLength: 3,
    });
    const select = fc.constantFrom<{ products?: string[]; tags?: string[] }>({ products: ["2"] }, { tags: ["x"] });
    fc.assert(
      fc.property(cart, bounds, select, (specs, limits, selector) => {
        const selected = specs.filter((spec) => (selector.products ? selector.products.includes(String(spec.productId)) : spec.tags.includes("x")));
        const expected = limits.reduce(
          (count, { min, max }) => count + selected.filter((s) => (max !== undefined && s.quantity > max) || (min !== undefined && s.quantity < min)).length,
          0,
        );
        const lines = specs.map((spec, i) => line({ ...spec, title: `Line ${i}` }));
        const rules = limits.map((limit, r) => ({ id: `l${r}`, kind: "lineQuantity", ...limit, select: selector }));
        expect(violationsFor(rules, { lines })).toHaveLength(expected);
      }),
      { numRuns: 400 },
    );
  });

  test("selector by product id (numeric part of the GID)", () => {
    const rule = { id: "l", kind: "lineQuantity", max: 1, select: { products: ["42"] } };
    expect(errorsFor([rule], { lines: [line({ productId: 42, quantity: 2 }), line({ productId: 43, quantity: 5 })] })).toHaveLength(1);
  });

  test("selector by variant id", () => {
    const rule = { id: "l", kind: "lineQuantity", max: 1, select: { variants: ["777"] } };
    expect(messagesFor([rule], { lines: [line({ variantId: 777, quantity: 2, title: "V" }), line({ quantity: 5 })] })).toEqual([
      "V: the maximum quantity is 1.",
    ]);
  });

  test("selector by tag (any of the rule's tags, as Shopify answers the list's slot)", () => {
    const rule = { id: "l", kind: "lineQuantity", max: 1, select: { tags: ["Fragile", "glass"] } };
    const lines = [line({ tags: ["fragile"], quantity: 2, title: "T" }), line({ tags: ["sturdy"], quantity: 2 }), line({ quantity: 2 })];
    expect(messagesFor([rule], { lines })).toEqual(["T: the maximum quantity is 1."]);
  });

  test("each distinct tag list has its own slot; the same list (as the admin writes it: sorted) shares one", () => {
    const rules = [
      { id: "a", kind: "lineQuantity", max: 1, select: { tags: ["beer", "wine"] } },
      { id: "b", kind: "lineQuantity", max: 3, select: { tags: ["glass"] } },
      { id: "c", kind: "lineQuantity", min: 3, select: { tags: ["beer", "wine"] } },
    ];
    const lines = [line({ tags: ["beer"], quantity: 2, title: "Beer" }), line({ tags: ["glass"], quantity: 4, title: "Glass" })];
    expect(messagesFor(rules, { lines })).toEqual([
      "Beer: the maximum quantity is 1.",
      "Glass: the maximum quantity is 3.",
      "Beer: the minimum quantity is 3.",
    ]);
  });

  test("a tag list beyond the query's slots matches no line (the admin refuses such a document)", () => {
    const rules = ["one", "two", "three"].map((tag, i) => ({ id: `r${i}`, kind: "lineQuantity", max: 1, select: { tags: [tag] } }));
    const lines = ["one", "two", "three"].map((tag) => line({ tags: [tag], quantity: 2, title: tag }));
    expect(messagesFor(rules, { lines })).toEqual(["one: the maximum quantity is 1.", "two: the maximum quantity is 1."]);
  });

  test("selector by collection", () => {
    const rule = { id: "l", kind: "lineQuantity", max: 1, select: { collections: ["99"] } };
    const lines = [line({ collections: [99], quantity: 2, title: "C" }), line({ collections: [98], quantity: 2 })];
    expect(messagesFor([rule], { lines })).toEqual(["C: the maximum quantity is 1."]);
  });

  test("a custom product matches only the empty selector", () => {
    const custom = line({ custom: true, quantity: 3, title: "Custom" });
    expect(errorsFor([{ id: "l", kind: "lineQuantity", max: 1, select: { products: ["1"] } }], { lines: [custom] })).toEqual([]);
    expect(messagesFor([{ id: "l", kind: "lineQuantity", max: 1 }], { lines: [custom] })).toEqual(["Custom: the maximum quantity is 1."]);
  });
});

describe("productQuantity (rule 11)", () => {
  test("sums the variants of one product", () => {
    const rule = { id: "p", kind: "productQuantity", max: 3 };
    const lines = [line({ productId: 7, title: "Tee", quantity: 2 }), line({ productId: 7, title: "Tee", quantity: 2 }), line({ productId: 8, quantity: 3 })];
    expect(messagesFor([rule], { lines })).toEqual(["Tee: you can buy at most 3 in total (currently 4)."]);
  });

  test("on every line, blocks exactly the products whose summed quantity is out of bounds (the shortcuts included)", () => {
    const cart = fc.array(fc.record({ productId: fc.constantFrom(1, 2, 3, 4), quantity: fc.integer({ min: 1, max: 6 }), custom: fc.boolean() }), {
      minLength: 1,
      maxLength: 8,
    });
    const bounds = fc.record({ min: fc.integer({ min: 1, max: 12 }), max: fc.integer({ min: 1, max: 12 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(cart, bounds, (specs, { min, max }) => {
        const totals = new Map<string, number>();
        specs.forEach((spec, i) => {
          const key = spec.custom ? `custom${i}` : `product${spec.productId}`;
          totals.set(key, (totals.get(key) ?? 0) + spec.quantity);
        });
        const expected = [...totals.values()].filter((q) => (max !== undefined && q > max) || (min !== undefined && q < min)).length;
        // A title per product, so that each product's message is its own.
        const lines = specs.map((spec, i) => line({ ...spec, title: spec.custom ? `Custom ${i}` : `Product ${spec.productId}` }));
        expect(errorsFor([{ id: "p", kind: "productQuantity", min, max }], { lines })).toHaveLength(expected);
      }),
      { numRuns: 400 },
    );
  });

  test("rules sharing a selector block exactly the selected products out of their own bounds (shared totals and bounds)", () => {
    const cart = fc.array(fc.record({ productId: fc.constantFrom(1, 2, 3, 4), quantity: fc.integer({ min: 1, max: 6 }), tags: fc.subarray(["x"]) }), {
      minLength: 1,
      maxLength: 8,
    });
    const bounds = fc.array(fc.record({ min: fc.integer({ min: 1, max: 12 }), max: fc.integer({ min: 1, max: 12 }) }, { requiredKeys: [] }), {
      minLength: 1,
      maxLength: 3,
    });
    const select = fc.constantFrom<{ products?: string[]; tags?: string[] }>({ products: ["1", "3"] }, { tags: ["x"] });
    fc.assert(
      fc.property(cart, bounds, select, (specs, limits, selector) => {
        const selected = (spec: (typeof specs)[number]) =>
          selector.products ? selector.products.includes(String(spec.productId)) : spec.tags.includes("x");
        const totals = new Map<number, number>();
        for (const spec of specs) if (selected(spec)) totals.set(spec.productId, (totals.get(spec.productId) ?? 0) + spec.quantity);
        const expected = limits.flatMap(({ min, max }, r) =>
          [...totals.values()].filter((q) => (max !== undefined && q > max) || (min !== undefined && q < min)).map(() => `p${r}`),
        );
        const lines = specs.map((spec) => line({ ...spec, title: `Product ${spec.productId}` }));
        const rules = limits.map((limit, r) => ({ id: `p${r}`, kind: "productQuantity", ...limit, select: selector }));
        expect(violationsFor(rules, { lines }).map((v) => v.ruleId)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  test("min is inclusive and applies to selected products only", () => {
    const rule = { id: "p", kind: "productQuantity", min: 2, select: { products: ["7"] } };
    expect(errorsFor([rule], { lines: [line({ productId: 7, quantity: 1 }), line({ productId: 7, quantity: 1 })] })).toEqual([]);
    expect(errorsFor([rule], { lines: [line({ productId: 7, quantity: 1 }), line({ productId: 8, quantity: 1 })] })).toHaveLength(1);
  });
});

describe("subtotal (rule 12)", () => {
  const rule = { id: "s", kind: "subtotal", limits: { EUR: { min: 20, max: 100 }, USD: { min: 25 } } };

  test("min and max inclusive, in the cart's currency, two decimals", () => {
    expect(errorsFor([rule], { subtotal: { amount: "20.0", currencyCode: "EUR" } })).toEqual([]);
    expect(errorsFor([rule], { subtotal: { amount: "100", currencyCode: "EUR" } })).toEqual([]);
    expect(messagesFor([rule], { subtotal: { amount: "19.5", currencyCode: "EUR" } })).toEqual([
      "The minimum order subtotal is 20.00 EUR (currently 19.50 EUR).",
    ]);
    expect(messagesFor([rule], { subtotal: { amount: "100.01", currencyCode: "EUR" } })).toEqual([
      "The maximum order subtotal is 100.00 EUR (currently 100.01 EUR).",
    ]);
    expect(messagesFor([rule], { subtotal: { amount: "10", currencyCode: "USD" } })).toEqual([
      "The minimum order subtotal is 25.00 USD (currently 10.00 USD).",
    ]);
  });

  test("a currency without limits is not checked", () => {
    expect(errorsFor([rule], { subtotal: { amount: "1", currencyCode: "GBP" } })).toEqual([]);
  });

  test("decimal comma in languages that use one", () => {
    expect(messagesFor([rule], { subtotal: { amount: "19.5", currencyCode: "EUR" }, language: "FR" })).toEqual([
      "Le sous-total minimum de commande est de 20,00 EUR (actuellement 19,50 EUR).",
    ]);
  });
});

describe("distinctLines (rule 13)", () => {
  test("max is inclusive", () => {
    const rule = { id: "d", kind: "distinctLines", max: 2 };
    expect(errorsFor([rule], { lines: [line(), line()] })).toEqual([]);
    expect(messagesFor([rule], { lines: [line(), line(), line()] })).toEqual([
      "Your cart can contain at most 2 different items (currently 3).",
    ]);
  });
});

describe("weight (rule 14)", () => {
  test("converts units and multiplies by quantity; bounds inclusive", () => {
    const rule = { id: "w", kind: "weight", max: 2, unit: "KILOGRAMS" };
    const lines = [line({ weight: 500, weightUnit: "GRAMS", quantity: 2 }), line({ weight: 1, weightUnit: "KILOGRAMS" })];
    expect(errorsFor([rule], { lines })).toEqual([]); // exactly 2 kg
    expect(messagesFor([rule], { lines: [...lines, line({ weight: 1, weightUnit: "OUNCES" })] })).toEqual([
      "The maximum order weight is 2 kg (currently 2.03 kg).",
    ]);
  });

  test("decimal sums compare as the merchant expects", () => {
    const rule = { id: "w", kind: "weight", max: 0.3, unit: "KILOGRAMS" };
    expect(errorsFor([rule], { lines: [line({ weight: 0.1, weightUnit: "KILOGRAMS", quantity: 3 })] })).toEqual([]);
    const lb = { id: "w", kind: "weight", min: 1, unit: "POUNDS" };
    expect(errorsFor([lb], { lines: [line({ weight: 16, weightUnit: "OUNCES" })] })).toEqual([]);
  });

  test("minimum, in pounds", () => {
    const rule = { id: "w", kind: "weight", min: 1, unit: "POUNDS" };
    expect(messagesFor([rule], { lines: [line({ weight: 200, weightUnit: "GRAMS" })] })).toEqual([
      "The minimum order weight is 1 lb (currently 0.44 lb).",
    ]);
  });

  test("items not shipped (a digital gift card, say) and missing weights count as nothing", () => {
    const rule = { id: "w", kind: "weight", max: 1, unit: "KILOGRAMS" };
    const lines = [
      line({ weight: 0.5, weightUnit: "KILOGRAMS" }),
      line({ weight: 5, weightUnit: "KILOGRAMS", requiresShipping: false }),
      line({ weight: null }),
      line({ custom: true, weight: 0.4, weightUnit: "KILOGRAMS" }),
    ];
    expect(errorsFor([rule], { lines })).toEqual([]);
  });

  test("a cart with nothing to ship is not checked", () => {
    const rule = { id: "w", kind: "weight", min: 1, unit: "KILOGRAMS" };
    expect(errorsFor([rule], { lines: [line({ requiresShipping: false }), line({ custom: true, requiresShipping: false })] })).toEqual([]);
    expect(errorsFor([rule], { lines: [line({ weight: 0 })] })).toHaveLength(1);
  });
});

describe("exclusive (rule 15)", () => {
  test("chosen products must be bought alone", () => {
    const rule = { id: "e", kind: "exclusive", select: { products: ["1"] } };
    expect(errorsFor([rule], { lines: [line({ productId: 1 }), line({ productId: 1, variantId: 2 })] })).toEqual([]);
    expect(messagesFor([rule], { lines: [line({ productId: 1, title: "Preorder" }), line({ productId: 2 })] })).toEqual([
      "Preorder must be ordered on its own. Please remove the other items or order them separately.",
    ]);
    expect(errorsFor([rule], { lines: [line({ productId: 2 }), line({ productId: 3 })] })).toEqual([]);
  });

  test("two groups may not be combined", () => {
    const rule = { id: "e", kind: "exclusive", select: { tags: ["frozen"] }, other: { tags: ["ambient"] } };
    expect(messagesFor([rule], { lines: [line({ tags: ["frozen"], title: "Ice" }), line({ tags: ["ambient"], title: "Tea" })] })).toEqual([
      "Ice can't be ordered together with Tea.",
    ]);
    expect(errorsFor([rule], { lines: [line({ tags: ["frozen"] }), line({ tags: [] })] })).toEqual([]);
    expect(errorsFor([rule], { lines: [line({ tags: ["frozen", "ambient"] })] })).toEqual([]);
  });
});

describe("dependency (rule 16)", () => {
  const rule = { id: "r", kind: "dependency", select: { products: ["10"] }, requires: { collections: ["5"] } };
  test("a chosen product requires another", () => {
    expect(messagesFor([rule], { lines: [line({ productId: 10, title: "Lens" })] })).toEqual([
      "Lens can only be ordered together with a required product.",
    ]);
    expect(errorsFor([rule], { lines: [line({ productId: 10 }), line({ collections: [5] })] })).toEqual([]);
    expect(errorsFor([rule], { lines: [line({ productId: 11 })] })).toEqual([]);
  });
});
