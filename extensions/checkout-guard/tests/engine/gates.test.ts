import { describe, expect, test } from "vitest";
import { stageBlocks } from "../../src/engine/stage";
import { errorsFor, line } from "./build";

const cartRule = (extra: object = {}) => ({ id: "q", kind: "cartQuantity", max: 1, ...extra });
const tooMany = [line({ quantity: 2 })];

describe("enforcement stage", () => {
  const cases = [
    ["CART_INTERACTION", { checkout: false, cartAndCheckout: true, completion: false }],
    ["CHECKOUT_INTERACTION", { checkout: true, cartAndCheckout: true, completion: false }],
    ["CHECKOUT_COMPLETION", { checkout: true, cartAndCheckout: true, completion: true }],
    [null, { checkout: true, cartAndCheckout: true, completion: true }],
  ] as const;
  for (const [step, expected] of cases) {
    for (const [stage, blocks] of Object.entries(expected)) {
      test(`${step ?? "null"} step, stage ${stage}: ${blocks ? "blocks" : "passes"}`, () => {
        expect(errorsFor([cartRule({ stage })], { lines: tooMany, step })).toHaveLength(blocks ? 1 : 0);
      });
    }
  }

  test("the default stage is checkout: cart edits are never blocked", () => {
    expect(errorsFor([cartRule()], { lines: tooMany, step: "CART_INTERACTION" })).toEqual([]);
    expect(errorsFor([cartRule()], { lines: tooMany, step: "CHECKOUT_INTERACTION" })).toHaveLength(1);
    expect(stageBlocks(undefined, "CART_INTERACTION")).toBe(false);
  });
});

describe("schedule", () => {
  const clock = ["2026-12-01T00:00:00", "2026-12-24T18:00:00"];
  const scheduled = cartRule({ schedule: { start: clock[0], end: clock[1] } });

  test("active when the start has passed and the end has not", () => {
    expect(errorsFor([scheduled], { lines: tooMany, clock: [true, false] }, clock)).toHaveLength(1);
  });
  test("inactive before the start", () => {
    expect(errorsFor([scheduled], { lines: tooMany, clock: [false, false] }, clock)).toEqual([]);
  });
  test("inactive from the end on", () => {
    expect(errorsFor([scheduled], { lines: tooMany, clock: [true, true] }, clock)).toEqual([]);
  });
  test("open-ended schedules", () => {
    expect(errorsFor([cartRule({ schedule: { start: clock[1] } })], { lines: tooMany, clock: [false, true] }, clock)).toHaveLength(1);
    expect(errorsFor([cartRule({ schedule: { end: clock[1] } })], { lines: tooMany, clock: [true, false] }, clock)).toHaveLength(1);
    expect(errorsFor([cartRule({ schedule: { end: clock[1] } })], { lines: tooMany, clock: [true, true] }, clock)).toEqual([]);
  });
  test("a boundary missing from the clock makes the rule inactive", () => {
    const rule = cartRule({ schedule: { start: "2026-01-01T00:00:00" } });
    expect(errorsFor([rule], { lines: tooMany, clock: [true, true] }, clock)).toEqual([]);
    expect(errorsFor([rule], { lines: tooMany, clock: [true, true] })).toEqual([]);
  });
  test("slots are matched by position in the clock", () => {
    const late = ["2026-01-01T00:00:00", "2026-06-01T00:00:00", "2026-07-01T00:00:00"];
    const rule = cartRule({ schedule: { start: late[2] } });
    expect(errorsFor([rule], { lines: tooMany, clock: [true, true, false] }, late)).toEqual([]);
    expect(errorsFor([rule], { lines: tooMany, clock: [false, false, true] }, late)).toHaveLength(1);
  });
});

describe("country scope", () => {
  test("address rules: the group's own country", () => {
    const rule = { id: "n", kind: "streetNumber", countries: { codes: ["DE"] } };
    const addresses = [{ countryCode: "DE", address1: "Hauptstraße" }, { countryCode: "FR", address1: "Rue de la Paix" }];
    expect(errorsFor([rule], { addresses }).map((e) => e.target)).toEqual(["$.cart.deliveryGroups[0].deliveryAddress.address1"]);
    const not = { ...rule, countries: { not: true, codes: ["DE"] } };
    expect(errorsFor([not], { addresses }).map((e) => e.target)).toEqual(["$.cart.deliveryGroups[1].deliveryAddress.address1"]);
  });

  test("address rules: no country on the address, no scoped check", () => {
    const rule = { id: "n", kind: "streetNumber", countries: { not: true, codes: ["DE"] } };
    expect(errorsFor([rule], { addresses: [{ countryCode: null, address1: "Nowhere" }] })).toEqual([]);
  });

  test("cart rules: any delivery-group country", () => {
    const rule = cartRule({ countries: { codes: ["US"] } });
    expect(errorsFor([rule], { lines: tooMany, addresses: [{ countryCode: "FR" }, { countryCode: "US" }] })).toHaveLength(1);
    expect(errorsFor([rule], { lines: tooMany, addresses: [{ countryCode: "FR" }], country: "US" })).toEqual([]);
  });

  test("cart rules: the localization country before an address is known", () => {
    const rule = cartRule({ countries: { codes: ["US"] } });
    expect(errorsFor([rule], { lines: tooMany, addresses: [null], country: "US" })).toHaveLength(1);
    expect(errorsFor([rule], { lines: tooMany, addresses: [], country: "FR" })).toEqual([]);
    const not = cartRule({ countries: { not: true, codes: ["US"] } });
    expect(errorsFor([not], { lines: tooMany, addresses: [], country: "FR" })).toHaveLength(1);
  });
});

describe("display", () => {
  test("field (default) targets the field; banner targets the cart", () => {
    const rule = { id: "r", kind: "requiredFields", fields: ["phone"] };
    expect(errorsFor([rule], { addresses: [{ phone: null }] })[0].target).toBe("$.cart.deliveryGroups[0].deliveryAddress.phone");
    expect(errorsFor([{ ...rule, display: "banner" }], { addresses: [{ phone: null }] })[0].target).toBe("$.cart");
  });
});
