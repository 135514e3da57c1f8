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
 * list (in any order) shares it.
 *
 * The admin writes the lists into the input variables (input-variables.ts) and
 * refuses a document with more distinct lists than slots; the function
 * derives the same assignment from the same document (selectors.ts).
 */
import type { Rule, Selector } from "./config";
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

/** One key for a list whatever its order and repeats. */
export function listKey(values: readonly string[]): string {
  return [...new Set(values)].sort().join("\n");
}

const SELECTOR_FIELDS = ["select", "other", "requires"] as const;

/** The non-empty tag or collection lists of a rule's selectors. */
export function listsOfRule(rule: Rule, kind: "tags" | "collections"): readonly string[][] {
  const lists: string[][] = [];
  for (const field of SELECTOR_FIELDS) {
    const list = (rule as Partial<Record<(typeof SELECTOR_FIELDS)[number], Selector>>)[field]?.[kind];
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
        if (!lists.has(key)) lists.set(key, [...new Set(list)]);
      }
    }
    return [...lists.values()];
  };
  return { tags: distinct("tags"), collections: distinct("collections") };
}

/** For the function: each list's key → the input field answering it (lists beyond the slots have none). */
export interface SlotFields {
  tags: Map<string, string>;
  collections: Map<string, string>;
}

export function slotFields(rules: readonly Rule[]): SlotFields {
  const lists = selectionLists(rules);
  const fields = (found: string[][], names: string[]) => {
    const map = new Map<string, string>();
    for (let i = 0; i < found.length && i < names.length; i++) map.set(listKey(found[i]), names[i]);
    return map;
  };
  return { tags: fields(lists.tags, TAG_SLOT_FIELDS), collections: fields(lists.collections, COLLECTION_SLOT_FIELDS) };
}
