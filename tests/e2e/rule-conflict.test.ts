/**
 * Two staff members with the same rule open in two browser pages: the first
 * save stands, the second page is told what changed and cannot overwrite it
 * until its staff member reloads the rule; a page's own saves never conflict.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueShop } from "../support/admin-api-mock";
import { listRules, saveRule } from "../../app/models/rules.server";
import { startE2eApp, type E2eApp } from "./harness";

let app: E2eApp;
const shop = uniqueShop("e2e");
beforeAll(async () => {
  app = await startE2eApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const stored = async () => (await listRules(shop))[0].definition;

it("keeps the first of two editors' saves and makes the second reload before saving", async () => {
  const created = await saveRule(shop, { name: "Limit", status: "active", definition: { kind: "cartQuantity", max: 10 } });
  if (!created.ok) throw new Error("rule not created");
  const id = created.value.id;
  const [alice, bob] = [await app.open(shop, `/app/rules/${id}`), await app.open(shop, `/app/rules/${id}`)];
  for (const page of [alice, bob]) await page.getByRole("heading", { name: "Limit" }).first().waitFor({ timeout: 60_000 });

  // Alice saves twice from her page: her own saves move her page's version on.
  for (const [max, version] of [["12", 2], ["14", 3]] as const) {
    await alice.getByLabel("Maximum items").fill(max);
    await alice.getByRole("button", { name: "Save rule" }).click();
    await alice.getByText(`Saved as version ${version}`).waitFor({ timeout: 30_000 });
  }
  expect(await stored()).toEqual({ kind: "cartQuantity", max: 14 });

  // Bob's page still shows max 10: his save is refused, twice, with what changed.
  await bob.getByLabel("Minimum items").fill("2");
  for (let i = 0; i < 2; i++) {
    await bob.getByRole("button", { name: "Save rule" }).click();
    await bob.getByText("Not saved: someone else changed this rule").waitFor({ timeout: 30_000 });
    await bob.getByText("Maximum items: 10 → 14").waitFor();
    await expect.poll(() => bob.getByRole("button", { name: "Save rule" }).isEnabled()).toBe(true);
  }
  expect(await stored()).toEqual({ kind: "cartQuantity", max: 14 });

  // Reloaded, his form shows the stored rule and his change goes through on top of Alice's.
  await bob.getByRole("button", { name: "Reload the rule" }).click();
  await expect.poll(() => bob.getByLabel("Maximum items").inputValue()).toBe("14");
  expect(await bob.getByText("Not saved: someone else changed this rule").count()).toBe(0);
  await bob.getByLabel("Minimum items").fill("2");
  await bob.getByRole("button", { name: "Save rule" }).click();
  await bob.getByText("Saved as version 4").waitFor({ timeout: 30_000 });
  expect(await stored()).toEqual({ kind: "cartQuantity", min: 2, max: 14 });

  // Now Alice's page is the stale one.
  await alice.getByLabel("Maximum items").fill("16");
  await alice.getByRole("button", { name: "Save rule" }).click();
  await alice.getByText("Minimum items: (none) → 2").waitFor({ timeout: 30_000 });
  expect(await stored()).toEqual({ kind: "cartQuantity", min: 2, max: 14 });
}, 180_000);
