/**
 * Shopify Function entry for the `cart.validations.generate.run` target
 * (export "cart-validations-generate-run" in shopify.extension.toml).
 * Total: parse the configuration, evaluate, return the errors; any failure
 * returns no errors so that checkout is never broken by this app.
 */
import type { CartValidationsGenerateRunInput, CartValidationsGenerateRunResult } from "../generated/api";
import { toResult, validationErrors } from "./engine/run";

/**
 * The input of the latest run, kept on purpose. Shopify runs the function
 * once per Wasm instance and then drops the instance, QuickJS heap and all;
 * releasing the input's values one by one on return would only spend
 * instructions (~1.3M for a 200-line cart, measured by `npm run bench:function`).
 * The output does not depend on it.
 */
let retainedInput: unknown = null;

export function cartValidationsGenerateRun(input: CartValidationsGenerateRunInput): CartValidationsGenerateRunResult {
  retainedInput = input;
  try {
    return toResult(validationErrors(input));
  } catch {
    return toResult([]);
  }
}
