import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { MAX_VERSIONS, getRule, listRules, saveRule, setRulesStatus } from "../../app/models/rules.server";
import { getVersion, listVersions } from "../../app/models/history.server";
import { ruleInput, SHOP_A } from "./support/fixtures";
import { ruleStoreScenarios, saved } from "./support/scenarios";


describe("rules on SQLite", () => {
  ruleStoreScenarios(() => prisma);

  it("works with the contract's call shape (the app's database by default)", async () => {
    const rule = saved(await saveRule(SHOP_A, ruleInput("streetNumber")));
    expect(await getRule(SHOP_A, rule.id)).toMatchObject({ id: rule.id, kind: "streetNumber" });
    expect((await listRules(SHOP_A)).map((r) => r.id)).toEqual([rule.id]);
    expect((await listVersions(SHOP_A))[0]).toMatchObject({ version: 1, ruleCount: 1, enforcedCount: 1 });
  });

  it("stores only the definition and rule fields: nothing else reaches the database", async () => {
    const shop = "columns.myshopify.com";
    const rule = saved(await saveRule(shop, { ...ruleInput("cartQuantity"), extra: "ignored" } as never));
    const row = await prisma.rule.findUniqueOrThrow({ where: { id: rule.id } });
    expect(JSON.parse(row.definition)).toEqual({ kind: "cartQuantity", min: 2, max: 50, translations: { fr: "Entre {min} et {max} articles." } });
  });
});

describe("patterns at save time", () => {
  it("refuses a hostile or invalid pattern and stores nothing", async () => {
    const shop = "patterns.myshopify.com";
    for (const pattern of ["(a+)+$", "(a|a)*$", "(\\w+\\s?)*$", "([a-z]"]) {
      const result = await saveRule(shop, { name: "Zip", status: "active", definition: { kind: "fieldPattern", field: "zip", mode: "allow", pattern } });
      expect(result, pattern).toMatchObject({ ok: false, errors: { "definition.pattern": expect.any(String) } });
    }
    expect(await listRules(shop)).toEqual([]);
    expect(await listVersions(shop)).toEqual([]);
  });
});

describe("history size", () => {
  it(`keeps the newest ${MAX_VERSIONS} versions of a shop`, async () => {
    const shop = "busy.myshopify.com";
    const rule = saved(await saveRule(shop, ruleInput("cartQuantity")));
    for (let i = 0; i < MAX_VERSIONS; i++) saved(await setRulesStatus(shop, [rule.id], i % 2 ? "active" : "inactive"));
    const versions = await listVersions(shop);
    expect(versions.length).toBe(MAX_VERSIONS);
    expect(versions[0].version).toBe(MAX_VERSIONS + 1);
    expect(versions.at(-1)!.version).toBe(2);
    expect(await getVersion(shop, 1)).toBeNull();
  });
});
