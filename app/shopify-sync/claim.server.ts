/**
 * One writer of a shop's Validations at a time, across every app instance
 * sharing the database (SQLite or PostgreSQL, same code): a publish, a removal
 * of extra Validations or "Delete all data" first claims the shop with a
 * PublishClaim row (a unique insert, or a conditional update of a claim whose
 * holder let it expire), and deletes it when done. Without it two publishes
 * both read "no Validation" and both create one.
 *
 * The claim also guards the holder's database writes: each runs in a
 * Serializable transaction that first renews the claim and checks that the
 * shop still has a saved configuration, so a write happens only while the
 * claim is held and the shop's data exists. Erasing a shop deletes its claim
 * and versions with everything else, in one Serializable transaction
 * (app/models/shop-data.server.ts), so the two are ordered: a write before the
 * erasure is erased, one after it finds nothing and stops (ClaimLost). A
 * publish in flight when the shop is erased thus writes nothing of it
 * afterwards. (Checking the versions, not only the claim, matters on
 * PostgreSQL: a claim created after the erasure's snapshot is invisible to
 * it, while the versions it deletes conflict with the check.)
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../db.server";
import type { Prisma } from "../generated/prisma/sqlite/client";
import { isConflict, retryOnConflict } from "../models/transactions.server";

export type Tx = Prisma.TransactionClient;

/** A holder that stops renewing (crashed, or stuck) for this long loses the claim to the next one. */
export const CLAIM_TTL_MS = 60_000;
/** How long a publish waits for the claim before saying that another one is running. */
export const CLAIM_WAIT_MS = 20_000;
const POLL_MS = 100;

export interface ClaimOptions {
  /** Wait at most this long for a claim held by another (default CLAIM_WAIT_MS; 0: do not wait). */
  claimWaitMs?: number;
  /** Lifetime of the claim from each renewal (default CLAIM_TTL_MS). */
  claimTtlMs?: number;
}

export interface Claim {
  db: Database;
  shop: string;
  holder: string;
  ttlMs: number;
}

/** The claim is no longer this holder's: the shop was erased, or another instance took over an expired claim. */
export class ClaimLost extends Error {
  constructor(readonly shop: string) {
    super(`The claim on ${shop} was lost`);
  }
}

const expiry = (claim: Pick<Claim, "ttlMs">) => new Date(Date.now() + claim.ttlMs);

/** Claims the shop now, or returns null when someone else holds an unexpired claim. */
export async function tryClaim(db: Database, shop: string, ttlMs = CLAIM_TTL_MS): Promise<Claim | null> {
  const claim: Claim = { db, shop, holder: randomUUID(), ttlMs };
  try {
    await db.publishClaim.create({ data: { shop, holder: claim.holder, expiresAt: expiry(claim) } });
    return claim;
  } catch (error) {
    // Unique violation: the row exists. Anything else is a real failure.
    if (!isConflict(error)) throw error;
  }
  // A conditional update: of two instances taking over the same expired claim, one matches.
  try {
    const { count } = await db.publishClaim.updateMany({
      where: { shop, expiresAt: { lt: new Date() } },
      data: { holder: claim.holder, expiresAt: expiry(claim) },
    });
    return count === 1 ? claim : null;
  } catch (error) {
    // Lost a race with the holder's own renewal or release: not ours this time.
    if (isConflict(error)) return null;
    throw error;
  }
}

/** Claims the shop, waiting up to `claimWaitMs` for the current holder to finish; null if it did not. */
export async function acquireClaim(db: Database, shop: string, options: ClaimOptions = {}): Promise<Claim | null> {
  const deadline = Date.now() + (options.claimWaitMs ?? CLAIM_WAIT_MS);
  for (;;) {
    const claim = await tryClaim(db, shop, options.claimTtlMs ?? CLAIM_TTL_MS);
    if (claim || Date.now() >= deadline) return claim;
    // Jittered, so that waiters do not all retry at the same moment.
    await new Promise((resolve) => setTimeout(resolve, POLL_MS / 2 + Math.random() * POLL_MS));
  }
}

/** Extends the claim; throws ClaimLost when it is no longer ours. */
export async function renewClaim(claim: Claim, tx: Tx | Database = claim.db): Promise<void> {
  const { count } = await tx.publishClaim.updateMany({ where: { shop: claim.shop, holder: claim.holder }, data: { expiresAt: expiry(claim) } });
  if (count !== 1) throw new ClaimLost(claim.shop);
}

/**
 * Runs `write` in a transaction that first renews the claim and checks that
 * the shop's data is still there: the write commits only if both hold, and an
 * erasure is ordered before or after it, never between the check and the write.
 */
export async function whileClaimed<T>(claim: Claim, write: (tx: Tx) => Promise<T>, options: { requireSaved?: boolean } = {}): Promise<T> {
  return retryOnConflict(() =>
    claim.db.$transaction(
      async (tx) => {
        await renewClaim(claim, tx);
        // requireSaved false: a write about the Validations alone, for a shop that may have nothing saved (its claim still orders it against an erasure).
        const saved = options.requireSaved === false || (await tx.configVersion.findFirst({ where: { shop: claim.shop }, select: { id: true } }));
        if (!saved) throw new ClaimLost(claim.shop);
        return write(tx);
      },
      { maxWait: 10_000, timeout: 30_000, isolationLevel: "Serializable" },
    ),
  );
}

/** Gives the claim up (nothing happens if it was erased or taken over meanwhile). */
export async function releaseClaim(claim: Claim): Promise<void> {
  await claim.db.publishClaim.deleteMany({ where: { shop: claim.shop, holder: claim.holder } });
}
