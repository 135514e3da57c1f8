import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { translator } from "../i18n";
import { localeOf } from "../i18n.server";

// Shopify opens the app with ?shop=…&host=…; everything lives under /app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response(
    translator(localeOf(request))("error.embeddedOnly"),
    { headers: { "Content-Type": "text/plain; charset=utf-8" } },
  );
};
