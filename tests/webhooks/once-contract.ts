/**
 * Acting once per event, checked the same way on SQLite (once.test.ts) and on
 * PostgreSQL (once-postgres.test.ts): `db` is the database the app runs on.
 */
import { expect } from "vitest";
import type { Database } from "../../app/db.server";
import { rowsOf, seedShop, total } from "../privacy/helpers";
import { deliver, webhookRequest } from "../support/webhook";

/** Everything of the shop but the records of webhook deliveries. */
async function dataOf(shop: string, db: Database) {
  const { WebhookDelivery: _records, ...data } = await rowsOf(shop, db);
  return data;
}

/** A retry of a shop/redact that was handled, arriving after the shop reinstalled and saved rules, erases nothing. */
export async function replayAfterReinstall(db: Database, shop: string) {
  await seedShop(shop, db);
  const redact = { shop, topic: "shop/redact", eventId: `redact-${shop}` };
  expect((await deliver(webhookRequest(redact))).status).toBe(200);
  expect(total(await dataOf(shop, db))).toBe(0);

  await seedShop(shop, db); // reinstalled, rules saved and published
  const before = await rowsOf(shop, db);
  // Shopify did not get the first answer (a timeout) and sends the event again.
  const retry = await deliver(webhookRequest(redact));
  expect(retry.status).toBe(200);
  expect(await rowsOf(shop, db)).toEqual(before);
  expect(await db.rule.count({ where: { shop } })).toBe(2);
}

/** The same shop/redact delivered five times at once: erased once; the repeats get 200 (handled) or 409 (in progress, Shopify retries). */
export async function concurrentDuplicates(db: Database, shop: string, erasuresOf: (shop: string) => number) {
  await seedShop(shop, db);
  const redact = { shop, topic: "shop/redact", eventId: `concurrent-${shop}` };
  const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(webhookRequest(redact))));

  const statuses = responses.map((r) => r.status);
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
  for (const status of statuses) expect([200, 409]).toContain(status);
  expect(erasuresOf(shop)).toBe(1);
  expect(total(await dataOf(shop, db))).toBe(0);

  // Shopify's retries of those answered 409 are acknowledged without acting.
  for (const status of statuses) if (status === 409) expect((await deliver(webhookRequest(redact))).status).toBe(200);
  expect(erasuresOf(shop)).toBe(1);
  expect(await db.webhookDelivery.findMany({ where: { shop }, select: { eventId: true, topic: true } })).toEqual([
    { eventId: redact.eventId, topic: "shop/redact" },
  ]);
}
