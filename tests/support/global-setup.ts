/**
 * Runs once before the suites: migrates a template SQLite database that each
 * test file copies (tests/support/setup-database.ts), so files run in parallel
 * on databases of their own. The folder is this run's alone, and removed after.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { TEMPLATE_DB, TEST_RUN_DIR } from "./paths";

export default function setup() {
  // Workers inherit the environment: they find this run's folder through it.
  process.env.CHECKOUT_GUARD_TEST_RUN_DIR = TEST_RUN_DIR;
  mkdirSync(TEST_RUN_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  return () => rmSync(TEST_RUN_DIR, { recursive: true, force: true });
}
