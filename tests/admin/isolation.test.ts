/**
 * A merchant sees and changes only its own shop's rules: with a valid session
 * token for shop A, every loader and action of the admin, given shop B's rule
 * ids, version numbers or ?shop=B, leaves B exactly as it was and shows A
 * nothing of B. The shop always comes from the verified token, never the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { seedOfflineSession } from "../support/session-token";
import { listRules } from "../../app/models/rules.server";
import * as index from "../../app/routes/app._index";
import * as newRule from "../../app/routes/app.rules.new";
import * as editRule from "../../app/routes/app.rules.$id";
import * as rulesIndex from "../../app/routes/app.rules._index";
import * as history from "../../app/routes/app.history";
import * as transfer from "../../app/routes/app.transfer";
import * as simulator from "../../app/routes/app.simulator";
import { EXAMPLES, call, form, ruleForm, type RouteModule, createRuleThroughEditor } from "./helpers";

let mock: AdminApiMock;
let A: string;
let B: string;
let aIds: string[];
let bIds: string[];

const create = createRuleThroughEditor;

/** Everything stored or published for a shop. */
async function snapshot(shop: string) {
  const [rules, versions, sync, functions] = await Promise.all([
    prisma.rule.findMany({ where: { shop }, orderBy: { position: "asc" } }),
    prisma.configVersion.findMany({ where: { shop }, orderBy: { version: "asc" } }),
    prisma.shopSync.findUnique({ where: { shop } }),
    prisma.functionSync.findMany({ where: { shop }, orderBy: { function: "asc" } }),
  ]);
  const validations = [...mock.state(shop).validations.values()].map((v) => ({
    id: v.id,
    enabled: v.enabled,
    metafields: [...v.metafields.values()].map((m) => [m.key, m.value, m.updatedAt]),
  }));
  return JSON.stringify({ rules, versions, sync, functions, validations });
}

beforeAll(async () => {
  mock = await startAdminApiMock();
  A = uniqueShop("alpha");
  B = uniqueShop("bravo");
  await seedOfflineSession(A);
  await seedOfflineSession(B);
  aIds = [await create(A, "streetNumber", "A street")];
  // B's rules block a cart of 2 items and PO boxes; A's rules do not.
  bIds = [
    await create(B, "cartQuantity", "B secret cap", { kind: "cartQuantity", max: 1 }),
    await create(B, "addressKind", "B secret PO", EXAMPLES.addressKind),
    await create(B, "postalCode", "B secret codes", EXAMPLES.postalCode),
  ];
});
afterAll(async () => {
  await mock?.close();
});

type Case = { name: string; mod: RouteModule; fn: "loader" | "action"; path: (id: string) => string; params?: (id: string) => Record<string, string>; body?: (id: string) => FormData };

const editPost = (id: string) => ruleForm("cartQuantity", { kind: "cartQuantity", max: 1000 }, { name: `hijacked ${id}` });
const CASES: Case[] = [
  { name: "open B's rule in the editor", mod: editRule, fn: "loader", path: (id) => `/app/rules/${id}`, params: (id) => ({ id }) },
  { name: "save over B's rule", mod: editRule, fn: "action", path: (id) => `/app/rules/${id}`, params: (id) => ({ id }), body: editPost },
  { name: "delete B's rule from the editor", mod: editRule, fn: "action", path: (id) => `/app/rules/${id}`, params: (id) => ({ id }), body: () => form({ intent: "delete" }) },
  { name: "parse a CSV on B's rule", mod: editRule, fn: "action", path: (id) => `/app/rules/${id}`, params: (id) => ({ id }), body: () => form({ intent: "parseCsv", csv: "FR,75001" }) },
  { name: "bulk-enable B's rule", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "enable", ids: [id] }) },
  { name: "bulk-disable B's rule", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "disable", ids: [id] }) },
  { name: "bulk-delete B's rule", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "delete", ids: [id] }) },
  { name: "bulk-delete B's rule with one of A's", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "delete", ids: [aIds[0], id] }) },
  { name: "duplicate B's rule", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "duplicate", id }) },
  { name: "move B's rule up", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "moveUp", id }) },
  { name: "move B's rule down", mod: index, fn: "action", path: () => "/app", body: (id) => form({ intent: "moveDown", id }) },
  { name: "retry publishing", mod: index, fn: "action", path: () => `/app?shop=${B}`, body: () => form({ intent: "retry" }) },
  { name: "create a rule with ?shop=B", mod: newRule, fn: "action", path: () => `/app/rules/new?shop=${B}`, body: () => ruleForm("streetNumber", EXAMPLES.streetNumber, { name: "A via B url" }) },
  { name: "restore B's version number", mod: history, fn: "action", path: () => `/app/history?shop=${B}`, body: () => form({ version: "3" }) },
  { name: "import into ?shop=B", mod: transfer, fn: "action", path: () => `/app/transfer?shop=${B}`, body: () => form({ json: JSON.stringify({ format: "checkout-guard.rules", version: 1, rules: [] }), mode: "replace" }) },
  { name: "simulate with ?shop=B", mod: simulator, fn: "action", path: () => `/app/simulator?shop=${B}`, body: () => form({ "address.address1": "PO Box 1", "address.countryCode": "US" }) },
];

describe("shop isolation", () => {
  it.each(CASES)("shop A cannot $name", async (c) => {
    for (const id of bIds) {
      const before = await snapshot(B);
      const result = await call(c.mod, c.fn, c.path(id), { shop: A, params: c.params?.(id), body: c.body?.(id) });
      expect(await snapshot(B)).toBe(before);
      // Whatever A gets back, nothing of B is in it.
      const text = JSON.stringify(result.data ?? "") + (result.response ? await result.response.clone().text() : "");
      expect(text).not.toMatch(/B secret/);
      if (c.mod === editRule) expect(result.status).toBe(404);
      if (c.mod === index && c.body?.(id).get("intent") !== "retry") {
        expect(result.data?.ok === false || result.status >= 400 || result.data?.version === null).toBe(true);
      }
    }
  });

  it("shows A only A's rules, versions and export, whatever the URL says", async () => {
    const loaders: [RouteModule, string][] = [
      [index, `/app?shop=${B}`],
      [transfer, `/app/transfer?shop=${B}`],
      [history, `/app/history?shop=${B}`],
      [simulator, `/app/simulator?shop=${B}`],
      [newRule, `/app/rules/new?kind=streetNumber&shop=${B}`],
    ];
    for (const [mod, path] of loaders) {
      const result = await call(mod, "loader", path, { shop: A });
      expect(result.status).toBe(200);
      expect(JSON.stringify(result.data)).not.toMatch(/B secret/);
      for (const id of bIds) expect(JSON.stringify(result.data)).not.toContain(id);
    }
    const list = await call(index, "loader", "/app", { shop: A });
    expect(list.data.rules.every((r: { name: string }) => r.name.startsWith("A"))).toBe(true);
    const exported = await call(transfer, "loader", "/app/transfer", { shop: A });
    expect(exported.data.ruleSet.rules.every((r: { name: string }) => r.name.startsWith("A"))).toBe(true);
    const versions = await call(history, "loader", "/app/history", { shop: A });
    const aVersions = await prisma.configVersion.count({ where: { shop: A } });
    expect(versions.data.versions).toHaveLength(aVersions);
    const bounce = await call(rulesIndex, "loader", "/app/rules", { shop: A });
    expect(bounce.status).toBe(302);
  });

  it("simulates A's rules only: a cart B's rules block is allowed for A", async () => {
    const body = form({ "address.address1": "PO Box 1", "address.countryCode": "US", "line.quantity": "5", "line.price": "10", language: "EN", step: "CHECKOUT_INTERACTION", currency: "USD" });
    const forA = await call(simulator, "action", "/app/simulator", { shop: A, body });
    expect(forA.data).toMatchObject({ ok: true, errors: [] });
    const forB = await call(simulator, "action", "/app/simulator", { shop: B, body });
    expect(forB.data.errors.length).toBeGreaterThan(0);
    expect(forB.data.blockedBy.map((b: { name: string }) => b.name)).toContain("B secret cap");
  });

  it("leaves B's rules as they were after all of it", async () => {
    expect((await listRules(B)).map((r) => r.name)).toEqual(["B secret cap", "B secret PO", "B secret codes"]);
  });
});
