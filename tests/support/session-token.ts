/**
 * Session tokens as Shopify's App Bridge issues them, and requests the embedded
 * admin would send with them, so tests drive the app's real `authenticate.admin`
 * (signature, audience, expiry, token exchange) instead of mocking it.
 *
 *   const request = await adminRequest("/app/rules", { shop: "demo.myshopify.com" });
 *   const { admin, session } = await authenticate.admin(request);
 *
 *   await adminRequest("/app/rules/new", { shop, method: "POST", body: { name: "x" } });   // fetch/XHR, form-encoded
 *   await adminRequest("/app", { shop, document: true });                                    // document load: ?shop&host&embedded=1&id_token
 *   await sessionToken(shop, { secret: "wrong" })                                            // rejected by the app
 *
 * seedOfflineSession(shop) stores the offline session the app would have after
 * token exchange; its access token is `offlineAccessToken(shop)`, which the
 * Admin API mock (tests/support/admin-api-mock.ts) accepts until revoked.
 * seedOfflineSession(shop, { expiring: mock.issueExpiringToken(shop) }) stores an
 * expiring token pair instead (what the app gets with expiringOfflineAccessTokens).
 */
import { createHash, randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export const TEST_APP_URL = "https://checkout-guard.test";
export const TEST_SCOPES = "write_validations";

export interface SessionTokenOptions {
  /** Signing secret; default SHOPIFY_API_SECRET (a different one makes the token invalid). */
  secret?: string;
  /** `aud`: the app's client id; default SHOPIFY_API_KEY (another app's id makes it invalid). */
  apiKey?: string;
  /** Staff user id (`sub`); default "42". */
  userId?: string;
  /** Seconds until `exp` (negative: already expired); default 60, as App Bridge. */
  expiresIn?: number;
  /** Seconds from now of `nbf`/`iat` (positive: not yet valid); default 0. */
  notBefore?: number;
  /** Overrides of any claim (e.g. a `dest` for another shop). */
  claims?: Record<string, unknown>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (vitest.config.ts sets it for tests)`);
  return value;
}

/** A real HS256 session token for `shop`, with the claims App Bridge puts in one. */
export async function sessionToken(shop: string, opts: SessionTokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const start = now + (opts.notBefore ?? 0);
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: opts.apiKey ?? env("SHOPIFY_API_KEY"),
    sub: opts.userId ?? "42",
    exp: now + (opts.expiresIn ?? 60),
    nbf: start,
    iat: start,
    jti: randomUUID(),
    sid: createHash("sha256").update(`${shop}:${opts.userId ?? "42"}`).digest("hex").slice(0, 32),
    ...opts.claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(opts.secret ?? env("SHOPIFY_API_SECRET")));
}

/** The `host` query parameter Shopify adds to embedded app URLs (base64 of the admin URL). */
export function hostParam(shop: string): string {
  const store = shop.replace(/\.myshopify\.com$/, "");
  return Buffer.from(`admin.shopify.com/store/${store}`).toString("base64").replace(/=+$/, "");
}

export interface AdminRequestOptions {
  shop: string;
  method?: string;
  /** FormData is sent as is; a plain object is form-encoded (as Remix forms) unless `json`. */
  body?: FormData | URLSearchParams | Record<string, unknown> | string;
  /** Send an object body as JSON (useFetcher with encType application/json). */
  json?: boolean;
  /** A document load (no Authorization header; token in ?id_token=) instead of a fetch. */
  document?: boolean;
  /** A ready-made token (e.g. one signed with a wrong secret); default a valid one. */
  token?: string;
  tokenOptions?: SessionTokenOptions;
  headers?: Record<string, string>;
}

/** A Request to the app as the embedded admin makes it, authenticated by a session token. */
export async function adminRequest(path: string, opts: AdminRequestOptions): Promise<Request> {
  const token = opts.token ?? (await sessionToken(opts.shop, opts.tokenOptions));
  const url = new URL(path, TEST_APP_URL);
  const headers = new Headers(opts.headers);
  if (opts.document) {
    url.searchParams.set("shop", opts.shop);
    url.searchParams.set("host", hostParam(opts.shop));
    url.searchParams.set("embedded", "1");
    url.searchParams.set("id_token", token);
  } else {
    headers.set("Authorization", `Bearer ${token}`);
  }
  const method = (opts.method ?? (opts.body === undefined ? "GET" : "POST")).toUpperCase();
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    if (opts.body instanceof FormData || opts.body instanceof URLSearchParams || typeof opts.body === "string") {
      body = opts.body;
    } else if (opts.json) {
      body = JSON.stringify(opts.body);
      headers.set("Content-Type", "application/json");
    } else {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(opts.body)) {
        if (value === undefined) continue;
        form.append(key, typeof value === "string" ? value : JSON.stringify(value));
      }
      body = form;
    }
  }
  return new Request(url, { method, headers, body });
}

/** The offline access token seedOfflineSession stores; the Admin API mock accepts it for an hour, until revoked. */
export function offlineAccessToken(shop: string): string {
  return `shpat_${createHash("sha256").update(`offline:${shop}`).digest("hex").slice(0, 32)}`;
}

/** The refresh token seedOfflineSession stores with it; the Admin API mock accepts it once. */
export function offlineRefreshToken(shop: string): string {
  return `shprt_${createHash("sha256").update(`refresh:${shop}`).digest("hex").slice(0, 32)}`;
}

/**
 * Stores the shop's offline session through the app's own session storage, as
 * if token exchange had already happened (no request to Shopify).
 */
export async function seedOfflineSession(
  shop: string,
  opts: {
    accessToken?: string;
    scope?: string;
    expiring?: { accessToken: string; refreshToken: string; expires: Date; refreshTokenExpires: Date };
    /** A non-expiring token, as stored before expiring tokens (no expiry, no refresh token). */
    legacy?: boolean;
  } = {},
) {
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("../../app/shopify.server");
  // `expiring`: an expiring token pair (mock.issueExpiringToken), stored as token exchange with expiring=1 stores it.
  const session = new Session({
    id: `offline_${shop}`,
    shop,
    state: "",
    isOnline: false,
    scope: opts.scope ?? TEST_SCOPES,
    accessToken: opts.expiring?.accessToken ?? opts.accessToken ?? offlineAccessToken(shop),
    ...(opts.legacy
      ? {}
      : {
          expires: opts.expiring?.expires ?? new Date(Date.now() + 3600_000),
          refreshToken: opts.expiring?.refreshToken ?? offlineRefreshToken(shop),
          refreshTokenExpires: opts.expiring?.refreshTokenExpires ?? new Date(Date.now() + 90 * 24 * 3600_000),
        }),
  });
  await sessionStorage.storeSession(session);
  return session;
}
