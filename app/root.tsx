import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { resolveLocale, translator } from "./i18n";
import { localeOf } from "./i18n.server";

// public/ is served as is (app/server/http-app.ts).
export const links = () => [{ rel: "icon", href: "/favicon.ico" }];

// The staff member's language (app/i18n.server.ts): the pages, the document's lang, the error page.
export const loader = ({ request }: LoaderFunctionArgs) => ({ locale: localeOf(request) });
// A page no route matches runs no loader: its URL's `locale` then.
const useLocale = () =>
  useRouteLoaderData<typeof loader>("root")?.locale ?? resolveLocale(new URLSearchParams(useLocation().search).get("locale"));

export default function App() {
  return (
    <html lang={useLocale()}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        {/* Screen readers announce the frame's document by its title (axe: document-title). */}
        <title>Checkout Guard</title>
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

// Whatever escaped the pages' own boundaries: a plain page, never a stack trace.
// (Remix's default one would also print the error outside the logger.)
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const locale = useLocale();
  const t = translator(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <title>Checkout Guard</title>
        <Meta />
        <Links />
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 24 }}>
        <h1>{t(status === 404 ? "error.notFoundTitle" : "error.failedTitle")}</h1>
        <p>{t(status === 404 ? "error.notFoundBody" : "error.failedBody")}</p>
        <Scripts />
      </body>
    </html>
  );
}
