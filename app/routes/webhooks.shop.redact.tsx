import type { ActionFunctionArgs } from "@remix-run/node";
import { eraseShopData } from "../models/shop-data.server";
import { authenticateWebhook, badRequest, handled, methodNotAllowed } from "../webhooks.server";

export const loader = () => methodNotAllowed();

// 48 hours after uninstall: erase everything stored about the shop (rules,
// configuration versions, sync state, any session left), in one transaction.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticateWebhook(request);
  // The HMAC signs the body, not the headers: erase only the shop the signed body names.
  if ((payload as { shop_domain?: unknown }).shop_domain !== shop) throw badRequest();
  await eraseShopData(shop);
  return handled();
};
