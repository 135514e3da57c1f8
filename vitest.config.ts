import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// One `npm test` runs every suite: the rule engine and function (extensions/),
// the admin, webhooks and privacy suites (tests/). Database suites each use
// their own SQLite file or PostgreSQL schema, so files can run in parallel.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["extensions/**/*.test.ts", "tests/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
