/**
 * Shopify's HMAC signs the body, not the headers: whoever holds one signed body
 * can send it to any endpoint with any topic, shop or event id. Each route acts
 * only on a body of its own topic, with the shape Shopify documents for it, for
 * the shop it names; anything else is refused with 400 and changes nothing.
 */
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { dumpDatabase, seedShop } from "../privacy/helpers";
import { ROOT } from "../support/paths";
import { WEBHOOK_ROUTES, deliver, forgedWebhookRequest, samplePayload, webhookRequest } from "../support/webhook";

const TOPICS = ["app/uninstalled", "app/scopes_update", "shop/redact", "customers/data_request", "customers/redact"];

let n = 0;
const newShop = () => `replay-shop-${++n}.myshopify.com`;

/** Delivers each request and expects 400 for all, with the database unchanged. */
async function expectRefused(shop: string, requests: Request[]) {
  const before = await dumpDatabase();
  for (const request of requests) {
    const response = await deliver(request);
    expect(response.status, `${request.headers.get("X-Shopify-Topic")} → ${new URL(request.url).pathname}`).toBe(400);
    expect(await response.text()).toBe("");
  }
  expect(await dumpDatabase()).toBe(before);
  expect(await prisma.webhookDelivery.count({ where: { shop } })).toBe(1); // the seeded one only
}

describe("each route declares its topic, as shopify.app.toml subscribes it", () => {
  it("every subscription's endpoint is the route of that topic", async () => {
    const toml = parse(readFileSync(`${ROOT}/shopify.app.toml`, "utf8")) as {
      webhooks: { subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
    };
    const subscribed = toml.webhooks.subscriptions.map((s) => ({ topics: [...(s.topics ?? []), ...(s.compliance_topics ?? [])], uri: s.uri }));
    expect(subscribed.flatMap((s) => s.topics).sort()).toEqual([...TOPICS].sort());
    for (const { topics, uri } of subscribed) {
      expect(topics, uri).toHaveLength(1);
      expect(WEBHOOK_ROUTES[uri], uri).toBeDefined();
      expect((await WEBHOOK_ROUTES[uri]()).topic, uri).toBe(topics[0]);
    }
  });
});

describe("a body signed for one topic is refused by every other route", () => {
  for (const route of TOPICS) {
    it(`${route}: the other topics' bodies, with their own topic header or with ${route}'s`, async () => {
      const shop = newShop();
      await seedShop(shop);
      const requests = TOPICS.filter((topic) => topic !== route).flatMap((topic) => [
        // As Shopify sent it, posted to another endpoint.
        webhookRequest({ shop, topic, path: `/webhooks/${route}` }),
        // With the topic header rewritten to match the endpoint.
        webhookRequest({ shop, topic: route, payload: samplePayload(topic, shop) }),
        // The endpoint's own kind of body, under another topic's header.
        webhookRequest({ shop, topic, path: `/webhooks/${route}`, payload: samplePayload(route, shop) }),
      ]);
      await expectRefused(shop, requests);
    });
  }

  it("a customers/redact body posted to shop/redact erases nothing", async () => {
    const shop = newShop();
    await seedShop(shop);
    await expectRefused(shop, [
      webhookRequest({ shop, topic: "customers/redact", path: "/webhooks/shop/redact" }),
      webhookRequest({ shop, topic: "shop/redact", payload: samplePayload("customers/redact", shop) }),
      webhookRequest({ shop, topic: "shop/redact", payload: samplePayload("customers/data_request", shop) }),
    ]);
    expect(await prisma.rule.count({ where: { shop } })).toBe(2);
  });

  it("an app/uninstalled body posted to app/scopes_update leaves the scopes as they were", async () => {
    const shop = newShop();
    await seedShop(shop);
    const scopes = { ...samplePayload("app/scopes_update", shop), current: ["write_validations", "read_orders"] };
    await expectRefused(shop, [
      webhookRequest({ shop, topic: "app/uninstalled", path: "/webhooks/app/scopes_update" }),
      webhookRequest({ shop, topic: "app/scopes_update", payload: samplePayload("app/uninstalled", shop) }),
      // Signed, sent as app/uninstalled: not for this endpoint, whatever the body says.
      webhookRequest({ shop, topic: "app/uninstalled", path: "/webhooks/app/scopes_update", payload: scopes }),
    ]);
    expect((await prisma.session.findMany({ where: { shop } })).map((s) => s.scope)).toEqual(["write_validations", "write_validations"]);
  });
});

describe("the shop the body names must be the shop of the header", () => {
  for (const topic of ["app/uninstalled", "shop/redact", "customers/data_request", "customers/redact"]) {
    it(`${topic}: a body naming another shop is refused`, async () => {
      const shop = newShop();
      await seedShop(shop);
      await expectRefused(shop, [webhookRequest({ shop, topic, payload: samplePayload(topic, "another-shop.myshopify.com") })]);
    });
  }

  it("app/uninstalled compares myshopify_domain; domain is the shop's own primary domain and may differ", async () => {
    const shop = newShop();
    await seedShop(shop);
    const payload = { ...samplePayload("app/uninstalled", shop), domain: "www.merchant-store.example" };
    expect((await deliver(webhookRequest({ shop, topic: "app/uninstalled", payload }))).status).toBe(200);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
  });
});

describe("a body without the documented shape of its topic is refused", () => {
  const wrong: Record<string, (shop: string) => unknown[]> = {
    "app/uninstalled": (shop) => [
      { id: 1, domain: shop }, // no myshopify_domain
      { ...samplePayload("app/uninstalled", shop), id: "1" },
    ],
    "app/scopes_update": (shop) => [
      { ...samplePayload("app/scopes_update", shop), current: [1, 2] },
      { ...samplePayload("app/scopes_update", shop), previous: undefined },
      { ...samplePayload("app/scopes_update", shop), updated_at: undefined },
    ],
    "shop/redact": (shop) => [
      { shop_domain: shop }, // no shop_id
      { shop_id: "954889", shop_domain: shop },
      { shop_id: 954889, shop_domain: shop, customer: { id: 1 } }, // more than a shop/redact carries
      {},
    ],
    "customers/data_request": (shop) => [
      { ...samplePayload("customers/data_request", shop), data_request: undefined },
      { ...samplePayload("customers/data_request", shop), orders_requested: "299938" },
    ],
    "customers/redact": (shop) => [
      { ...samplePayload("customers/redact", shop), orders_to_redact: undefined },
      { ...samplePayload("customers/redact", shop), customer: "191167" },
    ],
  };
  for (const [topic, payloads] of Object.entries(wrong)) {
    it(`${topic} → 400, nothing changed`, async () => {
      const shop = newShop();
      await seedShop(shop);
      await expectRefused(shop, payloads(shop).map((payload) => webhookRequest({ shop, topic, payload })));
    });
  }

  it("fields Shopify may add to a topic's payload are accepted", async () => {
    const shop = newShop();
    await seedShop(shop);
    const payload = { ...samplePayload("app/scopes_update", shop), current: ["write_validations", "read_products"], new_field: true };
    expect((await deliver(webhookRequest({ shop, topic: "app/scopes_update", payload }))).status).toBe(200);
    expect((await prisma.shopSync.findUnique({ where: { shop } }))?.scope).toBe("write_validations,read_products");
  });
});

describe("a signed request whose shop header is not a shop domain → 400, no stack trace", () => {
  for (const topic of TOPICS) {
    it(`${topic}: upper case, not a domain, another domain`, async () => {
      const shop = newShop();
      await seedShop(shop);
      const headers = [shop.toUpperCase(), shop.replace("replay", "Replay"), "not a shop", "shop.example.com", "../etc/passwd"];
      await expectRefused(
        shop,
        headers.map((header) => webhookRequest({ shop, topic, headers: { "X-Shopify-Shop-Domain": header } })),
      );
      // Unsigned, it is refused as unsigned first.
      const forged = forgedWebhookRequest({ shop, topic, headers: { "X-Shopify-Shop-Domain": shop.toUpperCase() } });
      expect((await deliver(forged)).status).toBe(401);
    });
  }
});
