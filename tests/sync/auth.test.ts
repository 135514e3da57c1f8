/**
 * The app's authenticate.admin with real session tokens: accepted when signed
 * by Shopify for this app, refused otherwise; with no stored session it
 * performs token exchange against the Admin API mock and stores the offline
 * session it gets.
 */
import { InvalidShopError } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { authenticate, createShopifyApp, unauthenticated } from "../../app/shopify.server";
import * as rulesNew from "../../app/routes/app.rules.new";
import { saveRule } from "../../app/models/rules.server";
import { publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { ruleForm } from "../admin/helpers";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import { UNAUTHORIZED_BODY, startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest, seedOfflineSession, sessionToken } from "../support/session-token";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

/** A route loader as the app's routes write them. */
async function loader({ request }: { request: Request }) {
  const { admin, session } = await authenticate.admin(request);
  const response = await admin.graphql(`#graphql
    query { shopifyFunctions(first: 5) { nodes { handle apiType } } }`);
  const { data } = await response.json();
  return Response.json({ shop: session.shop, functions: data.shopifyFunctions.nodes });
}

async function refusal(request: Request): Promise<Response> {
  try {
    await loader({ request });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error("the request was accepted");
}

describe("authenticate.admin", () => {
  it("accepts a session token and exchanges it for an offline token when none is stored", async () => {
    const shop = uniqueShop();
    const response = await loader({ request: await adminRequest("/app", { shop }) });
    // The app's deployed functions: one per checkout function.
    expect(await response.json()).toEqual({
      shop,
      functions: CHECKOUT_FUNCTION_NAMES.map((fn) => CHECKOUT_FUNCTIONS[fn].handle)
        .sort()
        .map((handle) => ({ handle, apiType: "cart_checkout_validation" })),
    });

    const exchange = mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange");
    expect(exchange).toHaveLength(1);
    expect(exchange[0].status).toBe(200);
    expect(JSON.parse(exchange[0].body)).toMatchObject({
      client_id: "test-api-key",
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      // An expiring offline token (future flag expiringOfflineAccessTokens).
      expiring: "1",
    });
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(stored).toMatchObject({ shop, isOnline: false, scope: "write_validations" });
    expect(stored.accessToken).toMatch(/^shpat_/);
    // The hour the access token lasts and the refresh token (90 days) are kept with it.
    expect(stored.expires!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    expect(stored.expires!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(stored.refreshToken).toMatch(/^shprt_/);
    expect(stored.refreshTokenExpires!.getTime() - Date.now()).toBeGreaterThan(89 * 24 * 3600_000);
    // The Admin API call used the token Shopify issued.
    const call = mock.requests.find((r) => r.shop === shop && r.kind === "graphql")!;
    expect(call.headers["x-shopify-access-token"]).toBe(stored.accessToken);

    // The next request reuses the stored session: no second exchange.
    await loader({ request: await adminRequest("/app", { shop }) });
    expect(mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange")).toHaveLength(1);
  });

  it("accepts a document load with the token in id_token and a seeded offline session", async () => {
    const shop = uniqueShop();
    await seedOfflineSession(shop);
    const response = await loader({ request: await adminRequest("/app", { shop, document: true }) });
    expect((await response.json()).shop).toBe(shop);
    expect(mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange")).toHaveLength(0);
  });

  const invalid: [string, Parameters<typeof sessionToken>[1]][] = [
    ["signed with another secret", { secret: "not-the-app-secret" }],
    ["expired", { expiresIn: -120 }],
    ["issued for another app", { apiKey: "another-app-key" }],
    ["not valid yet", { notBefore: 600, expiresIn: 660 }],
  ];
  for (const [why, options] of invalid) {
    it(`refuses a session token ${why}, before any request to Shopify`, async () => {
      const shop = uniqueShop();
      await seedOfflineSession(shop);
      const response = await refusal(await adminRequest("/app", { shop, token: await sessionToken(shop, options) }));
      expect(response.status).toBe(401);
      expect(mock.requests.filter((r) => r.shop === shop)).toHaveLength(0);
    });
  }

  it("refuses a request without a session token", async () => {
    const shop = uniqueShop();
    const request = new Request(`https://checkout-guard.test/app`, { headers: { Authorization: "Bearer " } });
    const response = await refusal(request);
    expect(response.status).toBe(401);
    expect(mock.requests.filter((r) => r.shop === shop)).toHaveLength(0);
  });
});

describe("the Admin API mock", () => {
  it("rejects queries Shopify would reject, as Shopify does", async () => {
    const shop = uniqueShop();
    await seedOfflineSession(shop);
    const { admin } = await authenticate.admin(await adminRequest("/app", { shop }));
    const error = await admin
      .graphql(`mutation { validationCreate(validation: { functionHandle: "checkout-guard-cart", enabled: true }) { validation { id } } }`)
      .catch((e: unknown) => e as { body?: { errors?: { graphQLErrors?: { message: string }[] } } });
    expect(error).toBeInstanceOf(Error);
    const messages = (error as { body: { errors: { graphQLErrors: { message: string }[] } } }).body.errors.graphQLErrors.map((e) => e.message);
    expect(messages.join(" ")).toMatch(/enabled/);
    const [recorded] = mock.graphqlRequests("validationCreate").filter((r) => r.shop === shop);
    expect(recorded.graphql?.valid).toBe(false);
    expect(mock.state(shop).validations.size).toBe(0);
  });

  it("blocks and records requests to any host other than the shop's Admin API", async () => {
    const before = mock.requests.length;
    await expect(fetch("https://analytics.example.com/collect", { method: "POST", body: "x" })).rejects.toThrow("fetch failed");
    const [recorded] = mock.requests.slice(before);
    expect(recorded).toMatchObject({ target: "elsewhere", url: "https://analytics.example.com/collect", status: null });
  });
});

describe("expiring offline access tokens", () => {
  async function storedSession(shop: string) {
    return prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
  }
  /** A GraphQL call with the shop's offline session as the app makes it in the background. */
  async function backgroundQuery(shop: string) {
    const { admin } = await unauthenticated.admin(shop);
    const response = await admin.graphql(`#graphql
      query { shop { myshopifyDomain } }`);
    return (await response.json()).data.shop.myshopifyDomain as string;
  }
  /** The token endpoint, called as the library calls it. */
  async function refreshWith(shop: string, refreshToken: string) {
    const response = await fetch(`https://${shop}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ client_id: "test-api-key", client_secret: "test-api-secret", refresh_token: refreshToken, grant_type: "refresh_token" }),
    });
    return { status: response.status, body: await response.json() };
  }
  const graphqlTokens = (shop: string) =>
    mock.requests.filter((r) => r.shop === shop && r.kind === "graphql").map((r) => r.headers["x-shopify-access-token"]);

  it("a route publishing with an expired stored token exchanges the session token first, then publishes", async () => {
    const shop = uniqueShop();
    const expired = mock.issueExpiringToken(shop, { expiresIn: -60 });
    await seedOfflineSession(shop, { expiring: expired });

    const response = await rulesNew.action({
      request: await adminRequest("/app/rules/new", { shop, body: ruleForm("addressKind", { kind: "addressKind", block: ["poBox"] }) }),
      params: {},
      context: {},
    });
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).not.toContain("syncFailed");
    const stored = await storedSession(shop);
    expect(stored.accessToken).not.toBe(expired.accessToken);
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now());
    expect(mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange")).toHaveLength(1);
    // The expired token never reached the Admin API; the published configuration did.
    expect(graphqlTokens(shop).length).toBeGreaterThan(0);
    expect(new Set(graphqlTokens(shop))).toEqual(new Set([stored.accessToken]));
    expect(mock.validationsOf(shop, "checkout-guard-address")).toHaveLength(1);
  });

  it("Shopify refusing a token the app thought valid: 401, the token is dropped, and the next request exchanges and works", async () => {
    const shop = uniqueShop();
    const pair = mock.issueExpiringToken(shop);
    await seedOfflineSession(shop, { expiring: pair });
    mock.expireAccessTokens(shop); // e.g. the server's clock behind Shopify's

    const first = await refusal(await adminRequest("/app", { shop }));
    expect(first.status).toBe(401);
    expect(mock.requests.filter((r) => r.shop === shop && r.kind === "graphql").map((r) => [r.status, r.response])).toEqual([[401, UNAUTHORIZED_BODY]]);
    expect((await storedSession(shop)).accessToken).toBe("");

    const retried = await loader({ request: await adminRequest("/app", { shop }) });
    expect((await retried.json()).shop).toBe(shop);
    expect((await storedSession(shop)).accessToken).not.toBe(pair.accessToken);
  });

  it("in the background (unauthenticated.admin), an expired token is refreshed with the refresh token, which rotates", async () => {
    const shop = uniqueShop();
    const original = mock.issueExpiringToken(shop, { expiresIn: -60 });
    await seedOfflineSession(shop, { expiring: original });

    expect(await saveRule(shop, { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } })).toMatchObject({ ok: true });
    const { admin } = await unauthenticated.admin(shop);
    expect(await publishConfiguration(admin.graphql as unknown as AdminGraphql, shop, { sleep: async () => {} })).toMatchObject({ ok: true });
    expect(mock.validationsOf(shop, "checkout-guard-address")).toHaveLength(1);

    const refresh = mock.requests.filter((r) => r.shop === shop && r.kind === "token-refresh");
    expect(refresh.map((r) => r.status)).toEqual([200]);
    expect(JSON.parse(refresh[0].body)).toMatchObject({ grant_type: "refresh_token", refresh_token: original.refreshToken });
    const renewed = await storedSession(shop);
    expect(renewed.accessToken).not.toBe(original.accessToken);
    expect(renewed.refreshToken).not.toBe(original.refreshToken);
    expect(renewed.expires!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(graphqlTokens(shop)).not.toContain(original.accessToken);

    // An hour later: the renewed refresh token works, and using it retires the original one.
    mock.expireAccessTokens(shop);
    await prisma.session.update({ where: { id: `offline_${shop}` }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await backgroundQuery(shop)).toBe(shop);
    expect((await storedSession(shop)).refreshToken).not.toBe(renewed.refreshToken);
    expect(await refreshWith(shop, original.refreshToken!)).toEqual({ status: 400, body: expect.objectContaining({ error: "invalid_grant" }) });
  });

  it("two background requests refreshing at once both succeed, and the stored pair works afterwards", async () => {
    const shop = uniqueShop();
    const original = mock.issueExpiringToken(shop, { expiresIn: -60 });
    await seedOfflineSession(shop, { expiring: original });

    expect(await Promise.all([backgroundQuery(shop), backgroundQuery(shop)])).toEqual([shop, shop]);
    const refreshes = mock.requests.filter((r) => r.shop === shop && r.kind === "token-refresh");
    expect(refreshes.map((r) => r.status)).toEqual([200, 200]);

    // The row holds one pair Shopify issued, whole: its access token works without refreshing…
    const stored = await storedSession(shop);
    const issued = refreshes.map((r) => r.response as { access_token: string; refresh_token: string });
    expect(issued.map((i) => [i.access_token, i.refresh_token])).toContainEqual([stored.accessToken, stored.refreshToken]);
    expect(await backgroundQuery(shop)).toBe(shop);
    expect(mock.requests.filter((r) => r.shop === shop && r.kind === "token-refresh")).toHaveLength(2);
    // …and its refresh token renews it, after which the original is refused.
    expect((await refreshWith(shop, stored.refreshToken!)).status).toBe(200);
    expect((await refreshWith(shop, original.refreshToken)).status).toBe(400);
  });

  it("two admin requests with an expired stored token at once both succeed", async () => {
    const shop = uniqueShop();
    await seedOfflineSession(shop, { expiring: mock.issueExpiringToken(shop, { expiresIn: -60 }) });
    const responses = await Promise.all([
      loader({ request: await adminRequest("/app", { shop }) }),
      loader({ request: await adminRequest("/app", { shop }) }),
    ]);
    expect(await Promise.all(responses.map(async (r) => (await r.json()).shop))).toEqual([shop, shop]);
    const stored = await storedSession(shop);
    expect(await backgroundQuery(shop)).toBe(shop);
    expect(graphqlTokens(shop).at(-1)).toBe(stored.accessToken);
  });

  it("from 1 January 2027 Shopify refuses non-expiring offline tokens: the app's tokens still work", async () => {
    const strict = await startAdminApiMock({ rejectNonExpiringTokens: true });
    try {
      const shop = uniqueShop();
      const response = await loader({ request: await adminRequest("/app", { shop }) });
      expect((await response.json()).shop).toBe(shop);
      expect(strict.requests.filter((r) => r.kind === "graphql").map((r) => r.status)).toEqual([200]);
    } finally {
      await strict.close();
    }
  });
});

describe("SHOP_CUSTOM_DOMAIN (domainTransformations)", () => {
  function withDomain<T>(domain: string | undefined, run: () => T): T {
    const previous = process.env.SHOP_CUSTOM_DOMAIN;
    if (domain === undefined) delete process.env.SHOP_CUSTOM_DOMAIN;
    else process.env.SHOP_CUSTOM_DOMAIN = domain;
    try {
      return run();
    } finally {
      if (previous === undefined) delete process.env.SHOP_CUSTOM_DOMAIN;
      else process.env.SHOP_CUSTOM_DOMAIN = previous;
    }
  }
  /** A first admin request of `shop`: its answer, and where the app then sent the token exchange. */
  async function firstRequest(app: ReturnType<typeof createShopifyApp>, shop: string) {
    const before = mock.requests.length;
    let status: number | string = 200;
    try {
      await app.authenticate.admin(await adminRequest("/app", { shop }));
    } catch (thrown) {
      if (thrown instanceof InvalidShopError) status = "invalid shop";
      else if (thrown instanceof Response) status = thrown.status;
      else throw thrown;
    }
    return { status, sentTo: mock.requests.slice(before).map((r) => new URL(r.url).host) };
  }

  it("accepts shops on the custom domain, as themselves, and nothing else new", async () => {
    const custom = withDomain("shops.example.org", () => createShopifyApp());
    // The token exchange goes to the shop itself (this machine cannot reach it: hence the 500).
    expect(await firstRequest(custom, "demo.shops.example.org")).toEqual({ status: 500, sentTo: ["demo.shops.example.org"] });
    const shop = uniqueShop();
    expect(await firstRequest(custom, shop)).toEqual({ status: 200, sentTo: [shop] });
    expect(await firstRequest(custom, "demo.evil.example.org")).toEqual({ status: "invalid shop", sentTo: [] });

    const standard = withDomain(undefined, () => createShopifyApp());
    expect(await firstRequest(standard, "demo.shops.example.org")).toEqual({ status: "invalid shop", sentTo: [] });
  });

  it.each(["https://shops.example.org", "*.example.org", "shops.example.org/path", "localhost", "a..b"])(
    "refuses SHOP_CUSTOM_DOMAIN=%s with a clear message",
    (value) => {
      expect(() => withDomain(value, () => createShopifyApp())).toThrow(/SHOP_CUSTOM_DOMAIN must be a domain such as "shops\.example\.com"/);
    },
  );
});

describe("offline sessions from before expiring tokens", () => {
  it("the merchant's next visit swaps the non-expiring token for an expiring one, before Shopify refuses it", async () => {
    const shop = uniqueShop();
    const legacy = mock.issueNonExpiringToken(shop);
    await seedOfflineSession(shop, { accessToken: legacy, legacy: true });

    // Meanwhile the background still works with it.
    const { admin } = await unauthenticated.admin(shop);
    expect((await (await admin.graphql(`query { shop { myshopifyDomain } }`)).json()).data.shop.myshopifyDomain).toBe(shop);
    expect(mock.requests.filter((r) => r.shop === shop && r.kind !== "graphql")).toEqual([]);

    const response = await loader({ request: await adminRequest("/app", { shop }) });
    expect((await response.json()).shop).toBe(shop);
    const [exchange] = mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange");
    expect(JSON.parse(exchange.body).expiring).toBe("1");
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(stored.accessToken).not.toBe(legacy);
    expect(stored.refreshToken).toMatch(/^shprt_/);
    expect(graphqlTokensOf(shop).at(-1)).toBe(stored.accessToken);
  });
});

function graphqlTokensOf(shop: string) {
  return mock.requests.filter((r) => r.shop === shop && r.kind === "graphql").map((r) => r.headers["x-shopify-access-token"]);
}
