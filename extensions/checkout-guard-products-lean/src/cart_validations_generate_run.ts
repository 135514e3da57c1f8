/**
 * Shopify Function entry for the `cart.validations.generate.run` target
 * (export "cart-validations-generate-run" in shopify.extension.toml): the
 * merchant's product rules (kinds 10, 11, 15, 16) that select no variant and use
 * one tag list and one collection list, on the cart's lines, evaluated by the
 * shared rule engine (the same rules and code as checkout-guard-products).
 * Any failure returns no errors, so that checkout is never broken by this app.
 */
import type { CartValidationsGenerateRunInput, CartValidationsGenerateRunResult } from "../generated/api";
import { PRODUCT_RULES } from "../../checkout-guard/src/engine/cart-rules";
import { toResult, validationErrors } from "../../checkout-guard/src/engine/run";

/**
 * The input of the latest run, kept on purpose. Shopify runs the function
 * once per Wasm instance and then drops the instance, QuickJS heap and all;
 * releasing the input's values one by one on return would only spend
 * instructions. The output does not depend on it.
 */
let retainedInput: unknown = null;

export function cartValidationsGenerateRun(input: CartValidationsGenerateRunInput): CartValidationsGenerateRunResult {
  retainedInput = input;
  return toResult(validationErrors(input, PRODUCT_RULES));
}
