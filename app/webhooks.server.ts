/**
 * Webhook checks shared by app/routes/webhooks.*.tsx: Shopify's
 * `authenticate.webhook` (the HMAC), then what the HMAC does not cover. It
 * signs the body only: the headers (topic, shop, event id) can be rewritten by
 * whoever replays a captured body, so a body is acted on only by the route of
 * its topic, for the shop it names, and once per event.
 */
import { InvalidShopError } from "@shopify/shopify-api";
import * as v from "valibot";
import prisma, { type Database } from "./db.server";
import type { Prisma } from "./generated/prisma/sqlite/client";
import type { AppSessionStorage } from "./session-storage.server";
import { createShopifyApp } from "./shopify.server";

/**
 * No webhook the app handles calls the Admin API, so none loads the shop's
 * session. The library's authenticate.webhook would, and with expiring offline
 * tokens it refreshes an expired one first: after app/uninstalled Shopify has
 * revoked the tokens, the refresh fails and the webhook answers 500, forever
 * (sessions never deleted on uninstall, shop/redact never erasing). Hence the
 * app's own Shopify configuration over a storage that holds no session: the
 * same verification (HMAC, headers, shop domain, JSON body), no token touched.
 */
const nothingStored = async () => {
  throw new Error("webhook verification stores no session");
};
const noSessions = {
  loadSession: async () => undefined,
  storeSession: nothingStored,
  deleteSession: nothingStored,
  deleteSessions: nothingStored,
  findSessionsByShop: nothingStored,
};
// Only its loadSession is ever called (AppSessionStorage's constructor would query the database).
const verifier = createShopifyApp(noSessions as unknown as AppSessionStorage);

const HMAC_HEADER = "X-Shopify-Hmac-Sha256";
const TOPIC_HEADER = "X-Shopify-Topic";
const SHOP_HEADER = "X-Shopify-Shop-Domain";

const Id = v.pipe(v.number(), v.integer());
const Customer = v.looseObject({ id: Id, email: v.nullish(v.string()), phone: v.nullish(v.string()) });

/**
 * The payload of each topic the app subscribes to (shopify.app.toml), with the
 * fields Shopify documents for it. Each requires fields the others lack, so a
 * body signed for one topic fails every other topic's shape.
 */
export const PAYLOADS = {
  // The shop resource: `domain` is the shop's primary domain, which may be its
  // own (e.g. shop.example.com); `myshopify_domain` is the one in the header.
  "app/uninstalled": v.looseObject({ id: Id, myshopify_domain: v.string(), domain: v.nullish(v.string()) }),
  "app/scopes_update": v.looseObject({ id: Id, previous: v.array(v.string()), current: v.array(v.string()), updated_at: v.string() }),
  // Strict: a customers/* body also has shop_id and shop_domain, and must not erase the shop.
  "shop/redact": v.strictObject({ shop_id: Id, shop_domain: v.string() }),
  "customers/data_request": v.looseObject({
    shop_id: Id,
    shop_domain: v.string(),
    customer: Customer,
    orders_requested: v.array(Id),
    data_request: v.looseObject({ id: Id }),
  }),
  "customers/redact": v.looseObject({ shop_id: Id, shop_domain: v.string(), customer: Customer, orders_to_redact: v.array(Id) }),
};

export type Topic = keyof typeof PAYLOADS;
export type Payload<T extends Topic> = v.InferOutput<(typeof PAYLOADS)[T]>;

/** The shop a payload names, where it names one (app/scopes_update does not). */
function shopNamedBy(topic: Topic, payload: Payload<Topic>): string | undefined {
  if (topic === "app/uninstalled") return (payload as Payload<"app/uninstalled">).myshopify_domain;
  if (topic === "app/scopes_update") return undefined;
  return (payload as Payload<"shop/redact">).shop_domain;
}

export interface Delivery<T extends Topic> {
  topic: T;
  shop: string;
  /** X-Shopify-Event-Id (the same on every retry of one event), else the webhook id. */
  eventId: string;
  payload: Payload<T>;
}

/** What a GET (Remix routes it to the loader) gets from a webhook endpoint. */
export const methodNotAllowed = () =>
  new Response(undefined, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "POST" } });

export const badRequest = () => new Response(undefined, { status: 400, statusText: "Bad Request" });

/** An empty 200: Shopify only needs to know the delivery was handled. */
export const handled = () => new Response(undefined, { status: 200 });

/**
 * Verifies the HMAC and checks the delivery against the route's topic. Throws
 * a Response when the request is not a valid webhook for it, before any change:
 * - not POST → 405;
 * - no HMAC header or a wrong one → 401 (the library answers 400 when the
 *   header is missing; Shopify asks 401 for any request it did not sign);
 * - signed, but: missing headers, a shop header that is not a lower-case shop
 *   domain, a topic header other than the route's, a body that is not JSON or
 *   not this topic's payload, or that names another shop than the header → 400.
 *   (The library would let JSON.parse's SyntaxError or its InvalidShopError
 *   become a 500, which Shopify retries.)
 */
export async function authenticateWebhook<T extends Topic>(request: Request, topic: T): Promise<Delivery<T>> {
  if (request.method !== "POST") throw methodNotAllowed();
  if (!request.headers.get(HMAC_HEADER)) throw new Response(undefined, { status: 401, statusText: "Unauthorized" });
  const shopHeader = request.headers.get(SHOP_HEADER) ?? "";
  let context: Awaited<ReturnType<typeof verifier.authenticate.webhook>>;
  try {
    context = await verifier.authenticate.webhook(request);
  } catch (error) {
    // Both are thrown only once the HMAC is valid: a forged request still gets 401.
    if (error instanceof SyntaxError || error instanceof InvalidShopError) throw badRequest();
    throw error;
  }
  // Shopify writes shop domains in lower case; another spelling would miss the shop's rows.
  if (context.shop !== shopHeader || shopHeader !== shopHeader.toLowerCase()) throw badRequest();
  if (context.webhookType !== "webhooks" || request.headers.get(TOPIC_HEADER) !== topic) throw badRequest();
  const parsed = v.safeParse(PAYLOADS[topic], context.payload);
  if (!parsed.success) throw badRequest();
  const named = shopNamedBy(topic, parsed.output);
  if (named !== undefined && named !== context.shop) throw badRequest();
  await pruneDeliveries();
  return { topic, shop: context.shop, eventId: context.eventId ?? context.webhookId, payload: parsed.output as Payload<T> };
}

/** How long a delivery is remembered (PRIVACY.md): Shopify retries one for 4 hours. */
export const DELIVERY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** A claim not handled within this was abandoned (its instance died) and is taken over. */
export const CLAIM_LEASE_MS = 60 * 1000;

/** The retention of PRIVACY.md: each webhook deletes the records of every shop that are past it. */
export async function pruneDeliveries(db: Database = prisma, now = new Date()) {
  const expired = { receivedAt: { lt: new Date(now.getTime() - DELIVERY_RETENTION_MS) } };
  // Looked up first (by the receivedAt index): most webhooks find nothing to delete, and a read takes no write lock.
  if (!(await db.webhookDelivery.findFirst({ where: expired, select: { shop: true } }))) return;
  await db.webhookDelivery.deleteMany({ where: expired });
}

/** Passed to a handler: writes this delivery's record as handled, for a handler that erases it (shop/redact). */
export type RecordDelivery = (db: Database) => Prisma.PrismaPromise<unknown>;
/** Passed to a handler: the write that marks this delivery handled, for the handler's own transaction (one commit fewer). */
export type MarkHandled = (db: Database) => Prisma.PrismaPromise<unknown>;

/**
 * Acts on a delivery once per event across app instances: a unique claim on
 * (shop, event id) before the handler runs.
 * - already handled → 200, not acted on again;
 * - being handled by another request → 409, so that Shopify tries again later
 *   and gets 200 once it is handled, or acts if that request failed;
 * - handler fails → the claim is released and the error rethrown (a 500), so
 *   that Shopify's retry is acted on.
 */
export async function handleOnce<T extends Topic>(
  delivery: Delivery<T>,
  handle: (delivery: Delivery<T>, record: RecordDelivery, markHandled: MarkHandled) => Promise<unknown>,
  db: Database = prisma,
): Promise<Response> {
  const { shop, eventId, topic } = delivery;
  const claimedAt = await claim(db, delivery);
  if (claimedAt === "handled") return handled();
  if (claimedAt === "in progress") return new Response(undefined, { status: 409, statusText: "Conflict" });
  // receivedAt is the claim's token: a request that lost its claim to a takeover touches nothing.
  const mine = { shop, eventId, receivedAt: claimedAt };
  const record: RecordDelivery = (database) =>
    database.webhookDelivery.create({ data: { ...mine, topic, handledAt: new Date() } });
  // Set once the handler asked for the write; if its transaction failed, the handler throws and the claim is released below.
  let marked = false;
  const markHandled: MarkHandled = (database) => {
    marked = true;
    return database.webhookDelivery.updateMany({ where: { ...mine, handledAt: null }, data: { handledAt: new Date() } });
  };
  try {
    await handle(delivery, record, markHandled);
  } catch (error) {
    await db.webhookDelivery.deleteMany({ where: { ...mine, handledAt: null } });
    throw error;
  }
  if (!marked) await db.webhookDelivery.updateMany({ where: { ...mine, handledAt: null }, data: { handledAt: new Date() } });
  return handled();
}

async function claim(db: Database, { shop, eventId, topic }: Delivery<Topic>): Promise<Date | "handled" | "in progress"> {
  const now = new Date();
  try {
    await db.webhookDelivery.create({ data: { shop, eventId, topic, receivedAt: now } });
    return now;
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  const { count } = await db.webhookDelivery.updateMany({
    where: { shop, eventId, handledAt: null, receivedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } },
    data: { receivedAt: now },
  });
  if (count === 1) return now;
  const existing = await db.webhookDelivery.findUnique({ where: { shop_eventId: { shop, eventId } } });
  return existing?.handledAt ? "handled" : "in progress";
}
