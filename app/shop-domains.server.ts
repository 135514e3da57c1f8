/**
 * SHOP_CUSTOM_DOMAIN (the Shopify app template's variable) lets shops on one more
 * domain than Shopify's own (myshopify.com, shopify.com, myshopify.io, shop.dev)
 * reach the app. The library's former `customShopDomains` option is gone; its
 * successor, `domainTransformations`, both allows a domain and may map it to
 * another: here each shop maps to itself.
 */
import type { DomainTransformation } from "@shopify/shopify-api";

/** A hostname suffix such as `shops.example.com`: labels of letters, digits and hyphens. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export function shopDomainTransformations(domain: string | undefined): DomainTransformation[] | undefined {
  const value = domain?.trim();
  if (!value) return undefined;
  if (!DOMAIN.test(value)) {
    throw new Error(
      `SHOP_CUSTOM_DOMAIN must be a domain such as "shops.example.com" (no scheme, path or wildcard); got "${value}"`,
    );
  }
  // The library reads the allowed domain back from the pattern's source (`\.<domain>$`).
  const escaped = value.toLowerCase().replace(/\./g, "\\.");
  return [{ match: new RegExp(`^([a-zA-Z0-9][a-zA-Z0-9-_]*)\\.${escaped}$`), transform: `$1.${value.toLowerCase()}` }];
}
