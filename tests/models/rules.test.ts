import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { getRule, listRules, saveRule } from "../../app/models/rules.server";
import { listVersions } from "../../app/models/history.server";
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
