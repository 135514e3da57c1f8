/**
 * Writes prisma/postgresql/schema.prisma from prisma/schema.prisma: the same
 * models, with the PostgreSQL provider and its own generated client. Run by
 * `npm run prisma:schemas`; a test fails when the checked-in copy is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function postgresqlSchema(sqliteSchema: string): string {
  return sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../app/generated/prisma/sqlite"', 'output       = "../../app/generated/prisma/postgresql"')
    .replace(/^\/\/ SQLite is the embedded default[\s\S]*?\n\n/m, "// GENERATED from ../schema.prisma by `npm run prisma:schemas`: edit that file.\n\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = readFileSync(`${root}/prisma/schema.prisma`, "utf8");
  writeFileSync(`${root}/prisma/postgresql/schema.prisma`, postgresqlSchema(source));
}
