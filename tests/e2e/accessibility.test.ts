/**
 * Every page of the admin, in Chromium, checked by axe-core (Deque's engine,
 * the one Lighthouse and Built for Shopify reviews use) at desktop and mobile
 * width: no serious or critical violation. Pages are opened as the Shopify
 * admin opens them (tests/e2e/harness.ts); the simulator is checked before and
 * after a run, since its result only exists after one.
 */
import axe from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { uniqueShop } from "../support/admin-api-mock";
import { saveRule } from "../../app/models/rules.server";
import { DEMO_RULES } from "../../app/server/demo-shop";
import { RULE_KINDS, KIND_INFO } from "../../app/components/rule-kinds";
import { startE2eApp, type E2eApp } from "./harness";

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 375, height: 812 },
} as const;

interface Violation {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
}

let app: E2eApp;
const emptyShop = uniqueShop("a11y-empty");
const shop = uniqueShop("a11y");
let ruleId = "";

beforeAll(async () => {
  app = await startE2eApp();
  for (const rule of DEMO_RULES) {
    const saved = await saveRule(shop, rule);
    if (!saved.ok) throw new Error(`seed rule ${rule.name} not saved: ${JSON.stringify(saved)}`);
    ruleId ||= saved.value.id;
  }
}, 180_000);
afterAll(async () => {
  await app?.close();
});

/** Each page: where it is, for which shop, and something on it that says it has rendered. */
const PAGES: { name: string; shop: () => string; path: () => string; ready: string }[] = [
  { name: "rules list, empty state", shop: () => emptyShop, path: () => "/app", ready: "Protect your checkout with a first rule" },
  { name: "rules list", shop: () => shop, path: () => "/app", ready: "No PO boxes" },
  { name: "new rule chooser", shop: () => shop, path: () => "/app/rules/new", ready: "Choose a rule type" },
  ...RULE_KINDS.map((kind) => ({
    name: `new rule form: ${kind}`,
    shop: () => shop,
    path: () => `/app/rules/new?kind=${kind}`,
    ready: `New rule: ${KIND_INFO[kind].label}`,
  })),
  { name: "existing rule", shop: () => shop, path: () => `/app/rules/${ruleId}`, ready: "No PO boxes" },
  { name: "simulator", shop: () => shop, path: () => "/app/simulator", ready: "Run the simulation to see what checkout would do." },
  { name: "import and export", shop: () => shop, path: () => "/app/transfer", ready: "Import and export" },
  { name: "history", shop: () => shop, path: () => "/app/history", ready: "Change history" },
  { name: "privacy", shop: () => shop, path: () => "/app/privacy", ready: "What Checkout Guard stores about your shop." },
];

for (const [width, viewport] of Object.entries(VIEWPORTS)) {
  describe(`axe-core at ${width} width (${viewport.width}×${viewport.height})`, () => {
    for (const { name, shop: pageShop, path, ready } of PAGES) {
      it(`${name}: no serious or critical violation`, async () => {
        const page = await app.open(pageShop(), path(), { viewport });
        await page.getByText(ready).first().waitFor({ timeout: 60_000 });
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      }, 90_000);
    }

    it("simulator after a run: no serious or critical violation", async () => {
      const page = await app.open(shop, "/app/simulator", { viewport });
      await page.getByLabel("Address line 1").fill("PO Box 12");
      await page.getByRole("button", { name: "Run the simulation" }).click();
      await page.getByText("Checkout blocked").waitFor({ timeout: 60_000 });
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }, 90_000);

    it("rule form showing validation errors: no serious or critical violation", async () => {
      const page = await app.open(shop, "/app/rules/new?kind=cartQuantity", { viewport });
      await page.getByLabel("Minimum items").fill("two");
      await page.getByRole("button", { name: "Save rule" }).click();
      await page.getByText("Enter a whole number.").waitFor({ timeout: 60_000 });
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }, 90_000);

    // Polaris modals render in a portal outside the page's main content: check them open.
    for (const [name, path, open] of [
      ["history, restore confirmation", "/app/history", "Restore"],
      ["privacy, delete-all confirmation", "/app/privacy", "Delete all data"],
    ] as const) {
      it(`${name} dialog: no serious or critical violation`, async () => {
        const page = await app.open(shop, path, { viewport });
        await page.getByRole("button", { name: open }).first().click();
        // (At mobile width Polaris' dialog box itself has no size of its own: wait for its action.)
        await page.getByRole("dialog").getByRole("button", { name: open }).waitFor({ timeout: 60_000 });
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      }, 90_000);
    }

    // The other language's pages: its lang attribute, and labels that are not lost in translation.
    for (const path of ["/app", "/app/rules/new?kind=addressKind", "/app/simulator", "/app/privacy"]) {
      it(`${path} in French: no serious or critical violation`, async () => {
        const page = await app.open(shop, `${path}${path.includes("?") ? "&" : "?"}locale=fr`, { viewport });
        await page.waitForLoadState("networkidle");
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      }, 90_000);
    }

    it("login page: no serious or critical violation", async () => {
      // Outside the Shopify admin: no session, no App Bridge, a plain document.
      const context = await app.browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${app.url}/auth/login`);
      await page.getByLabel("Shop domain").waitFor({ timeout: 60_000 });
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }, 90_000);
  });
}
