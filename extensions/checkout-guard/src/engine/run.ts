/**
 * From a function's raw input to its result: read the configuration document
 * from the Validation's metafield, evaluate the function's family of rules,
 * wrap the errors.
 *
 * The document is not validated again here. The admin checks it with the
 * shared valibot schema (config.ts) and is the only writer of the app-owned
 * `$app:` metafield, and checking it at every run cost ~60k instructions per
 * rule. Only its version and outline are checked; a missing, malformed or
 * newer-version document, or any failure while evaluating, lets checkout
 * through (no errors): the function never throws.
 */
import type { FunctionConfig } from "./config";
import { CONFIG_VERSION } from "./constants";
import { evaluateFacts, type RuleFamily } from "./evaluate";
import { readFacts } from "./facts";
import type { FunctionInput, FunctionResult, ValidationError } from "./types";

/** The configuration document carried by the input, or null when it is absent or not one this version reads. */
export function documentFromInput(input: FunctionInput): FunctionConfig | null {
  let value: unknown = (input as { validation?: { metafield?: { jsonValue?: unknown } | null } } | null)?.validation?.metafield
    ?.jsonValue;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== "object") return null;
  const document = value as { v?: unknown; rules?: unknown; clock?: unknown };
  if (document.v !== CONFIG_VERSION || !Array.isArray(document.rules)) return null;
  if (document.clock !== undefined && !Array.isArray(document.clock)) return null;
  return document as FunctionConfig;
}

/** The validation errors of one function's rules for an input: [] when checkout may proceed. */
export function validationErrors(input: FunctionInput, family: RuleFamily): ValidationError[] {
  try {
    const config = documentFromInput(input);
    return config ? evaluateFacts(config, readFacts(input, family.lines), family).errors : [];
  } catch {
    return [];
  }
}

/** The function result Shopify expects: one validationAdd operation (with no errors when checkout may proceed). */
export function toResult(errors: ValidationError[]): FunctionResult {
  return { operations: [{ validationAdd: { errors } }] };
}
