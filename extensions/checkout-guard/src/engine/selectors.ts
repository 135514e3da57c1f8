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
 * A selector is read where a rule is checked, at every run, rather than
 * compiled into a closure: QuickJS charges ~3.4k instructions for a closure and
 * more for each variable it captures, about half a product rule's cost. It
 * looks its lists up in the cart's indexes (product-lines.ts), so its cost
 * follows the selector and the lines it matches, not the cart size.
 */
import type { Selector } from "./config";
import { union, type ProductLines } from "./product-lines";
import { COLLECTION_SLOT_FIELDS, listKey, TAG_SLOT_FIELDS, type SlotFields } from "./selection-slots";

/** Matching line positions in cart order, or null when the selector matches every line. */
export type Selection = readonly number[] | null;

const NO_LINES: readonly number[] = [];

/** The lines `selector` matches in `cart`, given the document's list slots. */
export function selectLines(selector: Selector | undefined, cart: ProductLines, slots: SlotFields): Selection {
  if (selector === undefined) return null;
  const { products, variants, tags, collections } = selector;
  let listed = false;
  let found: readonly number[] = NO_LINES;
  if (products !== undefined && products.length > 0) {
    listed = true;
    found = cart.withProducts(products, slots.products);
  }
  if (variants !== undefined && variants.length > 0) {
    listed = true;
    found = union(found, cart.withVariants(variants, slots.variants));
  }
  // A list without a slot matches no line.
  if (tags !== undefined && tags.length > 0) {
    listed = true;
    const slot = slots.tags.indexOf(tags.length === 1 ? tags[0] : listKey(tags));
    if (slot >= 0) found = union(found, cart.withSlot(TAG_SLOT_FIELDS[slot]));
  }
  if (collections !== undefined && collections.length > 0) {
    listed = true;
    const slot = slots.collections.indexOf(collections.length === 1 ? collections[0] : listKey(collections));
    if (slot >= 0) found = union(found, cart.withSlot(COLLECTION_SLOT_FIELDS[slot]));
  }
  return listed ? found : null;
}
