/**
 * The configuration document: the one rule model shared by the checkout
 * function, the admin (validation, serialization, simulator) and the tests.
 *
 * The admin writes this document as JSON into the Validation's metafield
 * (`$app:checkout-guard` / `config`); the function reads it back from
 * `validation.metafield.jsonValue`. Shopify drops metafield values over
 * 10,000 bytes before they reach a function, so the format is compact:
 * optional fields are omitted when they hold their default, product and
 * collection ids are stored as their numeric part, and postal-code lists use
 * a short string syntax. See docs/configuration.md for the format with examples.
 */
import * as v from "valibot";
import type { SlotFields } from "./selection-slots";
import {
  ADDRESS_FIELDS,
  ADDRESS_RULE_KINDS,
  CART_RULE_KINDS,
  ADDRESS_KIND_FIELDS,
  ADDRESS_KINDS,
  CONFIG_VERSION,
  SCHEDULE_SLOTS,
  STAGES,
  WEIGHT_UNITS,
} from "./constants";

export * from "./constants";

// ---------------------------------------------------------------------------
// Building blocks

const MAX_ID = 40;
const MAX_MESSAGE = 500;
const MAX_LIST = 1_000;

const nonBlank = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, "Must not be empty."), v.maxLength(max, `At most ${max} characters.`));

const countryCode = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{2}$/, "Use a two-letter ISO country code, e.g. FR."),
);
const currencyCode = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{3}$/, "Use a three-letter ISO currency code, e.g. EUR."),
);
/** Numeric part of a Shopify GID, e.g. "8123456789" for gid://shopify/Product/8123456789. */
const numericId = v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,19}$/, "Use a numeric Shopify id."));
const count = v.pipe(v.number(), v.integer("Use a whole number."), v.minValue(0, "Must be 0 or more."), v.maxValue(1_000_000));
const positiveCount = v.pipe(v.number(), v.integer("Use a whole number."), v.minValue(1, "Must be 1 or more."), v.maxValue(1_000_000));
const amount = v.pipe(v.number(), v.minValue(0, "Must be 0 or more."), v.maxValue(1e12));
/** `YYYY-MM-DDTHH:MM:SS` in the shop's time zone, as Shopify's `DateTimeWithoutTimezone`. */
const localDateTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, "Use a local date-time like 2026-12-24T18:00:00."),
);
/** Shopify language codes, lower-cased with a hyphen: "fr", "pt-br". */
const languageCode = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[a-z]{2,4})?$/, "Use a language code such as fr or pt-br."));

const list = <T extends v.GenericSchema>(item: T, min = 0) =>
  v.pipe(v.array(item), v.minLength(min, `Choose at least ${min}.`), v.maxLength(MAX_LIST, `At most ${MAX_LIST} entries.`));

/**
 * Which cart lines a cart rule looks at. An empty or absent selector means
 * every line. A line matches when it matches any of the lists.
 * Tags and collections are resolved by Shopify through the input variables.
 */
export const SelectorSchema = v.strictObject({
  products: v.optional(list(numericId)),
  variants: v.optional(list(numericId)),
  tags: v.optional(list(nonBlank(255))),
  collections: v.optional(list(numericId)),
});
export type Selector = v.InferOutput<typeof SelectorSchema>;

const minMax = <T extends v.GenericSchema>(n: T) => ({
  min: v.optional(n),
  max: v.optional(n),
});

/** Fields every rule has. */
const common = {
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, `Use 1 to ${MAX_ID} letters, digits, _ or -.`)),
  /** Present for scheduled rules: active from `start` (inclusive) until `end` (exclusive). */
  schedule: v.optional(
    v.strictObject({ start: v.optional(localDateTime), end: v.optional(localDateTime) }),
  ),
  /** Applies only when the shipping country is in (or, with `not`, outside) the list. */
  countries: v.optional(
    v.strictObject({ not: v.optional(v.boolean()), codes: list(countryCode, 1) }),
  ),
  /** Default "checkout": checkout steps only; never blocks cart edits. */
  stage: v.optional(v.picklist(STAGES)),
  /** Message template; absent means the built-in default message. */
  message: v.optional(nonBlank(MAX_MESSAGE)),
  /** Message templates per language code ("fr", "pt-br"). */
  translations: v.optional(v.record(languageCode, nonBlank(MAX_MESSAGE))),
};

/** Address rules also choose where the message shows. */
const addressCommon = {
  ...common,
  /** Default "field": next to the field at fault; "banner": top of checkout. */
  display: v.optional(v.picklist(["field", "banner"])),
};

const addressField = v.picklist(ADDRESS_FIELDS);

// ---------------------------------------------------------------------------
// Address rules

export const AddressKindRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("addressKind"),
  block: list(v.picklist(ADDRESS_KINDS), 1),
  /** Default: all of address1, address2, company. */
  fields: v.optional(list(v.picklist(ADDRESS_KIND_FIELDS), 1)),
});

export const FieldPatternRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("fieldPattern"),
  field: addressField,
  /** JavaScript regular expression source, compiled with the `u` flag. */
  pattern: v.pipe(v.string(), v.minLength(1, "Enter a pattern."), v.maxLength(300, "At most 300 characters.")),
  ignoreCase: v.optional(v.boolean()),
  /** "allow": the field must match; "block": the field must not match. */
  mode: v.picklist(["allow", "block"]),
});

export const FieldLengthRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("fieldLength"),
  fields: list(addressField, 1),
  ...minMax(count),
});

export const RequiredFieldsRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("requiredFields"),
  fields: list(addressField, 1),
});

export const CharsetRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("charset"),
  fields: list(addressField, 1),
  /** "latin": Latin script; "ascii": printable ASCII only; "noEmoji": anything but emoji. */
  allow: v.picklist(["latin", "ascii", "noEmoji"]),
  /** With "latin": whether accented letters (é, ß, ø …) are accepted. Default true. */
  accents: v.optional(v.boolean()),
});

export const StreetNumberRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("streetNumber"),
});

/**
 * Postal-code entries, per country: "75001" exact, "75*" prefix,
 * "75000..75999" numeric range. Compared upper-cased, without spaces.
 */
const postalEntry = v.pipe(
  v.string(),
  v.regex(/^(?:[A-Z0-9-]{1,12}\*?|\d{1,10}\.\.\d{1,10})$/, 'Use a code ("75001"), a prefix ("75*") or a range ("75000..75999").'),
);

export const PostalCodeRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("postalCode"),
  /** "allow": in a listed country, only listed codes pass; "block": listed codes are refused. */
  mode: v.picklist(["allow", "block"]),
  codes: v.record(countryCode, list(postalEntry, 1)),
});

export const DestinationRuleSchema = v.strictObject({
  ...addressCommon,
  kind: v.literal("destination"),
  /**
   * "allow": only the listed countries (and, where given, only those provinces);
   * "block": the listed countries are refused, and the listed provinces of any country.
   */
  mode: v.picklist(["allow", "block"]),
  countries: v.optional(list(countryCode)),
  provinces: v.optional(v.record(countryCode, list(nonBlank(10), 1))),
});

// ---------------------------------------------------------------------------
// Cart rules

export const CartQuantityRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("cartQuantity"),
  ...minMax(count),
});

export const LineQuantityRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("lineQuantity"),
  ...minMax(count),
  multiple: v.optional(positiveCount),
  select: v.optional(SelectorSchema),
});

export const ProductQuantityRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("productQuantity"),
  ...minMax(count),
  select: v.optional(SelectorSchema),
});

export const SubtotalRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("subtotal"),
  /** Limits per presentment currency; a cart in another currency is not checked. */
  limits: v.record(currencyCode, v.strictObject(minMax(amount))),
});

export const DistinctLinesRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("distinctLines"),
  max: positiveCount,
});

export const WeightRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("weight"),
  ...minMax(amount),
  unit: v.picklist(WEIGHT_UNITS),
});

export const ExclusiveRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("exclusive"),
  /** Lines matching `select` must be bought alone (without any line that does not match). */
  select: SelectorSchema,
  /** When present: lines matching `select` may not be combined with lines matching `other`. */
  other: v.optional(SelectorSchema),
});

export const DependencyRuleSchema = v.strictObject({
  ...common,
  kind: v.literal("dependency"),
  /** When a line matches `select`, a line matching `requires` must be in the cart. */
  select: SelectorSchema,
  requires: SelectorSchema,
});

// ---------------------------------------------------------------------------
// The document

export const RuleSchema = v.variant("kind", [
  AddressKindRuleSchema,
  FieldPatternRuleSchema,
  FieldLengthRuleSchema,
  RequiredFieldsRuleSchema,
  CharsetRuleSchema,
  StreetNumberRuleSchema,
  PostalCodeRuleSchema,
  DestinationRuleSchema,
  CartQuantityRuleSchema,
  LineQuantityRuleSchema,
  ProductQuantityRuleSchema,
  SubtotalRuleSchema,
  DistinctLinesRuleSchema,
  WeightRuleSchema,
  ExclusiveRuleSchema,
  DependencyRuleSchema,
]);
export type Rule = v.InferOutput<typeof RuleSchema>;
export type RuleKind = Rule["kind"];
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>;

// The kind lists in constants.ts must name exactly the kinds of RuleSchema.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const kindListsMatchSchema: Same<(typeof ADDRESS_RULE_KINDS)[number] | (typeof CART_RULE_KINDS)[number], RuleKind> = true;
void kindListsMatchSchema;

export const ConfigSchema = v.strictObject({
  v: v.literal(CONFIG_VERSION),
  /** Active and scheduled rules, in the merchant's order. */
  rules: v.pipe(v.array(RuleSchema), v.maxLength(200, "At most 200 rules.")),
  /**
   * The local date-times asked about in the input query, in slot order
   * (`$scheduleAt0` …): the function learns from `shop.localTime` whether
   * each has passed. Every schedule boundary of a rule must be listed here.
   */
  clock: v.optional(v.pipe(v.array(localDateTime), v.maxLength(SCHEDULE_SLOTS))),
});
export type Config = v.InferOutput<typeof ConfigSchema>;

/** A rule as a function's Validation carries it: without its id (publishedDocument, functions.ts). */
export type PublishedRule = Rule extends infer R ? (R extends Rule ? Omit<R, "id"> & { id?: string } : never) : never;

/**
 * A document a function reads: as published (rules without ids; the products
 * functions' list slots and ids worked out by the admin: publishedDocument),
 * or a whole Config (what the admin evaluates, or a document published before
 * the slots were; the function then works them out).
 */
export interface FunctionConfig {
  v: Config["v"];
  rules: readonly PublishedRule[];
  clock?: Config["clock"];
  slots?: SlotFields;
}

/**
 * The input-variables metafield (`$app:checkout-guard` / `input-variables`):
 * values for the input query's variables, derived from the rules.
 */
export type InputVariables = Record<`tags${number}` | `collections${number}`, string[]> & Record<`scheduleAt${number}`, string>;

export type ConfigParseResult =
  | { ok: true; config: Config }
  | { ok: false; issues: { path: string; message: string }[] };

/** Validates an unknown value (parsed JSON) as a configuration document. Never throws. */
export function parseConfig(value: unknown): ConfigParseResult {
  const result = v.safeParse(ConfigSchema, value);
  if (result.success) return { ok: true, config: result.output };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? "",
      message: issue.message,
    })),
  };
}
