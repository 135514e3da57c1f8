/**
 * Before each test file's imports: a fresh copy of the migrated SQLite
 * database, so `app/db.server.ts` (which reads DATABASE_URL on import) opens
 * a database no other file touches.
 */
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { TEMPLATE_DB, TEST_RUN_DIR } from "./paths";

const file = `${TEST_RUN_DIR}/${randomUUID()}.sqlite`;
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
