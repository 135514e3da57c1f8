/**
 * Shared by the privacy and webhook suites: a shop with a row in every model,
 * and a dump of the whole database to search or compare.
 */
import prisma, { type Database } from "../../app/db.server";
import { allModels } from "../../app/models/shop-data.server";

export const ACCESS_TOKEN = "shpat_secret_offline_token_0123456789";

/** A shop with data in every model: offline + online session, rules, versions, sync state (the shop's and each function's), a publish claim. */
export async function seedShop(shop: string, db: Database = prisma) {
  await db.session.createMany({
    data: [
      { id: `offline_${shop}`, shop, state: "state-1", isOnline: false, scope: "write_validations", accessToken: ACCESS_TOKEN },
      {
        id: `${shop}_42`,
        shop,
        state: "state-2",
        isOnline: true,
        scope: "write_validations",
        accessToken: "online-token-secret",
        userId: 42n,
        firstName: "Staff",
        lastName: "Member",
        email: "staff@merchant.example",
        accountOwner: true,
        locale: "en",
        expires: new Date(Date.now() + 3_600_000),
      },
    ],
  });
  const definition = JSON.stringify({ kind: "cartQuantity", min: 2, max: 10 });
  await db.rule.createMany({
    data: [
      { shop, position: 0, name: `Max 10 items (${shop})`, kind: "cartQuantity", status: "active", definition },
      { shop, position: 1, name: "Inactive rule", kind: "cartQuantity", status: "inactive", definition },
    ],
  });
  await db.configVersion.create({
    data: { shop, version: 1, rules: JSON.stringify([{ name: "Max 10 items" }]), document: JSON.stringify({ v: 1, rules: [] }) },
  });
  await db.shopSync.create({
    data: { shop, lastError: null, lastAttemptAt: new Date(), scope: "write_validations" },
  });
  await db.functionSync.createMany({
    data: [
      { shop, function: "address", validationId: "gid://shopify/Validation/1", enabled: true, syncedVersion: 1, syncedAt: new Date(), configBytes: 42 },
      { shop, function: "cart", validationId: null, enabled: null, syncedVersion: 1, syncedAt: new Date(), configBytes: 0 },
      { shop, function: "weight", validationId: null, enabled: null, syncedVersion: 1, syncedAt: new Date(), configBytes: 0 },
      { shop, function: "products", validationId: "gid://shopify/Validation/2", enabled: false, syncedVersion: 1, syncedAt: new Date(), configBytes: 77 },
    ],
  });
  // A publish's claim, left expired by a crashed instance (a live one would hold off the next publish).
  await db.publishClaim.create({ data: { shop, holder: "crashed-publish", expiresAt: new Date(Date.now() - 60_000) } });
  // A webhook delivery the app acted on (app/webhooks.server.ts): no payload, only its event id.
  await db.webhookDelivery.create({ data: { shop, eventId: `seeded-event-${shop}`, topic: "app/scopes_update", receivedAt: new Date(), handledAt: new Date() } });
}

/** Rows per model belonging to the shop, for every model of the schema. */
export async function rowsOf(shop: string, db: Database = prisma): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of allModels(db)) {
    const delegate = (db as unknown as Record<string, { count(a: unknown): Promise<number> }>)[model.delegate];
    counts[model.name] = await delegate.count({ where: { shop } });
  }
  return counts;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Every row of every table, as JSON text (BigInt and Date made printable). */
export async function dumpDatabase(db: Database = prisma): Promise<string> {
  const printable = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
  const dump: Record<string, string[]> = {};
  for (const model of allModels(db)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model.delegate];
    // Sorted, so that two dumps of the same data are equal.
    dump[model.name] = (await delegate.findMany()).map(printable).sort();
  }
  return JSON.stringify(dump);
}
