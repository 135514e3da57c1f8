/**
 * The rules page shows each function's Validation as Shopify has it, which
 * costs a live Admin API read on every load (getSyncStatus). Staff reload and
 * navigate often; this remembers the shop's Validations for a few seconds.
 *
 * Correct across app instances: an answer is remembered together with a
 * stamp of what the database says was last written for the shop's
 * Validations (the ShopSync and FunctionSync rows' updatedAt, which every
 * instance reads anyway for the status card). Every writer of a shop's
 * Validations, on any instance, writes those rows after its Admin API calls:
 * a publish or Retry its FunctionSync rows and then ShopSync (success or
 * failure), a removal of extra Validations touches ShopSync, "Delete all
 * data" deletes them. So an answer read before such a write carries an older
 * stamp and is not used again, whichever instance wrote. The stamp is taken
 * before the live read, so an answer that raced a write is only ever
 * remembered under the older stamp.
 *
 * What no database write records, a change made by hand in Shopify's admin
 * (a Validation turned off or deleted in Settings › Checkout), shows once the
 * answer expires: VALIDATIONS_CACHE_MS.
 */

/** How long an answer is used without a write of the shop's Validations in between. */
export const VALIDATIONS_CACHE_MS = 5_000;
/** Bounds memory: a busy instance forgets the oldest shops' answers first. */
const MAX_SHOPS = 1_000;

interface Entry<T> {
  stamp: string;
  readAt: number;
  value: T;
}

const entries = new Map<string, Entry<unknown>>();

/** The stamp of a shop's sync rows: any write to them (or their deletion) changes it. */
export function syncStamp(shopSync: { updatedAt: Date } | null, functionRows: { function: string; updatedAt: Date }[]): string {
  const rows = functionRows.map((row) => `${row.function}@${row.updatedAt.getTime()}`).sort();
  return [shopSync ? shopSync.updatedAt.getTime() : "-", ...rows].join(",");
}

/** The answer remembered for `shop` under `stamp`, if read less than `maxAgeMs` ago. */
export function cachedValidations<T>(shop: string, stamp: string, maxAgeMs = VALIDATIONS_CACHE_MS): T | undefined {
  const entry = entries.get(shop);
  if (!entry || entry.stamp !== stamp || Date.now() - entry.readAt >= maxAgeMs) return undefined;
  return entry.value as T;
}

/** Remembers what was read for `shop` while its rows had `stamp` (taken before the read). */
export function rememberValidations<T>(shop: string, stamp: string, value: T): void {
  entries.delete(shop);
  if (entries.size >= MAX_SHOPS) {
    // A Map keeps insertion order: the first is the longest unrefreshed.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(shop, { stamp, readAt: Date.now(), value });
}
