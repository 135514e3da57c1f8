/**
 * The list slots of the products function: the admin (input variables) and the
 * function (selectors) must give each list the same slot, from the same document.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import type { Rule } from "../../src/engine/config";
import { inputVariablesFor } from "../../src/engine/input-variables";
import { COLLECTION_SLOT_FIELDS, listKey, selectionLists, slotFields, TAG_SLOT_FIELDS } from "../../src/engine/selection-slots";

const list = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 }).map((l) => [...l].sort());
const selector = fc.record({ tags: list(["a", "b", "c", "d"]), collections: list(["1", "2", "3"]) }, { requiredKeys: [] });
const rule = fc.record({ select: selector, other: fc.option(selector, { nil: undefined }), requires: fc.option(selector, { nil: undefined }) }, { requiredKeys: ["select"] });

test("the function finds each list in the slot whose input variable holds it; lists past the slots have none", () => {
  fc.assert(
    fc.property(fc.array(rule, { maxLength: 6 }), (specs) => {
      const rules = specs.map((spec, i) => ({ id: `r${i}`, kind: "lineQuantity", ...spec }) as unknown as Rule);
      const variables = inputVariablesFor("products", { rules }) as Record<string, string[]>;
      const slots = slotFields(rules);
      const lists = selectionLists(rules);
      TAG_SLOT_FIELDS.forEach((field, i) => {
        if (lists.tags[i]) expect(TAG_SLOT_FIELDS[slots.tags.indexOf(listKey(variables[`tags${i}`]))]).toBe(field);
        else expect(variables[`tags${i}`]).toEqual([]);
      });
      COLLECTION_SLOT_FIELDS.forEach((field, i) => {
        const ids = variables[`collections${i}`].map((gid) => gid.replace("gid://shopify/Collection/", ""));
        if (lists.collections[i]) expect(COLLECTION_SLOT_FIELDS[slots.collections.indexOf(listKey(ids))]).toBe(field);
        else expect(ids).toEqual([]);
      });
      expect(slots.tags.length).toBe(Math.min(lists.tags.length, TAG_SLOT_FIELDS.length));
      expect(slots.collections.length).toBe(Math.min(lists.collections.length, COLLECTION_SLOT_FIELDS.length));
    }),
    { numRuns: 300 },
  );
});
