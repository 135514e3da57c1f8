/**
 * The admin in a real browser, with the browser playing the Shopify admin:
 *
 * - the app: its production build, as `npm run build` makes it (`remix
 *   vite:build`, into a folder of this run's own), loaded by Node itself and
 *   served as `remix-serve` serves it (Remix's request handler in production
 *   mode, build/client/ as static files) behind a plain Node HTTP server on a
 *   free port, in this process, on this test file's fresh SQLite database.
 *   No dev server: nothing optimizes dependencies or reloads pages mid-test,
 *   even on a cold cache;
 * - Shopify's Admin API: the in-process mock (tests/support/admin-api-mock.ts),
 *   which the app reaches through its fetch interception;
 * - App Bridge: https://cdn.shopify.com/shopifycloud/app-bridge.js is answered
 *   by a small script defining `window.shopify` whose idToken() returns a real
 *   session token signed with the test secret, and which adds it to the app's
 *   own fetches as the real App Bridge does. Toasts are recorded in
 *   `window.__toasts`. Every other outside request is refused.
 *
 * `open()` returns once React has hydrated the page (the first commit React
 * reports to a DevTools-style hook), so that clicks go to the app's handlers.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { chromium, type Browser, type Page } from "playwright-core";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { hostParam, sessionToken } from "../support/session-token";
import { ROOT, TEST_RUN_DIR } from "../support/paths";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

export interface E2eApp {
  url: string;
  mock: AdminApiMock;
  browser: Browser;
  /** A page of the embedded admin for `shop`, opened at `path` as the Shopify admin opens apps. */
  open(shop: string, path: string): Promise<Page>;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const chunks: Buffer[] = [];
  if (req.method !== "GET" && req.method !== "HEAD") for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = key === "set-cookie" ? response.headers.getSetCookie() : value;
  });
  res.writeHead(response.status, headers);
  if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/** A file of build/client/ (what remix-serve serves statically), or null to let the app answer. */
async function staticFile(clientDir: string, req: IncomingMessage): Promise<{ body: Buffer; type: string } | null> {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  } catch {
    return null;
  }
  const file = join(clientDir, pathname);
  if (!file.startsWith(clientDir + sep)) return null;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { body: await readFile(file), type: CONTENT_TYPES[extname(file)] ?? "application/octet-stream" };
}

/**
 * `npm run build` (remix vite:build) into `dir`. The folder is inside the
 * project, so the server build's imports resolve to the project's
 * node_modules as they do from build/.
 */
function buildApp(dir: string): Promise<void> {
  const cli = join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "vite:build", "--logLevel", "warn"],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production", CHECKOUT_GUARD_BUILD_DIR: dir },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`remix vite:build failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
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

function appBridgeScript(shop: string): string {
  return `(() => {
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu, ui-title-bar, ui-save-bar, ui-modal { display: none !important; }";
  document.head.appendChild(style);
  window.__toasts = [];
  const token = () => window.__cgIdToken();
  window.shopify = {
    config: { apiKey: document.currentScript && document.currentScript.dataset.apiKey, shop: ${JSON.stringify(shop)}, locale: "en" },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: token,
    toast: { show(message) { window.__toasts.push(message); return "toast"; }, hide() {} },
    loading() {},
    saveBar: { show: async () => {}, hide: async () => {}, toggle: async () => {}, leaveConfirmation: async () => {} },
    modal: { show: async () => {}, hide: async () => {}, toggle: async () => {} },
    resourcePicker: async () => undefined,
  };
  // As App Bridge: the app's own fetches carry a fresh session token.
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin === location.origin) {
      const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      headers.set("Authorization", "Bearer " + (await token()));
      init = { ...(init || {}), headers };
    }
    return original(input, init);
  };
})();`;
}

export async function startE2eApp(): Promise<E2eApp> {
  const buildDir = join(TEST_RUN_DIR, `e2e-build-${randomUUID()}`);
  const clientDir = join(buildDir, "client");
  await buildApp(buildDir);
  const mock = await startAdminApiMock();
  let handler: ((request: Request) => Promise<Response>) | null = null;
  let origin = "";
  const server: Server = createServer(async (req, res) => {
    try {
      const file = await staticFile(clientDir, req);
      if (file) {
        res.writeHead(200, { "Content-Type": file.type, "Content-Length": file.body.length });
        res.end(req.method === "HEAD" ? undefined : file.body);
        return;
      }
      await send(res, await handler!(await toRequest(req, origin)));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The app builds absolute URLs (redirects) from its URL: this server's, in this run.
  // Set before the build is imported: shopify.server.ts reads it on import.
  process.env.SHOPIFY_APP_URL = origin;

  // Externalized in vitest.config.ts: Node's own loader imports the server build
  // as under remix-serve, and its node_modules imports (@shopify/shopify-api
  // among them) are the module instances this process already loaded, so the
  // Admin API mock's fetch interception reaches the app's Shopify client.
  const build = (await import(
    /* @vite-ignore */ pathToFileURL(join(buildDir, "server/index.js")).href
  )) as ServerBuild;
  handler = createRequestHandler(build, "production");

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
    async open(shop, path) {
      // Headless Chromium says "HeadlessChrome", which the app (rightly) turns away as a bot;
      // merchants' browsers send the ordinary Chrome user agent.
      const userAgent = (await browser.newBrowserCDPSession().then(async (s) => {
        const { userAgent } = (await s.send("Browser.getVersion")) as { userAgent: string };
        await s.detach();
        return userAgent;
      })).replace("HeadlessChrome", "Chrome");
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent });
      await context.addInitScript(HYDRATION_HOOK);
      await context.exposeFunction("__cgIdToken", () => sessionToken(shop));
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(APP_BRIDGE_URL)) {
          return route.fulfill({ status: 200, contentType: "text/javascript", body: appBridgeScript(shop) });
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
