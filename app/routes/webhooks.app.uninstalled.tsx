import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { authenticateWebhook, handleOnce, methodNotAllowed } from "../webhooks.server";

export const topic = "app/uninstalled";

export const loader = () => methodNotAllowed();

// The access token goes with the install (PRIVACY.md, "Retention"). Rules stay
// until shop/redact, 48 hours later, so a quick reinstall keeps them.
export const action = async ({ request }: ActionFunctionArgs) =>
  handleOnce(await authenticateWebhook(request, topic), async ({ shop }) => {
    // Every session of the shop, offline and online.
    await db.session.deleteMany({ where: { shop } });
  });
