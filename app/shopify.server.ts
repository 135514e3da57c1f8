import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import prisma from "./db.server";
import { shopifyLibraryLogging } from "./logger.server";
import { AppSessionStorage } from "./session-storage.server";
import { shopDomainTransformations } from "./shop-domains.server";

/** The Admin API version the app talks to; the function's own is in its toml. */
export const apiVersion = ApiVersion.April26;

/** The only access scope the app asks for (see PRIVACY.md, "Security"). */
export const SCOPES = ["write_validations"];

/**
 * The app's Shopify configuration over a session storage: the app's own database
 * below; tests pass one on PostgreSQL to run the same authentication there.
 */
export function createShopifyApp(sessionStorage = new AppSessionStorage(prisma)) {
  return shopifyApp({
    apiKey: process.env.SHOPIFY_API_KEY,
    apiSecretKey: process.env.SHOPIFY_API_SECRET || "",
    apiVersion,
    scopes: SCOPES,
    appUrl: process.env.SHOPIFY_APP_URL || "",
    authPathPrefix: "/auth",
    sessionStorage,
    distribution: AppDistribution.AppStore,
    // Structured, without credentials (app/logger.server.ts).
    logger: shopifyLibraryLogging,
    future: {
      // Session tokens + token exchange: no OAuth redirects inside the admin.
      unstable_newEmbeddedAuthStrategy: true,
      // Offline tokens that expire after an hour, with a refresh token (required of
      // public apps from 1 January 2027). authenticate.admin exchanges the session
      // token again when the stored one is within 5 minutes of expiry;
      // unauthenticated.admin refreshes it with the refresh token (webhooks load no
      // session: app/webhooks.server.ts).
      expiringOfflineAccessTokens: true,
    },
    // Shops on a custom domain (e.g. Shopify's own test environments), allowed as is.
    domainTransformations: shopDomainTransformations(process.env.SHOP_CUSTOM_DOMAIN),
  });
}

const shopify = createShopifyApp();

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
/**
 * Shopify's authenticate, except that a `host` parameter that is not base64
 * gets a 400: the library means to send such a request to the login page, but
 * decoding it throws first, which would be a 500 (and a retry) for bad input.
 */
export const authenticate: typeof shopify.authenticate = {
  ...shopify.authenticate,
  admin: async (request) => {
    try {
      return await shopify.authenticate.admin(request);
    } catch (error) {
      if (error instanceof DOMException && error.name === "InvalidCharacterError") {
        throw new Response("The host parameter is not valid: open the app from your Shopify admin.", { status: 400 });
      }
      throw error;
    }
  },
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;
