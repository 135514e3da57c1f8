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

const NO_KEYS: readonly string[] = [];

// Plain loops, and nothing built for an absent list: selectors are compiled for
// every cart rule at every run, where QuickJS charges a closure per `map` call.
function gids(prefix: string, ids: readonly string[] | undefined): readonly string[] {
  if (ids === undefined || ids.length === 0) return NO_KEYS;
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) out.push(prefix + ids[i]);
  return out;
}

function normalisedTags(tags: readonly string[] | undefined): readonly string[] {
  if (tags === undefined || tags.length === 0) return NO_KEYS;
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) out.push(tags[i].trim().toLowerCase());
  return out;
}

const everyLine: CompiledSelector = () => null;

export function compileSelector(selector: Selector | undefined): CompiledSelector {
  if (selector === undefined) return everyLine;
  const products = gids("gid://shopify/Product/", selector.products);
  const variants = gids("gid://shopify/ProductVariant/", selector.variants);
  const tags = normalisedTags(selector.tags);
  const collections = gids("gid://shopify/Collection/", selector.collections);
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
