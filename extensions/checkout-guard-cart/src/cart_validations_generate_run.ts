/**
 * Shopify Function entry for the `cart.validations.generate.run` target
 * (export "cart-validations-generate-run" in shopify.extension.toml): the
 * merchant's cart-total rules (cart quantity, distinct lines, subtotal), evaluated by the shared rule engine.
 * Any failure returns no errors, so that checkout is never broken by this app.
 */
import type { CartValidationsGenerateRunInput, CartValidationsGenerateRunResult } from "../generated/api";
import { CART_TOTALS_RULES } from "../../checkout-guard/src/engine/cart-rules";
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
  return toResult(validationErrors(input, CART_TOTALS_RULES));
}
