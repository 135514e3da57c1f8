import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Databases of one vitest run; runs side by side each get their own folder. */
export const TEST_RUN_DIR = process.env.CHECKOUT_GUARD_TEST_RUN_DIR ?? `${ROOT}/tests/.tmp/run-${process.pid}`;
export const TEMPLATE_DB = `${TEST_RUN_DIR}/template.sqlite`;
/** The PostgreSQL server every machine runs (trust auth, database `test`). */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
