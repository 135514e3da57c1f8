/**
 * The local demo (`npm run serve`): the real admin on this machine, for a
 * local demo shop, in a browser, with no Shopify account. It serves the
 * production build on the loopback interface with public made-up credentials
 * (demo-environment.ts) and the embedded default database, and stands in for
 * what Shopify provides:
 * - App Bridge: /__demo/app-bridge.js (tests/support/app-bridge-stand-in.ts),
 *   whose session tokens are real, signed with the demo's secret by
 *   /__demo/session-token;
 * - the Admin API: the test suite's local Admin API server
 *   (tests/support/admin-api-mock.ts), in this process, so that saving a rule
 *   really publishes to a local Validation; /__demo/shopify shows what it holds.
 * On first start the demo shop gets a few rules (demo-shop.ts), imported
 * through the app's own import route.
 *
 * It refuses to run where production runs (NODE_ENV=production, or the app's
 * real secret set), and the production server refuses its credentials and flag.
 */
import type { Express } from "express";
import { DEMO_ENVIRONMENT, DEMO_PORT } from "./demo-environment";
import { DEMO_RULES, DEMO_SHOP } from "./demo-shop";

const secret = process.env.SHOPIFY_API_SECRET;
if (process.env.NODE_ENV === "production" || (secret && secret !== DEMO_ENVIRONMENT.SHOPIFY_API_SECRET)) {
  console.error("The local demo does not run in production (NODE_ENV=production or SHOPIFY_API_SECRET is set): use `npm start`.");
  process.exit(1);
}
const port = Number(process.env.PORT || DEMO_PORT);
Object.assign(process.env, DEMO_ENVIRONMENT, {
  SHOPIFY_APP_URL: `http://localhost:${port}`,
  CHECKOUT_GUARD_DEMO: "1",
  NODE_ENV: "production",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});

// Before the build is imported: the mock replaces the fetch the app's Shopify client uses.
const { startAdminApiMock } = await import("../../tests/support/admin-api-mock");
const { appBridgeStandIn } = await import("../../tests/support/app-bridge-stand-in");
const { hostParam, sessionToken } = await import("../../tests/support/session-token");
const { startServer } = await import("./start");

const shopify = await startAdminApiMock();
// The local Admin API keeps its tokens and Validations in memory: a new start forgets
// the tokens the demo shop stored before, and token exchange issues new ones.
const { default: prisma } = await import("../db.server");
await prisma.session.deleteMany({ where: { shop: DEMO_SHOP } });
const appBridge = appBridgeStandIn({ shop: DEMO_SHOP, tokenSource: { url: "/__demo/session-token" }, navigation: "bar" });
const freshToken = () => sessionToken(DEMO_SHOP, { expiresIn: 300 });

/** The app's URL as the demo shop's admin opens it; `locale` as a staff member's admin language would set it. */
async function adminUrl(path: string, locale?: unknown) {
  const url = new URL(path, process.env.SHOPIFY_APP_URL);
  if (typeof locale === "string" && locale) url.searchParams.set("locale", locale);
  url.searchParams.set("shop", DEMO_SHOP);
  url.searchParams.set("host", hostParam(DEMO_SHOP));
  url.searchParams.set("embedded", "1");
  url.searchParams.set("id_token", await freshToken());
  return url.pathname + url.search;
}

function demoRoutes(app: Express) {
  // Opening the demo, or reloading a page of it, is opening the app from the demo shop's admin.
  app.get("/", async (req, res) => res.redirect(await adminUrl("/app", req.query.locale)));
  app.get(/^\/app(\/.*)?$/, async (req, res, next) => {
    if (req.query.shop || req.query._data !== undefined || req.headers.authorization) return next();
    res.redirect(await adminUrl(req.path, req.query.locale));
  });
  // Shopify's library asks browsers to preload App Bridge from Shopify's CDN; the demo serves its stand-in.
  app.use((_req, res, next) => {
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) =>
      field.toLowerCase() === "link" && String(value).includes("cdn.shopify.com") ? res : append(field, value);
    next();
  });
  app.get("/__demo/app-bridge.js", (_req, res) => res.type("text/javascript").send(appBridge));
  app.get("/__demo/session-token", async (_req, res) => res.type("text/plain").set("Cache-Control", "no-store").send(await freshToken()));
  // The session-token bounce page loads App Bridge from Shopify's CDN; here, from the stand-in.
  app.get("/auth/session-token", (req, res) =>
    res.type("html").send(`<!doctype html><title>Checkout Guard</title><script src="/__demo/app-bridge.js" data-api-key="${process.env.SHOPIFY_API_KEY}"></script>`),
  );
  // What the local "Shopify" holds for the demo shop: its Validations and their metafields.
  app.get("/__demo/shopify", (_req, res) =>
    res.json({
      validations: [...shopify.state(DEMO_SHOP).validations.values()].map(({ metafields, ...validation }) => ({
        ...validation,
        metafields: Object.fromEntries([...metafields].map(([key, metafield]) => [key, metafield.value])),
      })),
    }),
  );
}

const server = await startServer({ host: "127.0.0.1", port, extend: demoRoutes });

// First start: the demo shop's rules, imported (and published) through the app itself; later starts publish them again.
async function seedDemoShop() {
  const url = `http://127.0.0.1:${port}/app/transfer?_data=routes/app.transfer`;
  const headers = { Authorization: `Bearer ${await freshToken()}`, "User-Agent": "Mozilla/5.0 (local demo) Chrome/140.0" };
  const existing = (await (await fetch(url, { headers })).json()) as { ruleSet: { rules: unknown[] } };
  if (existing.ruleSet.rules.length > 0) {
    // The local Admin API keeps its Validations in memory: publish the saved rules again, as the home page's Retry does.
    const retried = await fetch(`http://127.0.0.1:${port}/app?index&_data=routes/app._index`, { method: "POST", headers, body: new URLSearchParams({ intent: "retry" }) });
    const outcome = (await retried.json()) as { sync?: { ok: boolean } };
    if (!outcome.sync?.ok) throw new Error(`publishing again failed: ${JSON.stringify(outcome)}`);
    return;
  }
  const body = new URLSearchParams({ mode: "replace", json: JSON.stringify({ format: "checkout-guard.rules", version: 1, rules: DEMO_RULES }) });
  const imported = (await (await fetch(url, { method: "POST", headers, body })).json()) as { ok: boolean };
  if (!imported.ok) throw new Error(JSON.stringify(imported));
}
await seedDemoShop().catch((error: unknown) => console.error(`The demo shop's rules could not be imported: ${error instanceof Error ? error.message : String(error)}`));
console.log(`Checkout Guard local demo: http://localhost:${port} (a local demo shop; nothing is sent to Shopify)`);
server.once("close", () => void shopify.close());
