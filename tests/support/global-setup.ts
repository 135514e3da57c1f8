/**
 * Runs once before the suites: migrates a template SQLite database that each
 * test file copies (tests/support/setup-database.ts), so files run in parallel
 * on databases of their own.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { TEST_DB_DIR, TEMPLATE_DB } from "./paths";

export default function setup() {
  rmSync(TEST_DB_DIR, { recursive: true, force: true });
  mkdirSync(TEST_DB_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
