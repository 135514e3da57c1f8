/**
 * Publishes every installed shop again, one after the other: what
 * `npm run migrate:validations` runs right after a deploy that changes how the
 * configuration reaches Shopify (e.g. the split of the single checkout function
 * into the address, cart-totals, weight and products functions), so that each shop moves to the new
 * Validations without waiting for a merchant to open the app.
 *
 * A shop is installed while it has an offline session (app/uninstalled deletes
 * them); one with no saved configuration has nothing to publish. Publishing is
 * idempotent, so running this twice, or while merchants use the app, is safe.
 */
import prisma, { type Database } from "../db.server";
import { publishConfiguration, type AdminGraphql, type SyncOptions, type SyncOutcome } from "./sync.server";

export interface ShopRepublished {
  shop: string;
  /** null: nothing saved, so nothing was sent. */
  outcome: SyncOutcome | null;
}

/** Installed shops (with an offline session), in a stable order. */
export async function installedShops(db: Database = prisma): Promise<string[]> {
  const sessions = await db.session.findMany({ where: { isOnline: false }, select: { shop: true }, distinct: ["shop"], orderBy: { shop: "asc" } });
  return sessions.map((s) => s.shop);
}

export async function republishInstalledShops(
  adminFor: (shop: string) => Promise<AdminGraphql>,
  options: SyncOptions & { log?: (line: string) => void } = {},
): Promise<ShopRepublished[]> {
  const db = options.db ?? prisma;
  const log = options.log ?? (() => undefined);
  const results: ShopRepublished[] = [];
  for (const shop of await installedShops(db)) {
    const saved = await db.configVersion.findFirst({ where: { shop }, select: { version: true } });
    if (!saved) {
      results.push({ shop, outcome: null });
      log(`${shop}: nothing saved, skipped`);
      continue;
    }
    let outcome: SyncOutcome;
    try {
      outcome = await publishConfiguration(await adminFor(shop), shop, options);
    } catch (error) {
      // e.g. the offline session could not be loaded: the next publish from the app will do it.
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    results.push({ shop, outcome });
    log(outcome.ok ? `${shop}: version ${outcome.version} published` : `${shop}: failed: ${outcome.error}`);
  }
  return results;
}
