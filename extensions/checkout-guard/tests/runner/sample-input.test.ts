/**
 * The sample-input builder: each function's input is its query's result
 * (projected with the query, aliases and type conditions included), the
 * whole document is split as the admin publishes it, and `buildInput` holds
 * the fields of every function's query and nothing else.
 */
import { parse } from "graphql";
import { describe, expect, test } from "vitest";
import { inputQueryOf, projectInput } from "../../runner/input-projection";
import { address, buildFunctionInput, buildFunctionInputs, buildInput, functionSpecs, type InputSpec } from "../../runner/sample-input";
import type { Config } from "../../src/engine/config";
import { CHECKOUT_FUNCTION_NAMES, splitConfig, type CheckoutFunction } from "../../src/engine/functions";
import { CONFIG_VERSION } from "../../src/engine/constants";
import { ENTRIES } from "../entries";

const addressRun = ENTRIES.address;
const cartRun = ENTRIES.cart;

describe("projectInput", () => {
  const query = parse(`
    query Q($t: String!) {
      a { kept: x(arg: $t) y }
      list {
        __typename
        ... on Left { left }
        ...RightFields
        ... { always }
      }
      nothing { z }
      json
    }
    fragment RightFields on Right { right nested { deep } }
  `);
  const value = {
    a: { kept: 1, x: "not this key", y: null, extra: true },
    list: [
      { __typename: "Left", left: "L", right: "not mine", always: 1 },
      { __typename: "Right", right: "R", nested: { deep: 2, shallow: 3 }, always: 2, left: "not mine" },
    ],
    nothing: null,
    json: { any: ["json", { value: true }] },
    unselected: "dropped",
  };

  test("keeps exactly the selected fields, under their response keys, with type conditions on __typename", () => {
    expect(projectInput(query, value)).toEqual({
      a: { kept: 1, y: null },
      list: [
        { __typename: "Left", left: "L", always: 1 },
        { __typename: "Right", right: "R", nested: { deep: 2 }, always: 2 },
      ],
      nothing: null,
      json: { any: ["json", { value: true }] },
    });
  });

  test("a selected field missing from the value, or a fragment without __typename, throws", () => {
    expect(() => projectInput(query, { ...value, a: { kept: 1 } })).toThrow(/a\.y/);
    expect(() => projectInput(query, { ...value, list: [{ left: "L", always: 1 }] })).toThrow(/__typename/);
  });
});

describe("each function's input", () => {
  const spec: InputSpec = {
    addresses: [address({ address1: "PO Box 1" }), null],
    lines: [{ quantity: 3, product: { tags: ["wine"], collections: [7] } }, { custom: true }],
    config: { v: 1, rules: [{ id: "q", kind: "lineQuantity", max: 2, select: { tags: ["wine"] } }] },
  };

  test("the address function's has no cart lines; the cart functions' addresses only their country", () => {
    const address = buildFunctionInput("address", spec) as { cart: Record<string, unknown> };
    expect(Object.keys(address.cart)).toEqual(["deliveryGroups"]);
    for (const fn of ["cart", "weight", "products"] as const) {
      const cart = buildFunctionInput(fn, spec) as { cart: { deliveryGroups: { deliveryAddress: unknown }[]; lines: unknown[] } };
      expect(cart.cart.deliveryGroups.map((g) => g.deliveryAddress), fn).toEqual([{ countryCode: "US" }, null]);
      expect(cart.cart.lines, fn).toHaveLength(2);
    }
  });

  test("each cart function's lines carry only what its query reads", () => {
    const lines = (fn: "cart" | "weight" | "products") => (buildFunctionInput(fn, spec) as { cart: { lines: Record<string, unknown>[] } }).cart.lines;
    expect(lines("cart")).toEqual([{ quantity: 3 }, { quantity: 1 }]);
    expect(lines("weight")[0]).toEqual({
      quantity: 3,
      merchandise: { __typename: "ProductVariant", weight: 0, weightUnit: "GRAMS", requiresShipping: true },
    });
    expect(JSON.stringify(lines("weight"))).not.toMatch(/"(id|title|t0|c0)"/);
    expect(lines("products")[0]).toEqual({
      quantity: 3,
      merchandise: {
        __typename: "ProductVariant",
        id: "gid://shopify/ProductVariant/2000",
        product: {
          id: "gid://shopify/Product/1000",
          title: "Product 1",
          // The rule's tag list in slot t0; no collection list is asked about.
          t0: true,
          t1: false,
          c0: false,
          c1: false,
        },
      },
    });
    expect(JSON.stringify(lines("products"))).not.toMatch(/"(weight|weightUnit|requiresShipping)"/);
  });

  test("is its query's projection of buildInput, and buildInput has every query's fields and nothing else", () => {
    const all = buildInput(spec);
    const projections = CHECKOUT_FUNCTION_NAMES.map((fn) => projectInput(inputQueryOf(fn), all));
    CHECKOUT_FUNCTION_NAMES.forEach((fn, i) => expect(buildFunctionInput(fn, { ...spec, documentAsIs: true }), fn).toEqual(projections[i]));
    const merge = (a: unknown, b: unknown): unknown => {
      if (Array.isArray(a) && Array.isArray(b)) return a.map((item, i) => merge(item, b[i]));
      if (a && b && typeof a === "object" && typeof b === "object") {
        const out: Record<string, unknown> = { ...(b as Record<string, unknown>) };
        for (const [k, v] of Object.entries(a)) out[k] = k in out ? merge(v, out[k]) : v;
        return out;
      }
      return a ?? b;
    };
    expect(projections.reduce<unknown>((merged, projection) => merge(merged, projection), {})).toEqual(all);
  });

  test("a function's input carries its document as the admin publishes it: no rule ids, the products functions' list slots", () => {
    const published = (fn: CheckoutFunction) => (buildFunctionInput(fn, spec).validation as { metafield: { jsonValue: unknown } }).metafield.jsonValue;
    expect(published("cart")).toEqual({ v: CONFIG_VERSION, rules: (spec.config as Config).rules.map(({ id: _id, ...rule }) => rule) });
    expect(published("products")).toMatchObject({ slots: { tags: ["wine"], collections: [], products: [], variants: [] } });
    // As given (what an earlier version published: rule ids, no slots).
    const asIs = { ...spec, documentAsIs: true };
    expect((buildFunctionInput("products", asIs).validation as { metafield: { jsonValue: unknown } }).metafield.jsonValue).toEqual(spec.config);
  });
});

describe("functionSpecs and buildFunctionInputs: the whole document, split as the admin publishes it", () => {
  const A = "2026-01-01T00:00:00";
  const B = "2026-06-01T00:00:00";
  const C = "2026-07-01T00:00:00";
  const document = {
    v: 1,
    clock: [A, B, C],
    rules: [
      { id: "q", kind: "cartQuantity", max: 1, schedule: { start: A } },
      { id: "k", kind: "addressKind", block: ["poBox"], schedule: { start: C } },
      { id: "n", kind: "streetNumber", schedule: { end: B } },
    ],
  };
  const spec: InputSpec = { addresses: [address({ address1: "PO Box 1" })], lines: [{ quantity: 2 }], config: document, clock: [false, false, true] };

  test("each function gets its own rules and the clock slots they use, answered as the whole clock was", () => {
    const specs = functionSpecs(spec);
    expect(specs.address.config).toEqual(splitConfig(document as Config).address);
    expect(specs.cart.config).toEqual(splitConfig(document as Config).cart);
    expect(specs.address.config).toMatchObject({ clock: [B, C] });
    expect(specs.cart.config).toMatchObject({ clock: [A] });
    expect(specs.address.clock).toEqual([false, true]);
    expect(specs.cart.clock).toEqual([false]);
  });

  test("so that each function decides as the two would together: A has not passed, C has, B has not", () => {
    const inputs = buildFunctionInputs(spec);
    // Cart rule from A: off. PO box rule from C: on. Street-number rule until B: on (and "PO Box 1" has a number).
    expect(cartRun(inputs.cart as never).operations[0].validationAdd?.errors).toEqual([]);
    expect(addressRun(inputs.address as never).operations[0].validationAdd?.errors.map((e) => e.target)).toEqual([
      "$.cart.deliveryGroups[0].deliveryAddress.address1",
    ]);
    const later = buildFunctionInputs({ ...spec, clock: [true, false, true] });
    expect(cartRun(later.cart as never).operations[0].validationAdd?.errors).toHaveLength(1);
  });

  test("no document, or one that is not valid, goes to every function as it is", () => {
    for (const config of [undefined, "not json {", { v: 2, rules: [] }, { v: 1, rules: [{ id: "x", kind: "teleport" }] }]) {
      const specs = functionSpecs({ ...spec, config });
      for (const fn of CHECKOUT_FUNCTION_NAMES) expect(specs[fn].config, fn).toBe(config);
    }
  });

  test("a function without rules in the document gets an empty one", () => {
    const specs = functionSpecs(spec);
    expect(specs.weight.config).toEqual({ v: 1, rules: [] });
    expect(specs.products.config).toEqual({ v: 1, rules: [] });
  });
});
