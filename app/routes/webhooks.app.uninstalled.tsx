import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { authenticateWebhook, handled, methodNotAllowed } from "../webhooks.server";

export const loader = () => methodNotAllowed();

// The access token goes with the install (PRIVACY.md, "Retention"). Rules stay
// until shop/redact, 48 hours later, so a quick reinstall keeps them.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateWebhook(request);
  // Every session of the shop, offline and online; a repeated delivery deletes nothing.
  await db.session.deleteMany({ where: { shop } });
  return handled();
};
