/**
 * The cost guard through the admin: a save that a checkout function is
 * predicted (runner/cost-model.json) to run over 80% of Shopify's instruction
 * limit for, at 200 or 2,000 cart lines, is refused like one over 10,000
 * bytes: the form shows the message naming the function and its costliest
 * rules, nothing is saved or published. A save under it goes through. The
 * home page's status card shows each function's predicted worst case beside
 * its byte meter. Sized from the model's own figures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import prisma from "../../app/db.server";
import { listRules, saveRule } from "../../app/models/rules.server";
import { GUARDED_CART_LINES, LIMIT_SHARE, predictConfigurationCost, type CostedRule } from "../../app/models/function-cost.server";
import { StatusCard } from "../../app/components/StatusCard";
import { instructionLimitFor, predictCost } from "../../extensions/checkout-guard/runner/cost-model";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import * as index from "../../app/routes/app._index";
import * as newRule from "../../app/routes/app.rules.new";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { EXAMPLES, call, ruleForm, newShop } from "./helpers";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock?.close();
});


/** The fewest cart-quantity rules the model puts over the guard's share, at either guarded cart size. */
function cartRulesOverTheGuard(): number {
  for (let n = 1; n <= 200; n++) {
    const rules = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, kind: "cartQuantity" as const }));
    if (GUARDED_CART_LINES.some((lines) => predictCost("cart", rules, lines).worstCase > LIMIT_SHARE * instructionLimitFor(lines))) return n;
  }
  throw new Error("the cost model puts no number of cart-quantity rules over the guard");
}

describe("saving through the editor", () => {
  it("refuses a rule that puts its function over 80% of the limit: the form shows why, nothing is saved or published", async () => {
    const shop = await newShop("cost");
    const n = cartRulesOverTheGuard();
    // The rules that still fit, saved before.
    for (let i = 0; i < n - 1; i++) {
      const saved = await saveRule(shop, { name: `Limit ${i + 1}`, status: "active", definition: EXAMPLES.cartQuantity });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
    }
    const versions = await prisma.configVersion.count({ where: { shop } });
    const validations = mock.state(shop).validations.size;

    const result = await call(newRule, "action", "/app/rules/new", { shop, body: ruleForm("cartQuantity", EXAMPLES.cartQuantity, { name: "One too many" }) });
    expect(result.status).toBe(200);
    expect(result.data.ok).toBe(false);
    const message: string = result.data.errors._form;
    expect(message).toContain(`${CHECKOUT_FUNCTIONS.cart.title} would need up to `);
    expect(message).toMatch(/instructions for a (200|2,000)-line cart, over 80% of Shopify's limit/);
    expect(message).toMatch(/the costliest: “(Limit \d+|One too many)”/);

    expect((await listRules(shop)).map((r) => r.name)).not.toContain("One too many");
    expect(await prisma.configVersion.count({ where: { shop } })).toBe(versions);
    expect(mock.state(shop).validations.size).toBe(validations);
  });

  it("saves and publishes a rule that keeps every function under 80%", async () => {
    const shop = await newShop("cost");
    const result = await call(newRule, "action", "/app/rules/new", { shop, body: ruleForm("cartQuantity", EXAMPLES.cartQuantity, { name: "At most 50" }) });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    expect((await listRules(shop)).map((r) => r.name)).toEqual(["At most 50"]);
    expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS.cart.handle)).toHaveLength(1);
  });
});

describe("the status card", () => {
  it("shows each function's predicted worst case at 200 and 2,000 lines, as a share of Shopify's limit", async () => {
    const shop = await newShop("cost");
    for (const [kind, name] of [["addressKind", "No PO boxes"], ["cartQuantity", "At most 50"], ["subtotal", "Minimum order"]] as const) {
      const saved = await saveRule(shop, { name, status: "active", definition: EXAMPLES[kind] });
      expect(saved.ok).toBe(true);
    }
    const page = await call(index, "loader", "/app", { shop });
    const status = page.data.status;
    const rules = (await listRules(shop)).map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
    const predicted = predictConfigurationCost(rules);
    for (const f of status.functions as { function: string; needed: boolean; cost: unknown }[]) {
      expect(f.cost, f.function).toEqual(f.needed ? predicted.find((p) => p.function === f.function)!.atLines : null);
    }

    const text = renderToStaticMarkup(createElement(AppProvider, { i18n: en }, createElement(StatusCard, { status, onRetry: () => undefined, retrying: false })))
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
    const cart = predicted.find((p) => p.function === "cart")!;
    for (const at of cart.atLines) {
      const line = `Instructions, ${at.lines.toLocaleString("en-US")}-line cart (worst case) ${(at.predicted / 1e6).toFixed(1)}M of ${(at.limit / 1e6).toFixed(1)}M (${Math.round(at.share * 100)}%)`;
      expect(text).toContain(line);
    }
    // Two figures for each function with rules (address, cart), none for the others.
    expect(text.match(/Instructions, 200-line cart/g)).toHaveLength(2);
    expect(text.match(/Instructions, 2,000-line cart/g)).toHaveLength(2);
    expect(CHECKOUT_FUNCTION_NAMES.filter((fn) => status.functions.find((f: { function: string }) => f.function === fn).cost)).toEqual(["address", "cart"]);
  });
});

describe("a function over the limit whatever its rules", () => {
  it("saves product rules, and the status card says up to which cart size the products function checks", async () => {
    const shop = await newShop("cost");
    // Rules by variant (the products function), as many as the model puts over the limit below
    // 200 lines in the worst case (every one blocking): sized from the model, so that the test
    // holds whatever the next fit says.
    const byVariant = { ...EXAMPLES.lineQuantity, select: { variants: ["4455"] } };
    const variantRules = (n: number) => Array.from({ length: n }, (_, i) => ({ ...byVariant, id: `v${i}`, name: `v${i}` }) as CostedRule);
    const count = Array.from({ length: 40 }, (_, i) => i + 1).find(
      (n) => predictConfigurationCost(variantRules(n)).find((p) => p.function === "products")!.checkableLines! < 200,
    );
    expect(count, "the model puts no number of variant rules under 40 over the limit below 200 lines").toBeDefined();
    for (let i = 1; i <= count!; i++) {
      const result = await call(newRule, "action", "/app/rules/new", { shop, body: ruleForm("lineQuantity", byVariant, { name: `Packs of 6 (${i})` }) });
      expect(result.status, JSON.stringify(result.data)).toBe(302);
    }
    expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS.products.handle)).toHaveLength(1);
    expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS.productsLean.handle)).toHaveLength(0);
    // Five rules by tag and collection run in the lean products function, which checks every cart size.
    const lean = Array.from({ length: 5 }, (_, i) => ({ ...EXAMPLES.lineQuantity, id: `r${i}`, name: `r${i}` }) as CostedRule);
    expect(predictConfigurationCost(lean).find((p) => p.function === "productsLean")!.checkableLines).toBe(5000);

    const page = await call(index, "loader", "/app", { shop });
    const products = (page.data.status.functions as { function: string; checkableLines: number | null }[]).find((f) => f.function === "products")!;
    const rules = (await listRules(shop)).map((r) => ({ ...r.definition, id: r.id, name: r.name }));
    const expected = predictConfigurationCost(rules).find((p) => p.function === "products")!.checkableLines!;
    expect(products.checkableLines).toBe(expected);
    expect(expected).toBeLessThan(200);
    const text = renderToStaticMarkup(
      createElement(AppProvider, { i18n: en }, createElement(StatusCard, { status: page.data.status, onRetry: () => undefined, retrying: false })),
    )
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
    expect(text).toContain(`Checks carts of up to ${expected.toLocaleString("en-US")} lines (worst case)`);
  });
});
