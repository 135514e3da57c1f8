/**
 * The local demo (`npm run serve`): the production build on this machine's
 * loopback interface, with the public made-up credentials of
 * demo-environment.ts and the embedded default database. It refuses to run
 * where production runs (NODE_ENV=production, or the app's real secret set),
 * and the production server refuses its credentials and its flag.
 */
import { DEMO_ENVIRONMENT, DEMO_PORT } from "./demo-environment";

const secret = process.env.SHOPIFY_API_SECRET;
if (process.env.NODE_ENV === "production" || (secret && secret !== DEMO_ENVIRONMENT.SHOPIFY_API_SECRET)) {
  console.error("The local demo does not run in production (NODE_ENV=production or SHOPIFY_API_SECRET is set): use `npm start`.");
  process.exit(1);
}
Object.assign(process.env, DEMO_ENVIRONMENT, { CHECKOUT_GUARD_DEMO: "1", NODE_ENV: "production" });
const { startServer } = await import("./start");
await startServer({ host: "127.0.0.1", port: DEMO_PORT });
console.log(`Checkout Guard local demo: http://localhost:${DEMO_PORT}`);
