/**
 * The app's one logger: structured JSON lines (pino), one object per event.
 *
 * Nothing personal or secret may reach a log (PRIVACY.md, "Logs"). Two guards:
 * - `REDACTED_KEYS`: fields that hold credentials or could hold a buyer's or a
 *   staff member's data are replaced by "[redacted]" at any depth, however a
 *   caller builds the object;
 * - `redactUrl`: a request's URL keeps its path and only the query parameters
 *   known to be harmless (`SAFE_QUERY_PARAMETERS`); every other value, such as the
 *   session token Shopify's admin puts in `id_token`, becomes "[redacted]"
 *   (a `Referer` header too).
 */
import pino, { type DestinationStream, type Logger } from "pino";

export const REDACTED = "[redacted]";

/** Query parameters whose values say nothing about a person and grant nothing. */
export const SAFE_QUERY_PARAMETERS = new Set(["shop", "host", "embedded", "locale", "_data", "index", "page"]);

/** Keys whose values never reach a log, at any depth, whatever a caller logs. */
export const REDACTED_KEYS = new Set(
  [
    // Credentials.
    "authorization", "cookie", "set-cookie", "x-shopify-hmac-sha256", "x-shopify-access-token",
    "accessToken", "access_token", "refreshToken", "refresh_token", "idToken", "id_token",
    "sessionToken", "secret", "apiSecretKey", "password", "state", "code", "hmac",
    // People: staff members (Session) and buyers (webhook payloads, cart input).
    "email", "firstName", "lastName", "first_name", "last_name", "name", "phone",
    "customer", "buyerIdentity", "address", "address1", "address2", "deliveryAddress", "zip",
    "orders_to_redact", "orders_requested", "payload", "body",
  ].map((key) => key.toLowerCase()),
);

const MAX_DEPTH = 8;

/** A copy of `value` with every REDACTED_KEYS field replaced, and URLs reduced by redactUrl. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (value instanceof Error) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (REDACTED_KEYS.has(lower)) copy[key] = REDACTED;
    else if ((lower === "url" || lower === "referer" || lower === "referrer") && typeof field === "string") copy[key] = redactUrl(field);
    else copy[key] = redactDeep(field, depth + 1);
  }
  return copy;
}

/** The URL as it may be logged: path and harmless parameters only. */
export function redactUrl(url: string): string {
  const parsed = new URL(url, "http://x");
  for (const key of [...new Set(parsed.searchParams.keys())]) {
    if (!SAFE_QUERY_PARAMETERS.has(key)) parsed.searchParams.set(key, REDACTED);
  }
  const query = parsed.searchParams.toString();
  return parsed.pathname + (query ? `?${query.replaceAll(encodeURIComponent(REDACTED), REDACTED)}` : "");
}

/** Credentials that can appear inside a message string: session tokens (JWTs), Shopify tokens and secrets, HMACs. */
const CREDENTIAL_PATTERNS = [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, /\bshp[a-z]{2}_[0-9a-f]+/gi, /\b[0-9a-f]{64}\b/gi, /(id_token|hmac|code|state|session)=[^&\s]+/gi];

/** A message with every credential-looking substring replaced by "[redacted]". */
export function redactText(text: string): string {
  return CREDENTIAL_PATTERNS.reduce(
    (result, pattern) => result.replace(pattern, (match, parameter?: string) => (typeof parameter === "string" && match.includes("=") ? `${parameter}=${REDACTED}` : REDACTED)),
    text,
  );
}

export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "checkout-guard" },
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}

export const logger = createLogger();

const SHOPIFY_LEVELS = ["error", "warn", "info", "debug"] as const;

/**
 * Shopify's library logs (`logger` of shopifyApp): through this logger, at
 * info and above, their message strings scrubbed of credentials.
 */
export const shopifyLibraryLogging = {
  level: 2, // LogSeverity.Info
  log: (severity: number, message: string) => logger[SHOPIFY_LEVELS[severity] ?? "info"]({ source: "shopify" }, redactText(message)),
};
