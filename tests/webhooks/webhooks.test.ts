/**
 * The lifecycle and compliance webhooks, delivered to their routes with real
 * HMAC signatures: what each one changes, and that anything not signed by
 * Shopify changes nothing. (Replayed and misrouted bodies: replay.test.ts;
 * acting once per event: once.test.ts.)
 */
import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { deliver, forgedWebhookRequest, samplePayload, webhookRequest } from "../support/webhook";
import { dumpDatabase, rowsOf, seedShop, total } from "../privacy/helpers";

const TOPICS = ["app/uninstalled", "app/scopes_update", "shop/redact", "customers/data_request", "customers/redact"];

const app = { handle: deliver };
let n = 0;
const newShop = () => `webhook-shop-${++n}.myshopify.com`;

/** Rows of every model but the records of webhook deliveries. */
async function dataOf(shop: string): Promise<Record<string, number>> {
  const { WebhookDelivery: _records, ...counts } = await rowsOf(shop);
  return counts;
}
const deliveriesOf = (shop: string) =>
  prisma.webhookDelivery.findMany({ where: { shop }, select: { eventId: true, topic: true }, orderBy: { eventId: "asc" } });

describe("app/uninstalled", () => {
  it("deletes every session of the shop, and only that shop's; rules stay until shop/redact", async () => {
    const shop = newShop();
    const other = newShop();
    await seedShop(shop);
    await seedShop(other);
    const otherBefore = await rowsOf(other);

    const response = await app.handle(webhookRequest({ shop, topic: "app/uninstalled" }));

    expect(response.status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect(await prisma.rule.count({ where: { shop } })).toBe(2);
    expect(await prisma.functionSync.count({ where: { shop } })).toBe(4);
    expect(await rowsOf(other)).toEqual(otherBefore);
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

  it("keeps the stored scopes current when they change again", async () => {
    const shop = newShop();
    await seedShop(shop);
    for (const [eventId, current] of [["first", ["write_validations"]], ["second", ["write_validations", "read_products"]]] as const) {
      const payload = { ...samplePayload("app/scopes_update", shop), current: [...current] };
      expect((await app.handle(webhookRequest({ shop, topic: "app/scopes_update", payload, eventId }))).status).toBe(200);
    }
    expect((await prisma.session.findMany({ where: { shop } })).map((s) => s.scope)).toEqual(["write_validations,read_products", "write_validations,read_products"]);
    expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations,read_products");
    expect((await deliveriesOf(shop)).map((d) => d.eventId)).toEqual(expect.arrayContaining(["first", "second"]));
  });

  it("creates nothing for a shop that is no longer installed, but the record of the delivery", async () => {
    const shop = newShop();
    const response = await app.handle(webhookRequest({ shop, topic: "app/scopes_update", eventId: "late-scopes" }));
    expect(response.status).toBe(200);
    expect(total(await dataOf(shop))).toBe(0);
    expect(await deliveriesOf(shop)).toEqual([{ eventId: "late-scopes", topic: "app/scopes_update" }]);
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
    const otherBefore = await rowsOf(other);

    const response = await app.handle(webhookRequest({ shop, topic: "shop/redact", eventId: "redact-1" }));

    expect(response.status).toBe(200);
    expect(total(await dataOf(shop))).toBe(0);
    // The seeded delivery record went too; only this redact's own record is written back (PRIVACY.md).
    expect(await deliveriesOf(shop)).toEqual([{ eventId: "redact-1", topic: "shop/redact" }]);
    expect(await rowsOf(other)).toEqual(otherBefore);
  });

  it("answers 200 to a redelivery and to a shop that never existed", async () => {
    const shop = newShop();
    await seedShop(shop);
    const delivery = { shop, topic: "shop/redact", webhookId: "same-redact", eventId: "same-redact-event" };
    expect((await app.handle(webhookRequest(delivery))).status).toBe(200);
    expect((await app.handle(webhookRequest(delivery))).status).toBe(200);
    expect(total(await dataOf(shop))).toBe(0);
    const never = newShop();
    expect((await app.handle(webhookRequest({ shop: never, topic: "shop/redact" }))).status).toBe(200);
    expect(total(await dataOf(never))).toBe(0);
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

describe("concurrency", () => {
  it("uninstall and two redacts racing leave nothing of the shop but the records of those deliveries", async () => {
    for (let i = 0; i < 5; i++) {
      const shop = newShop();
      await seedShop(shop);
      const responses = await Promise.all([
        app.handle(webhookRequest({ shop, topic: "app/uninstalled", eventId: "uninstall" })),
        app.handle(webhookRequest({ shop, topic: "shop/redact", eventId: "redact-a" })),
        app.handle(webhookRequest({ shop, topic: "shop/redact", eventId: "redact-b" })),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(total(await dataOf(shop))).toBe(0);
      // The redacts' own records, and the uninstall's when it came after them.
      const records = (await deliveriesOf(shop)).map((r) => r.eventId);
      for (const id of records) expect(["uninstall", "redact-a", "redact-b"]).toContain(id);
      expect(records.filter((id) => id.startsWith("redact")).length).toBeGreaterThan(0);
    }
  });
});
