import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { authenticateWebhook, handleOnce, methodNotAllowed } from "../webhooks.server";

export const topic = "app/scopes_update";

export const loader = () => methodNotAllowed();

// Keeps the granted scopes current on the shop's sessions and sync state.
export const action = async ({ request }: ActionFunctionArgs) =>
  handleOnce(await authenticateWebhook(request, topic), async ({ shop, payload }, _record, markHandled) => {
    const scope = payload.current.join(",");
    await db.$transaction(async (tx) => {
      const { count } = await tx.session.updateMany({ where: { shop }, data: { scope } });
      // Only for an installed shop: a late delivery must not recreate data after uninstall or redact.
      if (count > 0) await tx.shopSync.upsert({ where: { shop }, create: { shop, scope }, update: { scope } });
      // Handled with the change itself: one commit instead of two.
      await markHandled(tx);
    });
  });
