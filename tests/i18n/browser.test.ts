/**
 * The admin in French in Chromium, opened as Shopify opens it for a staff
 * member whose admin is in French (`?locale=fr` on the first URL only): the
 * pages reached by client-side navigation, whose URLs no longer carry
 * `locale`, are still French, server-rendered parts included (a new rule's
 * name comes from the server), and so are the toasts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../support/admin-api-mock";
import { listRules } from "../../app/models/rules.server";
import { startE2eApp, type E2eApp } from "../e2e/harness";

let app: E2eApp;
const shop = uniqueShop("i18n-browser");

beforeAll(async () => {
  app = await startE2eApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const toasts = (page: import("playwright-core").Page) => page.evaluate(() => (window as unknown as { __toasts: string[] }).__toasts);

describe("the admin in French", () => {
  it("stays French across client-side navigation, forms and toasts", async () => {
    const page = await app.open(shop, "/app?locale=fr");
    await page.getByText("Protégez votre paiement avec une première règle").waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");

    // Client-side navigation: /app/rules/new?kind=…&preset=…, without `locale`.
    await page.getByText("Bloquer les boîtes postales").first().click();
    await page.getByRole("heading", { name: /^Nouvelle règle\s: Type d’adresse$/ }).waitFor();
    expect(new URL(page.url()).searchParams.get("locale")).toBeNull();
    // The name comes from the loader, run on the server for this navigation: French too.
    await expect(page.getByLabel("Nom", { exact: true }).inputValue()).resolves.toBe("Bloquer les boîtes postales");
    // The built-in buyer message previews in French, the staff member's language.
    await expect(page.getByLabel("Langue de l’acheteur").inputValue()).resolves.toBe("fr");

    await page.getByRole("button", { name: "Enregistrer la règle" }).click();
    await page.waitForURL(/\/app\/rules\/[^/?]+\?/);
    await expect.poll(() => toasts(page)).toContain("Règle créée");
    expect((await listRules(shop)).map((r) => r.name)).toEqual(["Bloquer les boîtes postales"]);

    // Back to the list: the summaries are written on the server, in French.
    await page.getByRole("link", { name: "Règles" }).or(page.getByRole("button", { name: "Règles" })).first().click();
    await page.getByRole("heading", { name: "Règles de paiement" }).waitFor();
    await page.getByText("Bloque boîtes postales dans lignes d’adresse et entreprise").waitFor();

    // A refused change, answered by the server in French after navigation.
    await page.getByRole("link", { name: "Ajouter une règle" }).or(page.getByRole("button", { name: "Ajouter une règle" })).first().click();
    await page.getByRole("heading", { name: "Choisir un type de règle" }).waitFor();
    await page.getByRole("link", { name: /Quantité du panier/ }).click();
    await page.getByLabel("Nombre minimum d’articles").fill("deux");
    await page.getByRole("button", { name: "Enregistrer la règle" }).click();
    await page.getByText("Saisissez un nombre entier.").waitFor();
    await page.getByText("La règle n’a pas été enregistrée").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("fr");
  }, 120_000);
});
