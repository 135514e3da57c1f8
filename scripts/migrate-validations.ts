/**
 * `npm run migrate:validations`: publishes every installed shop's saved
 * configuration again, with the shop's offline session (the app's
 * `unauthenticated.admin`). Run it right after deploying a version that changes
 * the Validations, e.g. the split into the address, cart-totals, weight and
 * products functions: each shop then gets a Validation for each function its
 * rules use (and loses those of functions they no longer use), and its single
 * Validation of earlier versions is deleted (docs/shopify-sync.md, "Migration").
 *
 * Needs the app's production environment: SHOPIFY_API_KEY (it identifies
 * the app's own Validations), SHOPIFY_API_SECRET, SHOPIFY_APP_URL and
 * DATABASE_URL. Exit code 1 when a shop failed (its error is also on its
 * status card, with a retry); running it again is safe.
 */
import { fileURLToPath } from "node:url";
import type { AdminGraphql } from "../app/shopify-sync/sync.server";

async function main() {
  for (const name of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]) {
    if (!process.env[name]) {
      console.error(`${name} is not set: run this with the app's production environment.`);
      process.exit(2);
    }
  }
  // Imported after the check: shopify.server reads the environment on import.
  const { unauthenticated } = await import("../app/shopify.server");
  const { republishInstalledShops } = await import("../app/shopify-sync/migrate-validations.server");
  const results = await republishInstalledShops(
    async (shop) => (await unauthenticated.admin(shop)).admin.graphql as unknown as AdminGraphql,
    { log: (line) => console.log(line) },
  );
  const failed = results.filter((r) => r.outcome && !r.outcome.ok).length;
  const published = results.filter((r) => r.outcome?.ok).length;
  console.log(`${results.length} installed shop(s): ${published} published, ${failed} failed, ${results.length - published - failed} with nothing saved.`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
