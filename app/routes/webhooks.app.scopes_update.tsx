import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { authenticateWebhook, handleOnce, methodNotAllowed } from "../webhooks.server";

export const topic = "app/scopes_update";

export const loader = () => methodNotAllowed();

// Keeps the granted scopes current on the shop's sessions and sync state.
export const action = async ({ request }: ActionFunctionArgs) =>
  handleOnce(await authenticateWebhook(request, topic), async ({ shop, payload }, _record, markHandled) => {
    const scope = payload.current.join(",");
    // Only for an installed shop: a late delivery must not recreate data after uninstall or redact.
    // Handled with the change itself: one commit instead of two.
    const [sessions, synced] = await db.$transaction([
      db.session.updateMany({ where: { shop }, data: { scope } }),
      db.shopSync.updateMany({ where: { shop }, data: { scope } }),
      markHandled(db),
    ]);
    if (sessions.count === 0 || synced.count === 1) return;
    // Installed, but no sync row yet (rare): created where the shop still has a session.
    await db.$transaction(async (tx) => {
      if ((await tx.session.count({ where: { shop } })) > 0) await tx.shopSync.upsert({ where: { shop }, create: { shop, scope }, update: { scope } });
    });
  });
