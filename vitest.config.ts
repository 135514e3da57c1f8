import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// One `npm test` runs every suite: the rule engine and function (extensions/),
// the admin, webhooks and privacy suites (tests/). Each test file gets its own
// SQLite database (tests/support/setup-database.ts), so files run in parallel.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["extensions/**/*.test.ts", "tests/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-database.ts"],
    // What Shopify's CLI provides in development; the secret signs test session tokens and webhooks.
    env: {
      SHOPIFY_API_KEY: "test-api-key",
      SHOPIFY_API_SECRET: "test-api-secret",
      SHOPIFY_APP_URL: "https://checkout-guard.test",
      NODE_ENV: "test",
    },
    // The app's production build that the browser tests serve (tests/e2e/harness.ts)
    // is loaded by Node itself, as remix-serve loads it, not transformed by Vite.
    server: { deps: { external: [/\/e2e-build-[^/]+\//] } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
