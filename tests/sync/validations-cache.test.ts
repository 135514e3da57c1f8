/**
 * The rules page's status reads Shopify's Validations at most once per few
 * seconds per shop (app/shopify-sync/validations-cache.ts), and never serves
 * an answer older than a publish, a Retry or a removal recorded in the
 * database. Against the Admin API mock over real HTTP and a real database;
 * the mock counts the `validations` queries that reach "Shopify". (That the
 * database stamp works across processes: tests/production/two-instances.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unauthenticated } from "../../app/shopify.server";
import { saveRule, type RuleInput } from "../../app/models/rules.server";
import { getSyncStatus, publishConfiguration, removeExtraValidations, retrySync, type AdminGraphql, type StatusOptions } from "../../app/shopify-sync/sync.server";
import { CART_FUNCTION, startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { seedOfflineSession } from "../support/session-token";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

const CACHED: StatusOptions = { validationsMaxAgeMs: 60_000 };
/** An answer read more than 1 ms ago is too old (after pause()). */
const EXPIRED: StatusOptions = { validationsMaxAgeMs: 1 };
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const cartMax = (max: number): RuleInput => ({ name: `At most ${max} items`, status: "active", definition: { kind: "cartQuantity", max } });

async function offlineGraphql(shop: string): Promise<AdminGraphql> {
  await seedOfflineSession(shop);
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as AdminGraphql;
}

/** A shop with one published cart rule. */
async function publishedShop() {
  const shop = uniqueShop("cache");
  const graphql = await offlineGraphql(shop);
  const saved = await saveRule(shop, cartMax(3));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  expect(await publishConfiguration(graphql, shop)).toMatchObject({ ok: true });
  return { shop, graphql };
}

/** The `validations` queries that reached Shopify for the shop. */
const reads = (shop: string) => mock.graphqlRequests("validations").filter((r) => r.shop === shop).length;
const cartValidations = (shop: string) => mock.validationsOf(shop, CART_FUNCTION.handle);

describe("the Validations read by the status, remembered per shop", () => {
  it("is read once for several loads, and live every time without the option", async () => {
    const { shop, graphql } = await publishedShop();
    const before = reads(shop);
    for (let i = 0; i < 3; i++) expect(await getSyncStatus(graphql, shop, CACHED)).toMatchObject({ inSync: true });
    expect(reads(shop)).toBe(before + 1);
    await getSyncStatus(graphql, shop);
    expect(reads(shop)).toBe(before + 2);
  });

  it("serves the remembered answer for a change made by hand in Shopify, until it expires", async () => {
    const { shop, graphql } = await publishedShop();
    await getSyncStatus(graphql, shop, CACHED);
    const [cart] = cartValidations(shop);
    cart.enabled = false;
    expect((await getSyncStatus(graphql, shop, CACHED)).functions[1]).toMatchObject({ function: "cart", enabled: true });
    // Past its maximum age, the answer is read again.
    await pause();
    expect((await getSyncStatus(graphql, shop, EXPIRED)).functions[1]).toMatchObject({ function: "cart", enabled: false });
  });

  it("is read again after a publish", async () => {
    const { shop, graphql } = await publishedShop();
    expect((await getSyncStatus(graphql, shop, CACHED)).functions[0]).toMatchObject({ function: "address", validationExists: false });
    const saved = await saveRule(shop, { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(await publishConfiguration(graphql, shop)).toMatchObject({ ok: true });
    const before = reads(shop);
    const status = await getSyncStatus(graphql, shop, CACHED);
    expect(reads(shop)).toBe(before + 1);
    expect(status.functions[0]).toMatchObject({ function: "address", validationExists: true, inSync: true });
  });

  it("is read again after a Retry that recreated a Validation deleted by hand", async () => {
    const { shop, graphql } = await publishedShop();
    await getSyncStatus(graphql, shop, CACHED);
    const [cart] = cartValidations(shop);
    mock.state(shop).validations.delete(cart.id);
    // Remembered from before the deletion.
    expect((await getSyncStatus(graphql, shop, CACHED)).functions[1]).toMatchObject({ validationExists: true, validationId: cart.id });
    expect(await retrySync(graphql, shop)).toMatchObject({ ok: true });
    const [recreated] = cartValidations(shop);
    expect(recreated.id).not.toBe(cart.id);
    expect((await getSyncStatus(graphql, shop, CACHED)).functions[1]).toMatchObject({ validationExists: true, validationId: recreated.id, inSync: true });
  });

  it("is read again after a failed publish, which Shopify answered partly", async () => {
    const { shop, graphql } = await publishedShop();
    await getSyncStatus(graphql, shop, CACHED);
    // The cart rule deleted: its Validation is removed, then the address Validation's creation is refused.
    const saved = await saveRule(shop, { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    mock.failNext("userErrors", { shop, operation: "validationCreate" });
    expect(await publishConfiguration(graphql, shop)).toMatchObject({ ok: false });
    const before = reads(shop);
    expect((await getSyncStatus(graphql, shop, CACHED)).lastError).toBeTruthy();
    expect(reads(shop)).toBe(before + 1);
  });

  it("is read again after removing extra Validations", async () => {
    const { shop, graphql } = await publishedShop();
    const extra = mock.seedValidation(shop, CART_FUNCTION);
    expect((await getSyncStatus(graphql, shop, CACHED)).extraValidations.map((v) => v.id)).toEqual([extra.id]);
    expect(await removeExtraValidations(graphql, shop)).toEqual({ ok: true, removed: 1 });
    expect((await getSyncStatus(graphql, shop, CACHED)).extraValidations).toEqual([]);
  });

  it("removes extra Validations of a shop with nothing saved, and reads them again after", async () => {
    const shop = uniqueShop("cache-unsaved");
    const graphql = await offlineGraphql(shop);
    // Two of one function: one would be adopted by a publish, the other is extra.
    mock.seedValidation(shop, CART_FUNCTION);
    mock.seedValidation(shop, CART_FUNCTION);
    expect((await getSyncStatus(graphql, shop, CACHED)).extraValidations).toHaveLength(1);
    expect(await removeExtraValidations(graphql, shop)).toEqual({ ok: true, removed: 1 });
    expect((await getSyncStatus(graphql, shop, CACHED)).extraValidations).toEqual([]);
    expect(cartValidations(shop)).toHaveLength(1);
  });

  it("does not remember a failed read", async () => {
    const { shop, graphql } = await publishedShop();
    mock.failNext("network", { shop });
    expect((await getSyncStatus(graphql, shop, CACHED)).functions[1]).toMatchObject({ validationExists: null });
    expect((await getSyncStatus(graphql, shop, CACHED)).functions[1]).toMatchObject({ validationExists: true });
  });
});
