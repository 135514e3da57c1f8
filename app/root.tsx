import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from "@remix-run/react";

// public/ is served as is (app/server/http-app.ts).
export const links = () => [{ rel: "icon", href: "/favicon.ico" }];

export default function App() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
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
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>Checkout Guard</title>
        <Meta />
        <Links />
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 24 }}>
        <h1>{status === 404 ? "This page does not exist" : "Something went wrong"}</h1>
        <p>{status === 404 ? "Open Checkout Guard from your Shopify admin." : "Reload the page; if it happens again, open the app from your Shopify admin."}</p>
        <Scripts />
      </body>
    </html>
  );
}
