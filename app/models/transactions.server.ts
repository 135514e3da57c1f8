/**
 * Retrying transactions that lost a race. Writes that must see one snapshot
 * (a save and its configuration version; an erasure over every model) run
 * Serializable; when two of them collide the database rolls one back, and
 * running it again is safe.
 */

/** A serialization failure, unique-key clash or deadlock: the transaction was rolled back whole. */
export function isConflict(error: unknown): boolean {
  const { code, message, cause } = (error ?? {}) as { code?: string; message?: string; cause?: { kind?: string } };
  // Through a driver adapter, PostgreSQL's 40001 arrives as a DriverAdapterError without a Prisma code.
  if (code === "P2002" || code === "P2034" || cause?.kind === "TransactionWriteConflict") return true;
  return /TransactionWriteConflict|could not serialize|deadlock|40001|40P01|SQLITE_BUSY/i.test(message ?? "");
}

export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isConflict(error)) throw error;
      // Jittered backoff, so the colliding transactions do not meet again.
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** Math.min(attempt, 6) * Math.random()));
    }
  }
}
