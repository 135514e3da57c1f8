/**
 * A PostgreSQL schema of its own for a test file, migrated with the checked-in
 * PostgreSQL migrations: the same code as SQLite, on the production database.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "../../app/db.server";
import { POSTGRES_URL, ROOT } from "./paths";

export async function createPostgresDatabase(): Promise<{ url: string; db: Database; drop: () => Promise<void> }> {
  const schema = `test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  const db = createDatabase(url);
  return {
    url,
    db,
    async drop() {
      // A transaction rolled back mid-race can leave a pooled connection idle in
      // transaction, holding locks that DROP SCHEMA would wait on forever: end this
      // schema's connections first, and do not wait on the pool's goodbye.
      await Promise.race([db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND datname = current_database() AND state LIKE 'idle in transaction%'
            AND query LIKE $1`,
        [`%"${schema}"%`],
      );
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
