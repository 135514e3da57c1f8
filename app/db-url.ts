/**
 * Which database a DATABASE_URL names, and the Prisma driver adapter for it.
 * SQLite (`file:…`) is the embedded default; PostgreSQL (`postgres://…` or
 * `postgresql://…`) is production. Shared by the app, prisma.config.ts
 * (migrations) and the tests.
 */
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function databaseProvider(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:…"`);
}

/** The driver adapter factory for a URL; a `?schema=` on a PostgreSQL URL selects the schema. */
export function driverAdapter(url: string, { forMigrations = false } = {}) {
  if (databaseProvider(url) === "sqlite") return new PrismaLibSQL({ url });
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  const connectionString = parsed.toString();
  // search_path makes migrations (unqualified SQL) land in the chosen schema too.
  const options = schema ? `-c search_path="${schema}"` : undefined;
  const pool = new pg.Pool({ connectionString, options, ...(forMigrations ? { Client: NameAsTextClient } : {}) });
  return new PrismaPg(pool, { schema, disposeExternalPool: true });
}

/**
 * Prisma's Wasm schema engine reads PostgreSQL catalog columns of type `name`,
 * which @prisma/adapter-pg 6.x cannot map (prisma/prisma#27403: "Column type
 * 'name' could not be deserialized"). `name` is text, so migrations report it as such.
 */
const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;
type QueryResultLike = { fields?: { dataTypeID: number }[] };
const nameAsText = <R>(result: R): R => {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return result;
};

class NameAsTextClient extends pg.Client {
  // pg's query has many overloads (promise or callback); patch the result of each.
  query(...args: unknown[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => callback(err, nameAsText(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return result instanceof Promise ? result.then(nameAsText) : result;
  }
}
