/**
 * Dates and numbers in the staff member's language (Intl), on the pages and in
 * the server's messages, and where the server's language comes from: the
 * `locale` parameter Shopify opens the app with, then the header the page's own
 * requests carry once the URL has lost it, then Accept-Language; English
 * otherwise. Through the app's real Remix handler with real session tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest } from "../support/session-token";
import { createRuleThroughEditor, newShop } from "../admin/helpers";
import { formatDateTime, formatNumber, LOCALE_HEADER } from "../../app/i18n";
import { inLocale, localeOf } from "../../app/i18n.server";
import { validateRuleInput } from "../../app/models/rule-validation.server";

let app: RemixApp;
let mock: AdminApiMock;
let shop: string;

beforeAll(async () => {
  mock = await startAdminApiMock();
  app = await startRemixApp();
  shop = await newShop("i18n-formats");
  await createRuleThroughEditor(shop, "cartQuantity", "At most 50 items");
});
afterAll(async () => {
  await app?.close();
  await mock?.close();
});

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/[ \t\n]+/g, " ");

const FRENCH_DATE = /\b\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}, \d{2}:\d{2} UTC\b/;

describe("dates and numbers", () => {
  it("are written as the language writes them", () => {
    expect(formatDateTime("fr", "2026-12-03T10:16:00Z")).toBe("3 déc. 2026, 10:16 UTC");
    expect(formatDateTime("en", "2026-12-03T10:16:00Z")).toMatch(/^Dec 3, 2026, 10:16\sAM UTC$/);
    expect(formatNumber("fr", 10_000)).toBe("10\u202f000");
    expect(formatNumber("en", 10_000)).toBe("10,000");
  });

  it("a French page shows its dates as 3 déc. 2026 and its numbers as 10 000", async () => {
    const history = text(await (await app.handle(await adminRequest("/app/history?locale=fr", { shop, document: true }))).text());
    expect(history).toMatch(FRENCH_DATE);
    expect(history).toMatch(/\d+\s?\d* octets/);
    const home = text(await (await app.handle(await adminRequest("/app?locale=fr", { shop, document: true }))).text());
    expect(home).toMatch(/[\d\u202f]+ octets sur 10\u202f000/);
    expect(home).toMatch(FRENCH_DATE);
    // The English page, for comparison.
    const english = text(await (await app.handle(await adminRequest("/app?locale=en", { shop, document: true }))).text());
    expect(english).toMatch(/[\d,]+ of 10,000 bytes/);
    expect(english).toMatch(/\b[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M UTC\b/);
  });

  it("the server's messages carry numbers in the language's format", async () => {
    const codes = Array.from({ length: 900 }, (_, i) => String(10000 + i));
    const huge = { name: "Huge", status: "active", definition: { kind: "postalCode", mode: "block", codes: { FR: codes, DE: codes } } };
    const french = await inLocale("fr", () => validateRuleInput(huge));
    expect(french.ok).toBe(false);
    expect(!french.ok && french.errors._form).toMatch(/^Cette règle occupe \d+\u202f\d{3} octets\u00a0; une règle peut en occuper 10\u202f000 au maximum/);
    const english = await validateRuleInput(huge);
    expect(!english.ok && english.errors._form).toMatch(/^This rule takes \d+,\d{3} bytes; a rule can take at most 10,000/);
    // The engine's own schema messages too.
    const long = { name: "Long", status: "active", definition: { kind: "postalCode", mode: "block", codes: { FR: Array.from({ length: 1001 }, (_, i) => String(10000 + i)) } } };
    const refused = await inLocale("fr", () => validateRuleInput(long));
    expect(!refused.ok && refused.errors["definition.codes.FR"]).toBe("1\u202f000\u00a0entrées au maximum.");
  });
});

describe("the server's language", () => {
  const post = async (headers: Record<string, string>, path = "/app?index") =>
    (await app.handle(await adminRequest(path, { shop, body: { intent: "enable" }, headers }))).json();
  // Remix's data request for the action, as the page sends it after a client-side navigation.
  const DATA = "_data=routes%2Fapp._index";

  it("is the URL's locale, then the page's header, then Accept-Language, else English", async () => {
    expect((await post({}, `/app?index&locale=fr&${DATA}`)).errors._form).toBe("Choisissez au moins une règle.");
    expect((await post({ [LOCALE_HEADER]: "fr" }, `/app?index&${DATA}`)).errors._form).toBe("Choisissez au moins une règle.");
    expect((await post({ "Accept-Language": "fr-CA,fr;q=0.9" }, `/app?index&${DATA}`)).errors._form).toBe("Choisissez au moins une règle.");
    expect((await post({}, `/app?index&${DATA}`)).errors._form).toBe("Choose at least one rule.");
    // Shopify's admin locales name a region too; a language without a catalog is English.
    expect((await post({ [LOCALE_HEADER]: "de" }, `/app?index&${DATA}`)).errors._form).toBe("Choose at least one rule.");
  });

  it("reads Shopify's admin locales, the URL first", () => {
    const request = (url: string, headers: Record<string, string> = {}) => new Request(`https://checkout-guard.test${url}`, { headers });
    expect(localeOf(request("/app?locale=fr-CA"))).toBe("fr");
    expect(localeOf(request("/app?locale=FR"))).toBe("fr");
    expect(localeOf(request("/app?locale=pt-BR"))).toBe("en");
    expect(localeOf(request("/app?locale=en", { [LOCALE_HEADER]: "fr" }))).toBe("en");
    expect(localeOf(request("/app", { "Accept-Language": "de-DE, fr;q=0.5, en;q=0.7" }))).toBe("en");
    expect(localeOf(request("/app", { "Accept-Language": "de-DE, fr;q=0.8, en;q=0.7" }))).toBe("fr");
  });

  it("the request caps speak it too", async () => {
    const big = new URLSearchParams({ intent: "enable", ids: "x".repeat(70_000) });
    const response = await app.handle(await adminRequest(`/app?index&locale=fr&${DATA}`, { shop, body: big }));
    expect(response.status).toBe(413);
    expect((await response.json()).errors._form).toBe("Cette requête dépasse 64\u00a0Ko, le maximum accepté par cette page. Rien n’a été enregistré.");
  });
});
