/**
 * The checkout functions' TypeScript entries, as the tests call them: each
 * one's `src/cart_validations_generate_run.ts` and `src/index.ts`, loaded from
 * the extension folder its handle names (engine/functions.ts), so that every
 * function of CHECKOUT_FUNCTIONS is covered without a list of imports here.
 *
 * And the rule family each function evaluates (the family its entry passes
 * to the engine), for tests that evaluate below the entry.
 */
import path from "node:path";
import { ADDRESS_RULES } from "../src/engine/address-rules";
import { CART_TOTALS_RULES, CART_WEIGHT_RULES, PRODUCT_RULES } from "../src/engine/cart-rules";
import type { RuleFamily } from "../src/engine/evaluate";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../src/engine/functions";
import type { FunctionResult } from "../src/engine/types";

export type Entry = (input: never) => FunctionResult;

const EXTENSIONS_DIR = path.resolve(__dirname, "..", "..");
const sourceOf = (fn: CheckoutFunction, file: string) => path.join(EXTENSIONS_DIR, CHECKOUT_FUNCTIONS[fn].handle, "src", file);

async function load(file: string): Promise<Record<CheckoutFunction, { cartValidationsGenerateRun: Entry }>> {
  const modules = await Promise.all(CHECKOUT_FUNCTION_NAMES.map((fn) => import(sourceOf(fn, file))));
  return Object.fromEntries(CHECKOUT_FUNCTION_NAMES.map((fn, i) => [fn, modules[i]])) as Record<CheckoutFunction, { cartValidationsGenerateRun: Entry }>;
}

const entryModules = await load("cart_validations_generate_run.ts");
/** Each function's `src/index.ts` (Shopify's template re-exports the entry from it). */
export const INDEX_MODULES = await load("index.ts");

/** Each function's TypeScript entry (`src/cart_validations_generate_run.ts` of its extension). */
export const ENTRIES = Object.fromEntries(
  CHECKOUT_FUNCTION_NAMES.map((fn) => [fn, entryModules[fn].cartValidationsGenerateRun as (input: unknown) => FunctionResult]),
) as Record<CheckoutFunction, (input: unknown) => FunctionResult>;

/** The rule family each function's entry evaluates (what its bundle compiles). */
export const RULE_FAMILIES: Record<CheckoutFunction, RuleFamily> = {
  address: ADDRESS_RULES,
  cart: CART_TOTALS_RULES,
  weight: CART_WEIGHT_RULES,
  productsLean: PRODUCT_RULES,
  products: PRODUCT_RULES,
};
