import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { exportShopData } from "../models/shop-data.server";

// Resource route: the Privacy page's "Download my data", the shop's data as a JSON file.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const data = await exportShopData(session.shop);
  const name = `checkout-guard-data-${session.shop.replace(/\.myshopify\.com$/, "")}.json`;
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
};
