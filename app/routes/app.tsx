import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { Banner } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  // The local demo (app/server/demo.ts) serves a stand-in for App Bridge; the production server refuses its flag.
  const demo = process.env.CHECKOUT_GUARD_DEMO === "1";
  return { apiKey: process.env.SHOPIFY_API_KEY || "", demo };
};

export default function App() {
  const { apiKey, demo } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(demo ? { __APP_BRIDGE_URL: "/__demo/app-bridge.js" } : {})}>
      {demo && (
        <Banner tone="warning" title="Local demo">
          This is Checkout Guard running on your machine for a local demo shop. Nothing is sent to Shopify: publishing goes to
          a local stand-in for the Admin API. Install the app on a development store to guard a real checkout.
        </Banner>
      )}
      <NavMenu>
        <Link to="/app" rel="home">Rules</Link>
        <Link to="/app/simulator">Simulator</Link>
        <Link to="/app/transfer">Import/export</Link>
        <Link to="/app/history">History</Link>
        <Link to="/app/privacy">Privacy</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so its headers get through.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
