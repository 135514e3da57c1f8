/**
 * The tag lists and collection lists the products function asks Shopify about.
 *
 * A selector matches a line whose product has any of its tags or is in any of
 * its collections, which is exactly what `product.hasAnyTag(tags:)` and
 * `product.inAnyCollection(ids:)` answer: one boolean per line for a whole
 * list. (`hasTags` / `inCollections` answer one object per tag or collection
 * per line: about five times the values, each paid at every run, ~13k
 * instructions a line per tag.) The input query has a fixed number of slots
 * (`t0: hasAnyTag(tags: $tags0)` …, constants.ts); each distinct list of the
 * document's selectors takes one, in order of first appearance, and the same
 * list shares it (the admin writes every list sorted and without repeats, so
 * the same set is the same list).
 *
 * The admin writes the lists into the input variables (input-variables.ts),
 * refuses a document with more distinct lists than slots, and publishes the
 * assignment with the function's document (slotFields, publishedDocument);
 * the function derives the same assignment from a document without it
 * (selectors.ts).
 */
import type { PublishedRule, Rule, Selector } from "./config";
import { COLLECTION_LIST_SLOTS, TAG_LIST_SLOTS } from "./constants";

export interface SelectionLists {
  /** Distinct tag lists, in order of first appearance (more than TAG_LIST_SLOTS when over the limit). */
  tags: string[][];
  /** Distinct collection lists (numeric ids), likewise. */
  collections: string[][];
}

/** The input fields answering each slot: `t0`, `t1` … and `c0`, `c1` … (short aliases: every key is paid per line). */
export const TAG_SLOT_FIELDS = Array.from({ length: TAG_LIST_SLOTS }, (_, i) => `t${i}`);
export const COLLECTION_SLOT_FIELDS = Array.from({ length: COLLECTION_LIST_SLOTS }, (_, i) => `c${i}`);

/** A list's key: the admin writes lists sorted and deduplicated, so nothing is sorted here, at checkout. */
export function listKey(values: readonly string[]): string {
  return values.length === 1 ? values[0] : values.join("\n");
}

/** A rule's selector fields (exclusive's `other`, dependency's `requires`). */
export const SELECTOR_FIELDS = ["select", "other", "requires"] as const;
export type RuleSelectors = Partial<Record<(typeof SELECTOR_FIELDS)[number], Selector>>;

/** The non-empty tag or collection lists of a rule's selectors. */
export function listsOfRule(rule: Rule | RuleSelectors, kind: "tags" | "collections"): readonly string[][] {
  const lists: string[][] = [];
  for (const field of SELECTOR_FIELDS) {
    const list = (rule as RuleSelectors)[field]?.[kind];
    if (Array.isArray(list) && list.length > 0) lists.push(list);
  }
  return lists;
}

/** The document's distinct tag and collection lists. */
export function selectionLists(rules: readonly Rule[]): SelectionLists {
  const distinct = (kind: "tags" | "collections") => {
    const lists = new Map<string, string[]>();
    for (const rule of rules) {
      for (const list of listsOfRule(rule, kind)) {
        const key = listKey(list);
        if (!lists.has(key)) lists.set(key, list);
      }
    }
    return [...lists.values()];
  };
  return { tags: distinct("tags"), collections: distinct("collections") };
}

/**
 * For the function: the document's list slots and ids. The admin works them
 * out once and publishes them with the products functions' documents
 * (publishedDocument, functions.ts); a document without them (one published by an
 * earlier version, or the whole document the admin evaluates) has them worked
 * out at the run (slotFields).
 */
export interface SlotFields {
  /** Distinct tag lists' keys (listKey) in slot order: list i is answered in TAG_SLOT_FIELDS[i]; lists past the slots have none. */
  tags: string[];
  /** Distinct collection lists' keys, likewise (COLLECTION_SLOT_FIELDS). */
  collections: string[];
  /** Every product GID and every variant GID the document's selectors list, without repeats (product-lines.ts finds their lines in one pass). */
  products: string[];
  variants: string[];
}

export const PRODUCT_GID = "gid://shopify/Product/";
export const VARIANT_GID = "gid://shopify/ProductVariant/";

// Run by the admin when it publishes a products function's document, and at
// checkout for a document published without the slots: static reads and one
// call per selector (a helper per list and computed keys cost QuickJS ~17k
// instructions a rule). The admin validated the document's shape.
export function slotFields(rules: readonly PublishedRule[]): SlotFields {
  const slots: SlotFields = { tags: [], collections: [], products: [], variants: [] };
  // GIDs already listed: a look-up by key, not indexOf (a selector may list hundreds of ids).
  const listed: Record<string, true> = Object.create(null);
  for (let r = 0; r < rules.length; r++) {
    const { select, other, requires } = rules[r] as RuleSelectors;
    if (select !== undefined) addSelector(slots, listed, select);
    if (other !== undefined) addSelector(slots, listed, other);
    if (requires !== undefined) addSelector(slots, listed, requires);
  }
  return slots;
}

/** Gives the selector's lists the next free slots (as selectionLists orders them) and adds its GIDs not yet `listed`. */
function addSelector(slots: SlotFields, listed: Record<string, true>, { tags, collections, products, variants }: Selector): void {
  if (tags !== undefined && tags.length > 0 && slots.tags.length < TAG_SLOT_FIELDS.length) {
    const key = tags.length === 1 ? tags[0] : listKey(tags);
    if (slots.tags.indexOf(key) < 0) slots.tags.push(key);
  }
  if (collections !== undefined && collections.length > 0 && slots.collections.length < COLLECTION_SLOT_FIELDS.length) {
    const key = collections.length === 1 ? collections[0] : listKey(collections);
    if (slots.collections.indexOf(key) < 0) slots.collections.push(key);
  }
  if (products !== undefined) {
    for (let i = 0; i < products.length; i++) {
      const gid = PRODUCT_GID + products[i];
      if (listed[gid] === true) continue;
      listed[gid] = true;
      slots.products.push(gid);
    }
  }
  if (variants !== undefined) {
    for (let i = 0; i < variants.length; i++) {
      const gid = VARIANT_GID + variants[i];
      if (listed[gid] === true) continue;
      listed[gid] = true;
      slots.variants.push(gid);
    }
  }
}
