/**
 * The input-variables metafield (`$app:checkout-guard` / `input-variables`)
 * of one function's Validation, for that function's configuration document:
 * exactly the variables its input query declares (Shopify refuses to run a
 * query whose variables are missing, and passes nothing it does not declare).
 *
 * - every function: `$scheduleAt0…7`, the schedule boundaries of its rules
 *   (`shop.localTime.dateTimeAfter`);
 * - the products function (checkout-guard-products) also `$productTags` and
 *   `$collectionIds`, the tags and collections its rules select on (the query
 *   hands them to `hasTags` / `inCollections`).
 *
 * Derived from the document alone, so the two metafields always describe the
 * same version. The single source of these values: used by the admin
 * (publishing, the simulator) and the sample-input builder.
 */
import type { Config, InputVariables, Selector } from "./config";
import { SCHEDULE_SLOTS } from "./constants";
import type { CheckoutFunction } from "./functions";

/** Fills the schedule slots no rule uses; never reached, so never "passed". */
export const UNUSED_SCHEDULE_SLOT = "9999-12-31T23:59:59";

/** `$scheduleAt0` … `$scheduleAt7`: every function's query declares them. */
export type ScheduleVariables = Record<`scheduleAt${number}`, string>;

/** The variables each function's input query declares. */
export interface FunctionInputVariables {
  address: ScheduleVariables;
  cart: ScheduleVariables;
  weight: ScheduleVariables;
  products: InputVariables;
}

/** The variables of `fn`'s input query for its configuration document (or any document: rules of other functions are read the same way). */
export function inputVariablesFor<F extends CheckoutFunction>(fn: F, config: Pick<Config, "rules" | "clock">): FunctionInputVariables[F] {
  const variables: Record<string, unknown> = {};
  if (fn === "products") {
    const tags = new Set<string>();
    const collections = new Set<string>();
    for (const rule of config.rules) {
      const selectors = rule as Partial<Record<"select" | "other" | "requires", Selector>>;
      for (const selector of [selectors.select, selectors.other, selectors.requires]) {
        for (const tag of selector?.tags ?? []) tags.add(tag);
        for (const id of selector?.collections ?? []) collections.add(`gid://shopify/Collection/${id}`);
      }
    }
    variables.productTags = [...tags];
    variables.collectionIds = [...collections];
  }
  const clock = config.clock ?? [];
  for (let slot = 0; slot < SCHEDULE_SLOTS; slot++) variables[`scheduleAt${slot}`] = clock[slot] ?? UNUSED_SCHEDULE_SLOT;
  return variables as FunctionInputVariables[F];
}
