/**
 * A database migrated only up to a given migration, so that a test can store
 * rows as an older version of the app did, then apply the rest of the
 * checked-in migrations exactly as a deploy does (`prisma migrate deploy`) and
 * check what the newer code finds: on SQLite and on PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { createDatabase, type Database } from "../../app/db.server";
import type { DatabaseProvider } from "../../app/db-url";
import { POSTGRES_URL, ROOT, TEST_RUN_DIR } from "./paths";

export interface PartlyMigrated {
  url: string;
  /** Runs SQL (one statement) on the database as it is now. */
  sql(statement: string, params?: unknown[]): Promise<void>;
  /** Applies the remaining migrations with `prisma migrate deploy`, then opens the app's client on the database. */
  migrate(): Promise<Database>;
  drop(): Promise<void>;
}

const schemaDir = (provider: DatabaseProvider) => (provider === "sqlite" ? join(ROOT, "prisma") : join(ROOT, "prisma", "postgresql"));

export async function migratedUpTo(provider: DatabaseProvider, lastMigration: string): Promise<PartlyMigrated> {
  const id = randomUUID().replace(/-/g, "").slice(0, 16);
  const url = provider === "sqlite" ? `file:${TEST_RUN_DIR}/migrations-${id}.sqlite` : `${POSTGRES_URL}?schema=test_migrations_${id}`;
  const schema = provider === "postgresql" ? `test_migrations_${id}` : null;

  // A Prisma config like prisma.config.ts whose migrations stop at `lastMigration`.
  const dir = join(TEST_RUN_DIR, `migrations-${id}`);
  const all = readdirSync(join(schemaDir(provider), "migrations")).filter((name) => /^\d+_/.test(name)).sort();
  if (!all.includes(lastMigration)) throw new Error(`no migration ${lastMigration} for ${provider}`);
  mkdirSync(join(dir, "migrations"), { recursive: true });
  cpSync(join(schemaDir(provider), "migrations", "migration_lock.toml"), join(dir, "migrations", "migration_lock.toml"));
  for (const name of all.slice(0, all.indexOf(lastMigration) + 1)) {
    cpSync(join(schemaDir(provider), "migrations", name), join(dir, "migrations", name), { recursive: true });
  }
  writeFileSync(
    join(dir, "prisma.config.ts"),
    `import { defineConfig } from "prisma/config";
import { driverAdapter } from ${JSON.stringify(join(ROOT, "app", "db-url.ts"))};
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: ${JSON.stringify(join(schemaDir(provider), "schema.prisma"))},
  migrations: { path: ${JSON.stringify(join(dir, "migrations"))} },
  async adapter() {
    return driverAdapter(process.env.DATABASE_URL!, { forMigrations: true });
  },
});
`,
  );
  const deploy = (config?: string) =>
    execFileSync("npx", ["prisma", "migrate", "deploy", ...(config ? ["--config", config] : [])], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
  deploy(join(dir, "prisma.config.ts"));

  let db: Database | null = null;
  return {
    url,
    async sql(statement, params = []) {
      if (provider === "sqlite") {
        const client = createClient({ url });
        await client.execute({ sql: statement, args: params as never });
        client.close();
      } else {
        const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path="${schema}"` });
        await client.connect();
        await client.query(statement, params);
        await client.end();
      }
    },
    async migrate() {
      deploy();
      db = createDatabase(url);
      return db;
    },
    async drop() {
      await db?.$disconnect();
      if (provider === "postgresql") {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  };
}
