/**
 * Line selectors of cart rules. A selector lists products, variants, product
 * tags and collections; a line matches when it matches any list. An absent or
 * empty selector matches every line. Products and variants are compared by
 * the numeric part of their GID; tags (case-insensitively) and collections
 * come from `product.hasTags` / `product.inCollections`, which Shopify
 * answers for the tags and collection ids passed as input variables.
 * A custom product has no id, tags or collections: only an empty selector
 * matches it.
 */
import type { Selector } from "./config";
import type { LineFacts } from "./facts";

export type LinePredicate = (line: LineFacts) => boolean;

const normalizeId = (id: string) => id.replace(/^0+(?=\d)/, "");

export function compileSelector(selector: Selector | undefined): LinePredicate {
  const products = new Set((selector?.products ?? []).map(normalizeId));
  const variants = new Set((selector?.variants ?? []).map(normalizeId));
  const tags = new Set((selector?.tags ?? []).map((t) => t.trim().toLowerCase()));
  const collections = new Set((selector?.collections ?? []).map(normalizeId));
  if (products.size + variants.size + tags.size + collections.size === 0) return () => true;
  return (line) => {
    if (line.productId !== null && products.has(line.productId)) return true;
    if (line.variantId !== null && variants.has(line.variantId)) return true;
    if (tags.size > 0) for (const tag of line.tags) if (tags.has(tag)) return true;
    if (collections.size > 0) for (const id of line.collections) if (collections.has(id)) return true;
    return false;
  };
}
