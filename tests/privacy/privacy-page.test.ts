/**
 * The Privacy page, through the app's real Remix handler with real session
 * tokens: it shows what is stored about the shop, exports it (the shop's data
 * only, no credentials) and deletes it all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest } from "../support/session-token";
import { ACCESS_TOKEN, rowsOf, seedShop, total } from "./helpers";

let app: RemixApp;
let mock: AdminApiMock;
let n = 0;
const newShop = () => `privacy-page-${++n}.myshopify.com`;
const DATA = "_data=routes%2Fapp.privacy";

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
    const response = await app.handle(await adminRequest("/app/privacy", { shop, document: true }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Delete all data");
    expect(html).toContain("Download my data");
    // Each function's publishing state, named by its rules as the merchant knows them.
    for (const name of ["Address rules", "Cart quantity, line count and subtotal rules", "Weight rules", "Product rules (line and product quantities, exclusive products, dependencies)"]) {
      expect(html).toContain(`${name}: `);
    }
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
    await seedShop(shop);
    await seedShop(other);
    const otherBefore = await rowsOf(other);

    const response = await app.handle(await adminRequest(`/app/privacy?${DATA}`, { shop, body: { intent: "delete" } }));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(total(await rowsOf(shop))).toBe(0);
    expect((await rowsOf(shop)).FunctionSync).toBe(0);
    expect(otherBefore.FunctionSync).toBe(4);
    expect(await rowsOf(other)).toEqual(otherBefore);
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
