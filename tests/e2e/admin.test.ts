/**
 * The admin in Chromium: create a rule through the form, see it in the list,
 * get an inline error for a bad value, run the simulator and read the message.
 * Screenshots go to tests/e2e/screenshots/ (not committed) for a human look.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { uniqueShop } from "../support/admin-api-mock";
import { listRules } from "../../app/models/rules.server";
import { startE2eApp, type E2eApp } from "./harness";

const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
let app: E2eApp;
const shop = uniqueShop("e2e");

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startE2eApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

describe("admin in a browser", () => {
  let page: Page;

  it("shows the empty state with quick starts", async () => {
    page = await app.open(shop, "/app");
    await page.getByText("Protect your checkout with a first rule").waitFor({ timeout: 60_000 });
    await expect(page.getByRole("link", { name: "Block PO boxes" }).or(page.getByRole("button", { name: "Block PO boxes" })).count()).resolves.toBeGreaterThan(0);
    await shot(page, "1-empty-state");
  }, 90_000);

  it("creates a rule through the form and lists it", async () => {
    await page.getByText("Block PO boxes").first().click();
    await page.getByRole("heading", { name: "New rule: Address type" }).waitFor();
    await page.getByLabel("Name").fill("No PO boxes please");
    await page.getByLabel("Message shown to buyers").fill("{field}: no {kind}, sorry.");
    await page.getByText("Address: no PO box, sorry.").waitFor();
    await shot(page, "2-rule-form");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.waitForURL(/\/app\/rules\/[^/?]+\?/);
    await page.getByRole("heading", { name: "No PO boxes please" }).waitFor();

    const rules = await listRules(shop);
    expect(rules.map((r) => [r.name, r.kind, r.status])).toEqual([["No PO boxes please", "addressKind", "active"]]);
    expect(rules[0].definition).toMatchObject({ kind: "addressKind", block: ["poBox"], message: "{field}: no {kind}, sorry." });
    // The toast is shown from an effect after the page renders: poll for it rather than read it once.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts)).toContain("Rule created");

    await page.getByRole("link", { name: "Rules" }).or(page.getByRole("button", { name: "Rules" })).first().click();
    await page.getByRole("heading", { name: "Checkout rules" }).waitFor();
    await page.getByText("No PO boxes please").waitFor();
    await page.getByText("Blocks PO boxes in address lines and company").waitFor();
    // The status card, per checkout function: the address rule's Validation is published, with its predicted
    // worst case beside its bytes; the cart, weight and both products functions need none.
    await page.getByText("Checkout Guard: addresses").waitFor();
    await page.getByText("Up to date (version 1)").waitFor();
    await page.getByText("Instructions, 200-line cart (worst case)").waitFor();
    await page.getByText("Not needed: no cart quantity, line count and subtotal rules").waitFor();
    await page.getByText("Not needed: no weight rules").waitFor();
    await page.getByText("Not needed: no product rules (line and product quantities, exclusive products, dependencies)").waitFor();
    await page.getByText("Not needed: no product rules by variant, or by a second tag or collection list").waitFor();
    await shot(page, "3-rules-list");
  }, 90_000);

  it("shows an inline error for a bad value and saves nothing", async () => {
    await page.getByRole("link", { name: "Add rule" }).or(page.getByRole("button", { name: "Add rule" })).first().click();
    await page.getByRole("heading", { name: "Choose a rule type" }).waitFor();
    await shot(page, "4-kind-chooser");
    await page.getByRole("link", { name: /Cart quantity/ }).click();
    await page.getByLabel("Minimum items").fill("two");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.getByText("Enter a whole number.").waitFor();
    await page.getByText("The rule was not saved").waitFor();
    await shot(page, "5-inline-error");
    expect((await listRules(shop)).map((r) => r.name)).toEqual(["No PO boxes please"]);
  }, 90_000);

  it("runs the simulator and shows the exact message", async () => {
    page = await app.open(shop, "/app/simulator");
    await page.getByRole("heading", { name: "Simulator" }).waitFor({ timeout: 60_000 });
    await page.getByLabel("Address line 1").fill("PO Box 12");
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await page.getByText("Checkout blocked").waitFor({ timeout: 60_000 });
    await page.getByText("Address: no PO box, sorry.").waitFor();
    await page.getByText("Shown at: Address line 1 (delivery 1)").waitFor();
    await page.getByText("Blocked by: No PO boxes please").waitFor();
    // Each function's run: the address function ran (with its instruction count), the others have no rules.
    await expect(page.getByTestId("simulator-run-address").textContent()).resolves.toMatch(/^1 error, [\d,]+ of 11,000,000 instructions$/);
    for (const fn of ["cart", "weight", "products"]) {
      await expect(page.getByTestId(`simulator-run-${fn}`).textContent()).resolves.toBe("not run: no rules");
    }
    await shot(page, "6-simulator-blocked");

    await page.getByLabel("Address line 1").fill("12 Box Hill Road");
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await page.getByText("Checkout allowed").waitFor();
  }, 120_000);
});

describe("products named by their admin page in a browser", () => {
  // A shop of its own: the list actions below count this file's first shop's rules.
  const pasteShop = uniqueShop("e2e-paste");
  const productUrl = "https://admin.shopify.com/store/e2e-shop/products/8123456789";

  it("reads a pasted product page URL, refuses a storefront URL at the field, and saves the id", async () => {
    const page = await app.open(pasteShop, "/app/rules/new?kind=productQuantity");
    await page.getByRole("heading", { name: "New rule: Product quantity" }).waitFor({ timeout: 60_000 });
    await page.getByLabel("Maximum quantity per product").fill("1");
    const products = page.getByLabel("Products", { exact: true });
    await products.fill("https://e2e-shop.com/products/blue-hat");
    await page.getByText(/it names the item by its handle \("blue-hat"\), not by its id/).waitFor();
    await shot(page, "10-storefront-url-refused");
    await products.fill(productUrl);
    await page.getByText("Understood: product 8123456789.").waitFor();
    // Each item understood links to its page in this shop's admin, to check what the id is.
    const store = pasteShop.replace(".myshopify.com", "");
    await expect(page.getByRole("link", { name: "product 8123456789" }).getAttribute("href")).resolves.toBe(
      `https://admin.shopify.com/store/${store}/products/8123456789`,
    );
    await shot(page, "11-pasted-product-url");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.waitForURL(/\/app\/rules\/(?!new)[^/?]+\?/);
    const rules = await listRules(pasteShop);
    expect(rules.map((r) => r.definition)).toEqual([{ kind: "productQuantity", max: 1, select: { products: ["8123456789"] } }]);
    // The saved rule's page shows the id back, and what it is.
    await page.getByText("Understood: product 8123456789.").waitFor();
  }, 90_000);

  it("runs the simulator on a cart line pasted as a product page URL", async () => {
    const page = await app.open(pasteShop, "/app/simulator");
    await page.getByRole("heading", { name: "Simulator" }).waitFor({ timeout: 60_000 });
    await page.getByLabel("Product", { exact: true }).fill(productUrl);
    await page.getByText("Understood: product 8123456789.").waitFor();
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await page.getByText("Checkout blocked").waitFor({ timeout: 60_000 });
    await page.getByText(`Blocked by: Product quantity`).waitFor();
    await shot(page, "12-simulator-pasted-url");
  }, 120_000);
});

describe("list actions in a browser", () => {
  it("duplicates a rule, then deletes both with the bulk action after confirming", async () => {
    const page = await app.open(shop, "/app");
    await page.getByRole("heading", { name: "Checkout rules" }).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Duplicate" }).click();
    await page.getByText("Up to date (version 2)").waitFor();
    expect(await listRules(shop)).toHaveLength(2);

    await page.getByRole("checkbox", { name: /Select all/ }).first().check({ force: true });
    const more = page.getByRole("button", { name: /More actions|Actions/ });
    const deleteRules = page.getByRole("button", { name: "Delete rules" }).or(page.getByRole("menuitem", { name: "Delete rules" }));
    // The bulk actions appear once the selection has rendered: wait for them before looking for the menu.
    await more.or(deleteRules).first().waitFor();
    if (await more.count()) await more.first().click();
    await deleteRules.first().click();
    await page.getByRole("dialog").getByText("Delete 2 rules?").waitFor();
    await shot(page, "7-delete-confirmation");
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByText("Protect your checkout with a first rule").waitFor();
    expect(await listRules(shop)).toEqual([]);
  }, 90_000);
});

describe("history and import/export in a browser", () => {
  it("lists the saved versions and restores one after confirming", async () => {
    const page = await app.open(shop, "/app/history");
    await page.getByRole("heading", { name: "Change history" }).waitFor({ timeout: 60_000 });
    await page.getByText("Version 1", { exact: true }).waitFor();
    await shot(page, "8-history");
    await page.getByRole("button", { name: "Restore" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
    await page.getByText(/restored as version/).waitFor();
    expect((await listRules(shop)).length).toBeGreaterThan(0);
  }, 90_000);

  it("shows the export and import page", async () => {
    const page = await app.open(shop, "/app/transfer");
    await page.getByRole("heading", { name: "Import and export" }).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Download rules (JSON)" }).waitFor();
    await shot(page, "9-transfer");
  }, 90_000);
});
