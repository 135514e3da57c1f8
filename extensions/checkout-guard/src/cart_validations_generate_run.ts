/**
 * Shopify Function entry for the `cart.validations.generate.run` target
 * (export "cart-validations-generate-run" in shopify.extension.toml).
 * Pure and total: parse the configuration, evaluate, return the errors; any
 * failure returns no errors so that checkout is never broken by this app.
 */
import type { CartValidationsGenerateRunInput, CartValidationsGenerateRunResult } from "../generated/api";
import { toResult, validationErrors } from "./engine/run";

export function cartValidationsGenerateRun(input: CartValidationsGenerateRunInput): CartValidationsGenerateRunResult {
  try {
    return toResult(validationErrors(input));
  } catch {
    return toResult([]);
  }
}
