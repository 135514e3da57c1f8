/**
 * The cost guard: a configuration that a checkout function is predicted (by
 * the cost model fitted on Shopify's engine, runner/cost-model.json) to run
 * over 80% of Shopify's instruction limit for, at 200 or at 2,000 cart lines,
 * in the worst case, is refused when the document is built, like one over
 * 10,000 bytes: nothing is saved and the message names the function and its
 * costliest rules; except where receiving the cart's lines alone takes the
 * function over half the limit (then it says up to which cart size it checks). The configurations are sized
 * from the model's own figures, so that the tests hold whatever the next fit says.
 */
import { describe, expect, it } from "vitest";
import { buildConfigDocument } from "../../app/models/config-document.server";
import {
  costGuardError,
  GUARDED_CART_LINES,
  LIMIT_SHARE,
  LINE_BOUND_SHARE,
  lineBound,
  predictConfigurationCost,
  predictVersionCost,
  type CostedRule,
} from "../../app/models/function-cost.server";
import type { RuleRecord } from "../../app/models/rules.server";
import { COST_MODEL, instructionLimitFor, predictCost } from "../../extensions/checkout-guard/runner/cost-model";
import type { RuleKind } from "../../extensions/checkout-guard/src/engine/config";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, functionOfRule, functionsOfRules, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import { VALID_DEFINITIONS } from "./support/fixtures";

const record = (kind: RuleKind, i: number, name = `${kind} ${i}`): RuleRecord => ({
  id: `${kind}-${i}`,
  name,
  kind,
  status: "active",
  scheduleStart: null,
  scheduleEnd: null,
  position: i,
  definition: VALID_DEFINITIONS[kind] as RuleRecord["definition"],
  updatedAt: new Date(0),
});
const costed = (rules: RuleRecord[]): CostedRule[] => rules.map((r) => ({ ...(r.definition as object), id: r.id, name: r.name, kind: r.kind }));

/** The worst case of `n` rules of `kind` in their function, as a share of the limit, at the guarded cart size where it is largest. */
function worstShare(kind: RuleKind, n: number): { share: number; lines: number } {
  const rules = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, kind }));
  return GUARDED_CART_LINES.map((lines) => ({ lines, share: predictCost(functionOfRule({ kind }), rules, lines).worstCase / instructionLimitFor(lines) })).reduce(
    (a, b) => (b.share > a.share ? b : a),
  );
}

/** The fewest rules of `kind` the guard refuses (null: not even 200, the most a shop can have). */
function rulesOverTheGuard(kind: RuleKind): number | null {
  for (let n = 1; n <= 200; n++) {
    if (costGuardError(Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `r${i}`, kind }))) !== null) return n;
  }
  return null;
}

describe("the cost model the guard reads", () => {
  it("has, for every function, its base and a cost for each of its kinds", () => {
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const model = COST_MODEL.functions[fn];
      expect(model, fn).toBeDefined();
      expect(model.base.fixed, fn).toBeGreaterThan(0);
      expect(Object.keys(model.kinds).sort(), fn).toEqual([...CHECKOUT_FUNCTIONS[fn].kinds].sort());
    }
  });

  it("predicts each function's worst case at 200 and 2,000 lines against the limit for that cart", () => {
    const rules = costed([record("addressKind", 1), record("cartQuantity", 2), record("weight", 3), record("lineQuantity", 4), record("exclusive", 5)]);
    const costs = predictConfigurationCost(rules);
    expect(costs.map((c) => c.function)).toEqual(CHECKOUT_FUNCTION_NAMES);
    for (const cost of costs) {
      const own = rules.filter((_, i) => functionsOfRules(rules)[i] === cost.function);
      expect(cost.rules).toBe(own.length);
      expect(cost.atLines.map((at) => at.lines)).toEqual([200, 2000]);
      for (const at of cost.atLines) {
        expect(at.limit).toBe(instructionLimitFor(at.lines));
        expect(at.predicted).toBe(own.length === 0 ? 0 : predictCost(cost.function, own, at.lines).worstCase);
        expect(at.share).toBeCloseTo(at.predicted / at.limit, 10);
      }
    }
    // A function without rules has no Validation: it costs nothing.
    expect(predictConfigurationCost(costed([record("cartQuantity", 1)])).find((c) => c.function === "weight")!.atLines.map((at) => at.predicted)).toEqual([0, 0]);
  });
});

describe("buildConfigDocument's cost guard", () => {
  it("refuses a configuration predicted over 80% of the limit, naming the function, the cart size and its costliest rules", () => {
    const n = rulesOverTheGuard("cartQuantity");
    expect(n, "the model puts no number of cart-quantity rules over the guard").not.toBeNull();
    const over = Array.from({ length: n! }, (_, i) => record("cartQuantity", i, `At most ${i + 1}`));
    expect(worstShare("cartQuantity", n!).share).toBeGreaterThan(LIMIT_SHARE);
    const result = buildConfigDocument([record("addressKind", 0, "No PO boxes"), ...over]);
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.errors._form;
    const { lines } = worstShare("cartQuantity", n!);
    expect(message).toContain(`${CHECKOUT_FUNCTIONS.cart.title} would need up to `);
    expect(message).toContain(`for a ${lines.toLocaleString("en-US")}-line cart, over 80% of Shopify's limit of ${(instructionLimitFor(lines) / 1e6).toFixed(1)}M`);
    expect(message).toMatch(/the costliest: “At most \d+” \(about [\d.]+M\)/);
    // Only the function over the guard is named: the address rule costs it nothing.
    expect(message).not.toContain("No PO boxes");
    expect(message).not.toContain(CHECKOUT_FUNCTIONS.address.title);
    expect(message).toBe(costGuardError(costed([record("addressKind", 0, "No PO boxes"), ...over])));
  });

  it("saves the same configuration without the rule that crosses the line, and one predicted under 80%", () => {
    const n = rulesOverTheGuard("cartQuantity")!;
    const under = Array.from({ length: n - 1 }, (_, i) => record("cartQuantity", i));
    expect(buildConfigDocument([record("addressKind", 0), ...under]).ok).toBe(true);

    const typical = [record("addressKind", 0), record("streetNumber", 1), record("cartQuantity", 2), record("subtotal", 3)];
    for (const cost of predictConfigurationCost(costed(typical))) {
      for (const at of cost.atLines) expect(at.share, `${cost.function} at ${at.lines} lines`).toBeLessThanOrEqual(LIMIT_SHARE);
    }
    const result = buildConfigDocument(typical);
    expect(result.ok).toBe(true);
    expect(costGuardError(costed(typical))).toBeNull();
  });

  it("does not refuse where the cart's size, not the rules, takes the function over; says which carts it checks instead", () => {
    // Receiving 200 lines' products alone takes each products function over half the limit;
    // not so for the other functions, nor for the lean one at 2,000 lines.
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const floor = predictCost(fn, [], 200).worstCase / instructionLimitFor(200);
      const productsFunction = fn === "productsLean" || fn === "products";
      expect(floor > LINE_BOUND_SHARE, `${fn}: ${floor}`).toBe(productsFunction);
      expect(lineBound(fn, 200), fn).toBe(productsFunction);
    }
    expect(lineBound("productsLean", 2000)).toBe(false);
    // One rule of each product kind, by product: the lean function, over the share, saved.
    const ofEachKind = [
      record("lineQuantity", 0, "Packs of 6"),
      record("productQuantity", 1),
      record("exclusive", 2),
      { ...record("dependency", 3), definition: { kind: "dependency", select: { products: ["1"] }, requires: { products: ["2"] } } as RuleRecord["definition"] },
    ];
    const lean = predictConfigurationCost(costed(ofEachKind)).find((c) => c.function === "productsLean")!;
    expect(lean.rules).toBe(4);
    const at200 = lean.atLines.find((at) => at.lines === 200)!;
    expect(at200.share).toBeGreaterThan(LIMIT_SHARE);
    expect(at200.unavoidable).toBe(true);
    expect(buildConfigDocument(ofEachKind).ok).toBe(true);
    expect(costGuardError(costed(ofEachKind))).toBeNull();

    // Ten rules by variant: the products function. The largest cart it checks, from the model:
    // within the limit there, over it one line more.
    const byVariant = (i: number) => ({ ...record("lineQuantity", i), definition: { kind: "lineQuantity", max: 5, select: { variants: [String(1000 + i)] } } as RuleRecord["definition"] });
    const many = Array.from({ length: 10 }, (_, i) => byVariant(i));
    const tenRules = predictConfigurationCost(costed(many)).find((c) => c.function === "products")!;
    expect(tenRules.rules).toBe(10);
    const lines = tenRules.checkableLines!;
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(200);
    expect(predictCost("products", many, lines).worstCase).toBeLessThanOrEqual(instructionLimitFor(lines));
    expect(predictCost("products", many, lines + 1).worstCase).toBeGreaterThan(instructionLimitFor(lines + 1));
    // Unavoidable at 200 lines, so at 2,000 too: refusing for the largest carts would take the rules from the smaller.
    expect(tenRules.atLines.map((at) => at.unavoidable)).toEqual([true, true]);
    expect(buildConfigDocument(many)).toMatchObject({ ok: true });
    // A function whose rules are the cause is still refused: unavoidable is about the function, not the rules.
    const cart = predictConfigurationCost(costed([record("cartQuantity", 0)])).find((c) => c.function === "cart")!;
    expect(cart.atLines.every((at) => !at.unavoidable)).toBe(true);
  });

  it("guards each function on its own rules: rules of other functions do not add to its cost", () => {
    const n = rulesOverTheGuard("cartQuantity");
    // Many address rules beside one cart rule: neither function is over.
    const rules = [...Array.from({ length: 20 }, (_, i) => record("streetNumber", i)), record("cartQuantity", 20)];
    const costs = predictConfigurationCost(costed(rules));
    const share = (fn: CheckoutFunction) => Math.max(...costs.find((c) => c.function === fn)!.atLines.map((at) => at.share));
    expect(share("cart")).toBeCloseTo(worstShare("cartQuantity", 1).share, 10);
    if (share("address") <= LIMIT_SHARE && (n === null || n > 1)) expect(buildConfigDocument(rules).ok).toBe(true);
  });

  it("is off for the simulator, which runs what is saved", () => {
    const n = rulesOverTheGuard("cartQuantity")!;
    const over = Array.from({ length: n }, (_, i) => record("cartQuantity", i));
    expect(buildConfigDocument(over).ok).toBe(false);
    expect(buildConfigDocument(over, { costGuard: false }).ok).toBe(true);
  });
});

describe("predictVersionCost: the status card's figures for a saved version", () => {
  it("predicts from the version's document, with the names of its rules snapshot", () => {
    const rules = [record("addressKind", 0, "No PO boxes"), record("cartQuantity", 1, "At most 50")];
    const built = buildConfigDocument(rules);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const version = { document: built.json, rules: JSON.stringify(rules.map(({ id, name }) => ({ id, name }))) };
    const costs = predictVersionCost(version)!;
    expect(costs).toEqual(predictConfigurationCost(costed(rules)));
    expect(costs.find((c) => c.function === "cart")!.costliest.map((r) => r.name)).toEqual(["At most 50"]);
    expect(predictVersionCost({ document: "not json", rules: "[]" })).toBeNull();
  });
});

describe("the entries of a rule's lists", () => {
  // One postal-code rule listing `n` ZIP codes, or ranges of them (what a merchant blocking remote areas writes).
  const zipRule = (n: number, range = false): CostedRule => {
    const codes = Array.from({ length: n }, (_, i) => (range ? `${10_000 + i * 10}..${10_000 + i * 10 + 9}` : String(10_000 + i)));
    return { ...{ kind: "postalCode", mode: "block", codes: { US: codes } }, id: "zips", name: "Remote ZIP codes" } as CostedRule;
  };
  const addressCost = (rule: CostedRule) => predictConfigurationCost([rule]).find((f) => f.function === "address")!.atLines[0].predicted;

  it("are priced: each entry beyond the bench rule's own adds the fitted cost, a range more", () => {
    const entries = COST_MODEL.functions.address.kinds.postalCode!.entries!;
    expect(entries.each.fixed).toBeGreaterThan(0);
    expect(entries.eachRange!.fixed).toBeGreaterThan(0);
    expect(addressCost(zipRule(503)) - addressCost(zipRule(3))).toBeCloseTo(500 * entries.each.fixed, -3);
    expect(addressCost(zipRule(500, true)) - addressCost(zipRule(500))).toBeCloseTo((500 - entries.baseRanges!) * entries.eachRange!.fixed, -3);
  });

  it("make one rule with a long list refused, named, though its document fits in 10,000 bytes", () => {
    let n = 10;
    while (costGuardError([zipRule(n, true)]) === null && n < 2000) n += 10;
    expect(n, "the guard refuses some list shorter than 2,000 ranges").toBeLessThan(2000);
    expect(costGuardError([zipRule(n, true)])).toContain("Remote ZIP codes");
    expect(costGuardError([zipRule(n - 10, true)])).toBeNull();
    // Shopify's byte limit would not have caught it.
    expect(new TextEncoder().encode(JSON.stringify(zipRule(n, true))).length).toBeLessThan(10_000);
  });
});
