import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { eraseShopData } from "../models/shop-data.server";
import { authenticateWebhook, handleOnce, methodNotAllowed } from "../webhooks.server";

export const topic = "shop/redact";

export const loader = () => methodNotAllowed();

// 48 hours after uninstall: erase everything stored about the shop (rules,
// configuration versions, sync state, any session left), in one transaction.
export const action = async ({ request }: ActionFunctionArgs) =>
  handleOnce(await authenticateWebhook(request, topic), async ({ shop }, record) => {
    // The erasure takes this delivery's record too; written back in the same
    // transaction, it keeps a retry of this redact from erasing what a reinstall
    // stores meanwhile. It is deleted with the others after 7 days (PRIVACY.md).
    await eraseShopData(shop, db, { andWrite: record });
  });
