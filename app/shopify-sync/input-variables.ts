/**
 * The input-variables metafield's value, derived from a configuration
 * document: the product tags and collection ids the rules select on (the
 * input query passes them to `hasTags` / `inCollections`) and the schedule
 * boundaries (`shop.localTime.dateTimeAfter`). Derived from the document that
 * is published, so the two metafields always describe the same version.
 */
import { SCHEDULE_SLOTS, type Config, type InputVariables, type Selector } from "../../extensions/checkout-guard/src/engine/config";
import { UNUSED_SCHEDULE_SLOT } from "../models/config-document.server";

export function inputVariablesFor(config: Config): InputVariables {
  const tags = new Set<string>();
  const collections = new Set<string>();
  for (const rule of config.rules) {
    const r = rule as Partial<Record<"select" | "other" | "requires", Selector>>;
    for (const selector of [r.select, r.other, r.requires]) {
      for (const tag of selector?.tags ?? []) tags.add(tag);
      for (const id of selector?.collections ?? []) collections.add(`gid://shopify/Collection/${id}`);
    }
  }
  const variables: Record<string, unknown> = { productTags: [...tags], collectionIds: [...collections] };
  const clock = config.clock ?? [];
  for (let slot = 0; slot < SCHEDULE_SLOTS; slot++) variables[`scheduleAt${slot}`] = clock[slot] ?? UNUSED_SCHEDULE_SLOT;
  return variables as InputVariables;
}
