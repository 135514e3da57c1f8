/**
 * The app's authenticate.admin with real session tokens: accepted when signed
 * by Shopify for this app, refused otherwise; with no stored session it
 * performs token exchange against the Admin API mock and stores the offline
 * session it gets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { authenticate } from "../../app/shopify.server";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
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
    });
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
    expect(stored).toMatchObject({ shop, isOnline: false, scope: "write_validations" });
    expect(stored.accessToken).toMatch(/^shpat_/);
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
