/**
 * The admin's languages: the staff member's Shopify admin locale (Shopify
 * opens the app with `?locale=fr-CA`, say) picks one of the catalogs in
 * app/locales/, English when the app has no catalog for it. i18next renders
 * the catalogs (plurals by Intl.PluralRules, `{{n, number}}` and
 * `{{d, datetime}}` through Intl in the chosen language); the same catalogs
 * are bundled for the browser, so server rendering and hydration agree.
 *
 * Shared by the server and the browser; app/i18n.server.ts tells the server
 * which language a request is in.
 *
 * Another language: app/locales/<code>.json (the same keys as en.json, with the
 * plural forms Intl.PluralRules gives the language), app/locales/labels/<code>.json
 * (the rule editor's English labels), both in CATALOGS and LABELS, Polaris' own
 * <code>.json in POLARIS_TRANSLATIONS, and the code in LOCALES; tests/i18n checks
 * the catalogs and renders every page.
 */
import i18next, { type i18n as I18n, type TFunction } from "i18next";
import en from "./locales/en.json";
import fr from "./locales/fr.json";
import frLabels from "./locales/labels/fr.json";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisFr from "@shopify/polaris/locales/fr.json";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const CATALOGS: Record<Locale, typeof en> = { en, fr };
/** The rule editor's English labels translated (English needs none). */
const LABELS: Partial<Record<Locale, Record<string, string>>> = { fr: frLabels };
/** Polaris' own translations of its components (pagination, bulk actions, drop zone…). */
export const POLARIS_TRANSLATIONS: Record<Locale, typeof polarisEn> = { en: polarisEn, fr: polarisFr };

/** "fr", "fr-CA", "FR_fr" → "fr"; anything the app has no catalog for → English. */
export function resolveLocale(raw: string | null | undefined): Locale {
  const language = (raw ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : DEFAULT_LOCALE;
}

/**
 * The first supported language of an Accept-Language header ("fr-CH, fr;q=0.9,
 * en;q=0.8"), for pages opened outside the Shopify admin (the login page).
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if ((LOCALES as readonly string[]).includes(language)) return language as Locale;
  }
  return null;
}

const instances = new Map<Locale, I18n>();

/** The i18next instance of a language, initialised once, synchronously (the catalogs are bundled). */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...LOCALES],
      resources: Object.fromEntries(LOCALES.map((code) => [code, { translation: CATALOGS[code], labels: LABELS[code] ?? {} }])),
      initAsync: false,
      // React escapes what it renders; the server's messages are shown through React too.
      interpolation: { escapeValue: false },
    });
    instances.set(locale, instance);
  }
  return instance;
}

/**
 * The rule editor's labels (app/components/rule-kinds.ts) are written in English
 * in its tables, which the form and the server's parsing share; they are their
 * own keys, translated in app/locales/labels/<language>.json. An English label
 * with no translation shows as it is (the catalog test lists every one).
 */
export function label(locale: Locale, text: string): string {
  return i18nFor(locale).t(text, { ns: "labels", lng: locale, keySeparator: false, nsSeparator: false, defaultValue: text }) as string;
}

/** What shared code (client and server) translates with: a message key and its values. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A Translate of one language. */
export function translate(locale: Locale): Translate {
  const t = translator(locale);
  return (key, params) => t(key, params ?? {}) as string;
}

/** A translator fixed to one language. */
export function translator(locale: Locale): TFunction {
  return i18nFor(locale).getFixedT(locale);
}

/**
 * A date and time as the staff member reads them ("3 déc. 2026, 10:16 UTC",
 * "Dec 3, 2026, 10:16 AM UTC"). Always in UTC, said so: the server renders the
 * page first and does not know the browser's time zone, and hydration must
 * find the same text.
 */
export function formatDateTime(locale: Locale, value: string | Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(value)) + " UTC";
}

/**
 * A date and time of the shop's clock, as rules are scheduled ("2026-12-24T18:00:00",
 * no zone: checkout reads it in the shop's time zone) → "24 déc. 2026, 18:00".
 */
export function formatWallClock(locale: Locale, value: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(`${value}Z`));
}

/** A number in the language's format ("10 000" in French, "10,000" in English). */
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A list ("French, Dutch and Portuguese", "français, néerlandais et portugais"). */
export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** A language's name in the staff member's language ("néerlandais"). */
export function languageName(locale: Locale, code: string): string {
  return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
}

/** The header the admin's own requests carry the language in, once the page's URL no longer has `locale`. */
export const LOCALE_HEADER = "X-Checkout-Guard-Locale";

let sending: Locale | null = null;

/**
 * In the browser: every request the page makes to the app (Remix's data
 * requests on navigation and after actions, form posts, fetches) says the
 * page's language in a header. Shopify puts `locale` only on the URL it
 * opens the app with; client-side navigation leaves it behind, and a cookie
 * set inside the admin's iframe is a third-party cookie that browsers may
 * drop. App Bridge adds the session token to the same requests the same way.
 */
export function sendLocaleWithRequests(locale: Locale): void {
  if (typeof window === "undefined") return;
  const first = sending === null;
  sending = locale;
  if (!first) return;
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (url.origin !== window.location.origin || sending === null) return original(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has(LOCALE_HEADER)) headers.set(LOCALE_HEADER, sending);
    return original(input, { ...init, headers });
  };
}
