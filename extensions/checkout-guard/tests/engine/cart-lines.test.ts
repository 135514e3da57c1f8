/**
 * The cart's shared lines and indexes (cart-lines.ts, product-lines.ts) and the selectors that look
 * them up: the same lines, in the same order, as reading every line would give.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CartLines } from "../../src/engine/cart-lines";
import { ProductLines, SCAN_LIMIT, union } from "../../src/engine/product-lines";
import { selectLines } from "../../src/engine/selectors";
import { slotFields } from "../../src/engine/selection-slots";
import type { Rule } from "../../src/engine/config";
import { answerSlots, line } from "./build";

describe("CartLines", () => {
  test("skips entries that are not objects, counts invalid quantities as 0, keeps totals", () => {
    const cart = new CartLines([line({ quantity: 3 }), null, "x", { quantity: -2 }, line({ quantity: 5 }), { quantity: Infinity }]);
    expect(cart.length).toBe(4);
    expect(cart.quantities).toEqual([3, 0, 5, 0]);
    expect([cart.totalQuantity, cart.minQuantity, cart.maxQuantity]).toEqual([8, 0, 5]);
    expect(new CartLines("not lines").length).toBe(0);
    expect([new CartLines([]).minQuantity, new CartLines([]).maxQuantity]).toEqual([0, 0]);
  });

  test("indexes answer in cart order, each line once, whatever the order of the keys asked", () => {
    const lines = [
      line({ productId: 1, variantId: 11, tags: ["Wine ", "wine"], collections: [7] }),
      line({ custom: true }),
      line({ productId: 2, variantId: 21, tags: ["beer"], collections: [7, 8] }),
      line({ productId: 1, variantId: 12 }),
    ];
    // Slots t0 (wine), t1 (beer, wine), c0 (8, 7).
    answerSlots(lines, [{ select: { tags: ["wine"] } }, { select: { tags: ["beer", "wine"], collections: ["8", "7"] } }]);
    const cart = new ProductLines(lines);
    expect(cart.withProducts(["1"])).toEqual([0, 3]);
    expect(cart.withProducts(["2", "1", "9"])).toEqual([0, 2, 3]);
    expect(cart.withVariants(["12", "11"])).toEqual([0, 3]);
    expect(cart.withSlot("t0")).toEqual([0]);
    expect(cart.withSlot("t1")).toEqual([0, 2]);
    expect(cart.withSlot("c0")).toEqual([0, 2]);
    expect(cart.withSlot("c1")).toEqual([]);
  });

  test("entries that are not objects are no lines for the products functions either: positions, slots, GIDs and quantities agree", () => {
    const rules = [{ select: { tags: ["wine"], products: ["2"] } }, { select: { variants: ["21"], collections: ["7"] } }] as Rule[];
    const lines = [
      line({ productId: 1, variantId: 11, tags: ["wine"], quantity: 4 }),
      line({ productId: 2, variantId: 21, collections: [7], quantity: 2 }),
      line({ productId: 3, variantId: 31, tags: ["wine"], collections: [7], quantity: 3 }),
    ];
    answerSlots(lines, rules);
    for (const oneRead of [true, false]) {
      const cart = new ProductLines([null, lines[0], "x", lines[1], 7, lines[2]]);
      if (oneRead) cart.readWith(slotFields(rules));
      expect(cart.length).toBe(3);
      expect(cart.withSlot("t0")).toEqual([0, 2]);
      expect(cart.withSlot("c0")).toEqual([1, 2]);
      expect(cart.withProducts(["2"], ["gid://shopify/Product/2"])).toEqual([1]);
      expect(cart.withVariants(["21"], ["gid://shopify/ProductVariant/21"])).toEqual([1]);
      expect([0, 1, 2].map((p) => cart.quantityAt(p))).toEqual([4, 2, 3]);
      expect(cart.quantityBounds([0, 2])).toEqual({ min: 3, max: 4, total: 7 });
      expect([cart.totalQuantity, cart.minQuantity, cart.maxQuantity]).toEqual([9, 2, 4]);
    }
  });

  test("totals by product sum a product's variants, keep custom products apart, and are shared per list of lines", () => {
    const cart = new ProductLines([
      line({ productId: 1, quantity: 2 }),
      line({ custom: true, quantity: 1 }),
      line({ productId: 1, quantity: 3 }),
      line({ custom: true, quantity: 4 }),
    ]);
    expect(cart.totalsByProduct()).toEqual([
      { quantity: 5, position: 0 },
      { quantity: 1, position: 1 },
      { quantity: 4, position: 3 },
    ]);
    expect(cart.totalsByProduct()).toBe(cart.totalsByProduct());
    expect(cart.totalsByProduct([2, 3])).toEqual([{ quantity: 3, position: 2 }, { quantity: 4, position: 3 }]);
  });

  test("shipped weight leaves out lines without shipping, converting units", () => {
    const cart = new CartLines([
      line({ quantity: 2, weight: 1.5, weightUnit: "KILOGRAMS" }),
      line({ quantity: 1, weight: 500, requiresShipping: false }),
      line({ quantity: 1, weight: 700, weightUnit: "GRAMS", custom: true }),
      line({ quantity: 3, weight: null }),
    ]);
    expect(cart.shippedWeight()).toEqual({ grams: 3700, lines: 3 });
  });
});

describe("finding the lines of product and variant GIDs", () => {
  // The document's GIDs (`among`) are found in one pass while they are few, else through
  // the index of every product: both must give the same lines.
  const gid = (kind: "Product" | "ProductVariant", id: number) => `gid://shopify/${kind}/${id}`;
  const id = fc.integer({ min: 1, max: 40 });
  const lineSpec = fc.record({ custom: fc.boolean(), productId: id, variantId: id, quantity: fc.integer({ min: 1, max: 3 }) });

  test.each([
    ["one pass over the lines", 3, 0, 30, true],
    ["the index of every product", SCAN_LIMIT + 4, 0, 30, false],
    // More GIDs than SCAN_LIMIT, but at most half as many as the lines: still one pass.
    ["one pass over the lines of a large cart", SCAN_LIMIT + 4, 2 * (SCAN_LIMIT + 4), 100, true],
    // Just over half as many GIDs as the lines: the index.
    ["the index of every product, in a large cart", SCAN_LIMIT + 4, 2 * SCAN_LIMIT + 7, 2 * SCAN_LIMIT + 7, false],
  ])("%s gives the lines a line-by-line reading gives", (_, amongSize, minLines, maxLines, onePass) => {
    fc.assert(
      fc.property(fc.array(lineSpec, { minLength: minLines, maxLength: maxLines }), fc.uniqueArray(id, { minLength: amongSize, maxLength: amongSize }), (specs, ids) => {
        const cart = new ProductLines(specs.map((spec) => line(spec)));
        for (const kind of ["Product", "ProductVariant"] as const) {
          const among = ids.map((i) => gid(kind, i));
          // Ask for parts of the list, twice (the pass is kept for the run).
          for (const asked of [among.slice(0, 2), among.slice(1), among.slice(0, 2)]) {
            const expected = specs.flatMap((spec, position) =>
              !spec.custom && asked.includes(gid(kind, kind === "Product" ? spec.productId : spec.variantId)) ? [position] : [],
            );
            const ids = asked.map((gid) => gid.slice(gid.lastIndexOf("/") + 1));
            const found = kind === "Product" ? cart.withProducts(ids, among) : cart.withVariants(ids, among);
            expect(found).toEqual(expected);
          }
        }
        // Which way they were found: the index of every product is built only without the pass.
        expect((cart as unknown as { byProduct?: object }).byProduct === undefined).toBe(onePass);
      }),
      { numRuns: 300 },
    );
  });
});

test("union merges two lists in cart order without repeats", () => {
  expect(union([0, 2, 5], [1, 2, 6])).toEqual([0, 1, 2, 5, 6]);
  expect(union([], [3])).toEqual([3]);
  expect(union([4], [])).toEqual([4]);
});

describe("selectLines on the indexes", () => {
  // With the document's slots given (readWith, as the products functions do), the quantities'
  // pass finds every slot's and GID's lines; without, each is found by a pass of its own.
  test.each([
    ["in the quantities' pass", true],
    ["by a pass each", false],
  ])("matches what a line-by-line reading of the selector matches, the lines found %s", (_, oneRead) => {
    const id = fc.constantFrom("1", "2", "3");
    const tag = fc.constantFrom("a", "b", "C");
    const lineSpec = fc.record({
      custom: fc.boolean(),
      productId: id,
      variantId: id,
      tags: fc.uniqueArray(tag),
      collections: fc.uniqueArray(id),
    });
    const selector = fc.record(
      { products: fc.array(id), variants: fc.array(id), tags: fc.array(tag), collections: fc.array(id) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(lineSpec, { maxLength: 12 }), selector, (specs, select) => {
        const expected = specs.flatMap((spec, position) => {
          const matches =
            !spec.custom &&
            ((select.products ?? []).includes(spec.productId) ||
              (select.variants ?? []).includes(spec.variantId) ||
              (select.tags ?? []).some((t) => spec.tags.some((own) => own.toLowerCase() === t.toLowerCase())) ||
              (select.collections ?? []).some((c) => spec.collections.includes(c)));
          return matches ? [position] : [];
        });
        const everyLine = [...(select.products ?? []), ...(select.variants ?? []), ...(select.tags ?? []), ...(select.collections ?? [])].length === 0;
        const lines = specs.map((spec) => line(spec));
        const rules = [{ id: "r", kind: "lineQuantity", select }] as Rule[];
        answerSlots(lines, rules);
        const slots = slotFields(rules);
        const cart = new ProductLines(lines);
        if (oneRead) cart.readWith(slots);
        expect(selectLines(select, cart, slots)).toEqual(everyLine ? null : expected);
        expect(cart.quantities).toEqual(specs.map(() => 1));
      }),
      { numRuns: 500 },
    );
  });
});
