/**
 * Publishing the configuration to Shopify, against the Admin API mock over
 * real HTTP (every query validated against Shopify's documented schema) with
 * the app's own Admin API client and a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { unauthenticated, authenticate } from "../../app/shopify.server";
import { listRules, saveRule, type RuleInput } from "../../app/models/rules.server";
import {
  getSyncStatus,
  MESSAGES,
  publishConfiguration,
  retrySync,
  type AdminGraphql,
  type SyncOptions,
} from "../../app/shopify-sync/sync.server";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest, seedOfflineSession } from "../support/session-token";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

/** Retries without waiting; `delays` records the backoff asked for. */
function fast(): SyncOptions & { delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** The Admin API client the app gets outside a request (offline session). */
async function offlineGraphql(shop: string): Promise<AdminGraphql> {
  await seedOfflineSession(shop);
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as AdminGraphql;
}

/** The client a route gets from authenticate.admin (it throws Responses on HTTP errors). */
async function requestGraphql(shop: string): Promise<AdminGraphql> {
  await seedOfflineSession(shop);
  const { admin } = await authenticate.admin(await adminRequest("/app", { shop }));
  return admin.graphql as unknown as AdminGraphql;
}

const cartMax = (max: number): RuleInput => ({ name: `At most ${max} items`, status: "active", definition: { kind: "cartQuantity", max } });

async function saved(shop: string, input: RuleInput) {
  const result = await saveRule(shop, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const latestDocument = async (shop: string) =>
  (await prisma.configVersion.findFirstOrThrow({ where: { shop }, orderBy: { version: "desc" } })).document;

const shopRequests = (shop: string) => mock.requests.filter((r) => r.shop === shop);

describe("publishConfiguration", () => {
  it("creates the Validation the first time, with the document and the input variables", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const { version } = await saved(shop, {
      name: "Wholesale packs",
      status: "active",
      definition: { kind: "lineQuantity", multiple: 6, select: { tags: ["wholesale"], collections: ["123"] } },
    });

    const outcome = await publishConfiguration(graphql, shop, fast());
    expect(outcome).toEqual({ ok: true, version });

    const validations = [...mock.state(shop).validations.values()];
    expect(validations).toHaveLength(1);
    const [validation] = validations;
    expect(validation).toMatchObject({ enabled: true, blockOnFailure: false, title: "Checkout Guard" });
    const document = await latestDocument(shop);
    expect(mock.metafieldValue(shop, validation.id, "config")).toBe(document);
    expect(JSON.parse(mock.metafieldValue(shop, validation.id, "input-variables")!)).toMatchObject({
      productTags: ["wholesale"],
      collectionIds: ["gid://shopify/Collection/123"],
    });

    // Every request was one Shopify accepts, sent to this shop's Admin API.
    const requests = shopRequests(shop);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.kind).toBe("graphql");
      expect(r.url).toMatch(new RegExp(`^https://${shop.replace(/\./g, "\\.")}/admin/api/2026-04/graphql\\.json$`));
      expect(r.graphql?.errors).toEqual([]);
      expect(r.graphql?.valid).toBe(true);
    }
    const create = mock.graphqlRequests("validationCreate").filter((r) => r.shop === shop);
    expect(create).toHaveLength(1);
    expect((create[0].graphql!.variables as any).validation).toMatchObject({ functionHandle: "checkout-guard", enable: true, blockOnFailure: false });

    const sync = await prisma.shopSync.findUniqueOrThrow({ where: { shop } });
    expect(sync).toMatchObject({ validationId: validation.id, enabled: true, syncedVersion: version, configBytes: Buffer.byteLength(document), lastError: null });
    expect(sync.syncedAt).toBeInstanceOf(Date);
  });

  it("updates the same Validation afterwards, without creating another or touching its enabled state", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(10));
    expect((await publishConfiguration(graphql, shop, fast())).ok).toBe(true);
    const [validation] = mock.state(shop).validations.values();
    validation.enabled = false; // the merchant turned it off in Settings › Checkout

    const { version } = await saved(shop, cartMax(20));
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });

    expect(mock.state(shop).validations.size).toBe(1);
    expect(mock.graphqlRequests("validationCreate").filter((r) => r.shop === shop)).toHaveLength(1);
    expect(mock.graphqlRequests("metafieldsSet").filter((r) => r.shop === shop)).toHaveLength(1);
    expect(mock.metafieldValue(shop, validation.id, "config")).toBe(await latestDocument(shop));
    expect(validation.enabled).toBe(false);
    expect(await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).toMatchObject({ syncedVersion: version, enabled: false });
  });

  it("records Shopify's userErrors (the 25-validation limit) and keeps the rules", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(5));
    mock.state(shop).otherActiveValidations = 25;

    const outcome = await publishConfiguration(graphql, shop, fast());
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: string }).error;
    expect(error).toContain("Cannot have more than 25 active validation functions");
    expect(error).toContain("MAX_VALIDATIONS_ACTIVATED");
    expect(mock.state(shop).validations.size).toBe(0);
    const sync = await prisma.shopSync.findUniqueOrThrow({ where: { shop } });
    expect(sync.lastError).toBe(error);
    expect(sync.lastAttemptAt).toBeInstanceOf(Date);
    expect(sync.syncedVersion).toBeNull();
    expect(await listRules(shop)).toHaveLength(1);
  });

  it("records userErrors on an update too", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(5));
    await publishConfiguration(graphql, shop, fast());
    await saved(shop, cartMax(6));
    mock.failNext("userErrors", { operation: "metafieldsSet", shop, message: "Value is too big", code: "INVALID_VALUE", field: ["metafields", "0", "value"] });

    const outcome = await publishConfiguration(graphql, shop, fast());
    expect(outcome).toEqual({ ok: false, error: "Shopify refused the configuration: Value is too big (INVALID_VALUE)." });
    expect(await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).toMatchObject({ syncedVersion: 1, lastError: outcome.ok ? null : outcome.error });
  });

  for (const [kind, client] of [
    ["http429", "offline"],
    ["http429", "request"],
    ["throttled", "offline"],
    ["throttled", "request"],
  ] as const) {
    it(`retries with backoff when Shopify throttles (${kind}, ${client} client), then succeeds`, async () => {
      const shop = uniqueShop();
      const graphql = client === "offline" ? await offlineGraphql(shop) : await requestGraphql(shop);
      const { version } = await saved(shop, cartMax(3));
      mock.failNext(kind, { times: 2, shop });
      const options = fast();

      expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: true, version });
      expect(options.delays).toHaveLength(2);
      expect(options.delays[1]).toBeGreaterThan(options.delays[0]);
      expect(shopRequests(shop).filter((r) => r.failure === kind)).toHaveLength(2);
      expect(mock.state(shop).validations.size).toBe(1);
      expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBeNull();
    });
  }

  it("gives up after a bounded number of throttled attempts and says so", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    mock.failNext("throttled", { times: 100, shop });
    const options = { ...fast(), maxAttempts: 3 };

    expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: false, error: MESSAGES.throttled });
    expect(shopRequests(shop)).toHaveLength(3);
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBe(MESSAGES.throttled);
    mock.reset();
  });

  for (const client of ["offline", "request"] as const) {
    it(`records a revoked token (401, ${client} client) without retrying`, async () => {
      const shop = uniqueShop();
      const graphql = client === "offline" ? await offlineGraphql(shop) : await requestGraphql(shop);
      await saved(shop, cartMax(3));
      mock.revokeToken(shop);

      const options = fast();
      expect(await publishConfiguration(graphql, shop, options)).toEqual({ ok: false, error: MESSAGES.revoked });
      expect(options.delays).toEqual([]);
      expect(shopRequests(shop).filter((r) => r.kind === "graphql").map((r) => r.status)).toEqual([401]);
      expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).lastError).toBe(MESSAGES.revoked);
      expect(await listRules(shop)).toHaveLength(1);
    });
  }

  it("records a network failure, keeps the rules, and a retry publishes the current version", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    mock.failNext("network", { times: 4, shop });

    const failed = await publishConfiguration(graphql, shop, fast());
    expect(failed.ok).toBe(false);
    expect((failed as { error: string }).error).toMatch(/^Could not reach Shopify: .*fetch failed/);
    expect(shopRequests(shop).every((r) => r.status === null)).toBe(true);
    expect(await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).toMatchObject({ lastError: (failed as { error: string }).error, syncedVersion: null });
    expect(await listRules(shop)).toHaveLength(1);

    // The merchant saves again meanwhile; retrying sends what is saved now.
    const { version } = await saved(shop, cartMax(4));
    expect(await retrySync(graphql, shop, fast())).toEqual({ ok: true, version });
    const [validation] = mock.state(shop).validations.values();
    expect(mock.metafieldValue(shop, validation.id, "config")).toBe(await latestDocument(shop));
    expect(await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).toMatchObject({ lastError: null, syncedVersion: version });
  });

  it("recreates the Validation when Shopify no longer has the stored one", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    await publishConfiguration(graphql, shop, fast());
    const first = (await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).validationId;
    mock.state(shop).validations.clear(); // deleted in Shopify

    expect((await publishConfiguration(graphql, shop, fast())).ok).toBe(true);
    const [again] = mock.state(shop).validations.values();
    expect(again.id).not.toBe(first);
    expect((await prisma.shopSync.findUniqueOrThrow({ where: { shop } })).validationId).toBe(again.id);
    expect(mock.metafieldValue(shop, again.id, "config")).toBe(await latestDocument(shop));
  });

  it("adopts this app's existing Validation instead of creating a second one", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, cartMax(3));
    await publishConfiguration(graphql, shop, fast());
    await prisma.shopSync.delete({ where: { shop } }); // e.g. the id was never stored

    const { version } = await saved(shop, cartMax(8));
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: true, version });
    expect(mock.state(shop).validations.size).toBe(1);
    expect(mock.graphqlRequests("validationCreate").filter((r) => r.shop === shop)).toHaveLength(1);
  });

  it("has nothing to publish before the first save, and sends nothing", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    expect(await publishConfiguration(graphql, shop, fast())).toEqual({ ok: false, error: MESSAGES.nothingSaved });
    expect(shopRequests(shop)).toHaveLength(0);
  });
});

describe("getSyncStatus", () => {
  it("reports existence, enabled state, sync and the byte budget", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const { version } = await saved(shop, cartMax(3));
    const bytes = Buffer.byteLength(await latestDocument(shop));

    expect(await getSyncStatus(graphql, shop)).toEqual({
      validationId: null,
      validationExists: false,
      enabled: null,
      inSync: false,
      savedVersion: version,
      syncedVersion: null,
      syncedAt: null,
      lastError: null,
      bytesUsed: bytes,
      byteLimit: 10_000,
    });

    await publishConfiguration(graphql, shop, fast());
    const synced = await getSyncStatus(graphql, shop);
    expect(synced).toMatchObject({ validationExists: true, enabled: true, inSync: true, savedVersion: version, syncedVersion: version, lastError: null, bytesUsed: bytes });
    expect(synced.syncedAt).toBeInstanceOf(Date);

    const [validation] = mock.state(shop).validations.values();
    validation.enabled = false;
    expect(await getSyncStatus(graphql, shop)).toMatchObject({ enabled: false, inSync: true });

    const next = await saved(shop, cartMax(30));
    expect(await getSyncStatus(graphql, shop)).toMatchObject({ inSync: false, savedVersion: next.version, syncedVersion: version });

    mock.state(shop).validations.clear();
    expect(await getSyncStatus(graphql, shop)).toMatchObject({ validationExists: false, enabled: null, inSync: false });
  });

  it("falls back to what was last recorded without Admin API access or when Shopify is unreachable", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    const { version } = await saved(shop, cartMax(3));
    await publishConfiguration(graphql, shop, fast());

    expect(await getSyncStatus(null, shop)).toMatchObject({ validationExists: null, enabled: true, inSync: true, syncedVersion: version });
    mock.failNext("network", { shop });
    expect(await getSyncStatus(graphql, shop)).toMatchObject({ validationExists: null, enabled: true, inSync: true });
  });
});
