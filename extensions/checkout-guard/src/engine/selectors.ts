/**
 * Line selectors of cart rules. A selector lists products, variants, product
 * tags and collections; a line matches when it matches any list. An absent or
 * empty selector matches every line. Products, variants and collections are
 * given as numeric ids and compared with the input's GIDs. Whether a line's
 * product has any of the selector's tags, or is in any of its collections, is
 * Shopify's answer in the list's slot of the input (selection-slots.ts); a list
 * without a slot (a document the admin would refuse) matches no line. A
 * custom product has no id, tags or collections: only an empty selector
 * matches it.
 *
 * A compiled selector looks its lists up in the cart's indexes (product-lines.ts),
 * so its cost follows the selector and the lines it matches, not the cart size.
 */
import type { Selector } from "./config";
import { union, type ProductLines } from "./product-lines";
import { listKey, PRODUCT_GID, VARIANT_GID, type SlotFields } from "./selection-slots";

/** Matching line positions in cart order, or null when the selector matches every line. */
export type Selection = readonly number[] | null;
export type CompiledSelector = (cart: ProductLines) => Selection;

const NO_KEYS: readonly string[] = [];
const NO_LINES: readonly number[] = [];

// Plain loops, and nothing built for an absent list: selectors are compiled for
// every cart rule at every run, where QuickJS charges a closure per `map` call.
function gids(prefix: string, ids: readonly string[] | undefined): readonly string[] {
  if (ids === undefined || ids.length === 0) return NO_KEYS;
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) out.push(prefix + ids[i]);
  return out;
}

/** The slot answering a list: undefined without a list, "" for a list without a slot. */
function slotOf(list: readonly string[] | undefined, slots: ReadonlyMap<string, string>): string | undefined {
  if (list === undefined || list.length === 0) return undefined;
  return slots.get(listKey(list)) ?? "";
}

const everyLine: CompiledSelector = () => null;

export function compileSelector(selector: Selector | undefined, slots: SlotFields): CompiledSelector {
  if (selector === undefined) return everyLine;
  const products = gids(PRODUCT_GID, selector.products);
  const variants = gids(VARIANT_GID, selector.variants);
  const tags = slotOf(selector.tags, slots.tags);
  const collections = slotOf(selector.collections, slots.collections);
  if (products.length + variants.length === 0 && tags === undefined && collections === undefined) return everyLine;
  return (cart) => {
    let found: readonly number[] = NO_LINES;
    if (products.length > 0) found = cart.withProducts(products, slots.products);
    if (variants.length > 0) found = union(found, cart.withVariants(variants, slots.variants));
    if (tags) found = union(found, cart.withSlot(tags));
    if (collections) found = union(found, cart.withSlot(collections));
    return found;
  };
}
