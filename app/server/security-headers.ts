/**
 * Security headers on every response the server sends (pages, data, assets,
 * webhooks, errors). No X-Frame-Options: the admin runs framed in Shopify's
 * admin, and Shopify's library sets the frame policy it needs on each page
 * (`Content-Security-Policy: frame-ancestors https://<shop> https://admin.shopify.com`).
 */
import type { RequestHandler } from "express";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // Same-origin requests keep the path; others get the origin only, so a page's
  // URL (which carries the session token on first load) never leaves the app.
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/** One year, subdomains included; sent only when the app is served over HTTPS. */
export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders({ https }: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (https) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}
