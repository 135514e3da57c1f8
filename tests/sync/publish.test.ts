/**
 * Publishing the configuration to Shopify, against the Admin API mock over
 * real HTTP (every query validated against Shopify's documented schema) with
 * the app's own Admin API client and a real database: one Validation per
 * checkout function (address, cart totals, weight, and the two products
 * functions: productsLean for rules by product and one tag and collection
 * list, products for rules by variant or by more lists), each with its own
 * document and input variables, none for a function without rules, and
 * the single function's Validation of earlier versions deleted on the first
 * publish.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { unauthenticated, authenticate } from "../../app/shopify.server";
import { deleteRules, listRules, saveRule, type RuleInput } from "../../app/models/rules.server";
import { functionDocuments } from "../../app/models/config-document.server";
import {
  getSyncStatus,
  LEGACY_FUNCTION,
  MESSAGES,
  needsSplitPublish,
  publishConfiguration,
  retrySync,
  type AdminGraphql,
  type SyncOptions,
} from "../../app/shopify-sync/sync.server";
import { isDeepStrictEqual } from "node:util";
import { parseConfig, type Config, type FunctionConfig } from "../../extensions/checkout-guard/src/engine/config";
import { UNUSED_SCHEDULE_SLOT } from "../../extensions/checkout-guard/src/engine/input-variables";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import {
  CART_FUNCTION,
  DEPLOYED_FUNCTIONS,
  LEGACY_FUNCTION as LEGACY_MOCK_FUNCTION,
  startAdminApiMock,
  uniqueShop,
  type AdminApiMock,
} from "../support/admin-api-mock";
import { adminRequest, seedOfflineSession } from "../support/session-token";


let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

/** Retries without waiting; `delays` records the backoff asked for. */
function fast(): SyncOptions & { delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** The Admin API client the app gets outside a request (offline session). */
async function offlineGraphql(shop: string): Promise<AdminGraphql> {
  await seedOfflineSession(shop);
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as AdminGraphql;
}

/** The client a route gets from authenticate.admin (it throws Responses on HTTP errors). */
async function requestGraphql(shop: string): Promise<AdminGraphql> {
  await seedOfflineSession(shop);
  const { admin } = await authenticate.admin(await adminRequest("/app", { shop }));
  return admin.graphql as unknown as AdminGraphql;
}

const cartMax = (max: number): RuleInput => ({ name: `At most ${max} items`, status: "active", definition: { kind: "cartQuantity", max } });
const noPoBoxes: RuleInput = { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } };
const maxWeight: RuleInput = { name: "At most 30 kg", status: "active", definition: { kind: "weight", max: 30, unit: "KILOGRAMS" } };
// By tag and collection, no variant: the lean products function's.
const wholesalePacks: RuleInput = {
  name: "Wholesale packs",
  status: "active",
  definition: { kind: "lineQuantity", multiple: 6, select: { tags: ["wholesale"], collections: ["123"] } },
};
// The same lists and a variant: the variant sends it to the products function.
const variantPacks: RuleInput = {
  name: "Packs of variant 444",
  status: "active",
  definition: { kind: "lineQuantity", multiple: 6, select: { variants: ["444"], tags: ["wholesale"], collections: ["123"] } },
};
const handleOf = (fn: CheckoutFunction) => CHECKOUT_FUNCTIONS[fn].handle;

async function saved(shop: string, input: RuleInput) {
  const result = await saveRule(shop, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const latestDocument = async (shop: string) =>
  (await prisma.configVersion.findFirstOrThrow({ where: { shop }, orderBy: { version: "desc" } })).document;

/** What each function's Validation should carry for the latest saved version. */
async function expectedDocuments(shop: string) {
  const parsed = parseConfig(JSON.parse(await latestDocument(shop)));
  if (!parsed.ok) throw new Error("stored document invalid");
  return functionDocuments(parsed.config);
}

const shopRequests = (shop: string) => mock.requests.filter((r) => r.shop === shop);
const mutations = (shop: string, field: string) => mock.graphqlRequests(field).filter((r) => r.shop === shop);
const validationsOf = (shop: string, fn: CheckoutFunction) => mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle);
const functionRow = (shop: string, fn: string) => prisma.functionSync.findUnique({ where: { shop_function: { shop, function: fn } } });

/**
 * The saved rules a published document holds, by id, in its order: a published
 * rule carries no id (publishedDocument), so each is matched on its definition
 * in the latest saved version.
 */
async function idsOf(shop: string, published: FunctionConfig): Promise<string[]> {
  const saved = (JSON.parse(await latestDocument(shop)) as Config).rules;
  return published.rules.map((rule) => saved.find(({ id: _id, ...definition }) => isDeepStrictEqual(definition, rule))?.id ?? "(not a saved rule)");
}

/** The two metafields on the shop's Validation of `fn`, parsed. */
function publishedOn(shop: string, fn: CheckoutFunction) {
  const [validation] = validationsOf(shop, fn);
  if (!validation) return null;
  return {
    validation,
    config: JSON.parse(mock.metafieldValue(shop, validation.id, "config")!) as FunctionConfig,
    configText: mock.metafieldValue(shop, validation.id, "config")!,
    variables: JSON.parse(mock.metafieldValue(shop, validation.id, "input-variables")!) as Record<string, unknown>,
  };
}

const unusedSlots = (from: number) => Object.fromEntries(Array.from({ length: 8 - from }, (_, i) => [`scheduleAt${from + i}`, UNUSED_SCHEDULE_SLOT]));

describe("publishConfiguration: one Validation per checkout function", () => {
  it("publishes to the functions Shopify has deployed: one per function extension, by handle", () => {
    expect(DEPLOYED_FUNCTIONS.map((f) => f.handle).sort()).toEqual(CHECKOUT_FUNCTION_NAMES.map(handleOf).sort());
    expect(CHECKOUT_FUNCTION_NAMES).toEqual(["address", "cart", "weight", "productsLean", "products"]);
  });

  it("creates the address, cart and lean products Validations, each with its own rules, schedule and input variables", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, { ...noPoBoxes, status: "scheduled", scheduleStart: "2026-12-20T00:00", scheduleEnd: "2026-12-27T00:00" });
    await saved(shop, wholesalePacks);
    const { version } = await saved(shop, { ...cartMax(9), status: "scheduled", scheduleStart: "2027-01-05T00:00" });
    const rules = await listRules(shop);

    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });

    // No weight rule: no weight Validation; no rule by variant or by a second list: no products one.
    expect(mock.state(shop).validations.size).toBe(3);
    expect(validationsOf(shop, "weight")).toEqual([]);
    expect(validationsOf(shop, "products")).toEqual([]);
    const address = publishedOn(shop, "address")!;
    const cart = publishedOn(shop, "cart")!;
    const products = publishedOn(shop, "productsLean")!;
    expect(address.validation).toMatchObject({ enabled: true, blockOnFailure: false, title: "Checkout Guard: addresses" });
    expect(cart.validation).toMatchObject({ enabled: true, blockOnFailure: false, title: "Checkout Guard: cart totals" });
    expect(products.validation).toMatchObject({ enabled: true, blockOnFailure: false, title: "Checkout Guard: products by product, tag or collection" });

    // The address document holds only the address rule, and only its schedule boundaries.
    expect(await idsOf(shop, address.config)).toEqual([rules[0].id]);
    expect(address.config.clock).toEqual(["2026-12-20T00:00:00", "2026-12-27T00:00:00"]);
    // Its input variables are exactly its query's: the schedule slots, no product tags or collections.
    expect(address.variables).toEqual({ scheduleAt0: "2026-12-20T00:00:00", scheduleAt1: "2026-12-27T00:00:00", ...unusedSlots(2) });

    // The cart document holds only the cart-totals rule, and its boundary; no tags or collections.
    expect(await idsOf(shop, cart.config)).toEqual([rules[2].id]);
    expect(cart.config.clock).toEqual(["2027-01-05T00:00:00"]);
    expect(cart.variables).toEqual({ scheduleAt0: "2027-01-05T00:00:00", ...unusedSlots(1) });

    // The lean products document holds the line rule, and its variables the tag and collection list
    // it selects on, in the lean query's one slot of each.
    expect(await idsOf(shop, products.config)).toEqual([rules[1].id]);
    expect(products.config).not.toHaveProperty("clock");
    expect(products.variables).toEqual({ tags0: ["wholesale"], collections0: ["gid://shopify/Collection/123"], ...unusedSlots(0) });

    // Byte for byte what the admin built from the saved version.
    const expected = await expectedDocuments(shop);
    expect(address.configText).toBe(expected.address.json);
    expect(cart.configText).toBe(expected.cart.json);
    expect(products.configText).toBe(expected.productsLean.json);

    // Every request was one Shopify accepts, sent to this shop's Admin API.
    for (const r of shopRequests(shop)) {
      expect(r.kind).toBe("graphql");
      expect(r.url).toMatch(new RegExp(`^https://${shop.replace(/\./g, "\\.")}/admin/api/2026-04/graphql\\.json$`));
      expect(r.graphql?.errors).toEqual([]);
      expect(r.graphql?.valid).toBe(true);
    }
    const creates = mutations(shop, "validationCreate").map((r) => (r.graphql!.variables as any).validation);
    expect(creates.map((v) => v.functionHandle)).toEqual(["checkout-guard-address", "checkout-guard-cart", "checkout-guard-products-lean"]);
    for (const v of creates) expect(v).toMatchObject({ enable: true, blockOnFailure: false });
    expect(mutations(shop, "validationDelete")).toEqual([]);

    expect(await functionRow(shop, "address")).toMatchObject({
      validationId: address.validation.id,
      enabled: true,
      syncedVersion: version,
      configBytes: Buffer.byteLength(expected.address.json),
    });
    expect(await functionRow(shop, "cart")).toMatchObject({
      validationId: cart.validation.id,
      enabled: true,
      syncedVersion: version,
      configBytes: Buffer.byteLength(expected.cart.json),
    });
    expect((await functionRow(shop, "cart"))!.syncedAt).toBeInstanceOf(Date);
    expect(await functionRow(shop, "productsLean")).toMatchObject({
      validationId: products.validation.id,
      syncedVersion: version,
      configBytes: Buffer.byteLength(expected.productsLean.json),
    });
    expect(await functionRow(shop, "products")).toMatchObject({ validationId: null, syncedVersion: version, configBytes: 0 });
    expect(await functionRow(shop, "weight")).toMatchObject({ validationId: null, syncedVersion: version, configBytes: 0 });
    expect(await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).toMatchObject({ lastError: null, lastAttemptAt: expect.any(Date) });
  });

  it("puts a weight rule and a line-quantity rule by variant on two different Validations, each with its own document", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const weight = await saved(shop, maxWeight);
    const { version, value: packs } = await saved(shop, variantPacks);

    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.size).toBe(2);
    const onWeight = publishedOn(shop, "weight")!;
    const onProducts = publishedOn(shop, "products")!;
    expect(onWeight.validation.id).not.toBe(onProducts.validation.id);
    expect(onWeight.validation.title).toBe("Checkout Guard: cart weight");
    // Each Validation holds its own rule only, and the variables of its own query.
    expect(onWeight.config).toEqual({ v: 1, rules: [{ kind: "weight", max: 30, unit: "KILOGRAMS" }] });
    expect(await idsOf(shop, onWeight.config)).toEqual([weight.value.id]);
    expect(await idsOf(shop, onProducts.config)).toEqual([packs.id]);
    expect(onWeight.variables).toEqual(unusedSlots(0));
    expect(onProducts.validation.title).toBe("Checkout Guard: products");
    // The products query's two slots of each list: the rule's lists in the first, the second empty.
    expect(onProducts.variables).toEqual({ tags0: ["wholesale"], tags1: [], collections0: ["gid://shopify/Collection/123"], collections1: [], ...unusedSlots(0) });
    const expected = await expectedDocuments(shop);
    expect(onWeight.configText).toBe(expected.weight.json);
    expect(onProducts.configText).toBe(expected.products.json);
    // No address, cart-totals or lean product rule: no Validation of those functions.
    expect(validationsOf(shop, "address")).toEqual([]);
    expect(validationsOf(shop, "cart")).toEqual([]);
    expect(validationsOf(shop, "productsLean")).toEqual([]);
  });

  it("gives a shop with both kinds of product rules both products Validations, each with its own rules, schedule and input variables", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    // In the merchant's order: the first rule's lists become the lean function's; a rule by
    // variant, or by another tag list, goes to the products function.
    const packs = await saved(shop, wholesalePacks);
    const dependency = await saved(shop, {
      name: "Variant 444 needs its base",
      status: "scheduled",
      scheduleStart: "2027-02-01T00:00",
      definition: { kind: "dependency", select: { variants: ["444"] }, requires: { products: ["555"] } },
    });
    const clearance = await saved(shop, { name: "At most 3 on clearance", status: "active", definition: { kind: "productQuantity", max: 3, select: { tags: ["clearance"] } } });
    const { version, value: cap } = await saved(shop, {
      name: "At most 48 of the collection",
      status: "active",
      definition: { kind: "productQuantity", max: 48, select: { collections: ["123"] } },
    });

    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.size).toBe(2);
    const lean = publishedOn(shop, "productsLean")!;
    const products = publishedOn(shop, "products")!;
    expect(lean.validation.id).not.toBe(products.validation.id);
    expect(lean.validation).toMatchObject({ enabled: true, blockOnFailure: false, title: "Checkout Guard: products by product, tag or collection" });
    expect(products.validation).toMatchObject({ enabled: true, blockOnFailure: false, title: "Checkout Guard: products" });

    // Each document holds its own rules, in the merchant's order, and only its own schedule boundary.
    expect(await idsOf(shop, lean.config)).toEqual([packs.value.id, cap.id]);
    expect(await idsOf(shop, products.config)).toEqual([dependency.value.id, clearance.value.id]);
    expect(lean.config).not.toHaveProperty("clock");
    expect(products.config.clock).toEqual(["2027-02-01T00:00:00"]);
    // Each function's variables are its own query's: the lean one's single slot of each list, and the
    // products one's two, filled with the lists of its own rules only.
    expect(lean.variables).toEqual({ tags0: ["wholesale"], collections0: ["gid://shopify/Collection/123"], ...unusedSlots(0) });
    expect(products.variables).toEqual({ tags0: ["clearance"], tags1: [], collections0: [], collections1: [], scheduleAt0: "2027-02-01T00:00:00", ...unusedSlots(1) });

    const expected = await expectedDocuments(shop);
    expect(lean.configText).toBe(expected.productsLean.json);
    expect(products.configText).toBe(expected.products.json);
    expect(mutations(shop, "validationCreate").map((r) => (r.graphql!.variables as any).validation.functionHandle)).toEqual([
      "checkout-guard-products-lean",
      "checkout-guard-products",
    ]);
    expect(await functionRow(shop, "productsLean")).toMatchObject({ validationId: lean.validation.id, syncedVersion: version, configBytes: Buffer.byteLength(expected.productsLean.json) });
    expect(await functionRow(shop, "products")).toMatchObject({ validationId: products.validation.id, syncedVersion: version, configBytes: Buffer.byteLength(expected.products.json) });

    // Without its rules, the products Validation goes; the lean one stays, untouched in its rules.
    const removed = await deleteRules(shop, [dependency.value.id, clearance.value.id]);
    if (!removed.ok) throw new Error("not deleted");
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version: removed.version });
    expect(validationsOf(shop, "products")).toEqual([]);
    expect(mutations(shop, "validationDelete").map((r) => (r.graphql!.variables as any).id)).toEqual([products.validation.id]);
    expect(publishedOn(shop, "productsLean")!.validation.id).toBe(lean.validation.id);
    expect(await idsOf(shop, publishedOn(shop, "productsLean")!.config)).toEqual([packs.value.id, cap.id]);
  });

  it("updates the same Validations afterwards, without creating others or touching their enabled state", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, noPoBoxes);
    await saved(shop, cartMax(10));
    expect((await publishConfiguration(graphql, shop, fast())).ok).toBe(true);
    const [cart] = validationsOf(shop, "cart");
    cart.enabled = false; // the merchant turned it off in Settings › Checkout

    const { version } = await saved(shop, cartMax(20));
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });

    expect(mock.state(shop).validations.size).toBe(2);
    expect(mutations(shop, "validationCreate")).toHaveLength(2);
    expect(mutations(shop, "metafieldsSet")).toHaveLength(2);
    const expected = await expectedDocuments(shop);
    expect(publishedOn(shop, "cart")!.configText).toBe(expected.cart.json);
    expect(publishedOn(shop, "address")!.configText).toBe(expected.address.json);
    expect(cart.enabled).toBe(false);
    expect(await functionRow(shop, "cart")).toMatchObject({ syncedVersion: version, enabled: false });
    expect(await functionRow(shop, "address")).toMatchObject({ syncedVersion: version, enabled: true });
  });

  it("creates no Validation for a function without rules: cart-quantity rules alone give only the cart Validation", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(50));
    const { version } = await saved(shop, { name: "At least 2 items", status: "active", definition: { kind: "cartQuantity", min: 2 } });

    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.size).toBe(1);
    for (const fn of CHECKOUT_FUNCTION_NAMES) expect(validationsOf(shop, fn), fn).toHaveLength(fn === "cart" ? 1 : 0);
    expect(mutations(shop, "validationCreate").map((r) => (r.graphql!.variables as any).validation.functionHandle)).toEqual(["checkout-guard-cart"]);
    expect(publishedOn(shop, "cart")!.config.rules).toHaveLength(2);
    // Published as "nothing needed" for this version: not waiting to be published.
    for (const fn of CHECKOUT_FUNCTION_NAMES.filter((fn) => fn !== "cart")) {
      expect(await functionRow(shop, fn), fn).toMatchObject({ validationId: null, syncedVersion: version, configBytes: 0 });
    }
  });

  it("deletes a function's Validation when its last rule goes, and creates it again when a rule comes back", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const address = await saved(shop, noPoBoxes);
    await saved(shop, cartMax(5));
    await publishConfiguration(graphql, shop, fast());
    const [first] = validationsOf(shop, "address");

    const removed = await deleteRules(shop, [address.value.id]);
    if (!removed.ok) throw new Error("not deleted");
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version: removed.version });
    expect(validationsOf(shop, "address")).toEqual([]);
    expect(validationsOf(shop, "cart")).toHaveLength(1);
    expect(mutations(shop, "validationDelete").map((r) => (r.graphql!.variables as any).id)).toEqual([first.id]);
    expect(await functionRow(shop, "address")).toMatchObject({ validationId: null, enabled: null, syncedVersion: removed.version });

    // Publishing the same again deletes nothing more.
    await publishConfiguration(graphql, shop, fast());
    expect(mutations(shop, "validationDelete")).toHaveLength(1);

    const back = await saved(shop, noPoBoxes);
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version: back.version });
    const [again] = validationsOf(shop, "address");
    expect(again.id).not.toBe(first.id);
    expect(await idsOf(shop, publishedOn(shop, "address")!.config)).toEqual([back.value.id]);
  });

  it("deletes every Validation when no rule is left", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const a = await saved(shop, noPoBoxes);
    const b = await saved(shop, cartMax(5));
    await publishConfiguration(graphql, shop, fast());
    expect(mock.state(shop).validations.size).toBe(2);

    const removed = await deleteRules(shop, [a.value.id, b.value.id]);
    if (!removed.ok) throw new Error("not deleted");
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version: removed.version });
    expect(mock.state(shop).validations.size).toBe(0);
    expect(await getSyncStatus(graphql, shop)).toMatchObject({
      inSync: true,
      functions: CHECKOUT_FUNCTION_NAMES.map(() => ({ needed: false, validationExists: false, inSync: true })),
    });
  });

  it("keeps one Validation per function: a second one (two publishes that raced) is deleted", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(5));
    await publishConfiguration(graphql, shop, fast());
    const [kept] = validationsOf(shop, "cart");
    const twin = mock.seedValidation(shop, CART_FUNCTION);

    await publishConfiguration(graphql, shop, fast());
    expect(validationsOf(shop, "cart").map((v) => v.id)).toEqual([kept.id]);
    expect(mutations(shop, "validationDelete").map((r) => (r.graphql!.variables as any).id)).toEqual([twin.id]);
  });

  it("refuses a stored version whose document for one function is over 10,000 bytes, naming that function, and sends nothing", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const codes = (from: number) => Array.from({ length: 900 }, (_, i) => String(from + i));
    // What the admin now refuses to save, as an older version could have stored it.
    const document = JSON.stringify({
      v: 1,
      rules: [
        { id: "big", kind: "postalCode", mode: "allow", codes: { DE: codes(10000) } },
        { id: "bigger", kind: "postalCode", mode: "allow", codes: { AT: codes(100000) } },
        { id: "small", kind: "cartQuantity", max: 3 },
      ],
    });
    await prisma.configVersion.create({ data: { shop, version: 1, rules: JSON.stringify([{ id: "big", name: "German codes" }, { id: "bigger", name: "Austrian codes" }]), document } });

    const outcome = await publishConfiguration(graphql, shop, fast());
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: string }).error).toMatch(
      /^Version 1 was not sent to Shopify: The address rules need \d{2},\d{3} bytes; Shopify passes at most 10,000 bytes to each checkout function\. Remove or shorten address rules \(the largest: “Austrian codes”, [\d,]+ bytes; “German codes”, [\d,]+ bytes\)\.$/,
    );
    expect(shopRequests(shop)).toEqual([]);
  });
});

describe("publishConfiguration: from the single function's Validation to the functions'", () => {
  /** A shop as the upgrade leaves it: rules saved, the single function's Validation in Shopify, its id moved to FunctionSync "legacy". */
  async function legacyShop(opts: { enabled?: boolean; storeId?: boolean } = {}) {
    const shop = uniqueShop("legacy");
    const graphql = await offlineGraphql(shop);
    await saved(shop, noPoBoxes);
    const { version } = await saved(shop, cartMax(5));
    const legacy = mock.seedValidation(shop, LEGACY_MOCK_FUNCTION, {
      enabled: opts.enabled ?? true,
      metafields: { config: await latestDocument(shop), "input-variables": "{}" },
    });
    if (opts.storeId ?? true) {
      await prisma.functionSync.create({ data: { shop, function: LEGACY_FUNCTION, validationId: legacy.id, enabled: opts.enabled ?? true, syncedVersion: version, syncedAt: new Date(), configBytes: 90 } });
    }
    return { shop, graphql, legacy, version };
  }

  it("deletes the legacy checkout-guard Validation once the functions' Validations are written, and forgets its id", async () => {
    const { shop, graphql, legacy, version } = await legacyShop();
    expect(await needsSplitPublish(shop)).toBe(true);

    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.has(legacy.id)).toBe(false);
    expect(mock.validationsOf(shop, "checkout-guard")).toEqual([]);
    expect(validationsOf(shop, "address")).toHaveLength(1);
    expect(validationsOf(shop, "cart")).toHaveLength(1);

    // The delete came after both Validations were written.
    const requests = shopRequests(shop);
    const deleteAt = requests.findIndex((r) => r.graphql?.rootFields.includes("validationDelete"));
    const lastWrite = requests.map((r) => r.graphql?.rootFields[0]).lastIndexOf("validationCreate");
    expect(deleteAt).toBeGreaterThan(lastWrite);
    expect(mutations(shop, "validationDelete").map((r) => (r.graphql!.variables as any).id)).toEqual([legacy.id]);

    expect(await functionRow(shop, LEGACY_FUNCTION)).toBeNull();
    expect(await needsSplitPublish(shop)).toBe(false);
    const status = await getSyncStatus(graphql, shop);
    expect(status).toMatchObject({ inSync: true, legacyPending: false });

    // The next publish has nothing more to delete.
    await publishConfiguration(graphql, shop, fast());
    expect(mutations(shop, "validationDelete")).toHaveLength(1);
  });

  it("finds and deletes the legacy Validation when its id was never stored", async () => {
    const { shop, graphql, legacy } = await legacyShop({ storeId: false });
    expect(await publishConfiguration(graphql, shop, fast())).toMatchObject({ ok: true });
    expect(mock.state(shop).validations.has(legacy.id)).toBe(false);
    expect(mock.state(shop).validations.size).toBe(2);
  });

  it("keeps the merchant's choice: a legacy Validation turned off gives Validations turned off", async () => {
    const { shop, graphql } = await legacyShop({ enabled: false });
    expect(await publishConfiguration(graphql, shop, fast())).toMatchObject({ ok: true });
    expect([...mock.state(shop).validations.values()].map((v) => [v.title, v.enabled])).toEqual([
      ["Checkout Guard: addresses", false],
      ["Checkout Guard: cart totals", false],
    ]);
  });

  it("leaves the legacy Validation in place while a function's Validation could not be written, and deletes it on the retry", async () => {
    const { shop, graphql, legacy, version } = await legacyShop();
    // 23 other active validations + the legacy one: the address Validation takes the 25th slot, the cart one is refused.
    mock.state(shop).otherActiveValidations = 23;
    const failed = await publishConfiguration(graphql, shop, fast());
    expect(failed.ok).toBe(false);
    expect((failed as { error: string }).error).toContain("Shopify refused to create the Validation “Checkout Guard: cart totals”");
    expect((failed as { error: string }).error).toContain("MAX_VALIDATIONS_ACTIVATED");
    expect(validationsOf(shop, "address")).toHaveLength(1);
    expect(validationsOf(shop, "cart")).toHaveLength(0);
    // The split is not complete: the old Validation stays, and so does its id.
    expect(mock.state(shop).validations.has(legacy.id)).toBe(true);
    expect(mutations(shop, "validationDelete")).toEqual([]);
    expect(await functionRow(shop, LEGACY_FUNCTION)).not.toBeNull();
    expect(await functionRow(shop, "address")).toMatchObject({ syncedVersion: version });
    expect(await functionRow(shop, "cart")).toBeNull();
    expect(await getSyncStatus(graphql, shop)).toMatchObject({ inSync: false, legacyPending: true, lastError: (failed as { error: string }).error });

    // The merchant turns off another validation and retries.
    mock.state(shop).otherActiveValidations = 22;
    expect(await retrySync(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.has(legacy.id)).toBe(false);
    expect(mock.state(shop).validations.size).toBe(2);
    expect(await functionRow(shop, LEGACY_FUNCTION)).toBeNull();
    expect(await getSyncStatus(graphql, shop)).toMatchObject({ inSync: true, legacyPending: false, lastError: null });
  });

  it("forgets a stored legacy id that Shopify no longer has (validationDelete answers NOT_FOUND)", async () => {
    const { shop, graphql, legacy } = await legacyShop();
    mock.state(shop).validations.delete(legacy.id); // gone already, e.g. deleted by the merchant
    expect(await publishConfiguration(graphql, shop, fast())).toMatchObject({ ok: true });
    const [deleteRequest] = mutations(shop, "validationDelete");
    expect((deleteRequest.graphql!.variables as any).id).toBe(legacy.id);
    expect(await functionRow(shop, LEGACY_FUNCTION)).toBeNull();
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBeNull();
  });

  it("refuses to create a Validation of the retired single function (the mock answers as Shopify does)", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const response = await graphql(`mutation { validationCreate(validation: { functionHandle: "checkout-guard", enable: true }) { validation { id } userErrors { code } } }`);
    const body = await response.json();
    expect(body.data.validationCreate).toEqual({ validation: null, userErrors: [{ code: "FUNCTION_NOT_FOUND" }] });
  });
});

describe("publishConfiguration: failures", () => {
  it("records Shopify's userErrors (the 25-validation limit) and keeps the rules", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(5));
    mock.state(shop).otherActiveValidations = 25;

    const outcome = await publishConfiguration(graphql, shop, fast());
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: string }).error;
    expect(error).toContain("Shopify refused to create the Validation “Checkout Guard: cart totals”");
    expect(error).toContain("Cannot have more than 25 active validation functions");
    expect(error).toContain("MAX_VALIDATIONS_ACTIVATED");
    expect(mock.state(shop).validations.size).toBe(0);
    const sync = await prisma.shopSync.findUniqueOrThrow({ where: { shop } });
    expect(sync.lastError).toBe(error);
    expect(sync.lastAttemptAt).toBeInstanceOf(Date);
    expect(await functionRow(shop, "cart")).toBeNull();
    expect(await listRules(shop)).toHaveLength(1);
  });

  it("records userErrors on an update too", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(5));
    await publishConfiguration(graphql, shop, fast());
    await saved(shop, cartMax(6));
    mock.failNext("userErrors", { operation: "metafieldsSet", shop, message: "Value is too big", code: "INVALID_VALUE", field: ["metafields", "0", "value"] });

    const outcome = await publishConfiguration(graphql, shop, fast());
    expect(outcome).toEqual({ ok: false, error: "Shopify refused the configuration: Value is too big (INVALID_VALUE)." });
    expect(await functionRow(shop, "cart")).toMatchObject({ syncedVersion: 1 });
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBe(outcome.ok ? null : outcome.error);
  });

  for (const [kind, client] of [
    ["http429", "offline"],
    ["http429", "request"],
    ["throttled", "offline"],
    ["throttled", "request"],
  ] as const) {
    it(`retries with backoff when Shopify throttles (${kind}, ${client} client), then succeeds`, async () => {
      const shop = uniqueShop();
      const graphql = client === "offline" ? await offlineGraphql(shop) : await requestGraphql(shop);
      const { version } = await saved(shop, cartMax(3));
      mock.failNext(kind, { times: 2, shop });
      const options = fast();

      expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: true, version });
      expect(options.delays).toHaveLength(2);
      expect(options.delays[1]).toBeGreaterThan(options.delays[0]);
      expect(shopRequests(shop).filter((r) => r.failure === kind)).toHaveLength(2);
      expect(mock.state(shop).validations.size).toBe(1);
      expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBeNull();
    });
  }

  it("gives up after a bounded number of throttled attempts and says so", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    mock.failNext("throttled", { times: 100, shop });
    const options = { ...fast(), maxAttempts: 3 };

    expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: false, error: MESSAGES.throttled });
    expect(shopRequests(shop)).toHaveLength(3);
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBe(MESSAGES.throttled);
    mock.reset();
  });

  for (const client of ["offline", "request"] as const) {
    it(`records a revoked token (401, ${client} client) without retrying`, async () => {
      const shop = uniqueShop();
      const graphql = client === "offline" ? await offlineGraphql(shop) : await requestGraphql(shop);
      await saved(shop, cartMax(3));
      mock.revokeToken(shop);

      const options = fast();
      expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: false, error: MESSAGES.revoked });
      expect(options.delays).toEqual([]);
      expect(shopRequests(shop).filter((r) => r.kind === "graphql").map((r) => r.status)).toEqual([401]);
      expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBe(MESSAGES.revoked);
      expect(await listRules(shop)).toHaveLength(1);
    });
  }

  it("records a network failure, keeps the rules, and a retry publishes the current version", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    mock.failNext("network", { times: 4, shop });

    const failed = await publishConfiguration(graphql, shop, fast());
    expect(failed.ok).toBe(false);
    expect((failed as { error: string }).error).toMatch(/^Could not reach Shopify: .*fetch failed/);
    expect(shopRequests(shop).every((r) => r.status === null)).toBe(true);
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBe((failed as { error: string }).error);
    expect(await functionRow(shop, "cart")).toBeNull();
    expect(await listRules(shop)).toHaveLength(1);

    // The merchant saves again meanwhile; retrying sends what is saved now.
    const { version } = await saved(shop, cartMax(4));
    expect(await retrySync(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(publishedOn(shop, "cart")!.configText).toBe((await expectedDocuments(shop)).cart.json);
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBeNull();
    expect(await functionRow(shop, "cart")).toMatchObject({ syncedVersion: version });
  });

  it("recreates a Validation when Shopify no longer has the stored one", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    await publishConfiguration(graphql, shop, fast());
    const first = (await functionRow(shop, "cart"))!.validationId;
    mock.state(shop).validations.clear(); // deleted in Shopify

    expect((await publishConfiguration(graphql, shop, fast())).ok).toBe(true);
    const [again] = validationsOf(shop, "cart");
    expect(again.id).not.toBe(first);
    expect((await functionRow(shop, "cart"))!.validationId).toBe(again.id);
    expect(publishedOn(shop, "cart")!.configText).toBe((await expectedDocuments(shop)).cart.json);
  });

  it("adopts this app's existing Validations instead of creating second ones", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, noPoBoxes);
    await saved(shop, cartMax(3));
    await publishConfiguration(graphql, shop, fast());
    await prisma.functionSync.deleteMany({ where: { shop } }); // e.g. the ids were never stored

    const { version } = await saved(shop, cartMax(8));
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.size).toBe(2);
    expect(mutations(shop, "validationCreate")).toHaveLength(2);
    expect(mutations(shop, "validationDelete")).toHaveLength(0);
  });

  it("has nothing to publish before the first save, and sends nothing", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: false, error: MESSAGES.nothingSaved });
    expect(shopRequests(shop)).toHaveLength(0);
  });
});

describe("getSyncStatus", () => {
  it("reports, per function, existence, enabled state, sync and its own byte budget", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, noPoBoxes);
    const { version } = await saved(shop, cartMax(3));
    const expected = await expectedDocuments(shop);

    expect(await getSyncStatus(graphql, shop)).toEqual({
      savedVersion: version,
      inSync: false,
      lastError: null,
      lastAttemptAt: null,
      byteLimit: 10_000,
      legacyPending: false,
      extraValidations: [],
      functions: [
        {
          function: "address",
          title: "Checkout Guard: addresses",
          handle: "checkout-guard-address",
          needed: true,
          ruleCount: 1,
          validationId: null,
          validationExists: false,
          enabled: null,
          inSync: false,
          syncedVersion: null,
          syncedAt: null,
          bytesUsed: expected.address.bytes,
          messageBytes: expected.address.messageBytes,
          droppedLanguages: [],
        },
        {
          function: "cart",
          title: "Checkout Guard: cart totals",
          handle: "checkout-guard-cart",
          needed: true,
          ruleCount: 1,
          validationId: null,
          validationExists: false,
          enabled: null,
          inSync: false,
          syncedVersion: null,
          syncedAt: null,
          bytesUsed: expected.cart.bytes,
          messageBytes: expected.cart.messageBytes,
          droppedLanguages: [],
        },
        // No weight or product rule: those functions need no Validation.
        ...(["weight", "productsLean", "products"] as const).map((fn) => ({
          function: fn,
          title: CHECKOUT_FUNCTIONS[fn].title,
          handle: CHECKOUT_FUNCTIONS[fn].handle,
          needed: false,
          ruleCount: 0,
          validationId: null,
          validationExists: false,
          enabled: null,
          inSync: false,
          syncedVersion: null,
          syncedAt: null,
          bytesUsed: 0,
          messageBytes: 0,
          droppedLanguages: [],
        })),
      ],
    });
    expect(expected.address.bytes).not.toBe(expected.cart.bytes);

    await publishConfiguration(graphql, shop, fast());
    const synced = await getSyncStatus(graphql, shop);
    expect(synced).toMatchObject({ inSync: true, savedVersion: version, lastError: null });
    for (const fn of synced.functions) {
      expect(fn).toMatchObject(
        fn.needed
          ? { validationExists: true, enabled: true, inSync: true, syncedVersion: version }
          : { validationExists: false, enabled: null, inSync: true, syncedVersion: version },
      );
      expect(fn.syncedAt).toBeInstanceOf(Date);
    }
    expect(synced.functions.filter((f) => f.needed).map((f) => f.function)).toEqual(["address", "cart"]);

    const [cart] = validationsOf(shop, "cart");
    cart.enabled = false;
    const off = await getSyncStatus(graphql, shop);
    expect(off.functions.map((f) => [f.function, f.enabled])).toEqual([["address", true], ["cart", false], ["weight", null], ["productsLean", null], ["products", null]]);
    expect(off.inSync).toBe(true);
    expect(await functionRow(shop, "cart")).toMatchObject({ enabled: false });

    const next = await saved(shop, cartMax(30));
    expect(await getSyncStatus(graphql, shop)).toMatchObject({
      inSync: false,
      savedVersion: next.version,
      functions: CHECKOUT_FUNCTION_NAMES.map(() => ({ inSync: false, syncedVersion: version })),
    });

    mock.state(shop).validations.delete(cart.id);
    const gone = await getSyncStatus(graphql, shop);
    expect(gone.functions[1]).toMatchObject({ validationExists: false, enabled: null, inSync: false });
    expect(gone.functions[0]).toMatchObject({ validationExists: true });
  });

  it("falls back to what was last recorded without Admin API access or when Shopify is unreachable", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const { version } = await saved(shop, cartMax(3));
    await publishConfiguration(graphql, shop, fast());

    expect((await getSyncStatus(null, shop)).functions[1]).toMatchObject({ validationExists: null, enabled: true, inSync: true, syncedVersion: version });
    mock.failNext("network", { shop });
    const unreachable = await getSyncStatus(graphql, shop);
    expect(unreachable.inSync).toBe(true);
    expect(unreachable.functions).toMatchObject([
      { function: "address", needed: false, validationExists: false, inSync: true, bytesUsed: 0 },
      { function: "cart", needed: true, validationExists: null, enabled: true, inSync: true },
      { function: "weight", needed: false, validationExists: false, inSync: true, bytesUsed: 0 },
      { function: "productsLean", needed: false, validationExists: false, inSync: true, bytesUsed: 0 },
      { function: "products", needed: false, validationExists: false, inSync: true, bytesUsed: 0 },
    ]);
  });
});
