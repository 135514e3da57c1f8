/**
 * The sample-input builder: each function's input is its query's result
 * (projected with the query, aliases and type conditions included), the
 * whole document is split as the admin publishes it, and `buildInput` holds
 * the fields of both queries and nothing else.
 */
import { parse } from "graphql";
import { describe, expect, test } from "vitest";
import { inputQueryOf, projectInput } from "../../runner/input-projection";
import { address, buildFunctionInput, buildFunctionInputs, buildInput, functionSpecs, type InputSpec } from "../../runner/sample-input";
import { cartValidationsGenerateRun as addressRun } from "../../../checkout-guard-address/src/cart_validations_generate_run";
import { cartValidationsGenerateRun as cartRun } from "../../../checkout-guard-cart/src/cart_validations_generate_run";
import type { Config } from "../../src/engine/config";
import { splitConfig } from "../../src/engine/functions";

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

  test("the address function's has no cart lines; the cart function's addresses only their country", () => {
    const address = buildFunctionInput("address", spec) as { cart: Record<string, unknown> };
    expect(Object.keys(address.cart)).toEqual(["deliveryGroups"]);
    const cart = buildFunctionInput("cart", spec) as { cart: { deliveryGroups: { deliveryAddress: unknown }[]; lines: unknown[] } };
    expect(cart.cart.deliveryGroups.map((g) => g.deliveryAddress)).toEqual([{ countryCode: "US" }, null]);
    expect(cart.cart.lines).toHaveLength(2);
  });

  test("is its query's projection of buildInput, and buildInput has both queries' fields and nothing else", () => {
    const both = buildInput(spec);
    const address = projectInput(inputQueryOf("address"), both);
    const cart = projectInput(inputQueryOf("cart"), both);
    expect(buildFunctionInput("address", spec)).toEqual(address);
    expect(buildFunctionInput("cart", spec)).toEqual(cart);
    const merge = (a: unknown, b: unknown): unknown => {
      if (Array.isArray(a) && Array.isArray(b)) return a.map((item, i) => merge(item, b[i]));
      if (a && b && typeof a === "object" && typeof b === "object") {
        const out: Record<string, unknown> = { ...(b as Record<string, unknown>) };
        for (const [k, v] of Object.entries(a)) out[k] = k in out ? merge(v, out[k]) : v;
        return out;
      }
      return a ?? b;
    };
    expect(merge(address, cart)).toEqual(both);
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

  test("no document, or one that is not valid, goes to both functions as it is", () => {
    for (const config of [undefined, "not json {", { v: 2, rules: [] }, { v: 1, rules: [{ id: "x", kind: "teleport" }] }]) {
      const specs = functionSpecs({ ...spec, config });
      expect(specs.address.config).toBe(config);
      expect(specs.cart.config).toBe(config);
    }
  });
});
