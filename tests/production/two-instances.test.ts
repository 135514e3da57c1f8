/**
 * Two app instances, as merchants' apps run behind a load balancer: separate
 * processes of the production server (`npm start`) sharing one database, on
 * PostgreSQL and on one SQLite file (app/db-sqlite.server.ts makes a write
 * wait for the other instance's instead of failing), driven at the same time
 * through HTTP (loopback only, bounded), with Shopify's Admin API answered by
 * the local server in this process. What one instance does, the other must
 * respect:
 * - two staff members saving the same rule, one through each instance: one
 *   save wins, the other gets the conflict message, nothing is lost;
 * - the same webhook delivered to both at once, several times: acted on once;
 * - many webhooks delivered to both at once: every one acknowledged and recorded;
 * - publishing from both at once (two Retry clicks): one Validation per function;
 * - the rules page's remembered Validations are read again after the other's Retry;
 * - shop/redact on one instance while the other saves and publishes for the
 *   same shop: the erased shop's earlier data is gone, the other shop's intact;
 * - nothing of one shop is readable or writable through another shop's token.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { buildApp } from "../support/app-build";
import { startAppInstance, type AppInstance } from "../support/app-instances";
import { TEMPLATE_DB, TEST_RUN_DIR } from "../support/paths";
import { createPostgresDatabase } from "../support/postgres";
import { sessionToken } from "../support/session-token";
import { samplePayload, webhookRequest } from "../support/webhook";
import { ruleForm } from "../admin/helpers";
import { createDatabase, type Database } from "../../app/db.server";

// The production server refuses the suite's short test secret: the instances and this file sign with a real-length one.
process.env.SHOPIFY_API_SECRET = randomBytes(16).toString("hex");
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

type SharedDatabase = { url: string; db: Database; drop: () => Promise<void> };

let mock: AdminApiMock;
let buildDirectory: string;
// The instances and database of the describe block running (one after the other).
let database: SharedDatabase;
let one: AppInstance;
let two: AppInstance;

beforeAll(async () => {
  buildDirectory = join(TEST_RUN_DIR, `instances-build-${randomUUID()}`);
  await buildApp(buildDirectory);
  mock = await startAdminApiMock();
}, 240_000);

afterAll(async () => {
  await mock?.close();
});

/** A copy of the migrated template database, one file for both instances. */
async function createSqliteDatabase(): Promise<SharedDatabase> {
  const file = join(TEST_RUN_DIR, `instances-${randomUUID()}.sqlite`);
  copyFileSync(TEMPLATE_DB, file);
  const url = `file:${file}`;
  const db = createDatabase(url);
  return { url, db, drop: () => db.$disconnect() };
}

const DATABASES = { postgresql: createPostgresDatabase, sqlite: createSqliteDatabase };

/** A request of the embedded admin for `shop` to `instance`, as JSON data (Remix's _data). */
async function admin<T = any>(instance: AppInstance, shop: string, path: string, route: string, body?: FormData | URLSearchParams) {
  const url = new URL(path, instance.url);
  url.searchParams.set("_data", route);
  const response = await fetch(url, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `Bearer ${await sessionToken(shop)}`, "User-Agent": BROWSER },
    body,
  });
  const text = await response.text();
  return { status: response.status, data: (text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text) as T, location: response.headers.get("x-remix-redirect") };
}

async function seed(instance: AppInstance, shop: string, rules: { name: string; definition: Record<string, unknown> }[]) {
  const json = JSON.stringify({ format: "checkout-guard.rules", version: 1, rules: rules.map((rule) => ({ ...rule, status: "active" })) });
  const imported = await admin(instance, shop, "/app/transfer", "routes/app.transfer", new URLSearchParams({ mode: "replace", json }));
  expect(imported.data, JSON.stringify(imported.data)).toMatchObject({ ok: true, count: rules.length });
}

const rulesOf = (shop: string) => database.db.rule.findMany({ where: { shop }, orderBy: { position: "asc" } });

function deliver(instance: AppInstance, shop: string, topic: string, eventId: string) {
  const payload = samplePayload(topic, shop);
  const signed = webhookRequest({ shop, topic, payload, eventId });
  return fetch(`${instance.url}/webhooks/${topic}`, { method: "POST", headers: signed.headers, body: JSON.stringify(payload) });
}

describe.each(["postgresql", "sqlite"] as const)("two instances on one %s database", (kind) => {
  beforeAll(async () => {
    database = await DATABASES[kind]();
    [one, two] = await Promise.all([
      startAppInstance({ buildDirectory, databaseUrl: database.url, adminApiUrl: mock.url }),
      startAppInstance({ buildDirectory, databaseUrl: database.url, adminApiUrl: mock.url }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await database?.drop();
  });

  it("two staff members saving the same rule through different instances: one wins, the other is told, nothing is lost", async () => {
    const shop = uniqueShop("two-staff");
    await seed(one, shop, [{ name: "Cart limit", definition: { kind: "cartQuantity", max: 10 } }]);
    const [rule] = await rulesOf(shop);
    const path = `/app/rules/${rule.id}`;
    const route = "routes/app.rules.$id";
    // Both open the rule, so both hold the same version.
    const [seenByOne, seenByTwo] = await Promise.all([admin(one, shop, path, route), admin(two, shop, path, route)]);
    expect(seenByOne.data.rule.version).toBe(seenByTwo.data.rule.version);
    const save = (instance: AppInstance, max: number) => {
      const form = ruleForm("cartQuantity", { kind: "cartQuantity", max }, { name: "Cart limit" });
      form.set("ruleVersion", seenByOne.data.rule.version);
      return admin(instance, shop, path, route, form);
    };
    const [first, second] = await Promise.all([save(one, 14), save(two, 20)]);
    const outcomes = [first, second].map((result) => (result.data?.ok ? "saved" : result.data?.conflict ? "conflict" : JSON.stringify(result.data)));
    expect(outcomes.sort()).toEqual(["conflict", "saved"]);
    const loser = first.data.ok ? second : first;
    expect(JSON.stringify(loser.data.errors)).toMatch(/changed|another/i);
    const stored = (await rulesOf(shop))[0].definition as unknown as string;
    const winnerMax = first.data.ok ? 14 : 20;
    expect(JSON.parse(stored)).toMatchObject({ kind: "cartQuantity", max: winnerMax });
    // And what Shopify holds is the winner's.
    const cart = mock.validationsOf(shop, "checkout-guard-cart");
    expect(cart).toHaveLength(1);
    expect(mock.metafieldValue(shop, cart[0].id, "config")).toContain(`"max":${winnerMax}`);
  }, 60_000);

  it("the same webhook delivered to both instances at once, three times over, is acted on once", async () => {
    const shop = uniqueShop("duplicates");
    await seed(one, shop, [{ name: "No PO boxes", definition: { kind: "addressKind", block: ["poBox"] } }]);
    const eventId = randomUUID();
    const responses = await Promise.all([one, two, one, two, one, two].map((instance) => deliver(instance, shop, "app/scopes_update", eventId)));
    // 200 once handled; 409 while the other instance is handling it (Shopify retries later).
    for (const response of responses) expect([200, 409]).toContain(response.status);
    const deliveries = await database.db.webhookDelivery.findMany({ where: { shop, eventId } });
    expect(deliveries).toHaveLength(1);
    const again = await deliver(two, shop, "app/scopes_update", eventId);
    expect(again.status).toBe(200);
    expect(await database.db.webhookDelivery.count({ where: { shop, eventId } })).toBe(1);
  }, 60_000);

  it("forty webhooks delivered to both instances at once are all acknowledged, and each handled once", async () => {
    const shop = uniqueShop("many-webhooks");
    await seed(one, shop, [{ name: "Cart limit", definition: { kind: "cartQuantity", max: 10 } }]);
    const topics = ["app/scopes_update", "customers/data_request"];
    const events = Array.from({ length: 40 }, (_, i) => ({ topic: topics[i % 2], eventId: randomUUID(), instance: i % 4 < 2 ? one : two }));
    const responses = await Promise.all(events.map(({ instance, topic, eventId }) => deliver(instance, shop, topic, eventId)));
    expect(responses.map((response) => response.status)).toEqual(events.map(() => 200));
    // app/scopes_update is recorded once handled (customers/data_request, naming a customer, is not recorded at all).
    const scopeEvents = events.filter((e) => e.topic === "app/scopes_update").map((e) => e.eventId);
    const handled = await database.db.webhookDelivery.findMany({ where: { shop } });
    expect(handled.map((delivery) => delivery.eventId).sort()).toEqual(scopeEvents.sort());
    for (const delivery of handled) expect(delivery.handledAt).toBeInstanceOf(Date);
  }, 60_000);

  it("two Retry clicks on two instances at once leave one Validation per function", async () => {
    const shop = uniqueShop("sync-race");
    await seed(one, shop, [
      { name: "No PO boxes", definition: { kind: "addressKind", block: ["poBox"] } },
      { name: "Heavy", definition: { kind: "weight", max: 30, unit: "KILOGRAMS" } },
    ]);
    const retry = (instance: AppInstance) => admin(instance, shop, "/app?index", "routes/app._index", new URLSearchParams({ intent: "retry" }));
    const results = await Promise.all([retry(one), retry(two), retry(one), retry(two)]);
    for (const result of results) expect(result.data.ok, JSON.stringify(result.data)).toBe(true);
    expect(mock.validationsOf(shop, "checkout-guard-address")).toHaveLength(1);
    expect(mock.validationsOf(shop, "checkout-guard-weight")).toHaveLength(1);
    expect(mock.state(shop).validations.size).toBe(2);
  }, 60_000);

  it("the rules page reads Shopify's Validations once for several loads, and again at once after a Retry on the other instance", async () => {
    const shop = uniqueShop("status-cache");
    await seed(one, shop, [{ name: "Cart limit", definition: { kind: "cartQuantity", max: 10 } }]);
    const reads = () => mock.graphqlRequests("validations").filter((r) => r.shop === shop).length;
    const cartStatus = async (instance: AppInstance) => {
      const page = await admin(instance, shop, "/app", "routes/app._index");
      return page.data.status.functions.find((f: { function: string }) => f.function === "cart");
    };
    const [cart] = mock.validationsOf(shop, "checkout-guard-cart");
    expect(await cartStatus(one)).toMatchObject({ validationId: cart.id, validationExists: true });
    const before = reads();
    await cartStatus(one);
    await cartStatus(one);
    expect(reads()).toBe(before);
    // Deleted by hand in Shopify: instance one still shows what it read (for a few seconds at most).
    mock.state(shop).validations.delete(cart.id);
    expect(await cartStatus(one)).toMatchObject({ validationId: cart.id, validationExists: true });
    const retried = await admin(two, shop, "/app?index", "routes/app._index", new URLSearchParams({ intent: "retry" }));
    expect(retried.data.sync, JSON.stringify(retried.data)).toMatchObject({ ok: true });
    const [recreated] = mock.validationsOf(shop, "checkout-guard-cart");
    expect(recreated.id).not.toBe(cart.id);
    expect(await cartStatus(one)).toMatchObject({ validationId: recreated.id, validationExists: true, inSync: true });
  }, 60_000);

  it("shop/redact on one instance while the other saves for the shop: the erased shop's data is gone, the other shop's intact", async () => {
    const erased = uniqueShop("erased");
    const other = uniqueShop("bystander");
    await seed(one, erased, [{ name: "Cart limit", definition: { kind: "cartQuantity", max: 10 } }]);
    await seed(two, other, [{ name: "Theirs", definition: { kind: "distinctLines", max: 5 } }]);
    const otherBefore = await rulesOf(other);
    // Saves for the shop in flight on instance one while instance two erases it.
    const saves = Array.from({ length: 4 }, (_, i) =>
      admin(one, erased, "/app/rules/new", "routes/app.rules.new", ruleForm("distinctLines", { kind: "distinctLines", max: 20 + i }, { name: `Late ${i}` })),
    );
    const redact = await deliver(two, erased, "shop/redact", randomUUID());
    expect(redact.status).toBe(200);
    await Promise.allSettled(saves);
    // Everything stored before the erasure is gone; whatever a save finished afterwards is consistent (its own version and rules).
    const left = await rulesOf(erased);
    expect(left.map((rule) => rule.name)).not.toContain("Cart limit");
    const versions = await database.db.configVersion.findMany({ where: { shop: erased } });
    for (const rule of left) {
      expect(rule.name).toMatch(/^Late /);
      expect(versions.length).toBeGreaterThan(0);
    }
    // The bystander shop is untouched.
    expect(await rulesOf(other)).toEqual(otherBefore);
  }, 60_000);

  it("neither instance lets one shop read or change another shop's rule", async () => {
    const owner = uniqueShop("owner");
    const intruder = uniqueShop("intruder");
    await seed(one, owner, [{ name: "Owner's", definition: { kind: "cartQuantity", max: 3 } }]);
    await seed(two, intruder, [{ name: "Intruder's", definition: { kind: "cartQuantity", max: 4 } }]);
    const [rule] = await rulesOf(owner);
    for (const instance of [one, two]) {
      const read = await admin(instance, intruder, `/app/rules/${rule.id}`, "routes/app.rules.$id");
      expect(read.status).toBe(404);
      const form = ruleForm("cartQuantity", { kind: "cartQuantity", max: 999 }, { name: "Taken over" });
      const write = await admin(instance, intruder, `/app/rules/${rule.id}`, "routes/app.rules.$id", form);
      expect(write.status).toBe(404);
    }
    const after = await rulesOf(owner);
    expect(after.map((r) => [r.name, JSON.parse(r.definition as unknown as string).max])).toEqual([["Owner's", 3]]);
  }, 60_000);

  it("both instances stayed up and logged only JSON lines, without credentials", () => {
    for (const instance of [one, two]) {
      const lines = instance.output().trim().split("\n");
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(instance.output()).not.toContain(process.env.SHOPIFY_API_SECRET!);
      expect(instance.output()).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
      expect(instance.child.exitCode).toBeNull();
    }
  });
});
