/**
 * Shopify sessions in the app's database: @shopify/shopify-app-session-storage-prisma,
 * with its storeSession made safe for this app's Prisma clients.
 *
 * The library's storeSession upserts the session and, on failure, tests the
 * error with `instanceof Prisma.PrismaClientKnownRequestError` imported from
 * `@prisma/client`. This app's clients are generated in app/generated/prisma/*,
 * so that `@prisma/client` is never generated and its `Prisma` namespace has no
 * error classes: every failure of storeSession (a unique violation when two
 * first requests exchange a token at once, a lost connection, a missing table)
 * came out as "TypeError: Right-hand side of 'instanceof' is not an object",
 * hiding the real cause and never retrying. Here the same upsert is classified
 * with the error classes of the clients the app really uses.
 */
import type { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { Prisma as SqlitePrisma } from "./generated/prisma/sqlite/client";
import { Prisma as PostgresqlPrisma } from "./generated/prisma/postgresql/client";
import type { Database } from "./db.server";

const UNIQUE_VIOLATION = "P2002";

/** A unique-constraint violation from either generated client. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error instanceof SqlitePrisma.PrismaClientKnownRequestError ||
      error instanceof PostgresqlPrisma.PrismaClientKnownRequestError) &&
    error.code === UNIQUE_VIOLATION
  );
}

/** The library's own row mapping and readiness check (private in its types, same class at runtime). */
interface LibraryInternals {
  ensureReady(): Promise<void>;
  sessionToRow(session: Session): SqlitePrisma.SessionCreateInput;
}

export class AppSessionStorage extends PrismaSessionStorage<Database> {
  constructor(private readonly db: Database) {
    super(db);
  }

  /**
   * An offline session stored before expiring tokens (an access token with no
   * expiry) is loaded as expired: authenticate.admin then exchanges the merchant's
   * session token for an expiring one on their next visit, before Shopify refuses
   * non-expiring tokens (1 January 2027). Its token still serves background calls
   * until then: with no refresh token, the library does not try to refresh it.
   */
  async loadSession(id: string): Promise<Session | undefined> {
    const session = await super.loadSession(id);
    if (session && !session.isOnline && session.accessToken && !session.expires) session.expires = new Date(0);
    return session;
  }

  /**
   * Inserts or replaces the whole row (access token, refresh token and their
   * expiries together, so a stored pair is always one Shopify issued). Two
   * concurrent first token exchanges for a shop both write `offline_<shop>`:
   * Prisma issues one INSERT … ON CONFLICT DO UPDATE, and should it ever insert
   * after a failed lookup instead, the loser's unique violation means the row
   * now exists, so the upsert is run once more and updates it.
   */
  async storeSession(session: Session): Promise<boolean> {
    const library = this as unknown as LibraryInternals;
    await library.ensureReady();
    const data = library.sessionToRow(session);
    const upsert = () => this.db.session.upsert({ where: { id: session.id }, update: data, create: data });
    try {
      await upsert();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await upsert();
    }
    return true;
  }
}
