/**
 * Webhook authentication shared by app/routes/webhooks.*.tsx: Shopify's
 * `authenticate.webhook`, with the answers Shopify's compliance review expects
 * where the library's differ.
 */
import { authenticate } from "./shopify.server";

export type WebhookContext = Awaited<ReturnType<typeof authenticate.webhook>>;

const HMAC_HEADER = "X-Shopify-Hmac-Sha256";

/** What a GET (Remix routes it to the loader) gets from a webhook endpoint. */
export const methodNotAllowed = () =>
  new Response(undefined, { status: 405, statusText: "Method Not Allowed", headers: { Allow: "POST" } });

/**
 * Verifies the HMAC and parses the payload. Throws a Response when the request
 * is not a valid webhook, before any change is made:
 * - not POST → 405;
 * - no HMAC header or a wrong one → 401 (the library answers 400 when the
 *   header is missing; Shopify asks 401 for any request it did not sign);
 * - signed but missing other headers, empty, or not JSON → 400 (the library
 *   would let JSON.parse's SyntaxError become a 500, which Shopify retries).
 */
export async function authenticateWebhook(request: Request): Promise<WebhookContext> {
  if (request.method !== "POST") throw methodNotAllowed();
  if (!request.headers.get(HMAC_HEADER)) throw new Response(undefined, { status: 401, statusText: "Unauthorized" });
  let context: WebhookContext;
  try {
    context = await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof SyntaxError) throw badRequest();
    throw error;
  }
  if (!context.payload || typeof context.payload !== "object" || Array.isArray(context.payload)) throw badRequest();
  return context;
}

export const badRequest = () => new Response(undefined, { status: 400, statusText: "Bad Request" });

/** An empty 200: Shopify only needs to know the delivery was handled. */
export const handled = () => new Response(undefined, { status: 200 });
