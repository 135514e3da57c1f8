/**
 * Publishes racing each other, on SQLite (the same contract runs on PostgreSQL
 * in concurrent-publish-postgres.test.ts): a claim on the shop, taken before
 * the Validations are read, makes every publish after the first find the
 * Validations the first created, so parallel saves and Retry clicks end with
 * one Validation per checkout function. A claim taken when it is held waits;
 * one left by a crashed instance expires; an extra Validation is shown and
 * removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { MESSAGES, publishConfiguration } from "../../app/shopify-sync/sync.server";
import * as newRule from "../../app/routes/app.rules.new";
import { CART_FUNCTION, startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { call, newShop, ruleForm, EXAMPLES } from "../admin/helpers";
import {
  cartMax,
  expectOneValidationPerFunction,
  noPoBoxes,
  offlineGraphql,
  orphanShownAndRemoved,
  parallelPublishes,
  parallelRetries,
  saved,
} from "./concurrency";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock?.close();
});

describe("parallel publishes on SQLite", () => {
  it("six publishes of one shop at once leave exactly one Validation per function", async () => {
    await parallelPublishes(mock, [prisma], 6);
  });

  it("five Retry clicks at once, through the home page's action, leave exactly one Validation per function", async () => {
    await parallelRetries(mock, 5);
  });

  it("two staff saving their first rules at the same moment leave one Validation per function", async () => {
    const shop = await newShop("first-rules");
    // The first create is slow to answer: the other save's publish comes meanwhile.
    const held = mock.holdNext({ shop, operation: "validationCreate" });
    const saving = Promise.all([
      call(newRule, "action", "/app/rules/new", { shop, body: ruleForm("cartQuantity", EXAMPLES.cartQuantity, { name: "A" }) }),
      call(newRule, "action", "/app/rules/new", { shop, body: ruleForm("distinctLines", EXAMPLES.distinctLines, { name: "B" }) }),
    ]);
    await held.arrived;
    await new Promise((resolve) => setTimeout(resolve, 500));
    held.release();
    const [a, b] = await saving;
    expect([a.status, b.status]).toEqual([302, 302]);
    await expectOneValidationPerFunction(mock, shop, ["cart"]);
    const [validation] = mock.validationsOf(shop, CART_FUNCTION.handle);
    // The survivor holds both rules: the later publish sent the latest version to it.
    expect(JSON.parse(mock.metafieldValue(shop, validation.id, "config")!).rules).toHaveLength(2);
  });
});

describe("the claim", () => {
  it("a publish that finds the claim taken waits for it, then publishes the version saved meanwhile", async () => {
    const shop = await newShop("waits");
    await saved(shop, cartMax(9));
    const graphql = await offlineGraphql(shop);
    const held = mock.holdNext({ shop, operation: "validationCreate" });
    const first = publishConfiguration(graphql, shop);
    await held.arrived;
    const { version } = await saved(shop, cartMax(5));
    const second = publishConfiguration(graphql, shop);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The second publish has not read the Validations while the first one holds the claim.
    expect(mock.graphqlRequests().filter((r) => r.shop === shop).map((r) => r.graphql!.rootFields[0])).toEqual(["validations", "validationCreate"]);
    held.release();
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, version },
      { ok: true, version },
    ]);
    await expectOneValidationPerFunction(mock, shop, ["cart"]);
    const [validation] = mock.validationsOf(shop, CART_FUNCTION.handle);
    expect(JSON.parse(mock.metafieldValue(shop, validation.id, "config")!).rules.map((r: { max: number }) => r.max)).toEqual([9, 5]);
  });

  it("a claim still held after the wait: nothing is sent, and the answer says why", async () => {
    const shop = await newShop("busy");
    await saved(shop, cartMax(9));
    await prisma.publishClaim.create({ data: { shop, holder: "another-instance", expiresAt: new Date(Date.now() + 60_000) } });
    const outcome = await publishConfiguration(await offlineGraphql(shop), shop, { claimWaitMs: 300 });
    expect(outcome).toEqual({ ok: false, error: MESSAGES.busy });
    expect(mock.requests.filter((r) => r.shop === shop)).toEqual([]);
    // The other holder's claim is untouched.
    expect(await prisma.publishClaim.findUnique({ where: { shop } })).toMatchObject({ holder: "another-instance" });
  });

  it("a claim left by a crashed instance is taken over once it expires", async () => {
    const shop = await newShop("crashed");
    await saved(shop, noPoBoxes);
    await prisma.publishClaim.create({ data: { shop, holder: "crashed-instance", expiresAt: new Date(Date.now() - 1000) } });
    const { version } = await saved(shop, cartMax(9));
    expect(await publishConfiguration(await offlineGraphql(shop), shop)).toEqual({ ok: true, version });
    await expectOneValidationPerFunction(mock, shop, ["address", "cart"]);
  });
});

describe("extra Validations of our functions", () => {
  it("are shown on the status card and removed by its button, keeping the stored one", async () => {
    await orphanShownAndRemoved(mock);
  });

  it("are removed by a publish", async () => {
    const shop = await newShop("orphan-publish");
    await saved(shop, cartMax(9));
    const graphql = await offlineGraphql(shop);
    await publishConfiguration(graphql, shop);
    mock.seedValidation(shop, CART_FUNCTION, { enabled: false });
    mock.seedValidation(shop, CART_FUNCTION);
    const { version } = await saved(shop, cartMax(4));
    expect(await publishConfiguration(graphql, shop)).toEqual({ ok: true, version });
    await expectOneValidationPerFunction(mock, shop, ["cart"]);
  });
});
