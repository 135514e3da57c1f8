/**
 * Webhooks for a shop whose stored offline access token has expired (an hour
 * after it was issued, as expiring offline tokens do). After app/uninstalled,
 * Shopify has revoked the app's tokens, so the token endpoint refuses to
 * refresh them: no webhook may depend on a refresh, or it would answer 500
 * forever and PRIVACY.md's deletions would never happen. None of these topics
 * needs the Admin API, so none asks Shopify for anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { unauthenticated } from "../../app/shopify.server";
import {
  UNINSTALLED_REFRESH_ANSWERS,
  startAdminApiMock,
  uniqueShop,
  type AdminApiMock,
  type UninstalledRefreshAnswer,
} from "../support/admin-api-mock";
import { seedOfflineSession } from "../support/session-token";
import { deliver, samplePayload, webhookRequest } from "../support/webhook";
import { dumpDatabase, rowsOf, seedShop } from "../privacy/helpers";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

/** A shop with data in every model whose offline session is an expiring pair that expired a minute ago. */
async function shopWithExpiredToken() {
  const shop = uniqueShop("expired");
  await seedShop(shop);
  const pair = mock.issueExpiringToken(shop, { expiresIn: -60 });
  await seedOfflineSession(shop, { expiring: pair });
  return { shop, pair };
}

const requestsTo = (shop: string) => mock.requests.filter((r) => r.shop === shop);

/** The shop asks Shopify for its name with the stored offline session (refreshing it if expired). */
async function backgroundQuery(shop: string): Promise<string> {
  const { admin } = await unauthenticated.admin(shop);
  const response = await admin.graphql("query { shop { myshopifyDomain } }");
  return ((await response.json()) as { data: { shop: { myshopifyDomain: string } } }).data.shop.myshopifyDomain;
}

describe.each(Object.keys(UNINSTALLED_REFRESH_ANSWERS) as UninstalledRefreshAnswer[])(
  "after uninstall, the token endpoint refusing refreshes with %s",
  (answer) => {
    it("the mock refuses the shop's refresh token as configured", async () => {
      const { shop, pair } = await shopWithExpiredToken();
      mock.uninstall(shop, answer);
      const response = await fetch(`https://${shop}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          client_id: process.env.SHOPIFY_API_KEY,
          client_secret: process.env.SHOPIFY_API_SECRET,
          grant_type: "refresh_token",
          refresh_token: pair.refreshToken,
        }),
      });
      expect({ status: response.status, body: await response.json() }).toEqual(UNINSTALLED_REFRESH_ANSWERS[answer]);
    });

    it("app/uninstalled answers 200 and deletes every session of the shop; the rules stay", async () => {
      const { shop } = await shopWithExpiredToken();
      mock.uninstall(shop, answer);

      const response = await deliver(webhookRequest({ shop, topic: "app/uninstalled" }));

      expect(response.status).toBe(200);
      expect(await prisma.session.count({ where: { shop } })).toBe(0);
      expect(await prisma.rule.count({ where: { shop } })).toBe(2);
      expect(requestsTo(shop)).toEqual([]);
    });

    it("shop/redact answers 200 and erases everything, but the record of itself", async () => {
      const { shop } = await shopWithExpiredToken();
      mock.uninstall(shop, answer);

      const response = await deliver(webhookRequest({ shop, topic: "shop/redact", eventId: "redact-expired" }));

      expect(response.status).toBe(200);
      const { WebhookDelivery, ...rest } = await rowsOf(shop);
      expect(Object.values(rest).every((count) => count === 0)).toBe(true);
      expect(WebhookDelivery).toBe(1);
      expect(await prisma.webhookDelivery.findFirst({ where: { shop }, select: { eventId: true } })).toEqual({ eventId: "redact-expired" });
      expect(requestsTo(shop)).toEqual([]);
    });

    it.each(["customers/redact", "customers/data_request"])("%s answers 200 and changes nothing", async (topic) => {
      const { shop } = await shopWithExpiredToken();
      mock.uninstall(shop, answer);
      const before = await dumpDatabase();

      const response = await deliver(webhookRequest({ shop, topic }));

      expect(response.status).toBe(200);
      expect(await dumpDatabase()).toBe(before);
      expect(requestsTo(shop)).toEqual([]);
    });

    it("app/scopes_update (before app/uninstalled arrives) answers 200 and stores the scopes", async () => {
      const { shop } = await shopWithExpiredToken();
      mock.uninstall(shop, answer);
      const payload = { ...samplePayload("app/scopes_update", shop), current: ["write_validations", "read_products"] };

      const response = await deliver(webhookRequest({ shop, topic: "app/scopes_update", payload }));

      expect(response.status).toBe(200);
      expect((await prisma.session.findMany({ where: { shop } })).map((s) => s.scope)).toEqual([
        "write_validations,read_products",
        "write_validations,read_products",
      ]);
      expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations,read_products");
      expect(requestsTo(shop)).toEqual([]);
    });
  },
);

describe("an installed shop whose access token expired", () => {
  it("app/scopes_update stores the scopes without asking Shopify; the stored pair still renews for the next Admin API call", async () => {
    const { shop } = await shopWithExpiredToken();
    const payload = { ...samplePayload("app/scopes_update", shop), current: ["write_validations", "read_products"] };

    const response = await deliver(webhookRequest({ shop, topic: "app/scopes_update", payload }));

    expect(response.status).toBe(200);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } })).scope).toBe("write_validations,read_products");
    expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations,read_products");
    expect(requestsTo(shop)).toEqual([]);

    expect(await backgroundQuery(shop)).toBe(shop);
    expect(requestsTo(shop).map((r) => [r.kind, r.status])).toEqual([
      ["token-refresh", 200],
      ["graphql", 200],
    ]);
  });
});
