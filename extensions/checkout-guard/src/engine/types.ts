/**
 * Types shared by the engine modules. Each function's input type is generated
 * from its input query (generated/api.ts of each extension); the engine reads
 * either defensively, since a simulator or a future API version may leave
 * fields out.
 */
import type { CartValidationsGenerateRunInput as AddressFunctionInput } from "../../../checkout-guard-address/generated/api";
import type {
  CartValidationsGenerateRunInput as CartFunctionInput,
  CartValidationsGenerateRunResult,
  ValidationError,
} from "../../../checkout-guard-cart/generated/api";
import type { CartValidationsGenerateRunInput as WeightFunctionInput } from "../../../checkout-guard-weight/generated/api";
import type { CartValidationsGenerateRunInput as ProductsFunctionInput } from "../../../checkout-guard-products/generated/api";
import type { AddressField, AddressKind, RuleKind, WeightUnit } from "./config";

export type FunctionInput = AddressFunctionInput | CartFunctionInput | WeightFunctionInput | ProductsFunctionInput;
export type FunctionResult = CartValidationsGenerateRunResult;
export type { ValidationError };

/** One delivery address as the input query reads it. */
export type Address = Partial<Record<AddressField, string | null>>;

/**
 * Values a message template can show. Numbers are formatted per language by
 * the renderer; `field` and `kind` are shown as localized labels. Nothing
 * here is ever text the buyer typed.
 */
export interface MessageArgs {
  field?: AddressField;
  kind?: AddressKind;
  min?: number;
  max?: number;
  /** The bound that was crossed (min or max). */
  limit?: number;
  multiple?: number;
  quantity?: number;
  lines?: number;
  length?: number;
  subtotal?: number;
  currency?: string;
  weight?: number;
  unit?: WeightUnit;
  product?: string;
  other?: string;
  country?: string;
  province?: string;
  /** Format min / max / limit / subtotal as money (two decimals). */
  money?: boolean;
}

/** A rule check's finding, before it is turned into a message and a target. */
export interface Finding {
  key: MessageKey;
  args: MessageArgs;
  /** Address rules: the field at fault. */
  field?: AddressField;
}

/** Which built-in message a finding uses when the rule has no message of its own. */
export type MessageKey =
  | "addressKind"
  | "fieldPattern"
  | "fieldLengthMin"
  | "fieldLengthMax"
  | "requiredFields"
  | "charsetLatin"
  | "charsetAscii"
  | "charsetNoEmoji"
  | "streetNumber"
  | "postalCode"
  | "destinationCountry"
  | "destinationProvince"
  | "cartQuantityMin"
  | "cartQuantityMax"
  | "lineQuantityMin"
  | "lineQuantityMax"
  | "lineQuantityMultiple"
  | "productQuantityMin"
  | "productQuantityMax"
  | "subtotalMin"
  | "subtotalMax"
  | "distinctLines"
  | "weightMin"
  | "weightMax"
  | "exclusive"
  | "exclusiveOther"
  | "dependency";

/** A rule that blocks, with the exact message and target (what the simulator shows). */
export interface Violation {
  /** The rule's id; "" for a document as published, which carries none (the simulator evaluates the admin's own). */
  ruleId: string;
  kind: RuleKind;
  key: MessageKey;
  target: string;
  message: string;
}
