/**
 * The local demo's environment: public, made-up values so that it runs on a
 * fresh machine with no Shopify account. They are published here, so the
 * production server refuses every one of them (environment.ts).
 */
export const DEMO_PORT = 3000;

export const DEMO_ENVIRONMENT = {
  SHOPIFY_API_KEY: "checkout-guard-local-api-key",
  SHOPIFY_API_SECRET: "checkout-guard-local-api-secret",
  SHOPIFY_APP_URL: `http://localhost:${DEMO_PORT}`,
} as const;
