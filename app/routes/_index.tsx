import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// Shopify opens the app with ?shop=…&host=…; everything lives under /app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response(
    "Checkout Guard is a Shopify embedded app: open it from your Shopify admin.",
    { headers: { "Content-Type": "text/plain; charset=utf-8" } },
  );
};
