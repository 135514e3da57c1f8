/**
 * Shopify retries a delivery until it gets a 2xx, and may send one event more
 * than once, always with the same X-Shopify-Event-Id. The lifecycle webhooks act
 * on an event once: a repeat is acknowledged and changes nothing, even when it
 * comes after the shop has moved on (reinstalled, new scopes). Delivered to the
 * real routes, signed, on this file's SQLite database (PostgreSQL:
 * once-postgres.test.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { eraseShopData } from "../../app/models/shop-data.server";
import { CLAIM_LEASE_MS, DELIVERY_RETENTION_MS } from "../../app/webhooks.server";
import { rowsOf, seedShop, total } from "../privacy/helpers";
import { deliver, samplePayload, webhookRequest } from "../support/webhook";
import { concurrentDuplicates, replayAfterReinstall } from "./once-contract";

// The real erasure, counted: how many times shop/redact acted.
vi.mock("../../app/models/shop-data.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../app/models/shop-data.server")>();
  return { ...actual, eraseShopData: vi.fn(actual.eraseShopData) };
});
const erasuresOf = (shop: string) => vi.mocked(eraseShopData).mock.calls.filter(([erased]) => erased === shop).length;

let n = 0;
const newShop = () => `once-shop-${++n}.myshopify.com`;

describe("a repeated event is acknowledged and not acted on again", () => {
  it("shop/redact, replayed after the shop reinstalled and saved rules, erases nothing", () => replayAfterReinstall(prisma, newShop()));

  it("app/uninstalled, replayed after a reinstall, does not sign the shop out", async () => {
    const shop = newShop();
    await seedShop(shop);
    const uninstall = { shop, topic: "app/uninstalled", eventId: "uninstall-1" };
    expect((await deliver(webhookRequest(uninstall))).status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);

    await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "new-install-token" } });
    // A retry of the same event: another webhook id, the same event id.
    expect((await deliver(webhookRequest(uninstall))).status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(1);
  });

  it("app/scopes_update, retried after a later update, does not bring back the former scopes", async () => {
    const shop = newShop();
    await seedShop(shop);
    const granted = (current: string[]) => ({ ...samplePayload("app/scopes_update", shop), current });
    const first = { shop, topic: "app/scopes_update", eventId: "scopes-1", payload: granted(["write_validations", "read_products"]) };
    expect((await deliver(webhookRequest(first))).status).toBe(200);
    const later = { shop, topic: "app/scopes_update", eventId: "scopes-2", payload: granted(["write_validations"]) };
    expect((await deliver(webhookRequest(later))).status).toBe(200);

    expect((await deliver(webhookRequest(first))).status).toBe(200);
    expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations");
    expect(new Set((await prisma.session.findMany({ where: { shop } })).map((s) => s.scope))).toEqual(new Set(["write_validations"]));
  });

  it("without an event id header, the webhook id (the same on a retry) identifies the delivery", async () => {
    const shop = newShop();
    await seedShop(shop);
    const delivery = { shop, topic: "shop/redact", webhookId: "webhook-1", headers: { "X-Shopify-Event-Id": null } };
    expect((await deliver(webhookRequest(delivery))).status).toBe(200);
    await seedShop(shop);
    expect((await deliver(webhookRequest(delivery))).status).toBe(200);
    expect(await prisma.rule.count({ where: { shop } })).toBe(2);
  });

  it("the same event id for two shops is two deliveries", async () => {
    const [a, b] = [newShop(), newShop()];
    await seedShop(a);
    await seedShop(b);
    for (const shop of [a, b]) expect((await deliver(webhookRequest({ shop, topic: "shop/redact", eventId: "same" }))).status).toBe(200);
    expect([erasuresOf(a), erasuresOf(b)]).toEqual([1, 1]);
    expect(await prisma.rule.count({ where: { shop: { in: [a, b] } } })).toBe(0);
  });
});

describe("duplicates arriving at once", () => {
  it("shop/redact sent five times at once is acted on once", () => concurrentDuplicates(prisma, newShop(), erasuresOf));
});

describe("a delivery whose handling failed is acted on when Shopify retries it", () => {
  afterEach(async () => {
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "fail_rule_delete"`);
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "fail_session_update"`);
  });

  it("shop/redact: the erasure fails, the claim is released, the retry erases", async () => {
    const shop = newShop();
    await seedShop(shop);
    // A real failure inside the erasure's transaction.
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "fail_rule_delete" BEFORE DELETE ON "Rule" BEGIN SELECT RAISE(ABORT, 'disk failure'); END`);
    const redact = { shop, topic: "shop/redact", eventId: "redact-fails-once" };
    await expect(deliver(webhookRequest(redact))).rejects.toThrow(); // the injected failure, a 500
    expect(await prisma.rule.count({ where: { shop } })).toBe(2);
    expect(await prisma.webhookDelivery.count({ where: { shop, eventId: redact.eventId } })).toBe(0);

    await prisma.$executeRawUnsafe(`DROP TRIGGER "fail_rule_delete"`);
    expect((await deliver(webhookRequest(redact))).status).toBe(200);
    const { WebhookDelivery, ...data } = await rowsOf(shop);
    expect(total(data)).toBe(0);
    expect(WebhookDelivery).toBe(1);
  });

  it("app/scopes_update: the update fails, the retry updates", async () => {
    const shop = newShop();
    await seedShop(shop);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER "fail_session_update" BEFORE UPDATE ON "Session" BEGIN SELECT RAISE(ABORT, 'disk failure'); END`);
    const update = { shop, topic: "app/scopes_update", eventId: "scopes-fails-once", payload: { ...samplePayload("app/scopes_update", shop), current: ["write_validations", "read_products"] } };
    await expect(deliver(webhookRequest(update))).rejects.toThrow(); // the injected failure, a 500
    await prisma.$executeRawUnsafe(`DROP TRIGGER "fail_session_update"`);
    expect((await deliver(webhookRequest(update))).status).toBe(200);
    expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations,read_products");
  });

  it("a claim left by an instance that died is taken over once its lease is over; a live one is not", async () => {
    const shop = newShop();
    await seedShop(shop);
    const claim = (eventId: string, age: number) =>
      prisma.webhookDelivery.create({ data: { shop, eventId, topic: "shop/redact", receivedAt: new Date(Date.now() - age) } });

    await claim("in-progress", 1_000);
    const live = await deliver(webhookRequest({ shop, topic: "shop/redact", eventId: "in-progress" }));
    expect(live.status).toBe(409); // Shopify tries again later
    expect(await prisma.rule.count({ where: { shop } })).toBe(2);

    await claim("abandoned", CLAIM_LEASE_MS + 1_000);
    expect((await deliver(webhookRequest({ shop, topic: "shop/redact", eventId: "abandoned" }))).status).toBe(200);
    expect(await prisma.rule.count({ where: { shop } })).toBe(0);
  });
});

describe("retention: records are deleted once 7 days old", () => {
  it("by the next webhook, whatever its shop or topic; younger ones stay", async () => {
    const [shop, erased] = [newShop(), newShop()];
    const day = 24 * 60 * 60 * 1000;
    const record = (s: string, eventId: string, age: number) =>
      prisma.webhookDelivery.create({ data: { shop: s, eventId, topic: "shop/redact", receivedAt: new Date(Date.now() - age), handledAt: new Date(Date.now() - age) } });
    await record(erased, "old", DELIVERY_RETENTION_MS + 60_000);
    await record(shop, "old", 8 * day);
    await record(shop, "young", 6 * day);

    // Nothing is pruned until a webhook arrives.
    expect(await prisma.webhookDelivery.count({ where: { eventId: "old" } })).toBe(2);
    expect((await deliver(webhookRequest({ shop: newShop(), topic: "customers/data_request" }))).status).toBe(200);

    expect(await prisma.webhookDelivery.count({ where: { eventId: "old" } })).toBe(0);
    expect(await prisma.webhookDelivery.findMany({ where: { shop }, select: { eventId: true } })).toEqual([{ eventId: "young" }]);
    // Nothing of the erased shop is left.
    expect(total(await rowsOf(erased))).toBe(0);
  });
});

describe("the customer webhooks are not recorded", () => {
  for (const topic of ["customers/data_request", "customers/redact"]) {
    it(`${topic}: acknowledged every time, no record`, async () => {
      const shop = newShop();
      for (let i = 0; i < 2; i++) expect((await deliver(webhookRequest({ shop, topic, eventId: "customer-event" }))).status).toBe(200);
      expect(await prisma.webhookDelivery.count({ where: { shop } })).toBe(0);
    });
  }
});
