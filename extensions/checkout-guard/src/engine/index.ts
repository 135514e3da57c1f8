/**
 * The rule engine's public API, shared by the checkout function and the admin
 * (simulator, message previews, rule editor).
 */
export * from "./config";
export { evaluate, evaluateFacts, isAddressRule, addressTarget, CART_TARGET, type Evaluation } from "./evaluate";
export { configFromInput, validationErrors, toResult } from "./run";
export { readConfig } from "./validate";
export { readFacts, languageCandidates, type Facts, type GroupFacts, type JourneyStep } from "./facts";
export {
  DEFAULT_MESSAGES,
  FIELD_LABELS,
  ADDRESS_KIND_LABELS,
  MESSAGE_LANGUAGES,
  MESSAGE_KEYS_BY_KIND,
  PLACEHOLDERS,
  PLACEHOLDERS_BY_KIND,
  defaultMessage,
  fieldLabel,
  addressKindLabel,
  formatNumber,
  renderMessage,
  pickTemplate,
  previewMessage,
  mainMessageKey,
  charsetMessageKey,
  type MessageLanguage,
  type Placeholder,
} from "./messages";
export { OUTPUT_BYTE_LIMIT, MAX_ERRORS, MAX_MESSAGE_BYTES, ERRORS_BYTE_BUDGET, utf8Length } from "./output";
export { stageBlocks } from "./stage";
export { makeScheduleCheck } from "./schedule";
export { charsetAccepts } from "./charset";
export { postalCodeListed, normalizePostalCode } from "./postal-codes";
export { GRAMS_PER_UNIT, UNIT_SYMBOLS, toGrams, fromGrams } from "./weight";
export { inputVariablesFor, UNUSED_SCHEDULE_SLOT } from "./input-variables";
export type { FunctionInput, FunctionResult, ValidationError, Violation, MessageArgs, MessageKey, Finding, Address } from "./types";
