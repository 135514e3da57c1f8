/**
 * Shopify's security check UNAUTHENTICATED_ENDPOINT, run: every route module in
 * app/routes, each loader and each action, is called with requests that carry
 * no valid credential (nothing; a session token signed with another secret; a
 * document load without its id_token; a webhook without or with a wrong HMAC),
 * for a shop that has data, against the app's database with every SQL statement
 * recorded. Each must answer 401/302/4xx without having run a single query:
 * authentication comes before the database. The few routes public by design
 * are listed with the reason, and hold to the queries they may run.
 */
import { queries, queriesDuring } from "./observed-database";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest, hostParam, seedOfflineSession, sessionToken, TEST_APP_URL } from "../support/session-token";
import { forgedWebhookRequest, webhookRequest } from "../support/webhook";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
type RouteModule = { loader?: Handler; action?: Handler };

/** Routes that answer without authentication, why, and the only statements they may send. */
const PUBLIC_ROUTES: Record<string, { why: string; sql?: RegExp[] }> = {
  _index: { why: "Shopify opens the app at / with ?shop=…: it only redirects into /app (which authenticates) or says to open the app from the admin." },
  "auth.login": { why: "The install form: login() validates the shop domain and redirects to Shopify's install page; it reads no data." },
  healthz: { why: "The load balancer's health check: it runs SELECT 1 and reads nothing of any shop.", sql: [/^SELECT 1$/] },
};

const ROUTES_DIR = new URL("../../app/routes/", import.meta.url);
const ROUTE_FILES = readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f)).sort();

/** The URL path Remix serves a route file at (flat routes), with `x` for each parameter. */
function pathOf(route: string): string {
  const segments = route.split(".").filter((s) => s !== "_index").map((s) => (s.startsWith("$") ? "x" : s));
  return `/${segments.join("/")}`;
}
function paramsOf(route: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const s of route.split(".")) if (s === "$") params["*"] = "x";
  else if (s.startsWith("$")) params[s.slice(1)] = "x";
  return params;
}
/** webhooks.customers.data_request → customers/data_request */
const topicOf = (route: string) => route.replace(/^webhooks\./, "").replace(".", "/");

const shop = uniqueShop("victim");
let mock: AdminApiMock;
const modules = new Map<string, RouteModule>();

beforeAll(async () => {
  mock = await startAdminApiMock();
  const { sessionStorage } = await import("../../app/shopify.server");
  const { saveRule } = await import("../../app/models/rules.server");
  // A shop with a session and a rule: what an unauthenticated request would be after.
  await seedOfflineSession(shop);
  await saveRule(shop, { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } });
  await (sessionStorage as unknown as { isReady(): Promise<boolean> }).isReady();
  for (const file of ROUTE_FILES) modules.set(file.replace(/\.tsx?$/, ""), await import(`../../app/routes/${file}`));
}, 120_000);
afterAll(async () => {
  await mock.close();
});

/** Requests without a valid credential, for a loader (GET) or an action (POST). */
async function unauthenticatedRequests(route: string, method: "GET" | "POST"): Promise<[string, Request][]> {
  const path = pathOf(route);
  const body = method === "POST" ? new URLSearchParams({ intent: "delete", ids: "x" }) : undefined;
  const document = new URL(path, TEST_APP_URL);
  document.search = new URLSearchParams({ shop, host: hostParam(shop), embedded: "1" }).toString();
  const webhook = { shop, topic: route.startsWith("webhooks.") ? topicOf(route) : "app/uninstalled", path, method };
  return [
    ["no credentials", new Request(new URL(`${path}?shop=${shop}`, TEST_APP_URL), { method, body })],
    ["a session token signed with another secret", await adminRequest(path, { shop, method, body, token: await sessionToken(shop, { secret: "not-the-app-secret" }) })],
    ["an expired session token", await adminRequest(path, { shop, method, body, tokenOptions: { expiresIn: -120 } })],
    ["a document load without id_token", new Request(document, { method, body })],
    ["a webhook signed with another secret", forgedWebhookRequest(webhook)],
    ["a webhook without HMAC", webhookRequest({ ...webhook, headers: { "X-Shopify-Hmac-Sha256": null } })],
  ];
}

async function answer(handler: Handler, request: Request, route: string) {
  const run = await queriesDuring(async () => handler({ request, params: paramsOf(route), context: {} }));
  const thrown = run.error;
  if (thrown !== undefined && !(thrown instanceof Response)) return { status: 500, error: thrown, sql: run.sql };
  const response = (thrown ?? run.result) as unknown;
  return { status: response instanceof Response ? response.status : 200, error: undefined, sql: run.sql };
}

describe("every loader and action authenticates before touching the database", () => {
  it("finds the app's routes", () => {
    expect(ROUTE_FILES.length).toBeGreaterThanOrEqual(15);
    for (const route of Object.keys(PUBLIC_ROUTES)) expect(ROUTE_FILES.map((f) => f.replace(/\.tsx?$/, ""))).toContain(route);
  });

  for (const file of ROUTE_FILES) {
    const route = file.replace(/\.tsx?$/, "");
    for (const fn of ["loader", "action"] as const) {
      it(`${route} ${fn}`, async () => {
        const handler = modules.get(route)![fn];
        if (!handler) return; // Remix answers 405 itself
        const pub = PUBLIC_ROUTES[route];
        for (const [what, request] of await unauthenticatedRequests(route, fn === "loader" ? "GET" : "POST")) {
          const { status, error, sql } = await answer(handler, request, route);
          const allowed = pub?.sql ?? [];
          expect(sql.filter((q) => !allowed.some((re) => re.test(q.trim()))), `${route} ${fn}, ${what}: queries before authentication`).toEqual([]);
          if (pub) continue;
          expect(error, `${route} ${fn}, ${what}`).toBeUndefined();
          expect(status === 302 || (status >= 400 && status < 500), `${route} ${fn}, ${what}: answered ${status}`).toBe(true);
        }
      });
    }
  }

  it("the recording sees the queries of an authenticated request (the proof above can fail)", async () => {
    const privacy = modules.get("app.privacy")!;
    const { status, sql } = await answer(privacy.loader!, await adminRequest("/app/privacy", { shop }), "app.privacy");
    expect(status).toBe(200);
    expect(sql.some((q) => /"?Rule"?/.test(q))).toBe(true);
    expect(queries.length).toBeGreaterThan(0);
  });
});
