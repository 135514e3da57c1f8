import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateWebhook, handled, methodNotAllowed } from "../webhooks.server";

export const topic = "customers/redact";

export const loader = () => methodNotAllowed();

// The app stores no customer data (PRIVACY.md): there is nothing to erase.
// The payload names a customer, so it is neither stored nor logged, not even
// as a delivery record: acknowledging twice changes nothing.
export const action = async ({ request }: ActionFunctionArgs) => {
  await authenticateWebhook(request, topic);
  return handled();
};
