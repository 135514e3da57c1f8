/**
 * The admin in a real browser, with the browser playing the Shopify admin:
 *
 * - the app: its production build, as `npm run build` makes it (`remix
 *   vite:build`, into a folder of this run's own), loaded by Node itself and
 *   served by the production server's own HTTP app (app/server/http-app.ts)
 *   on a free port, in this process, on this test file's fresh SQLite
 *   database. No dev server: nothing optimizes dependencies or reloads pages
 *   mid-test, even on a cold cache;
 * - Shopify's Admin API: the in-process mock (tests/support/admin-api-mock.ts),
 *   which the app reaches through its fetch interception;
 * - App Bridge: https://cdn.shopify.com/shopifycloud/app-bridge.js is answered
 *   by the stand-in of tests/support/app-bridge-stand-in.ts, whose idToken()
 *   returns a real session token signed with the test secret. Toasts are
 *   recorded in `window.__toasts`. Every other outside request is refused.
 *
 * `open()` returns once React has hydrated the page (the first commit React
 * reports to a DevTools-style hook), so that clicks go to the app's handlers.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { chromium, type Browser, type Page } from "playwright-core";
import { createHttpApp } from "../../app/server/http-app";
import { createLogger } from "../../app/logger.server";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { appBridgeStandIn } from "../support/app-bridge-stand-in";
import { buildApp } from "../support/app-build";
import { hostParam, sessionToken } from "../support/session-token";
import { ROOT, TEST_RUN_DIR } from "../support/paths";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

export interface E2eApp {
  url: string;
  mock: AdminApiMock;
  browser: Browser;
  /** A page of the embedded admin for `shop`, opened at `path` as the Shopify admin opens apps (default viewport 1280×900). */
  open(shop: string, path: string, options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs on the new page before it navigates (init scripts, CDP throttling: bench/web-vitals.bench.ts). */
  beforeGoto?: (page: Page) => Promise<void>;
}

/**
 * Runs in every page before its scripts: a minimal React DevTools hook, which
 * React calls on every commit. The first commit of the page is hydration.
 */
const HYDRATION_HOOK = `(() => {
  window.__cgHydrated = false;
  let id = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { this.renderers.set(++id, renderer); return id; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot() { window.__cgHydrated = true; },
    onPostCommitFiberRoot() {},
    onCommitFiberUnmount() {},
    checkDCE() {},
  };
})();`;

export async function startE2eApp(): Promise<E2eApp> {
  const buildDir = join(TEST_RUN_DIR, `e2e-build-${randomUUID()}`);
  await buildApp(buildDir);
  const mock = await startAdminApiMock();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The app builds absolute URLs (redirects) from its URL: this server's, in this run.
  // Set before the build is imported: shopify.server.ts reads it on import.
  process.env.SHOPIFY_APP_URL = origin;

  // Externalized in vitest.config.ts: Node's own loader imports the server build
  // as the production server does, and its node_modules imports (@shopify/shopify-api
  // among them) are the module instances this process already loaded, so the
  // Admin API mock's fetch interception reaches the app's Shopify client.
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(join(buildDir, "server/index.js")).href
  )) as ServerBuild;
  server.on(
    "request",
    createHttpApp({
      build,
      logger: createLogger(),
      clientDirectory: join(buildDir, "client"),
      publicDirectory: join(ROOT, "public"),
      https: false,
    }),
  );

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });

  return {
    url: origin,
    mock,
    browser,
    async open(shop, path, options) {
      // Headless Chromium says "HeadlessChrome", which the app (rightly) turns away as a bot;
      // merchants' browsers send the ordinary Chrome user agent.
      const userAgent = (await browser.newBrowserCDPSession().then(async (s) => {
        const { userAgent } = (await s.send("Browser.getVersion")) as { userAgent: string };
        await s.detach();
        return userAgent;
      })).replace("HeadlessChrome", "Chrome");
      const context = await browser.newContext({ viewport: options?.viewport ?? { width: 1280, height: 900 }, userAgent });
      await context.addInitScript(HYDRATION_HOOK);
      await context.exposeFunction("__cgIdToken", () => sessionToken(shop));
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(APP_BRIDGE_URL)) {
          return route.fulfill({ status: 200, contentType: "text/javascript", body: appBridgeStandIn({ shop, tokenSource: "exposed", navigation: "hidden" }) });
        }
        if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
        return route.abort();
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const target = new URL(path, origin);
      target.searchParams.set("shop", shop);
      target.searchParams.set("host", hostParam(shop));
      target.searchParams.set("embedded", "1");
      target.searchParams.set("id_token", await sessionToken(shop));
      await options?.beforeGoto?.(page);
      await page.goto(target.toString());
      await page
        .waitForFunction(() => (window as unknown as { __cgHydrated?: boolean }).__cgHydrated === true, null, {
          timeout: 60_000,
        })
        .catch((error: Error) => {
          throw new Error(`${path} did not hydrate (${error.message}); page errors: ${pageErrors.join("; ") || "none"}`);
        });
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await mock.close();
    },
  };
}
