/**
 * Webhook deliveries as Shopify sends them: a JSON body signed with the app's
 * secret (HMAC-SHA256, base64, in X-Shopify-Hmac-Sha256) and Shopify's headers.
 * `forgedWebhookRequest` signs with another secret, as an attacker would have to.
 */
import { createHmac, randomUUID } from "node:crypto";

export const APP_URL = process.env.SHOPIFY_APP_URL ?? "https://checkout-guard.test";
export const WEBHOOK_API_VERSION = "2026-04";

export interface WebhookOptions {
  shop: string;
  /** Topic as Shopify writes it, e.g. "shop/redact". */
  topic: string;
  /** JSON payload, or a raw string sent as is (e.g. malformed JSON). */
  payload?: unknown;
  /** Path of the endpoint; default /webhooks/<topic>. */
  path?: string;
  method?: string;
  /** Same id for a redelivery of the same webhook. */
  webhookId?: string;
  eventId?: string;
  /** Secret to sign with; default SHOPIFY_API_SECRET. */
  secret?: string;
  /** Header overrides; a null value removes the header. */
  headers?: Record<string, string | null>;
}

export function sign(body: string, secret = process.env.SHOPIFY_API_SECRET ?? ""): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** The payload Shopify sends for each topic the app subscribes to, for `shop`. */
export function samplePayload(topic: string, shop: string): Record<string, unknown> {
  const shopId = 954889;
  switch (topic) {
    case "app/uninstalled":
      return { id: shopId, name: "Test shop", domain: shop, myshopify_domain: shop, email: "owner@example.com" };
    case "app/scopes_update":
      return { id: 1, shop_id: shopId, previous: ["write_validations"], current: ["write_validations"], updated_at: "2026-11-23T10:00:00Z" };
    case "shop/redact":
      return { shop_id: shopId, shop_domain: shop };
    case "customers/redact":
      return {
        shop_id: shopId,
        shop_domain: shop,
        customer: { id: 191167, email: "john.smith.buyer@example.com", phone: "+33612345678" },
        orders_to_redact: [299938, 280263],
      };
    case "customers/data_request":
      return {
        shop_id: shopId,
        shop_domain: shop,
        orders_requested: [299938],
        customer: { id: 191167, email: "john.smith.buyer@example.com", phone: "+33612345678" },
        data_request: { id: 9999 },
      };
    default:
      return {};
  }
}

/** A webhook Request signed with the app's secret, as Shopify delivers it. */
export function webhookRequest(options: WebhookOptions): Request {
  const body =
    typeof options.payload === "string"
      ? options.payload
      : JSON.stringify(options.payload ?? samplePayload(options.topic, options.shop));
  const method = options.method ?? "POST";
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-API-Version": WEBHOOK_API_VERSION,
    "X-Shopify-Hmac-Sha256": sign(body, options.secret),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing) delete headers[existing];
    if (value !== null) headers[name] = value;
  }
  const url = `${APP_URL}${options.path ?? `/webhooks/${options.topic}`}`;
  return new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
}

/** Same delivery signed with a secret that is not the app's. */
export function forgedWebhookRequest(options: WebhookOptions): Request {
  return webhookRequest({ ...options, secret: options.secret ?? "not-the-app-secret" });
}

export type RouteModule = {
  /** The topic the route acts on (app/webhooks.server.ts checks X-Shopify-Topic against it). */
  topic?: string;
  loader?: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
};

/** Route module of each webhook endpoint (app/routes/webhooks.<topic>.tsx). */
export const WEBHOOK_ROUTES: Record<string, () => Promise<RouteModule>> = {
  "/webhooks/app/uninstalled": () => import("../../app/routes/webhooks.app.uninstalled"),
  "/webhooks/app/scopes_update": () => import("../../app/routes/webhooks.app.scopes_update"),
  "/webhooks/shop/redact": () => import("../../app/routes/webhooks.shop.redact"),
  "/webhooks/customers/data_request": () => import("../../app/routes/webhooks.customers.data_request"),
  "/webhooks/customers/redact": () => import("../../app/routes/webhooks.customers.redact"),
};

/**
 * Hands a request to its webhook route as Remix does for a resource route:
 * GET/HEAD to the loader, any other method to the action, a thrown Response
 * returned as the answer. (tests/support/remix-app.ts runs the whole app
 * instead, which needs every route of the app to build.)
 */
export async function deliver(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  const load = WEBHOOK_ROUTES[path];
  if (!load) return new Response(undefined, { status: 404 });
  const route = await load();
  const handler = request.method === "GET" || request.method === "HEAD" ? route.loader : route.action;
  if (!handler) return new Response(undefined, { status: 405 });
  try {
    const result = await handler({ request, params: {}, context: {} });
    if (!(result instanceof Response)) throw new Error(`${path} returned ${typeof result}, not a Response`);
    return result;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
