/**
 * The pages' side of app/i18n.ts: the provider the admin layout puts around
 * every page, and the hook components translate and format with. A component
 * rendered without the provider (a unit test of one component) speaks English.
 */
import { useContext, useEffect, useMemo, type ReactNode } from "react";
import { I18nContext, I18nextProvider, useTranslation } from "react-i18next";
import {
  formatDateTime,
  formatList,
  formatNumber,
  formatWallClock,
  i18nFor,
  label,
  languageName,
  resolveLocale,
  sendLocaleWithRequests,
  type Locale,
} from "./i18n";

/** Every page below speaks `locale`; in the browser, the page's requests say it too (see sendLocaleWithRequests). */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => i18nFor(locale), [locale]);
  useEffect(() => sendLocaleWithRequests(locale), [locale]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

/** The translator and the Intl formats of the page's language. */
export function useI18n() {
  const context = useContext(I18nContext);
  const instance = context?.i18n ?? i18nFor("en");
  const { t } = useTranslation("translation", { i18n: instance });
  const locale = resolveLocale(instance.language);
  return useMemo(
    () => ({
      t,
      locale,
      dateTime: (value: string | Date) => formatDateTime(locale, value),
      wallClock: (value: string) => formatWallClock(locale, value),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(locale, value, options),
      list: (items: string[]) => formatList(locale, items),
      language: (code: string) => languageName(locale, code),
      /** One of the rule editor's English labels, in the page's language. */
      label: (text: string) => label(locale, text),
    }),
    [t, locale],
  );
}
