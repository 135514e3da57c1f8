import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { Banner } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server";
import { POLARIS_TRANSLATIONS } from "../i18n";
import { LocaleProvider } from "../i18n-react";
import { localeOf } from "../i18n.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  // The local demo (app/server/demo.ts) serves a stand-in for App Bridge; the production server refuses its flag.
  const demo = process.env.CHECKOUT_GUARD_DEMO === "1";
  return { apiKey: process.env.SHOPIFY_API_KEY || "", demo, locale: localeOf(request) };
};

// Every page in the staff member's language (app/i18n.ts), Polaris' own words included.
export default function App() {
  const { apiKey, demo, locale } = useLoaderData<typeof loader>();
  return (
    <LocaleProvider locale={locale}>
      <AppProvider
        isEmbeddedApp
        apiKey={apiKey}
        i18n={POLARIS_TRANSLATIONS[locale]}
        {...(demo ? { __APP_BRIDGE_URL: "/__demo/app-bridge.js" } : {})}
      >
        <Navigation demo={demo} />
        <Outlet />
      </AppProvider>
    </LocaleProvider>
  );
}

function Navigation({ demo }: { demo: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {demo && (
        <Banner tone="warning" title={t("app.demo.title")}>
          {t("app.demo.body")}
        </Banner>
      )}
      <NavMenu>
        <Link to="/app" rel="home">{t("app.nav.rules")}</Link>
        <Link to="/app/simulator">{t("app.nav.simulator")}</Link>
        <Link to="/app/transfer">{t("app.nav.transfer")}</Link>
        <Link to="/app/history">{t("app.nav.history")}</Link>
        <Link to="/app/privacy">{t("app.nav.privacy")}</Link>
      </NavMenu>
    </>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers get through.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
