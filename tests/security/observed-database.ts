/**
 * The app's Prisma client, with every SQL statement it sends recorded: installed
 * as the app's client (app/db.server.ts reuses `globalThis.prismaGlobal`) before
 * any app module is imported, so the routes, the models and the session storage
 * all go through it. Import this module first, then the app's modules dynamically.
 */
import { PrismaClient } from "../../app/generated/prisma/sqlite/client";
import { databaseUrl, driverAdapter } from "../../app/db-url";

export const queries: string[] = [];

const client = new PrismaClient({ adapter: driverAdapter(databaseUrl()), log: [{ emit: "event", level: "query" }] });
client.$on("query", (event) => queries.push(event.query));

if (globalThis.prismaGlobal) throw new Error("observed-database must be imported before app/db.server.ts");
globalThis.prismaGlobal = client;

/** The statements recorded while `run` ran. */
export async function queriesDuring<T>(run: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; sql: string[] }> {
  const start = queries.length;
  try {
    const result = await run();
    return { result, error: undefined, sql: queries.slice(start) };
  } catch (error) {
    return { result: undefined, error, sql: queries.slice(start) };
  }
}
