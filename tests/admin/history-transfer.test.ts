/**
 * Change history (each saved version, restore) and import/export of the rule
 * set, through the pages' loaders and actions, each change published.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { listRules } from "../../app/models/rules.server";
import { buildConfigDocument } from "../../app/models/config-document.server";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import * as index from "../../app/routes/app._index";
import * as editRule from "../../app/routes/app.rules.$id";
import * as history from "../../app/routes/app.history";
import * as transfer from "../../app/routes/app.transfer";
import { EXAMPLES, call, form, ruleForm, createRuleThroughEditor, newShop } from "./helpers";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock?.close();
});

const create = createRuleThroughEditor;
/** Each function's Validation holds its part of the current rules; a function without rules has none. */
async function expectPublished(shop: string) {
  const built = buildConfigDocument(await listRules(shop));
  if (!built.ok) throw new Error("not built");
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const validations = mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle);
    const expected = built.functions[fn].document;
    if (expected.rules.length === 0) {
      expect(validations, fn).toEqual([]);
      continue;
    }
    expect(validations, fn).toHaveLength(1);
    expect(JSON.parse(mock.metafieldValue(shop, validations[0].id, "config")!)).toEqual(expected);
  }
}
const names = async (shop: string) => (await listRules(shop)).map((r) => r.name);

describe("history", () => {
  it("lists each saved version with its date and rule count, and restores one", async () => {
    const shop = await newShop("hist");
    await create(shop, "addressKind", "One");
    const two = await create(shop, "cartQuantity", "Two");
    const editor = await call(editRule, "loader", `/app/rules/${two}`, { shop, params: { id: two } });
    const body = ruleForm("cartQuantity", { kind: "cartQuantity", max: 99 }, { name: "Two edited" });
    body.set("ruleVersion", editor.data.rule.version);
    expect((await call(editRule, "action", `/app/rules/${two}`, { shop, params: { id: two }, body })).data).toMatchObject({ ok: true });
    await call(index, "action", "/app", { shop, body: form({ intent: "delete", ids: [two] }) });

    const page = await call(history, "loader", "/app/history", { shop });
    expect(page.data.versions.map((v: { version: number; ruleCount: number }) => [v.version, v.ruleCount])).toEqual([
      [4, 1],
      [3, 2],
      [2, 2],
      [1, 1],
    ]);
    expect(new Date(page.data.versions[0].createdAt).getTime()).not.toBeNaN();

    const restored = await call(history, "action", "/app/history", { shop, body: form({ version: "2" }) });
    expect(restored.data).toMatchObject({ ok: true, restored: 2, version: 5, sync: { ok: true } });
    expect(await names(shop)).toEqual(["One", "Two"]);
    expect((await listRules(shop))[1].definition).toEqual(EXAMPLES.cartQuantity);
    await expectPublished(shop);
  });

  it("refuses a version that does not exist, changing nothing", async () => {
    const shop = await newShop("hist");
    await create(shop, "addressKind", "One");
    const result = await call(history, "action", "/app/history", { shop, body: form({ version: "42" }) });
    expect(result.data).toMatchObject({ ok: false, errors: { _form: expect.any(String) } });
    expect(await names(shop)).toEqual(["One"]);
  });
});

describe("import and export", () => {
  it("exports the rule set and imports it into another shop, appending or replacing", async () => {
    const source = await newShop("hist");
    await create(source, "addressKind", "PO boxes");
    await create(source, "subtotal", "Minimum");
    const exported = await call(transfer, "loader", "/app/transfer", { shop: source });
    const file = JSON.stringify(exported.data.ruleSet);
    expect(exported.data.ruleSet.rules.map((r: { name: string }) => r.name)).toEqual(["PO boxes", "Minimum"]);
    expect(exported.data.ruleSet.rules[1].definition).toEqual(EXAMPLES.subtotal);

    const target = await newShop("hist");
    await create(target, "streetNumber", "Mine");
    const appended = await call(transfer, "action", "/app/transfer", { shop: target, body: form({ json: file, mode: "append" }) });
    expect(appended.data).toMatchObject({ ok: true, count: 2, sync: { ok: true } });
    expect(await names(target)).toEqual(["Mine", "PO boxes", "Minimum"]);
    await expectPublished(target);

    const replaced = await call(transfer, "action", "/app/transfer", { shop: target, body: form({ json: file, mode: "replace" }) });
    expect(replaced.data).toMatchObject({ ok: true, count: 2 });
    expect(await names(target)).toEqual(["PO boxes", "Minimum"]);
    await expectPublished(target);
  });

  it("lists the errors of a bad file and imports nothing", async () => {
    const shop = await newShop("hist");
    await create(shop, "streetNumber", "Mine");
    const notJson = await call(transfer, "action", "/app/transfer", { shop, body: form({ json: "{nope", mode: "replace" }) });
    expect(notJson.data).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/not JSON/) } });

    const bad = {
      format: "checkout-guard.rules",
      version: 1,
      rules: [
        { name: "Fine", status: "active", scheduleStart: null, scheduleEnd: null, definition: EXAMPLES.cartQuantity },
        { name: "Broken", status: "active", scheduleStart: null, scheduleEnd: null, definition: { kind: "cartQuantity", min: -4 } },
      ],
    };
    const result = await call(transfer, "action", "/app/transfer", { shop, body: form({ json: JSON.stringify(bad), mode: "replace" }) });
    expect(result.data.ok).toBe(false);
    expect(result.data.errors["rules.1.definition.min"]).toEqual(expect.any(String));
    expect(await names(shop)).toEqual(["Mine"]);
  });
});
