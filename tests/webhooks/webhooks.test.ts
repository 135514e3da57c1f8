/**
 * The lifecycle and compliance webhooks, delivered to their routes with real
 * HMAC signatures: what each one changes, and that anything not signed by
 * Shopify changes nothing.
 */
import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { deliver, forgedWebhookRequest, samplePayload, webhookRequest } from "../support/webhook";
import { dumpDatabase, rowsOf, seedShop, total } from "../privacy/helpers";

const TOPICS = ["app/uninstalled", "app/scopes_update", "shop/redact", "customers/data_request", "customers/redact"];

const app = { handle: deliver };
let n = 0;
const newShop = () => `webhook-shop-${++n}.myshopify.com`;

describe("app/uninstalled", () => {
  it("deletes every session of the shop, and only that shop's; rules stay until shop/redact", async () => {
    const shop = newShop();
    const other = newShop();
    await seedShop(shop);
    await seedShop(other);

    const response = await app.handle(webhookRequest({ shop, topic: "app/uninstalled" }));

    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect(await prisma.rule.count({ where: { shop } })).toBe(2);
    expect(await prisma.functionSync.count({ where: { shop } })).toBe(4);
    expect(await rowsOf(other)).toEqual({ Session: 2, Rule: 2, ConfigVersion: 1, ShopSync: 1, FunctionSync: 4 });
  });

  it("answers 200 to a redelivery, and to a shop it never knew", async () => {
    const shop = newShop();
    await seedShop(shop);
    const delivery = { shop, topic: "app/uninstalled", webhookId: "same-delivery" };
    expect((await app.handle(webhookRequest(delivery))).status).toBe(200);
    expect((await app.handle(webhookRequest(delivery))).status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect((await app.handle(webhookRequest({ shop: newShop(), topic: "app/uninstalled" }))).status).toBe(200);
  });
});

describe("app/scopes_update", () => {
  it("stores the granted scopes on the sessions and the sync state", async () => {
    const shop = newShop();
    await seedShop(shop);
    const payload = { ...samplePayload("app/scopes_update", shop), current: ["write_validations", "read_products"] };

    const response = await app.handle(webhookRequest({ shop, topic: "app/scopes_update", payload }));

    expect(response.status).toBe(200);
    const scopes = (await prisma.session.findMany({ where: { shop } })).map((s) => s.scope);
    expect(scopes).toEqual(["write_validations,read_products", "write_validations,read_products"]);
    expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations,read_products");
  });

  it("creates nothing for a shop that is no longer installed", async () => {
    const shop = newShop();
    const response = await app.handle(webhookRequest({ shop, topic: "app/scopes_update" }));
    expect(response.status).toBe(200);
    expect(total(await rowsOf(shop))).toBe(0);
  });

  it("refuses a payload without a list of scopes, changing nothing", async () => {
    const shop = newShop();
    await seedShop(shop);
    const before = await dumpDatabase();
    const response = await app.handle(webhookRequest({ shop, topic: "app/scopes_update", payload: { current: "write_validations" } }));
    expect(response.status).toBe(400);
    expect(await dumpDatabase()).toBe(before);
  });
});

describe("shop/redact", () => {
  it("erases every row of every model that belongs to the shop, and nothing of another shop", async () => {
    const shop = newShop();
    const other = newShop();
    await seedShop(shop);
    await seedShop(other);
    expect(Object.values(await rowsOf(shop)).every((count) => count > 0)).toBe(true);

    const response = await app.handle(webhookRequest({ shop, topic: "shop/redact" }));

    expect(response.status).toBe(200);
    expect(await rowsOf(shop)).toEqual({ Session: 0, Rule: 0, ConfigVersion: 0, ShopSync: 0, FunctionSync: 0 });
    expect(await rowsOf(other)).toEqual({ Session: 2, Rule: 2, ConfigVersion: 1, ShopSync: 1, FunctionSync: 4 });
  });

  it("answers 200 to a redelivery and to a shop that never existed", async () => {
    const shop = newShop();
    await seedShop(shop);
    const delivery = { shop, topic: "shop/redact", webhookId: "same-redact" };
    expect((await app.handle(webhookRequest(delivery))).status).toBe(200);
    expect((await app.handle(webhookRequest(delivery))).status).toBe(200);
    expect(total(await rowsOf(shop))).toBe(0);
    const never = newShop();
    expect((await app.handle(webhookRequest({ shop: never, topic: "shop/redact" }))).status).toBe(200);
    expect(total(await rowsOf(never))).toBe(0);
  });

  it("erases only the shop the signed body names: a header naming another shop is refused", async () => {
    const victim = newShop();
    await seedShop(victim);
    const before = await dumpDatabase();
    // A captured redact of another shop, replayed with this shop's domain in the (unsigned) header.
    const replay = webhookRequest({ shop: victim, topic: "shop/redact", payload: samplePayload("shop/redact", "attacker.myshopify.com") });
    expect((await app.handle(replay)).status).toBe(400);
    expect(await dumpDatabase()).toBe(before);
  });
});

describe("customers/data_request and customers/redact", () => {
  for (const topic of ["customers/data_request", "customers/redact"]) {
    it(`${topic}: acknowledged with 200, nothing stored or changed`, async () => {
      const shop = newShop();
      await seedShop(shop);
      const before = await dumpDatabase();
      const response = await app.handle(webhookRequest({ shop, topic }));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
      const after = await dumpDatabase();
      expect(after).toBe(before);
      expect(after).not.toContain("john.smith.buyer@example.com");
    });
  }
});

describe("requests Shopify did not sign change nothing", () => {
  for (const topic of TOPICS) {
    it(`${topic}: forged HMAC → 401, missing HMAC → 401`, async () => {
      const shop = newShop();
      await seedShop(shop);
      const before = await dumpDatabase();
      expect((await app.handle(forgedWebhookRequest({ shop, topic }))).status).toBe(401);
      expect((await app.handle(webhookRequest({ shop, topic, headers: { "X-Shopify-Hmac-Sha256": null } }))).status).toBe(401);
      // A valid signature of a different body.
      const tampered = webhookRequest({ shop, topic, headers: { "X-Shopify-Hmac-Sha256": webhookRequest({ shop, topic, payload: { a: 1 } }).headers.get("X-Shopify-Hmac-Sha256") } });
      expect((await app.handle(tampered)).status).toBe(401);
      expect(await dumpDatabase()).toBe(before);
    });

    it(`${topic}: GET or PUT → 405`, async () => {
      const shop = newShop();
      await seedShop(shop);
      const before = await dumpDatabase();
      const get = await app.handle(webhookRequest({ shop, topic, method: "GET" }));
      expect(get.status).toBe(405);
      expect(get.headers.get("Allow")).toBe("POST");
      expect((await app.handle(webhookRequest({ shop, topic, method: "PUT" }))).status).toBe(405);
      expect(await dumpDatabase()).toBe(before);
    });

    it(`${topic}: signed but malformed (not JSON, not an object, empty, missing headers) → 400`, async () => {
      const shop = newShop();
      await seedShop(shop);
      const before = await dumpDatabase();
      for (const payload of ['{"shop_domain": ', "[1,2]", "null"]) {
        expect((await app.handle(webhookRequest({ shop, topic, payload }))).status, payload).toBe(400);
      }
      expect((await app.handle(webhookRequest({ shop, topic, payload: "" }))).status).toBe(400);
      expect((await app.handle(webhookRequest({ shop, topic, headers: { "X-Shopify-Topic": null } }))).status).toBe(400);
      expect((await app.handle(webhookRequest({ shop, topic, headers: { "X-Shopify-Shop-Domain": null } }))).status).toBe(400);
      expect(await dumpDatabase()).toBe(before);
    });
  }
});

describe("repetition and concurrency", () => {
  it("uninstall and redact racing leave nothing of the shop", async () => {
    for (let i = 0; i < 5; i++) {
      const shop = newShop();
      await seedShop(shop);
      const responses = await Promise.all([
        app.handle(webhookRequest({ shop, topic: "app/uninstalled" })),
        app.handle(webhookRequest({ shop, topic: "shop/redact" })),
        app.handle(webhookRequest({ shop, topic: "shop/redact" })),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(total(await rowsOf(shop))).toBe(0);
    }
  });

  it("the same delivery arriving twice at once is handled twice, harmlessly", async () => {
    const shop = newShop();
    await seedShop(shop);
    const delivery = { shop, topic: "shop/redact", webhookId: "dup" };
    const responses = await Promise.all([app.handle(webhookRequest(delivery)), app.handle(webhookRequest(delivery))]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(total(await rowsOf(shop))).toBe(0);
  });
});
