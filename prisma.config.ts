// Prisma CLI configuration. The JS schema engine with a driver adapter runs
// migrations without downloading engine binaries (see docs/database.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseProvider, databaseUrl, driverAdapter } from "./app/db-url";

const url = databaseUrl();
const provider = databaseProvider(url);
const schema = provider === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, schema),
  migrations: { path: path.join(import.meta.dirname, path.dirname(schema), "migrations") },
  async adapter() {
    return driverAdapter(url, { forMigrations: true });
  },
});
