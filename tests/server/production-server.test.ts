/**
 * The production server (`npm start`, app/server/production.ts) as a separate
 * process, over HTTP: it refuses to start on missing or public credentials;
 * once running, every response carries the security headers, the access log
 * holds no credential, bodies are capped, /healthz checks the database, the
 * template's /auth/login works, public/ is served, and SIGTERM lets requests
 * in flight finish before it exits.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ENVIRONMENT } from "../../app/server/demo-environment";
import { HSTS } from "../../app/server/security-headers";
import { DEFAULT_BODY_LIMIT_BYTES } from "../../app/server/body-limit";
import { buildApp } from "../support/app-build";
import { runServer, type ServerProcess } from "../support/app-instances";
import { TEMPLATE_DB, TEST_RUN_DIR } from "../support/paths";
import { sessionToken, hostParam } from "../support/session-token";

const SHOP = "server-test.myshopify.com";
const REAL_SECRET = randomBytes(16).toString("hex");

// One production build (`npm run build`) for the suites that run the server.
let buildDirectory: string;
beforeAll(async () => {
  buildDirectory = join(TEST_RUN_DIR, `server-build-${randomUUID()}`);
  await buildApp(buildDirectory);
}, 180_000);

type Running = ServerProcess & { origin: string };

/** Only what the test gives: no NODE_ENV either, as a bare host would start it. */
function serverEnvironment(overrides: Record<string, string | undefined>): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...overrides };
}

/** Runs the production entry; resolves once it listens (or exits, for the refusals). */
async function runProduction(overrides: Record<string, string | undefined>): Promise<Running> {
  const server = await runServer(["--import", "tsx", "app/server/production.ts"], serverEnvironment(overrides));
  return { ...server, origin: server.url ?? "" };
}

const validEnvironment = (buildDirectory: string, database: string, extra: Record<string, string> = {}) => ({
  SHOPIFY_API_KEY: "server-test-api-key",
  SHOPIFY_API_SECRET: REAL_SECRET,
  SHOPIFY_APP_URL: "https://checkout-guard.example",
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "info",
  DATABASE_URL: `file:${database}`,
  CHECKOUT_GUARD_BUILD_DIR: buildDirectory,
  ...extra,
});

describe("the production server refuses to start without the app's real credentials", () => {
  const cases: [string, Record<string, string | undefined>, RegExp][] = [
    ["no secret", { SHOPIFY_API_KEY: "key", SHOPIFY_APP_URL: "https://a.example" }, /SHOPIFY_API_SECRET is not set/],
    ["the demo's public secret", { ...DEMO_ENVIRONMENT, SHOPIFY_APP_URL: "https://a.example" }, /SHOPIFY_API_SECRET is the local demo's public default/],
    ["a secret too short to be Shopify's", { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "short", SHOPIFY_APP_URL: "https://a.example" }, /does not look like a Shopify client secret/],
    ["no app URL", { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: REAL_SECRET }, /SHOPIFY_APP_URL is not set/],
    ["the demo flag", { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: REAL_SECRET, SHOPIFY_APP_URL: "https://a.example", CHECKOUT_GUARD_DEMO: "1" }, /CHECKOUT_GUARD_DEMO is set/],
  ];
  it.each(cases)("%s", async (_name, env, message) => {
    const running = await runProduction({ ...env, PORT: "0" });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(message);
    expect(running.output()).not.toMatch(/listening/);
  });
});

describe("the local demo refuses to run where production runs", () => {
  it.each([
    ["NODE_ENV=production", { NODE_ENV: "production" }],
    ["a real secret", { SHOPIFY_API_SECRET: REAL_SECRET }],
  ])("%s", async (_name, env) => {
    const demo = await runServer(["--import", "tsx", "app/server/demo.ts"], serverEnvironment({ ...env, PORT: "0" }));
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toMatch(/does not run in production/);
  });
});

describe("the production server, running", () => {
  let server: Running;

  beforeAll(async () => {
    const database = join(TEST_RUN_DIR, `${randomUUID()}.sqlite`);
    copyFileSync(TEMPLATE_DB, database);
    server = await runProduction(validEnvironment(buildDirectory, database));
    expect(server.origin, server.output()).not.toBe("");
  }, 60_000);

  afterAll(() => {
    server?.child.kill("SIGKILL");
  });

  it("sends the security headers on every kind of response, HSTS because it is served over HTTPS, and no X-Frame-Options", async () => {
    const responses = await Promise.all(
      ["/", "/favicon.ico", "/healthz", "/no-such-page", "/auth/login"].map((path) => fetch(server.origin + path)),
    );
    responses.push(await fetch(`${server.origin}/webhooks/app/uninstalled`, { method: "POST", body: "{}" }));
    for (const response of responses) {
      expect(response.headers.get("x-content-type-options"), response.url).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), response.url).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("strict-transport-security"), response.url).toBe(HSTS);
      expect(response.headers.get("x-frame-options"), response.url).toBeNull();
      expect(response.headers.get("x-powered-by"), response.url).toBeNull();
    }
  });

  it("serves public/ (the favicon) and links it from every page", async () => {
    const icon = await fetch(`${server.origin}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(new Uint8Array(await icon.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0, 0, 1, 0]));
    expect(await (await fetch(`${server.origin}/auth/login`)).text()).toContain('rel="icon" href="/favicon.ico"');
  });

  it("writes access logs as JSON lines with no session token, HMAC or other credential in them", async () => {
    const token = await sessionToken(SHOP, { secret: REAL_SECRET, apiKey: "server-test-api-key" });
    const query = new URLSearchParams({ shop: SHOP, host: hostParam(SHOP), embedded: "1", id_token: token, hmac: "f".repeat(64), session: "s3cr3t-session" });
    await fetch(`${server.origin}/app?${query}`, { headers: { Authorization: `Bearer ${token}`, Cookie: "shopify_app_session=s3cr3t-cookie" } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Every line is JSON: nothing reaches stdout or stderr outside the logger.
    const lines = server.output().trim().split("\n");
    const access = lines.map((line) => JSON.parse(line) as { req?: { url: string } }).filter((entry) => entry.req?.url.startsWith("/app?"));
    expect(access.length).toBeGreaterThan(0);
    expect(access[0].req!.url).toContain(`shop=${SHOP}`);
    expect(access[0].req!.url).toContain("id_token=[redacted]");
    // The response line: its status code and time, not the response object.
    const finished = access.find((entry) => "res" in entry) as { req: { method: string }; res: Record<string, unknown>; responseTime: number } | undefined;
    expect(finished).toMatchObject({ req: { method: "GET" }, res: { statusCode: expect.any(Number) }, responseTime: expect.any(Number) });
    expect(Object.keys(finished!.res)).toEqual(["statusCode"]);
    const log = server.output();
    for (const secret of [token, token.split(".")[2], "f".repeat(64), "s3cr3t-session", "s3cr3t-cookie", REAL_SECRET]) {
      expect(log).not.toContain(secret);
    }
  });

  it("refuses a body over the cap with 413 before reading it, and a body of unknown length with 411", async () => {
    const status = (headers: Record<string, string | number>, body?: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(`${server.origin}/webhooks/app/uninstalled`, { method: "POST", headers }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode!, text }));
        });
        req.on("error", reject);
        if (body !== undefined) req.write(body);
        req.end();
      });
    const tooLarge = await status({ "Content-Length": DEFAULT_BODY_LIMIT_BYTES + 1 });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toMatch(/too large.*at most 8388608 bytes/);
    const chunked = await status({ "Transfer-Encoding": "chunked" }, "{}");
    expect(chunked.status).toBe(411);
    // Within the cap, the request reaches the app (which refuses an unsigned webhook).
    expect((await status({ "Content-Length": 2 }, "{}")).status).toBe(401);
  });

  it("answers a malformed host parameter with 400, not a 500 Shopify's admin would retry", async () => {
    const response = await fetch(`${server.origin}/app?shop=${SHOP}&host=x&embedded=1`, { redirect: "manual", headers: { "User-Agent": "Mozilla/5.0 Chrome/140.0" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/host parameter is not valid/);
  });

  it("answers /healthz with the database's state", async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("has the template's /auth/login: a form, a clear error for a bad shop domain, Shopify's install page for a good one", async () => {
    const form = await fetch(`${server.origin}/auth/login`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="shop"');
    const bad = await fetch(`${server.origin}/auth/login?shop=${encodeURIComponent("not a shop!")}`);
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("Enter a valid shop domain");
    const good = await fetch(`${server.origin}/auth/login?shop=my-shop`, { redirect: "manual" });
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toBe("https://admin.shopify.com/store/my-shop/oauth/install?client_id=server-test-api-key");
  });
});

describe("the production server's health and shutdown", () => {
  it("answers /healthz 503 when its database cannot be reached", async () => {
    const server = await runProduction(validEnvironment(buildDirectory, "unused", { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" }));
    try {
      const response = await fetch(`${server.origin}/healthz`);
      expect(response.status).toBe(503);
      expect((await response.json()).status).toBe("unavailable");
    } finally {
      server.child.kill("SIGKILL");
    }
  });

  it("on SIGTERM finishes the request in flight, refuses new connections, and exits 0", async () => {
    const database = join(TEST_RUN_DIR, `${randomUUID()}.sqlite`);
    copyFileSync(TEMPLATE_DB, database);
    const server = await runProduction(validEnvironment(buildDirectory, database));
    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ shop_domain: SHOP });
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.origin}/webhooks/app/uninstalled`, { method: "POST", headers: { "Content-Length": body.length } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.write(body.slice(0, 5));
      setTimeout(() => {
        server.child.kill("SIGTERM");
        setTimeout(async () => {
          await expect(fetch(`${server.origin}/healthz`)).rejects.toThrow();
          req.end(body.slice(5));
        }, 300);
      }, 300);
    });
    // Unsigned, so the app answers 401: what matters is that it answered at all.
    expect(await inFlight).toBe(401);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });
});
