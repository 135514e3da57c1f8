/**
 * The input-variables metafield (`$app:checkout-guard` / `input-variables`)
 * of one function's Validation, for that function's configuration document:
 * exactly the variables its input query declares (Shopify refuses to run a
 * query whose variables are missing, and passes nothing it does not declare).
 *
 * - every function: `$scheduleAt0…7`, the schedule boundaries of its rules
 *   (`shop.localTime.dateTimeAfter`);
 * - the products functions (checkout-guard-products-lean: one of each,
 *   checkout-guard-products: two) also `$tags0…` and `$collections0…`, the
 *   distinct tag and collection lists its rules select on, one per slot (the query hands them to `hasAnyTag` / `inAnyCollection`;
 *   selection-slots.ts), an empty list for a slot no rule uses.
 *
 * Derived from the document alone, so the two metafields always describe the
 * same version. The single source of these values: used by the admin
 * (publishing, the simulator) and the sample-input builder.
 */
import type { Config, InputVariables } from "./config";
import { SCHEDULE_SLOTS } from "./constants";
import { selectionLists } from "./selection-slots";
import { listSlotsOf, type CheckoutFunction } from "./functions";

/** Fills the schedule slots no rule uses; never reached, so never "passed". */
export const UNUSED_SCHEDULE_SLOT = "9999-12-31T23:59:59";

/** `$scheduleAt0` … `$scheduleAt7`: every function's query declares them. */
export type ScheduleVariables = Record<`scheduleAt${number}`, string>;

/** The variables each function's input query declares. */
export interface FunctionInputVariables {
  address: ScheduleVariables;
  cart: ScheduleVariables;
  weight: ScheduleVariables;
  productsLean: InputVariables;
  products: InputVariables;
}

/** The variables of `fn`'s input query for its configuration document (or any document: rules of other functions are read the same way). */
export function inputVariablesFor<F extends CheckoutFunction>(fn: F, config: Pick<Config, "rules" | "clock">): FunctionInputVariables[F] {
  const variables: Record<string, unknown> = {};
  const slots = listSlotsOf(fn);
  if (slots.tags + slots.collections > 0) {
    const lists = selectionLists(config.rules);
    for (let slot = 0; slot < slots.tags; slot++) variables[`tags${slot}`] = lists.tags[slot] ?? [];
    for (let slot = 0; slot < slots.collections; slot++) {
      variables[`collections${slot}`] = (lists.collections[slot] ?? []).map((id) => `gid://shopify/Collection/${id}`);
    }
  }
  const clock = config.clock ?? [];
  for (let slot = 0; slot < SCHEDULE_SLOTS; slot++) variables[`scheduleAt${slot}`] = clock[slot] ?? UNUSED_SCHEDULE_SLOT;
  return variables as FunctionInputVariables[F];
}
