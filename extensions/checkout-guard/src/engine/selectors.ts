/**
 * Line selectors of cart rules. A selector lists products, variants, product
 * tags and collections; a line matches when it matches any list. An absent or
 * empty selector matches every line. Products, variants and collections are
 * given as numeric ids and compared with the input's GIDs; tags are compared
 * case-insensitively, and tags and collections come from `product.hasTags` /
 * `product.inCollections`, which Shopify answers for the tags and collection
 * ids passed as input variables. A custom product has no id, tags or
 * collections: only an empty selector matches it.
 *
 * A compiled selector looks its lists up in the cart's indexes (cart-lines.ts),
 * so its cost follows the selector and the lines it matches, not the cart size.
 */
import type { Selector } from "./config";
import { union, type CartLines } from "./cart-lines";

/** Matching line positions in cart order, or null when the selector matches every line. */
export type Selection = readonly number[] | null;
export type CompiledSelector = (cart: CartLines) => Selection;

const gids = (type: string, ids: readonly string[] | undefined) => (ids ?? []).map((id) => `gid://shopify/${type}/${id}`);
const everyLine: CompiledSelector = () => null;

export function compileSelector(selector: Selector | undefined): CompiledSelector {
  const products = gids("Product", selector?.products);
  const variants = gids("ProductVariant", selector?.variants);
  const tags = (selector?.tags ?? []).map((t) => t.trim().toLowerCase());
  const collections = gids("Collection", selector?.collections);
  if (products.length + variants.length + tags.length + collections.length === 0) return everyLine;
  return (cart) => {
    let found: readonly number[] = [];
    if (products.length > 0) found = cart.withProducts(products);
    if (variants.length > 0) found = union(found, cart.withVariants(variants));
    if (tags.length > 0) found = union(found, cart.withTags(tags));
    if (collections.length > 0) found = union(found, cart.withCollections(collections));
    return found;
  };
}
