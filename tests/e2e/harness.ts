/**
 * The admin in a real browser, with the browser playing the Shopify admin:
 *
 * - the app: Remix on Vite in middleware mode (the app's own vite.config.ts,
 *   no HMR) behind a plain Node HTTP server on a free port, in this process,
 *   on this test file's fresh SQLite database;
 * - Shopify's Admin API: the in-process mock (tests/support/admin-api-mock.ts),
 *   which the app reaches through its fetch interception;
 * - App Bridge: https://cdn.shopify.com/shopifycloud/app-bridge.js is answered
 *   by a small script defining `window.shopify` whose idToken() returns a real
 *   session token signed with the test secret, and which adds it to the app's
 *   own fetches as the real App Bridge does. Toasts are recorded in
 *   `window.__toasts`. Every other outside request is refused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createViteServer, type ViteDevServer } from "vite";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { chromium, type Browser, type Page } from "playwright-core";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { hostParam, sessionToken } from "../support/session-token";
import { ROOT } from "../support/paths";

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
  const mock = await startAdminApiMock();
  let handler: ((request: Request) => Promise<Response>) | null = null;
  let vite: ViteDevServer | null = null;
  let origin = "";
  const server: Server = createServer((req, res) => {
    vite!.middlewares(req, res, async () => {
      try {
        await send(res, await handler!(await toRequest(req, origin)));
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The app builds absolute URLs (redirects) from its URL: this server's, in this run.
  process.env.SHOPIFY_APP_URL = origin;

  vite = await createViteServer({
    root: ROOT,
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: "custom",
    logLevel: "error",
  });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  handler = createRequestHandler(build, "development");

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
      const target = new URL(path, origin);
      target.searchParams.set("shop", shop);
      target.searchParams.set("host", hostParam(shop));
      target.searchParams.set("embedded", "1");
      target.searchParams.set("id_token", await sessionToken(shop));
      await page.goto(target.toString());
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await vite?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await mock.close();
    },
  };
}
