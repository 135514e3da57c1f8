/**
 * The language of the request being answered, for what the server says:
 * validation errors, refusals, publishing outcomes. Each admin route's loader
 * and action runs inside `localized(…)`, which reads the request's language
 * once; the models call `t(key, params)` and need no extra parameter, so they
 * stay plain functions, tested in English by default and in French inside
 * `inLocale("fr", …)`. Work outside a request (webhooks, scripts) speaks
 * English.
 *
 * Where the language comes from (app/i18n.ts has the browser side):
 * 1. `?locale=` on the URL: Shopify opens the app with the staff member's admin locale;
 * 2. the X-Checkout-Guard-Locale header: the page's own requests after that
 *    (navigations, form posts), once the URL has lost `locale`;
 * 3. Accept-Language, for pages opened outside the admin (the login page);
 * 4. English.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { TOptions } from "i18next";
import { DEFAULT_LOCALE, LOCALE_HEADER, label as labelIn, localeFromAcceptLanguage, resolveLocale, translator, type Locale } from "./i18n";

const current = new AsyncLocalStorage<Locale>();

/** The language a request asks for (see above). */
export function localeOf(request: Request): Locale {
  const param = new URL(request.url).searchParams.get("locale");
  if (param) return resolveLocale(param);
  const header = request.headers.get(LOCALE_HEADER);
  if (header) return resolveLocale(header);
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

/** Runs `fn` with the server speaking `locale`. */
export function inLocale<T>(locale: Locale, fn: () => T): T {
  return current.run(locale, fn);
}

/** The language the server is speaking now. */
export function currentLocale(): Locale {
  return current.getStore() ?? DEFAULT_LOCALE;
}

/** A loader or action that answers in its request's language. */
export function localized<A extends { request: Request }, R>(handler: (args: A) => R): (args: A) => R {
  return (args) => inLocale(localeOf(args.request), () => handler(args));
}

/** A message of app/locales/*.json in the current request's language. */
export function t(key: string, params?: TOptions): string {
  return translator(currentLocale())(key, params ?? {}) as string;
}

/** One of the rule editor's English labels (app/i18n.ts, `label`) in the current request's language. */
export function label(text: string): string {
  return labelIn(currentLocale(), text);
}
