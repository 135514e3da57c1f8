/**
 * From the raw function input to the function result: read the configuration
 * from the Validation's metafield, evaluate, wrap the errors. Never throws: a
 * missing, malformed or newer-version configuration, or any unexpected
 * failure, lets checkout through (no errors). The document is checked with
 * the lean `readConfig` (same acceptance as `parseConfig`, see validate.ts).
 */
import type { Config } from "./config";
import { evaluate } from "./evaluate";
import { readConfig } from "./validate";
import type { FunctionInput, FunctionResult, ValidationError } from "./types";

/** The configuration carried by the input, or null when it is absent or invalid. */
export function configFromInput(input: FunctionInput): Config | null {
  let value: unknown = input?.validation?.metafield?.jsonValue;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return readConfig(value);
}

/** The validation errors for an input: [] when the configuration is unusable. */
export function validationErrors(input: FunctionInput): ValidationError[] {
  try {
    const config = configFromInput(input);
    return config ? evaluate(config, input).errors : [];
  } catch {
    return [];
  }
}

/** The function result Shopify expects: one validationAdd operation (with no errors when checkout may proceed). */
export function toResult(errors: ValidationError[]): FunctionResult {
  return { operations: [{ validationAdd: { errors } }] };
}
