/**
 * The rules pages through their loaders and actions: what the editor posts is
 * saved for every kind and published to Shopify (the mock), errors come back
 * at their field with nothing saved, and the list's actions (bulk enable,
 * disable, delete, duplicate, reorder, retry) do what they say.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { getRule, listRules, saveRule } from "../../app/models/rules.server";
import { buildConfigDocument } from "../../app/models/config-document.server";
import { predictConfigurationCost } from "../../app/models/function-cost.server";
import { RULE_KINDS } from "../../app/components/rule-kinds";
import { ruleFormData } from "../../app/components/rule-form-data";
import * as index from "../../app/routes/app._index";
import { LEGACY_FUNCTION } from "../../app/shopify-sync/sync.server";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, functionOfRule, functionsOfRules, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import { LEGACY_FUNCTION as LEGACY_MOCK_FUNCTION } from "../support/admin-api-mock";
import * as newRule from "../../app/routes/app.rules.new";
import * as editRule from "../../app/routes/app.rules.$id";
import { EXAMPLES, call, form, idFromLocation, ruleForm, newShop } from "./helpers";


let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock?.close();
});


/** The config metafield Shopify holds on the shop's Validation of each function, parsed (undefined: no Validation). */
function publishedConfig(shop: string): Record<CheckoutFunction, unknown> {
  const read = (fn: CheckoutFunction) => {
    const [validation] = mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle);
    const value = validation ? mock.metafieldValue(shop, validation.id, "config") : undefined;
    return value === undefined ? undefined : JSON.parse(value);
  };
  return Object.fromEntries(CHECKOUT_FUNCTION_NAMES.map((fn) => [fn, read(fn)])) as Record<CheckoutFunction, unknown>;
}

/** Each function with rules has its document on its Validation; one without rules has no Validation. */
async function expectPublished(shop: string) {
  const built = buildConfigDocument(await listRules(shop));
  if (!built.ok) throw new Error("document not built");
  const published = publishedConfig(shop);
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const { document, json } = built.functions[fn];
    expect(published[fn], fn).toEqual(document.rules.length > 0 ? JSON.parse(json) : undefined);
  }
}

/** The editor's post of the page as loaded: its form, and the version of the rule it shows. */
function editorPost(page: { rule: { version: string }; initial: Parameters<typeof ruleFormData>[0] }, edit?: (state: Parameters<typeof ruleFormData>[0]) => void): FormData {
  const state = structuredClone(page.initial);
  edit?.(state);
  const body = ruleFormData(state);
  body.set("ruleVersion", page.rule.version);
  return body;
}

/** `body` posted from the rule's page as it is now (its current version). */
async function fromPage(shop: string, id: string, body: FormData): Promise<FormData> {
  const page = await call(editRule, "loader", `/app/rules/${id}`, { shop, params: { id } });
  body.set("ruleVersion", page.data.rule.version);
  return body;
}

async function create(shop: string, body: FormData) {
  const result = await call(newRule, "action", "/app/rules/new", { shop, body });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return idFromLocation(result.location);
}

describe("rule editor", () => {
  it.each(RULE_KINDS)("creates a %s rule from the form post and publishes it", async (kind) => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm(kind, EXAMPLES[kind], { name: `My ${kind}` }));
    const rule = await getRule(shop, id);
    expect(rule).toMatchObject({ name: `My ${kind}`, kind, status: "active" });
    expect(rule!.definition).toEqual(EXAMPLES[kind]);
    await expectPublished(shop);
    // Only the function of its kind runs at checkout: it alone has a Validation.
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle), fn).toHaveLength(fn === functionOfRule(rule!.definition) ? 1 : 0);
    }
    // The editor shows it back as it was posted: saving the page untouched changes nothing.
    const page = await call(editRule, "loader", `/app/rules/${id}`, { shop, params: { id } });
    expect(page.status).toBe(200);
    expect(page.data.initial.name).toBe(`My ${kind}`);
    const resaved = await call(editRule, "action", `/app/rules/${id}`, { shop, params: { id }, body: editorPost(page.data) });
    expect(resaved.data).toMatchObject({ ok: true, id });
    expect((await getRule(shop, id))!.definition).toEqual(EXAMPLES[kind]);
  });

  it("offers the 16 kinds, then a form with defaults for a quick start", async () => {
    const shop = await newShop("rules");
    const chooser = await call(newRule, "loader", "/app/rules/new", { shop });
    expect(chooser.data.kind).toBeNull();
    const quick = await call(newRule, "loader", "/app/rules/new?kind=addressKind&preset=poBox", { shop });
    expect(quick.data.kind).toBe("addressKind");
    expect(quick.data.initial.name).toBe("Block PO boxes");
    expect(quick.data.initial.values["definition.block"]).toEqual(["poBox"]);
  });

  it("updates a rule in place and publishes the new version", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("cartQuantity", { kind: "cartQuantity", min: 2 }));
    const saved = await call(editRule, "action", `/app/rules/${id}`, {
      shop,
      params: { id },
      body: await fromPage(shop, id, ruleForm("cartQuantity", { kind: "cartQuantity", min: 5, max: 9 }, { name: "Five to nine" })),
    });
    expect(saved.data).toMatchObject({ ok: true, id, sync: { ok: true } });
    expect((await getRule(shop, id))!.definition).toEqual({ kind: "cartQuantity", min: 5, max: 9 });
    await expectPublished(shop);
  });

  const invalid: [string, FormData, string][] = [
    ["a number field holding text", ruleForm("cartQuantity", { kind: "cartQuantity" }, {}, (v) => (v["definition.min"] = "abc")), "definition.min"],
    ["a negative minimum", ruleForm("cartQuantity", { kind: "cartQuantity", min: -1 }), "definition.min"],
    ["a pack size of 0", ruleForm("lineQuantity", { kind: "lineQuantity", multiple: 0 }), "definition.multiple"],
    ["an empty name", ruleForm("streetNumber", { kind: "streetNumber" }, { name: " " }), "name"],
    ["a scheduled rule without dates", ruleForm("streetNumber", { kind: "streetNumber" }, { status: "scheduled" }), "scheduleStart"],
    ["a pattern with a syntax error", ruleForm("fieldPattern", { kind: "fieldPattern", field: "zip", pattern: "([0-9]", mode: "allow" }), "definition.pattern"],
    ["a catastrophic pattern", ruleForm("fieldPattern", { kind: "fieldPattern", field: "zip", pattern: "^(a+)+$", mode: "block" }), "definition.pattern"],
    ["no address kind chosen", ruleForm("addressKind", { kind: "addressKind", block: [] }), "definition.block"],
    ["a malformed postal-code list", ruleForm("postalCode", { kind: "postalCode", mode: "block" }, {}, (v) => (v["definition.codes"] = "75001, 75002")), "definition.codes"],
    ["a bad postal-code entry", ruleForm("postalCode", { kind: "postalCode", mode: "block", codes: { FR: ["75_001"] } }), "definition.codes.FR.0"],
    ["a bad translation language", ruleForm("streetNumber", { kind: "streetNumber", translations: { french: "Numéro !" } }), "definition.translations.french"],
    ["a subtotal amount holding text", ruleForm("subtotal", { kind: "subtotal", limits: { EUR: { min: "ten" } } }), "definition.limits.EUR.min"],
  ];
  it.each(invalid)("refuses %s with an error at its field, saving nothing", async (_, body, key) => {
    const shop = await newShop("rules");
    const result = await call(newRule, "action", "/app/rules/new", { shop, body });
    expect(result.status).toBe(200);
    expect(result.data.ok).toBe(false);
    expect(result.data.errors[key], JSON.stringify(result.data.errors)).toEqual(expect.any(String));
    expect(await listRules(shop)).toEqual([]);
    expect(await prisma.configVersion.count({ where: { shop } })).toBe(0);
    expect(mock.state(shop).validations.size).toBe(0);
  });

  it("refuses an edit that does not fit in 10,000 bytes, naming the size, and keeps the saved rule", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("postalCode", { kind: "postalCode", mode: "block", codes: { FR: ["75001"] } }));
    const codes = Object.fromEntries(
      ["FR", "DE", "ES", "IT"].map((c) => [c, Array.from({ length: 400 }, (_, i) => String(10000 + i * 7))]),
    );
    const result = await call(editRule, "action", `/app/rules/${id}`, {
      shop,
      params: { id },
      body: await fromPage(shop, id, ruleForm("postalCode", { kind: "postalCode", mode: "block", codes })),
    });
    expect(result.data.ok).toBe(false);
    expect(result.data.errors._form).toMatch(/10,000 bytes/);
    expect((await getRule(shop, id))!.definition).toEqual({ kind: "postalCode", mode: "block", codes: { FR: ["75001"] } });
  });

  it("parses a postal-code CSV for the editor without saving anything", async () => {
    const shop = await newShop("rules");
    const result = await call(newRule, "action", "/app/rules/new?kind=postalCode", {
      shop,
      body: form({ intent: "parseCsv", csv: "country,code\nFR,75001\nFR,75002\nBE,1000\n" }),
    });
    expect(result.data.csv).toEqual({ ok: true, codes: { FR: ["75001", "75002"], BE: ["1000"] } });
    const single = await call(newRule, "action", "/app/rules/new?kind=postalCode", {
      shop,
      body: form({ intent: "parseCsv", csv: "75001\n75002\n", country: "fr" }),
    });
    expect(single.data.csv).toEqual({ ok: true, codes: { FR: ["75001", "75002"] } });
    expect(await listRules(shop)).toEqual([]);
  });

  it("deletes a rule from its editor", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("streetNumber", { kind: "streetNumber" }));
    const result = await call(editRule, "action", `/app/rules/${id}`, { shop, params: { id }, body: await fromPage(shop, id, form({ intent: "delete" })) });
    expect(result.status).toBe(302);
    expect(await listRules(shop)).toEqual([]);
    await expectPublished(shop);
  });

  it("answers 404 for an id that does not exist", async () => {
    const shop = await newShop("rules");
    const result = await call(editRule, "loader", "/app/rules/nope", { shop, params: { id: "nope" } });
    expect(result.status).toBe(404);
  });
});

describe("rules list", () => {
  async function seed(shop: string) {
    const a = await create(shop, ruleForm("addressKind", EXAMPLES.addressKind, { name: "A" }));
    const b = await create(shop, ruleForm("cartQuantity", EXAMPLES.cartQuantity, { name: "B" }));
    const c = await create(shop, ruleForm("postalCode", EXAMPLES.postalCode, { name: "C", status: "inactive" }));
    return [a, b, c];
  }
  const names = async (shop: string) => (await listRules(shop)).map((r) => `${r.name}:${r.status}`);

  it("lists rules with kind, status, scope and a one-line summary, and the checkout status", async () => {
    const shop = await newShop("rules");
    const empty = await call(index, "loader", "/app", { shop });
    expect(empty.data.rules).toEqual([]);
    expect(empty.data.status).toMatchObject({
      savedVersion: null,
      byteLimit: 10000,
      functions: CHECKOUT_FUNCTION_NAMES.map((fn) => ({ function: fn, validationExists: false, bytesUsed: null, cost: null })),
    });

    await seed(shop);
    await create(shop, ruleForm("streetNumber", EXAMPLES.streetNumber, { name: "D", status: "scheduled", scheduleStart: "2026-12-01T00:00" }));
    const page = await call(index, "loader", "/app", { shop });
    expect(page.data.rules).toEqual([
      expect.objectContaining({ name: "A", kind: "addressKind", status: "active", scope: "All countries", summary: "Blocks PO boxes and parcel lockers in Address line 1, Address line 2" }),
      expect.objectContaining({ name: "B", kind: "cartQuantity", summary: "Cart items: between 2 and 50" }),
      expect.objectContaining({ name: "C", status: "inactive", summary: "Blocks 3 postal code entries in FR" }),
      expect.objectContaining({ name: "D", status: "scheduled", scheduleStart: "2026-12-01T00:00:00", scope: "Not in GB, IE" }),
    ]);
    const built = buildConfigDocument(await listRules(shop));
    if (!built.ok) throw new Error("not built");
    // Per function: its Validation, its state, and its own document's bytes.
    expect(page.data.status).toMatchObject({
      inSync: true,
      lastError: null,
      legacyPending: false,
      functions: [
        { function: "address", title: "Checkout Guard: addresses", needed: true, ruleCount: 2, validationExists: true, enabled: true, inSync: true, bytesUsed: built.functions.address.bytes },
        { function: "cart", title: "Checkout Guard: cart totals", needed: true, ruleCount: 1, validationExists: true, enabled: true, inSync: true, bytesUsed: built.functions.cart.bytes },
        { function: "weight", title: "Checkout Guard: cart weight", needed: false, ruleCount: 0, validationExists: false, inSync: true, bytesUsed: 0, cost: null },
        { function: "productsLean", title: "Checkout Guard: products by product, tag or collection", needed: false, ruleCount: 0, validationExists: false, inSync: true, bytesUsed: 0, cost: null },
        { function: "products", title: "Checkout Guard: products", needed: false, ruleCount: 0, validationExists: false, inSync: true, bytesUsed: 0, cost: null },
      ],
    });
    // And, beside the bytes, each needed function's predicted worst case at 200 and 2,000 lines, against Shopify's limit.
    const predicted = predictConfigurationCost(
      (await listRules(shop)).filter((r) => r.status !== "inactive").map((r) => ({ ...r.definition, id: r.id, name: r.name })),
    );
    for (const fn of ["address", "cart"] as const) {
      const cost = page.data.status.functions.find((f: { function: string }) => f.function === fn).cost;
      expect(cost, fn).toEqual(predicted.find((p) => p.function === fn)!.atLines);
      expect(cost.map((at: { lines: number }) => at.lines)).toEqual([200, 2000]);
      expect(cost.map((at: { limit: number }) => at.limit)).toEqual([11_000_000, 110_000_000]);
      expect(cost[0].predicted).toBeGreaterThan(1_000_000);
    }
    expect(page.data.status.costGuardShare).toBe(0.8);
  });

  it("moves a shop from the single function's Validation to the functions' when the home page opens, once", async () => {
    const shop = await newShop("rules");
    // Saved before the upgrade and published to the single function then.
    for (const [kind, name] of [["addressKind", "A"], ["cartQuantity", "B"]] as const) {
      const saved = await saveRule(shop, { name, status: "active", definition: EXAMPLES[kind] });
      if (!saved.ok) throw new Error("not saved");
    }
    const legacy = mock.seedValidation(shop, LEGACY_MOCK_FUNCTION);
    await prisma.functionSync.create({ data: { shop, function: LEGACY_FUNCTION, validationId: legacy.id, enabled: true, syncedVersion: 2 } });

    const page = await call(index, "loader", "/app", { shop });
    expect(mock.state(shop).validations.has(legacy.id)).toBe(false);
    expect(mock.validationsOf(shop, "checkout-guard-address")).toHaveLength(1);
    expect(mock.validationsOf(shop, "checkout-guard-cart")).toHaveLength(1);
    await expectPublished(shop);
    expect(page.data.status).toMatchObject({ inSync: true, legacyPending: false, functions: CHECKOUT_FUNCTION_NAMES.map(() => ({ inSync: true })) });
    // Only the functions with rules have a Validation.
    expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS.weight.handle)).toHaveLength(0);
    expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS.products.handle)).toHaveLength(0);

    // Published: the next visits send nothing but, at most, the status's read (remembered for a few seconds: validations-cache.ts).
    const before = mock.requests.filter((r) => r.shop === shop).length;
    await call(index, "loader", "/app", { shop });
    const after = mock.requests.filter((r) => r.shop === shop).slice(before);
    expect(after.flatMap((r) => r.graphql?.rootFields ?? [r.kind]).filter((field) => field !== "validations")).toEqual([]);
  });

  it("publishes from the home page a shop whose saved rules never reached the functions", async () => {
    const shop = await newShop("rules");
    const saved = await saveRule(shop, { name: "B", status: "active", definition: EXAMPLES.cartQuantity });
    if (!saved.ok) throw new Error("not saved");
    const page = await call(index, "loader", "/app", { shop });
    expect(mock.validationsOf(shop, "checkout-guard-cart")).toHaveLength(1);
    expect(page.data.status.functions[1]).toMatchObject({ inSync: true, syncedVersion: saved.version });

    // Once published (even if a later save failed to publish), opening the page does not publish by itself.
    const next = await saveRule(shop, { name: "C", status: "active", definition: EXAMPLES.distinctLines });
    if (!next.ok) throw new Error("not saved");
    const again = await call(index, "loader", "/app", { shop });
    expect(again.data.status).toMatchObject({ inSync: false, savedVersion: next.version });
    expect(mock.graphqlRequests("metafieldsSet").filter((r) => r.shop === shop)).toEqual([]);
  });

  it("enables, disables and deletes selected rules, publishing each change", async () => {
    const shop = await newShop("rules");
    const [a, b, c] = await seed(shop);
    let result = await call(index, "action", "/app", { shop, body: form({ intent: "disable", ids: [a, b] }) });
    expect(result.data).toMatchObject({ ok: true, sync: { ok: true } });
    expect(await names(shop)).toEqual(["A:inactive", "B:inactive", "C:inactive"]);
    await expectPublished(shop);
    result = await call(index, "action", "/app", { shop, body: form({ intent: "enable", ids: [b, c] }) });
    expect(await names(shop)).toEqual(["A:inactive", "B:active", "C:active"]);
    await expectPublished(shop);
    result = await call(index, "action", "/app", { shop, body: form({ intent: "delete", ids: [a, c] }) });
    expect(result.data.ok).toBe(true);
    expect(await names(shop)).toEqual(["B:active"]);
    await expectPublished(shop);
  });

  it("duplicates a rule and moves rules up and down", async () => {
    const shop = await newShop("rules");
    const [a, , c] = await seed(shop);
    await call(index, "action", "/app", { shop, body: form({ intent: "duplicate", id: a }) });
    const afterDuplicate = await listRules(shop);
    expect(afterDuplicate).toHaveLength(4);
    const copy = afterDuplicate.find((r) => r.id !== a && r.kind === "addressKind")!;
    expect(copy.definition).toEqual(EXAMPLES.addressKind);

    await call(index, "action", "/app", { shop, body: form({ intent: "moveUp", id: c }) });
    const order1 = (await listRules(shop)).map((r) => r.id);
    expect(order1.indexOf(c)).toBeLessThan(order1.indexOf(afterDuplicate.find((r) => r.name === "B")!.id));
    await call(index, "action", "/app", { shop, body: form({ intent: "moveDown", id: order1[0] }) });
    const order2 = (await listRules(shop)).map((r) => r.id);
    expect(order2.slice(0, 2)).toEqual([order1[1], order1[0]]);
    await expectPublished(shop);
    // Each published document follows the merchant's order (with every rule on, so that order shows).
    await call(index, "action", "/app", { shop, body: form({ intent: "enable", ids: order2 }) });
    const published = publishedConfig(shop) as Record<CheckoutFunction, { rules: object[] } | undefined>;
    const enforced = (await listRules(shop)).filter((r) => r.status !== "inactive");
    const functions = functionsOfRules(enforced.map((r) => r.definition));
    const built = buildConfigDocument(enforced);
    if (!built.ok) throw new Error("document not built");
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const ids = enforced.filter((_, i) => functions[i] === fn).map((r) => r.id);
      const rules = built.document.rules.filter((_, i) => functions[i] === fn);
      expect(rules.map((r) => r.id), fn).toEqual(ids);
      // Published without their ids (publishedDocument), in that order.
      expect(published[fn]?.rules ?? [], fn).toEqual(rules.map(({ id: _id, ...rule }) => rule));
    }
    expect(published.address!.rules.length).toBe(3);
  });

  it("answers 413 to a post over its cap, changing nothing", async () => {
    const shop = await newShop("rules");
    const [a] = await seed(shop);
    const before = await listRules(shop);
    const result = await call(index, "action", "/app", { shop, body: form({ intent: "disable", ids: [a, ...Array.from({ length: 5_000 }, (_, i) => `padding-${i}-${"x".repeat(10)}`)] }) });
    expect(result.status).toBe(413);
    expect((await result.response!.json()).errors._form).toMatch(/^This request is larger than 64 KB, the most this page accepts\. Nothing was saved\.$/);
    expect(await listRules(shop)).toEqual(before);
  });

  it("keeps the change when publishing fails, shows the error, and retries", async () => {
    const shop = await newShop("rules");
    await create(shop, ruleForm("streetNumber", EXAMPLES.streetNumber));
    mock.failNext("userErrors", { shop, message: "Something went wrong on Shopify's side" });
    const result = await call(index, "action", "/app", { shop, body: form({ intent: "disable", ids: (await listRules(shop)).map((r) => r.id) }) });
    expect(result.data.ok).toBe(true);
    expect(result.data.sync.ok).toBe(false);
    expect((await listRules(shop))[0].status).toBe("inactive");
    const failed = await call(index, "loader", "/app", { shop });
    expect(failed.data.status.inSync).toBe(false);
    expect(failed.data.status.lastError).toEqual(expect.any(String));

    const retried = await call(index, "action", "/app", { shop, body: form({ intent: "retry" }) });
    expect(retried.data.sync).toMatchObject({ ok: true });
    const ok = await call(index, "loader", "/app", { shop });
    expect(ok.data.status).toMatchObject({ inSync: true, lastError: null });
    await expectPublished(shop);
  });
});

describe("two staff editing the same rule", () => {
  const load = async (shop: string, id: string) => (await call(editRule, "loader", `/app/rules/${id}`, { shop, params: { id } })).data;
  const save = (shop: string, id: string, body: FormData) => call(editRule, "action", `/app/rules/${id}`, { shop, params: { id }, body });
  const publishes = (shop: string) => mock.graphqlRequests("metafieldsSet").filter((r) => r.shop === shop).length;

  it("keeps the first save and refuses the second, stale one with what changed, changing nothing", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("cartQuantity", { kind: "cartQuantity", min: 2, max: 10 }, { name: "Ten at most" }));
    const alice = await load(shop, id);
    const bob = await load(shop, id);

    const first = await save(shop, id, editorPost(alice, (s) => {
      s.name = "Twelve at most";
      s.values["definition.max"] = "12";
    }));
    expect(first.data).toMatchObject({ ok: true, id });
    const kept = await getRule(shop, id);
    const versions = await prisma.configVersion.count({ where: { shop } });
    const published = publishes(shop);

    const second = await save(shop, id, editorPost(bob, (s) => {
      s.values["definition.min"] = "3";
    }));
    expect(second.status).toBe(200);
    expect(second.data.ok).toBe(false);
    expect(second.data.errors._form).toMatch(/^“Twelve at most” was saved by someone else \([A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M UTC\) after you opened it\. It changed: Name, Maximum items\. Your change was not saved\./);
    expect(second.data.conflict).toEqual({
      ruleId: id,
      name: "Twelve at most",
      changedAt: kept!.updatedAt.toISOString(),
      currentVersion: kept!.updatedAt.toISOString(),
      comparedWith: "loaded",
      changes: [
        { field: "name", label: "Name", before: "Ten at most", now: "Twelve at most" },
        { field: "definition.max", label: "Maximum items", before: "10", now: "12" },
      ],
    });
    // The first edit stands; nothing was written or published for the second.
    expect(await getRule(shop, id)).toEqual(kept);
    expect(await prisma.configVersion.count({ where: { shop } })).toBe(versions);
    expect(publishes(shop)).toBe(published);

    // Reloaded, Bob's page carries the current version and his change goes through.
    const reloaded = await load(shop, id);
    const third = await save(shop, id, editorPost(reloaded, (s) => (s.values["definition.min"] = "3")));
    expect(third.data).toMatchObject({ ok: true });
    expect((await getRule(shop, id))!.definition).toEqual({ kind: "cartQuantity", min: 3, max: 12 });
  });

  it("lets exactly one of two simultaneous saves from the same page win", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("cartQuantity", { kind: "cartQuantity", min: 2 }));
    const page = await load(shop, id);
    const results = await Promise.all(
      ["5", "7"].map((min) => save(shop, id, editorPost(page, (s) => (s.values["definition.min"] = min)))),
    );
    expect(results.map((r) => r.data.ok).sort()).toEqual([false, true]);
    const winner = results.findIndex((r) => r.data.ok);
    expect((await getRule(shop, id))!.definition).toEqual({ kind: "cartQuantity", min: winner === 0 ? 5 : 7 });
    expect(results[1 - winner].data.conflict.changes).toEqual([
      { field: "definition.min", label: "Minimum items", before: "2", now: winner === 0 ? "5" : "7" },
    ]);
  });

  it("refuses to delete a rule someone changed since the page was loaded", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("streetNumber", EXAMPLES.streetNumber, { name: "House numbers" }));
    const stale = await load(shop, id);
    await save(shop, id, editorPost(await load(shop, id), (s) => (s.status = "inactive")));

    const deleted = await save(shop, id, form({ intent: "delete", ruleVersion: stale.rule.version }));
    expect(deleted.status).toBe(200);
    expect(deleted.data.conflict.changes).toEqual([{ field: "status", label: "Status", before: "active", now: "inactive" }]);
    expect(await getRule(shop, id)).not.toBeNull();

    const fresh = await load(shop, id);
    const done = await save(shop, id, form({ intent: "delete", ruleVersion: fresh.rule.version }));
    expect(done.status).toBe(302);
    expect(await getRule(shop, id)).toBeNull();
  });

  it("refuses to disable or delete, from a stale rules list, a rule someone changed since", async () => {
    const shop = await newShop("rules");
    const a = await create(shop, ruleForm("streetNumber", EXAMPLES.streetNumber, { name: "A" }));
    const b = await create(shop, ruleForm("cartQuantity", { kind: "cartQuantity", min: 2 }, { name: "B" }));
    const list = (await call(index, "loader", "/app", { shop })).data;
    const versions = (ids: string[]) => ids.map((id) => `${id} ${list.rules.find((r: { id: string }) => r.id === id).version}`);
    await save(shop, b, editorPost(await load(shop, b), (s) => (s.values["definition.min"] = "6")));
    const before = await listRules(shop);

    for (const intent of ["disable", "delete"]) {
      const result = await call(index, "action", "/app", { shop, body: form({ intent, ids: [a, b], versions: versions([a, b]) }) });
      expect(result.data, intent).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/^“B” was saved by someone else .* It changed: Minimum items\./) } });
      expect(await listRules(shop)).toEqual(before);
    }
    // The rule the list still shows as it is can be changed.
    const result = await call(index, "action", "/app", { shop, body: form({ intent: "disable", ids: [a], versions: versions([a]) }) });
    expect(result.data).toMatchObject({ ok: true });
    expect((await getRule(shop, a))!.status).toBe("inactive");
  });

  it("refuses a save that does not say which version it was made from", async () => {
    const shop = await newShop("rules");
    const id = await create(shop, ruleForm("cartQuantity", { kind: "cartQuantity", min: 2 }));
    const result = await save(shop, id, ruleForm("cartQuantity", { kind: "cartQuantity", min: 9 }));
    expect(result.data).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/reload it/) } });
    expect((await getRule(shop, id))!.definition).toEqual({ kind: "cartQuantity", min: 2 });
  });

  it("does not count moving or deleting other rules as a change to this one", async () => {
    const shop = await newShop("rules");
    const first = await create(shop, ruleForm("streetNumber", EXAMPLES.streetNumber, { name: "First" }));
    const id = await create(shop, ruleForm("cartQuantity", { kind: "cartQuantity", min: 2 }, { name: "Second" }));
    await create(shop, ruleForm("distinctLines", EXAMPLES.distinctLines, { name: "Third" }));
    const page = await load(shop, id);
    await call(index, "action", "/app", { shop, body: form({ intent: "duplicate", id: first }) });
    await call(index, "action", "/app", { shop, body: form({ intent: "moveDown", id }) });
    await call(index, "action", "/app", { shop, body: form({ intent: "delete", ids: [first] }) });
    expect((await getRule(shop, id))!.position).not.toBe(1);
    const saved = await save(shop, id, editorPost(page, (s) => (s.values["definition.min"] = "4")));
    expect(saved.data).toMatchObject({ ok: true });
  });
});
