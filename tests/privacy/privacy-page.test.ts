/**
 * The Privacy page, through the app's real Remix handler with real session
 * tokens: it shows what is stored about the shop, exports it (the shop's data
 * only, no credentials) and deletes it all: first the app's Validations in
 * Shopify (the Admin API mock), then every record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { saveRule } from "../../app/models/rules.server";
import { unauthenticated } from "../../app/shopify.server";
import { publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { CART_FUNCTION, LEGACY_FUNCTION, startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest, seedOfflineSession } from "../support/session-token";
import { ACCESS_TOKEN, rowsOf, seedShop, total } from "./helpers";

let app: RemixApp;
let mock: AdminApiMock;
let n = 0;
const newShop = () => `privacy-page-${++n}.myshopify.com`;
const DATA = "_data=routes%2Fapp.privacy";

/** seedShop's shop, with an offline session Shopify (the mock) accepts, rules published to two Validations. */
async function publishedShop(shop: string) {
  await seedShop(shop);
  await seedOfflineSession(shop);
  for (const input of [
    { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } },
    { name: "At most 9", status: "active", definition: { kind: "cartQuantity", max: 9 } },
  ]) {
    const saved = await saveRule(shop, input);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  }
  const { admin } = await unauthenticated.admin(shop);
  const graphql = admin.graphql as unknown as AdminGraphql;
  expect(await publishConfiguration(graphql, shop)).toMatchObject({ ok: true });
  expect(mock.state(shop).validations.size).toBe(2);
  return graphql;
}

const deleteAll = async (shop: string, intent = "delete") =>
  (await app.handle(await adminRequest(`/app/privacy?${DATA}`, { shop, body: { intent } }))).json();

beforeAll(async () => {
  mock = await startAdminApiMock();
  app = await startRemixApp();
});
afterAll(async () => {
  await app?.close();
  await mock?.close();
});

describe("Privacy page", () => {
  it("shows how many records of each table belong to the shop, and the sync state", async () => {
    const shop = newShop();
    await seedShop(shop);
    await seedShop(newShop());
    const response = await app.handle(await adminRequest(`/app/privacy?${DATA}`, { shop }));
    expect(response.status).toBe(200);
    const data = await response.json();
    expect(data.shop).toBe(shop);
    expect(data.counts).toEqual(await rowsOf(shop));
    expect(data.sync).toMatchObject({
      scope: "write_validations",
      lastError: null,
      // Ordered by function name.
      functions: [
        { function: "address", validationId: "gid://shopify/Validation/1", syncedVersion: 1, configBytes: 42 },
        { function: "cart", validationId: null, syncedVersion: 1 },
        { function: "products", validationId: "gid://shopify/Validation/2", syncedVersion: 1, configBytes: 77 },
        { function: "weight", validationId: null, syncedVersion: 1 },
      ],
    });
    expect(JSON.stringify(data)).not.toContain(ACCESS_TOKEN);
  });

  it("renders as a document for the embedded admin", async () => {
    const shop = newShop();
    await seedShop(shop);
    // seedShop stores the four functions of before the products split; the lean products function's row too.
    await prisma.functionSync.create({ data: { shop, function: "productsLean", validationId: "gid://shopify/Validation/3", enabled: true, syncedVersion: 1, syncedAt: new Date(), configBytes: 55 } });
    const response = await app.handle(await adminRequest("/app/privacy", { shop, document: true }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Delete all data");
    expect(html).toContain("Download my data");
    // Each function's publishing state, named by its rules as the merchant knows them.
    for (const name of [
      "Address rules",
      "Cart quantity, line count and subtotal rules",
      "Weight rules",
      "Product rules (line and product quantities, exclusive products, dependencies)",
      "Product rules by variant, or by a second tag or collection list",
    ]) {
      expect(html).toContain(`${name}: `);
    }
    expect(html).toContain("Product rules (line and product quantities, exclusive products, dependencies): validation gid://shopify/Validation/3");
    expect(html).not.toContain(ACCESS_TOKEN);
  });

  it("exports the shop's data as a JSON file: its rules, not another shop's, no credentials", async () => {
    const shop = newShop();
    const other = newShop();
    await seedShop(shop);
    await seedShop(other);
    const response = await app.handle(await adminRequest("/app/privacy/export", { shop }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="checkout-guard-data-privacy-page-\d+\.json"$/);
    const text = await response.text();
    const exported = JSON.parse(text);
    expect(exported.shop).toBe(shop);
    expect(exported.data.Rule.map((r: { name: string }) => r.name)).toContain(`Max 10 items (${shop})`);
    expect(text).not.toContain(other);
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain("online-token-secret");
  });

  it("refuses the export without a valid session token", async () => {
    const shop = newShop();
    await seedShop(shop);
    const forged = await adminRequest("/app/privacy/export", { shop, tokenOptions: { secret: "not-the-app-secret" } });
    const response = await app.handle(forged);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("Max 10 items");
  });

  it("deletes all of the shop's data, and nothing of another shop", async () => {
    const shop = newShop();
    const other = newShop();
    await publishedShop(shop);
    await publishedShop(other);
    const otherBefore = await rowsOf(other);

    const response = await app.handle(await adminRequest(`/app/privacy?${DATA}`, { shop, body: { intent: "delete" } }));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(total(await rowsOf(shop))).toBe(0);
    expect((await rowsOf(shop)).FunctionSync).toBe(0);
    // seedShop's four rows, and the lean products function's, written by the publish (one row per checkout function).
    expect(otherBefore.FunctionSync).toBe(5);
    expect((await prisma.functionSync.findMany({ where: { shop: other }, orderBy: { function: "asc" } })).map((r) => r.function)).toEqual([
      "address",
      "cart",
      "products",
      "productsLean",
      "weight",
    ]);
    expect(await rowsOf(other)).toEqual(otherBefore);
    expect(mock.state(other).validations.size).toBe(2);
  });

  it("first deletes the app's Validations in Shopify, so checkout stops applying the erased rules", async () => {
    const shop = newShop();
    await publishedShop(shop);
    // The single function's Validation of earlier versions, and one left by a race: the app's too.
    mock.seedValidation(shop, LEGACY_FUNCTION);
    mock.seedValidation(shop, CART_FUNCTION);

    const result = await deleteAll(shop);

    expect(result).toEqual({ ok: true, deleted: expect.any(Number), validationsRemoved: 4, validationsError: null });
    expect(result.deleted).toBeGreaterThan(0);
    expect([...mock.state(shop).validations.values()]).toEqual([]);
    expect(total(await rowsOf(shop))).toBe(0);
    // Deleted before the records: every delete was sent while the shop's data still existed.
    expect(mock.graphqlRequests("validationDelete").filter((r) => r.shop === shop)).toHaveLength(4);
  });

  it("when Shopify cannot be reached, deletes nothing and says so; “Delete data anyway” then deletes the data and says the Validations remain", async () => {
    const shop = newShop();
    await publishedShop(shop);
    const before = await rowsOf(shop);
    mock.failNext("serverError", { shop, operation: "validations", times: 2 });

    const refused = await deleteAll(shop);

    expect(refused).toEqual({ ok: false, error: "Shopify had a temporary error (500); retry in a moment.", canDeleteAnyway: true });
    expect(await rowsOf(shop)).toEqual(before);
    expect(mock.state(shop).validations.size).toBe(2);

    mock.failNext("unauthorized", { shop, operation: "validations" });
    const forced = await deleteAll(shop, "deleteAnyway");

    expect(forced).toEqual({ ok: true, deleted: expect.any(Number), validationsRemoved: null, validationsError: expect.stringContaining("401") });
    expect(total(await rowsOf(shop))).toBe(0);
    // Not pretended: they are still there, and the answer said so.
    expect(mock.state(shop).validations.size).toBe(2);
  });

  it("waits for a publish in flight, then deletes the Validation it created too", async () => {
    const shop = newShop();
    await seedShop(shop);
    await seedOfflineSession(shop);
    const saved = await saveRule(shop, { name: "At most 9", status: "active", definition: { kind: "cartQuantity", max: 9 } });
    expect(saved.ok).toBe(true);
    const { admin } = await unauthenticated.admin(shop);
    const held = mock.holdNext({ shop, operation: "validationCreate" });
    const publishing = publishConfiguration(admin.graphql as unknown as AdminGraphql, shop);
    await held.arrived;

    const deleting = deleteAll(shop);
    await new Promise((resolve) => setTimeout(resolve, 300));
    held.release();

    expect(await publishing).toMatchObject({ ok: true });
    expect(await deleting).toMatchObject({ ok: true, validationsRemoved: 1 });
    expect(mock.state(shop).validations.size).toBe(0);
    expect(total(await rowsOf(shop))).toBe(0);
  });

  it("after Delete all data, the page says exactly what happened in Shopify and in the app", async () => {
    // The page as the browser gets it after posting the form: text only.
    const deletePage = async (shop: string, intent: string) => {
      const response = await app.handle(await adminRequest("/app/privacy", { shop, document: true, body: { intent } }));
      expect(response.status).toBe(200);
      return (await response.text()).replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
    };

    const removed = newShop();
    await publishedShop(removed);
    const done = await deletePage(removed, "delete");
    expect(done).toMatch(/All data deleted \(\d+ records\)/);
    expect(done).toContain("The app's 2 checkout validations were deleted from Shopify: checkout no longer applies your rules.");

    const unreachable = newShop();
    await publishedShop(unreachable);
    mock.failNext("network", { shop: unreachable, operation: "validations", times: 2 });
    const refused = await deletePage(unreachable, "delete");
    expect(refused).toContain("Nothing was deleted");
    expect(refused).toContain("Could not reach Shopify");
    expect(refused).toContain("Retry Delete data anyway");
    expect(refused).not.toContain("All data deleted");

    mock.failNext("network", { shop: unreachable, operation: "validations", times: 2 });
    const forced = await deletePage(unreachable, "deleteAnyway");
    expect(forced).toMatch(/All data deleted \(\d+ records\); the checkout validations are still in Shopify/);
    expect(forced).toContain("They keep applying the rules last published at checkout: delete them in Settings › Checkout, or uninstall the app.");
    expect(mock.state(unreachable).validations.size).toBe(2);
  });

  it("says what Delete all data does, Shopify's validations included", async () => {
    const shop = newShop();
    await seedShop(shop);
    const html = await (await app.handle(await adminRequest("/app/privacy", { shop, document: true }))).text();
    expect(html).toContain("First deletes the app&#x27;s checkout validations from your Shopify checkout settings, so checkout stops");
    expect(html).toContain("If Shopify cannot be reached, nothing is deleted, and you can choose to delete your data anyway.");
    expect(html).not.toContain("keep the configuration last published");
  });

  it("deletes nothing without the delete intent", async () => {
    const shop = newShop();
    await seedShop(shop);
    const before = await rowsOf(shop);
    const response = await app.handle(await adminRequest(`/app/privacy?${DATA}`, { shop, body: { intent: "something" } }));
    expect(await response.json()).toMatchObject({ ok: false });
    expect(await rowsOf(shop)).toEqual(before);
  });
});
