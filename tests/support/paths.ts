import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TEST_DB_DIR = `${ROOT}/tests/.tmp`;
export const TEMPLATE_DB = `${TEST_DB_DIR}/template.sqlite`;
/** The PostgreSQL server every machine runs (trust auth, database `test`). */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
