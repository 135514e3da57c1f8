/**
 * The rule model's constants: the values the checkout function needs at run
 * time. They live apart from the valibot schemas (config.ts, which re-exports
 * them) because importing any value from config.ts builds every schema, which
 * would cost the function millions of WebAssembly instructions on each run.
 */
/** Bumped on any change a function of an older version could not read. */
export const CONFIG_VERSION = 1;

/** Shopify passes at most this many bytes of a metafield value to a function. */
export const METAFIELD_BYTE_LIMIT = 10_000;

export const METAFIELD_NAMESPACE = "$app:checkout-guard";
export const CONFIG_METAFIELD_KEY = "config";
export const INPUT_VARIABLES_METAFIELD_KEY = "input-variables";
/** The function's message catalog (message-catalog.ts). */
export const MESSAGES_METAFIELD_KEY = "messages";

/**
 * Number of schedule boundaries the input query can ask Shopify about
 * (`shop.localTime.dateTimeAfter`, one alias per boundary). A function cannot
 * read the clock, so each distinct start or end of a scheduled rule takes a slot.
 */
export const SCHEDULE_SLOTS = 8;

export const ADDRESS_FIELDS = [
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
] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** Fields whose free text can carry a PO box or another non-deliverable kind. */
export const ADDRESS_KIND_FIELDS = ["address1", "address2", "company"] as const;

export const ADDRESS_KINDS = [
  "poBox",
  "privateMailbox",
  "parcelLocker",
  "military",
  "gopost",
] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export const STAGES = ["checkout", "cartAndCheckout", "completion"] as const;
export type Stage = (typeof STAGES)[number];

export const WEIGHT_UNITS = ["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

/** Address rules: checked on every delivery group with an address. */
export const ADDRESS_RULE_KINDS = [
  "addressKind",
  "fieldPattern",
  "fieldLength",
  "requiredFields",
  "charset",
  "streetNumber",
  "postalCode",
  "destination",
] as const;

/** Cart rules: checked once per cart. */
export const CART_RULE_KINDS = [
  "cartQuantity",
  "lineQuantity",
  "productQuantity",
  "subtotal",
  "distinctLines",
  "weight",
  "exclusive",
  "dependency",
] as const;

/** Product rules: cart rules that select lines (the products functions, functions.ts). */
export const PRODUCT_RULE_KINDS = ["lineQuantity", "productQuantity", "exclusive", "dependency"] as const;

/**
 * Number of distinct tag lists, and of collection lists, the products function's
 * input query can ask Shopify about (`product.hasAnyTag` / `inAnyCollection`,
 * one alias per list: selection-slots.ts). Every slot is one value per cart
 * line whether a rule uses it or not, about 0.5M instructions at 200 lines.
 */
export const TAG_LIST_SLOTS = 2;
export const COLLECTION_LIST_SLOTS = 2;
