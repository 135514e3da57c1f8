/**
 * The rule engine's public API for the admin (simulator, message previews,
 * rule editor, message catalogs) and the tests. The checkout functions import
 * their own parts directly (functions.ts), so that each bundle holds only what
 * it runs: never this module, nor the built-in message tables
 * (message-tables.ts, message-catalog.ts).
 */
import type { FunctionConfig } from "./config";
import { ADDRESS_RULES } from "./address-rules";
import { CART_RULES } from "./cart-rules";
import { evaluateFacts, type Evaluation, type RuleFamily } from "./evaluate";
import { readFacts } from "./facts";
import type { FunctionInput } from "./types";

export * from "./config";
export { evaluateFacts, addressTarget, CART_TARGET, type Evaluation, type RuleFamily } from "./evaluate";
export { documentFromInput, validationErrors, toResult } from "./run";
export { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, functionOfRule, functionsOfRules, publishedDocument, splitConfig, type CheckoutFunction } from "./functions";
export { ADDRESS_RULES, CART_RULES };

/** Every family: what the functions decide together (the admin and the tests). */
export const ALL_RULES: RuleFamily = { ...ADDRESS_RULES, ...CART_RULES };

/** Evaluates every family of rules, in the merchant's order: what the functions decide together. */
export function evaluate(config: FunctionConfig, input: FunctionInput): Evaluation {
  return evaluateFacts(config, readFacts(input, ALL_RULES.lines), ALL_RULES);
}
export { readFacts, languageCandidates, type Facts, type GroupFacts, type JourneyStep } from "./facts";
export {
  MESSAGE_LANGUAGES,
  PLACEHOLDERS,
  formatNumber,
  renderMessage,
  pickTemplate,
  catalogText,
  charsetMessageKey,
  type MessageCatalog,
  type MessageLanguage,
  type Placeholder,
} from "./messages";
export {
  DEFAULT_MESSAGES,
  FIELD_LABELS,
  FIELD_LABEL_VARIANTS,
  ADDRESS_KIND_LABELS,
  MESSAGE_KEYS_BY_KIND,
  PLACEHOLDERS_BY_KIND,
  defaultMessage,
  fieldLabel,
  addressKindLabel,
  mainMessageKey,
} from "./message-tables";
export {
  compileMessages,
  fitMessages,
  catalogNeeds,
  builtInCatalog,
  previewMessage,
  translationLanguages,
  type CatalogNeeds,
  type FittedMessages,
} from "./message-catalog";
export { OUTPUT_BYTE_LIMIT, MAX_ERRORS, MAX_MESSAGE_BYTES, ERRORS_BYTE_BUDGET, utf8Length } from "./output";
export { stageBlocks } from "./stage";
export { makeScheduleCheck } from "./schedule";
export { charsetAccepts } from "./charset";
export { postalCodeListed, normalizePostalCode } from "./postal-codes";
export { GRAMS_PER_UNIT, UNIT_SYMBOLS, fromGrams } from "./weight";
export { inputVariablesFor, UNUSED_SCHEDULE_SLOT } from "./input-variables";
export type { FunctionInput, FunctionResult, ValidationError, Violation, MessageArgs, MessageKey, Finding, Address } from "./types";
