/**
 * Every page of the admin, in English and in French, through the app's real
 * Remix handler (real session tokens, the Admin API mock, this file's own
 * database): the French page must not show any text the English page shows,
 * but for the shop's own data (its domain, its rules' names) and a few words
 * spelt the same in both languages (ALLOWED). A string written in a page
 * instead of the catalogs shows in both, and fails the test with its page.
 *
 * The documents are parsed by a real browser (Chromium, scripts off): text
 * nodes, and the attributes people read (aria-label, title, placeholder, alt).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest } from "../support/session-token";
import { createRuleThroughEditor, newShop } from "../admin/helpers";
import { CHROMIUM } from "../e2e/harness";

/**
 * Texts French shares with English, and why:
 * - the product's and Shopify's names, and the Validations' titles as Shopify
 *   shows them in Settings › Checkout (the merchant finds them by that name);
 * - words spelt the same in French: "Type" (a rule's type), "Active" and "Inactive" (a rule, feminine
 *   in French), "Version 3";
 * - country and currency codes.
 */
const ALLOWED: RegExp[] = [
  /^Checkout Guard$/,
  /^Shopify$/,
  /^Checkout Guard: (addresses|cart totals|cart weight|products|products by product, tag or collection)$/,
  /^(Type|Active|Inactive)$/,
  /^Version \d+$/,
  // Country and currency codes (placeholders such as "FR", "USD").
  /^[A-Z]{2,3}$/,
];

let app: RemixApp;
let mock: AdminApiMock;
let browser: Browser;
let shop: string;
let ruleId: string;
/** The shop's own data, the same in any language. */
let data: string[];

const RULES = [
  { kind: "addressKind", name: "No PO boxes" },
  { kind: "cartQuantity", name: "At most 50 items" },
  { kind: "weight", name: "Thirty kilos" },
  { kind: "dependency", name: "Base needed" },
  { kind: "postalCode", name: "Paris codes" },
] as const;

beforeAll(async () => {
  mock = await startAdminApiMock();
  app = await startRemixApp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  shop = await newShop("i18n-pages");
  for (const rule of RULES) ruleId = await createRuleThroughEditor(shop, rule.kind, rule.name);
  // The database's table names, as the Privacy page and PRIVACY.md name them.
  const tables = ["Session", "Rule", "ConfigVersion", "ShopSync", "FunctionSync", "PublishClaim", "WebhookDelivery"];
  data = [shop, shop.replace(/\.myshopify\.com$/, ""), ...RULES.map((r) => r.name), ...tables];
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await mock?.close();
});

interface Page {
  name: string;
  path: string;
  /** A form post: the page as it renders the action's answer. */
  body?: Record<string, string> | ((locale: string) => Record<string, string>);
}

/** A sample the simulator runs: a PO box address (blocked by the first rule) and one line. */
const SIMULATION: Record<string, string> = {
  "address.address1": "PO Box 12",
  "address.city": "Springfield",
  "address.zip": "62701",
  "address.countryCode": "US",
  "line.productId": "111",
  "line.variantId": "",
  "line.quantity": "1",
  "line.price": "10.00",
  "line.weight": "",
  "line.weightUnit": "GRAMS",
  "line.tags": "",
  "line.collections": "",
  language: "EN",
  step: "CHECKOUT_INTERACTION",
  currency: "USD",
  localTime: "2026-12-03T10:00",
};

const PAGES: Page[] = [
  { name: "rules", path: "/app" },
  { name: "rules after a refused change", path: "/app?index", body: { intent: "enable" } },
  { name: "new rule", path: "/app/rules/new" },
  { name: "new rule of a kind", path: "/app/rules/new?kind=cartQuantity" },
  { name: "rule editor", path: "/app/rules/:id" },
  { name: "simulator", path: "/app/simulator" },
  // The buyer's language is the staff member's, as the page starts it: the built-in messages are in theirs.
  { name: "simulator after a run", path: "/app/simulator", body: (locale) => ({ ...SIMULATION, language: locale.toUpperCase() }) },
  { name: "simulator after refused lines", path: "/app/simulator", body: { ...SIMULATION, "line.productId": "https://example.com/products/hat" } },
  { name: "rule editor after a refused save", path: "/app/rules/:id", body: { name: "", status: "active", "definition.kind": "cartQuantity", "definition.min": "two" } },
  { name: "import/export", path: "/app/transfer" },
  { name: "import/export after a refused file", path: "/app/transfer", body: { json: "{not json", mode: "append" } },
  { name: "import/export after a wrong export", path: "/app/transfer", body: { json: JSON.stringify({ format: "checkout-guard/rules", version: 1, rules: [{ name: "" }] }), mode: "append" } },
  { name: "history", path: "/app/history" },
  { name: "history after a refused restore", path: "/app/history", body: { version: "999" } },
  { name: "privacy", path: "/app/privacy" },
  { name: "privacy after an unknown action", path: "/app/privacy", body: { intent: "nothing" } },
  { name: "a page that does not exist", path: "/app/no-such-page" },
];

async function render(page: Page, locale: string): Promise<{ status: number; html: string }> {
  const path = page.path.replace(":id", ruleId);
  const url = `${path}${path.includes("?") ? "&" : "?"}locale=${locale}`;
  const body = typeof page.body === "function" ? page.body(locale) : page.body;
  const response = await app.handle(await adminRequest(url, { shop, document: true, ...(body ? { body } : {}) }));
  return { status: response.status, html: await response.text() };
}

/** What a person reads on the page: its text nodes and labelling attributes, trimmed. */
async function texts(html: string): Promise<{ lang: string; texts: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const tab = await context.newPage();
    await tab.route("**/*", (route) => route.abort());
    await tab.setContent(html, { waitUntil: "domcontentloaded" });
    return await tab.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement?.tagName;
          // A textarea's text is its value, the merchant's own.
          if (parent !== "SCRIPT" && parent !== "STYLE" && parent !== "TEXTAREA") found.push(node.textContent ?? "");
        } else {
          for (const attribute of ["aria-label", "title", "placeholder", "alt"]) {
            const value = (node as Element).getAttribute(attribute);
            if (value) found.push(value);
          }
        }
      }
      return { lang: document.documentElement.lang, texts: found.map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean) };
    });
  } finally {
    await context.close();
  }
}

/** Texts that say something in a language: letters, and not the shop's own data. */
const isWording = (text: string) => /\p{L}{2}/u.test(text) && !data.some((d) => text === d) && !ALLOWED.some((a) => a.test(text));

describe("every page in French", () => {
  for (const page of PAGES) {
    it(`${page.name}: no text left in English`, async () => {
      const [en, fr] = await Promise.all([render(page, "en"), render(page, "fr")]);
      expect(fr.status, fr.html.slice(0, 500)).toBe(en.status);
      const english = await texts(en.html);
      const french = await texts(fr.html);
      expect(english.lang).toBe("en");
      expect(french.lang).toBe("fr");
      // The page says something: a broken render would pass vacuously.
      expect(french.texts.filter(isWording).length).toBeGreaterThanOrEqual(2);
      const englishTexts = new Set(english.texts);
      const untranslated = [...new Set(french.texts.filter((text) => englishTexts.has(text) && isWording(text)))];
      expect(untranslated, `${page.name}: the same text in English and French`).toEqual([]);
    });
  }
});

describe("pages outside the admin", () => {
  const get = (path: string, headers: Record<string, string> = {}) => app.handle(new Request(new URL(path, "https://checkout-guard.test"), { headers }));

  it("the login page follows ?locale=, else the browser's languages", async () => {
    const english = await texts(await (await get("/auth/login")).text());
    for (const response of [await get("/auth/login?locale=fr"), await get("/auth/login", { "Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8" })]) {
      const french = await texts(await response.text());
      expect(french.lang).toBe("fr");
      expect(french.texts).toContain("Se connecter à Checkout Guard");
      const englishTexts = new Set(english.texts);
      expect(french.texts.filter((text) => englishTexts.has(text) && isWording(text) && !/^example\.myshopify\.com$/.test(text))).toEqual([]);
    }
    // A refused shop domain, in French too.
    const refused = await app.handle(
      new Request("https://checkout-guard.test/auth/login?locale=fr", { method: "POST", body: new URLSearchParams({ shop: "not a shop" }) }),
    );
    expect((await texts(await refused.text())).texts).toContain("Saisissez un domaine de boutique valide, par exemple ma-boutique.myshopify.com.");
  });

  it("the app's address outside the admin says, in French, to open it from the admin", async () => {
    const response = await get("/", { "Accept-Language": "fr" });
    expect(await response.text()).toBe("Checkout Guard est une application intégrée à Shopify\u00a0: ouvrez-la depuis votre interface administrateur Shopify.");
  });
});
