/**
 * Run-time constants of the rule model, for the checkout function.
 *
 * config.ts defines them too, next to the valibot schemas; but importing any
 * value from config.ts brings every schema into the function bundle (esbuild
 * cannot drop them: they are built with object spreads), and building them
 * costs millions of WebAssembly instructions at each run. The function's
 * modules therefore import values from here and only types from config.ts.
 * `tests/engine/validate.test.ts` checks that these equal config.ts's.
 */
import type { AddressField, AddressKind, RuleKind, Stage, WeightUnit } from "./config";

export const CONFIG_VERSION = 1;
export const SCHEDULE_SLOTS = 8;

export const ADDRESS_FIELDS: readonly AddressField[] = [
  "address1",
  "address2",
  "city",
  "company",
  "zip",
  "provinceCode",
  "countryCode",
  "phone",
  "firstName",
  "lastName",
];
export const ADDRESS_KIND_FIELDS = ["address1", "address2", "company"] as const;
export const ADDRESS_KINDS: readonly AddressKind[] = ["poBox", "privateMailbox", "parcelLocker", "military", "gopost"];
export const STAGES: readonly Stage[] = ["checkout", "cartAndCheckout", "completion"];
export const WEIGHT_UNITS: readonly WeightUnit[] = ["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"];
export const ADDRESS_RULE_KINDS: readonly RuleKind[] = [
  "addressKind",
  "fieldPattern",
  "fieldLength",
  "requiredFields",
  "charset",
  "streetNumber",
  "postalCode",
  "destination",
];
