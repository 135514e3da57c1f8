/**
 * Webhooks verified (Shopify: "a webhook nobody verifies"; its review requires
 * 401 for a delivery with an invalid HMAC): every topic shopify.app.toml
 * subscribes to has its route, and every webhooks.* route answers 401 to a
 * delivery signed with another secret or not signed, and 200 to the same
 * delivery signed with the app's secret — the signature alone makes the
 * difference. (tests/security/routes-authenticate.test.ts proves they touch no
 * data before that.)
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { uniqueShop } from "../support/admin-api-mock";
import { ROOT } from "../support/paths";
import { forgedWebhookRequest, webhookRequest } from "../support/webhook";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

const WEBHOOK_ROUTES = readdirSync(join(ROOT, "app/routes"))
  .filter((f) => f.startsWith("webhooks."))
  .map((f) => f.replace(/\.tsx?$/, ""));

async function post(route: string, request: Request): Promise<number> {
  const { action } = (await import(`../../app/routes/${route}.tsx`)) as { action: Handler };
  try {
    const result = await action({ request, params: {}, context: {} });
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("every webhook is verified", () => {
  it("every subscribed topic has its route", () => {
    const config = parseToml(readFileSync(join(ROOT, "shopify.app.toml"), "utf8")) as {
      webhooks: { subscriptions: { uri: string; topics?: string[]; compliance_topics?: string[] }[] };
    };
    const uris = config.webhooks.subscriptions.map((s) => s.uri);
    expect(uris.length).toBeGreaterThanOrEqual(5);
    for (const uri of uris) {
      const route = uri.slice(1).replace(/\//g, ".");
      expect(existsSync(join(ROOT, "app/routes", `${route}.tsx`)), uri).toBe(true);
    }
    expect(WEBHOOK_ROUTES.sort()).toEqual(uris.map((u) => u.slice(1).replace(/\//g, ".")).sort());
  });

  it.each(WEBHOOK_ROUTES)("%s: 401 unless signed with the app's secret", async (route) => {
    const topic = route.replace(/^webhooks\./, "").replace(".", "/");
    const delivery = { shop: uniqueShop(), topic, path: `/${route.replace(/\./g, "/")}` };
    expect(await post(route, forgedWebhookRequest(delivery))).toBe(401);
    expect(await post(route, webhookRequest({ ...delivery, headers: { "X-Shopify-Hmac-Sha256": null } }))).toBe(401);
    expect(await post(route, webhookRequest({ ...delivery, headers: { "X-Shopify-Hmac-Sha256": "" } }))).toBe(401);
    expect(await post(route, webhookRequest(delivery))).toBe(200);
  });
});
