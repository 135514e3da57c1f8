/**
 * The Prisma client for DATABASE_URL: SQLite (embedded default) or PostgreSQL
 * (production), same models, same code. Each provider has its own generated
 * client (prisma/schema.prisma and prisma/postgresql/schema.prisma).
 */
import { PrismaClient as SqliteClient } from "./generated/prisma/sqlite/client";
import { PrismaClient as PostgresqlClient } from "./generated/prisma/postgresql/client";
import { databaseProvider, databaseUrl, driverAdapter } from "./db-url";
import { WaitingPrismaLibSQL } from "./db-sqlite.server";

export type Database = SqliteClient;

export function createDatabase(url: string = databaseUrl()): Database {
  // SQLite: a client that waits for another instance's write instead of failing (db-sqlite.server.ts).
  if (databaseProvider(url) === "sqlite") return new SqliteClient({ adapter: new WaitingPrismaLibSQL({ url }) });
  const adapter = driverAdapter(url);
  // Both clients are generated from the same models, so their APIs are the same.
  return new PostgresqlClient({ adapter }) as unknown as Database;
}

declare global {
  // Reused across hot reloads in development, as in Shopify's app template, and
  // found by the server (app/server/start.ts) to disconnect it on shutdown.
  var prismaGlobal: Database | undefined;
}

const prisma: Database = globalThis.prismaGlobal ?? createDatabase();
globalThis.prismaGlobal = prisma;

export default prisma;
