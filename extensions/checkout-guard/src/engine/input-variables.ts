/**
 * The input-variables metafield (`$app:checkout-guard` / `input-variables`)
 * for a configuration document: the product tags and collection ids its rules
 * select on (the input query hands them to `hasTags` / `inCollections`) and
 * its schedule boundaries (`shop.localTime.dateTimeAfter`, one slot each).
 * Derived from the document alone, so the two metafields always describe the
 * same version. Used by the admin (publishing) and the sample-input builder.
 */
import type { Config, InputVariables, Selector } from "./config";
import { SCHEDULE_SLOTS } from "./constants";

/** Fills the schedule slots no rule uses; never reached, so never "passed". */
export const UNUSED_SCHEDULE_SLOT = "9999-12-31T23:59:59";

export function inputVariablesFor(config: Pick<Config, "rules" | "clock">): InputVariables {
  const tags = new Set<string>();
  const collections = new Set<string>();
  for (const rule of config.rules) {
    const selectors = rule as Partial<Record<"select" | "other" | "requires", Selector>>;
    for (const selector of [selectors.select, selectors.other, selectors.requires]) {
      for (const tag of selector?.tags ?? []) tags.add(tag);
      for (const id of selector?.collections ?? []) collections.add(`gid://shopify/Collection/${id}`);
    }
  }
  const variables: Record<string, unknown> = { productTags: [...tags], collectionIds: [...collections] };
  const clock = config.clock ?? [];
  for (let slot = 0; slot < SCHEDULE_SLOTS; slot++) variables[`scheduleAt${slot}`] = clock[slot] ?? UNUSED_SCHEDULE_SLOT;
  return variables as InputVariables;
}
