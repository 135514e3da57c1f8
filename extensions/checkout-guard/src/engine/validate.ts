/**
 * A lean, allocation-free check of the configuration document for the
 * checkout function, equivalent to `parseConfig` (the valibot schema in
 * config.ts) in what it accepts.
 *
 * Why not valibot at checkout: in QuickJS (the engine Javy compiles the
 * function with) building the valibot schemas and parsing a 50-rule document
 * costs several times the whole evaluation, against Shopify's instruction
 * limit. The admin keeps using `parseConfig` (with its error messages); the
 * function only needs a yes/no. `tests/engine/validate.test.ts` checks that
 * both accept and refuse the same documents (examples, mutations and
 * generated documents), so the two cannot drift apart unnoticed.
 *
 * Differences by design: valibot trims `message`, translations, tags and
 * provinces in its output; here the document is returned as it is and the
 * engine trims where it reads those values.
 */
import type { Config } from "./config";
import {
  ADDRESS_FIELDS,
  ADDRESS_KIND_FIELDS,
  ADDRESS_KINDS,
  CONFIG_VERSION,
  SCHEDULE_SLOTS,
  STAGES,
  WEIGHT_UNITS,
} from "./constants";

type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const MAX_LIST = 1_000;
const MAX_RULES = 200;

/** As valibot's object and record schemas: any non-null object (an array too). */
const isObj = (value: unknown): value is Obj => value !== null && typeof value === "object";

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const NUMERIC_ID = /^[1-9][0-9]{0,19}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const LANGUAGE = /^[a-z]{2,3}(-[a-z]{2,4})?$/;
const POSTAL_ENTRY = /^(?:[A-Z0-9-]{1,12}\*?|\d{1,10}\.\.\d{1,10})$/;

const regex = (re: RegExp): Check => (value) => typeof value === "string" && re.test(value);
const oneOf = (values: readonly string[]): Check => (value) => typeof value === "string" && values.includes(value);
const isBool: Check = (value) => typeof value === "boolean";

/** A string whose trimmed length is 1..max (valibot: trim, then min/max length). */
const nonBlank = (max: number): Check => (value) => {
  if (typeof value !== "string") return false;
  const length = value.trim().length;
  return length >= 1 && length <= max;
};

const intIn = (min: number, max: number): Check => (value) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
const count = intIn(0, 1_000_000);
const positiveCount = intIn(1, 1_000_000);
const amount: Check = (value) => typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e12;

const list = (item: Check, min = 0, max = MAX_LIST): Check => (value) => {
  if (!Array.isArray(value) || value.length < min || value.length > max) return false;
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
  return true;
};

const record = (key: Check, item: Check): Check => (value) => {
  if (!isObj(value)) return false;
  for (const k in value) if (!key(k) || !item(value[k])) return false;
  return true;
};

/**
 * Makes a table of checks prototype-free, so that looking a document's key up in
 * it finds only the checks listed: otherwise a key such as "constructor" or
 * "toString" would find Object.prototype's member and pass as a known key.
 */
const ownKeysOnly = (table: Record<string, Check>): Record<string, Check> => Object.setPrototypeOf(table, null);

/** A strict object: only the listed keys; required ones present; each valid. */
const strict = (required: Record<string, Check>, optional: Record<string, Check> = {}): Check => {
  ownKeysOnly(required);
  ownKeysOnly(optional);
  return (value) => {
    if (!isObj(value)) return false;
    for (const k in required) if (!(k in value) || !required[k](value[k])) return false;
    for (const k in value) {
      if (k in required) continue;
      const check = optional[k];
      if (!check || (value[k] !== undefined && !check(value[k]))) return false;
    }
    return true;
  };
};

const countryCode = regex(COUNTRY);
const numericIds = list(regex(NUMERIC_ID));
const localDateTime = regex(LOCAL_DATE_TIME);
const addressField = oneOf(ADDRESS_FIELDS);
const mode = oneOf(["allow", "block"]);

const selector = strict({}, { products: numericIds, variants: numericIds, tags: list(nonBlank(255)), collections: numericIds });

/** Keys every rule may have, and those only address rules add. */
const common: Record<string, Check> = ownKeysOnly({
  schedule: strict({}, { start: localDateTime, end: localDateTime }),
  countries: strict({ codes: list(countryCode, 1) }, { not: isBool }),
  stage: oneOf(STAGES),
  message: nonBlank(500),
  translations: record(regex(LANGUAGE), nonBlank(500)),
});
const addressCommon: Record<string, Check> = ownKeysOnly({ ...common, display: oneOf(["field", "banner"]) });
const NO_KEYS: Record<string, Check> = ownKeysOnly({});

/**
 * A kind's keys besides `id` and `kind`: required ones; its own optional ones;
 * and the shared optional ones (`common` or `addressCommon`), looked up after
 * its own, so that a kind can give a shared key its own meaning.
 */
type RuleSpec = { required: Record<string, Check>; optional: Record<string, Check>; shared: Record<string, Check>; requiredCount: number };
type RuleSpecKeys = Omit<RuleSpec, "requiredCount">;

/**
 * Per kind, built when a rule of its kind is first checked: its closures would
 * cost QuickJS ~0.4M WebAssembly instructions on every run for all sixteen
 * kinds, and most configurations use a few. A switch rather than an object of
 * sixteen builders (~3k each to create at every run); no spreading of the
 * shared keys into each kind's table (a copy costs thousands per key).
 */
function ruleSpecKeys(kind: string): RuleSpecKeys | undefined {
  switch (kind) {
    case "addressKind":
      return {
        required: { block: list(oneOf(ADDRESS_KINDS), 1) },
        optional: { fields: list(oneOf(ADDRESS_KIND_FIELDS), 1) },
        shared: addressCommon,
      };
    case "fieldPattern":
      return {
        required: {
          field: addressField,
          pattern: (value) => typeof value === "string" && value.length >= 1 && value.length <= 300,
          mode,
        },
        optional: { ignoreCase: isBool },
        shared: addressCommon,
      };
    case "fieldLength":
      return { required: { fields: list(addressField, 1) }, optional: { min: count, max: count }, shared: addressCommon };
    case "requiredFields":
      return { required: { fields: list(addressField, 1) }, optional: NO_KEYS, shared: addressCommon };
    case "charset":
      return {
        required: { fields: list(addressField, 1), allow: oneOf(["latin", "ascii", "noEmoji"]) },
        optional: { accents: isBool },
        shared: addressCommon,
      };
    case "streetNumber":
      return { required: NO_KEYS, optional: NO_KEYS, shared: addressCommon };
    case "postalCode":
      return {
        required: { mode, codes: record(countryCode, list(regex(POSTAL_ENTRY), 1)) },
        optional: NO_KEYS,
        shared: addressCommon,
      };
    case "destination":
      return {
        required: { mode },
        // The destination rule's own `countries` (a list) replaces the common scope.
        optional: { countries: list(countryCode), provinces: record(countryCode, list(nonBlank(10), 1)) },
        shared: addressCommon,
      };
    case "cartQuantity":
      return { required: NO_KEYS, optional: { min: count, max: count }, shared: common };
    case "lineQuantity":
      return {
        required: NO_KEYS,
        optional: { min: count, max: count, multiple: positiveCount, select: selector },
        shared: common,
      };
    case "productQuantity":
      return { required: NO_KEYS, optional: { min: count, max: count, select: selector }, shared: common };
    case "subtotal":
      return {
        required: { limits: record(regex(CURRENCY), strict({}, { min: amount, max: amount })) },
        optional: NO_KEYS,
        shared: common,
      };
    case "distinctLines":
      return { required: { max: positiveCount }, optional: NO_KEYS, shared: common };
    case "weight":
      return { required: { unit: oneOf(WEIGHT_UNITS) }, optional: { min: amount, max: amount }, shared: common };
    case "exclusive":
      return { required: { select: selector }, optional: { other: selector }, shared: common };
    case "dependency":
      return { required: { select: selector, requires: selector }, optional: NO_KEYS, shared: common };
    default:
      return undefined;
  }
}

const specs: Record<string, RuleSpec> = Object.create(null);

function specOf(kind: unknown): RuleSpec | undefined {
  if (typeof kind !== "string") return undefined;
  const spec = specs[kind];
  if (spec !== undefined) return spec;
  const keys = ruleSpecKeys(kind);
  if (keys === undefined) return undefined;
  const { required, optional, shared } = keys;
  const requiredCount = Object.keys(required).length;
  return (specs[kind] = { required: ownKeysOnly(required), optional: ownKeysOnly(optional), shared, requiredCount });
}

const isId = regex(ID);

/** One pass over the rule's own keys: each known and valid, every required one present. */
function isRule(value: unknown): boolean {
  if (!isObj(value)) return false;
  const spec = specOf(value.kind);
  if (!spec || !isId(value.id)) return false;
  let requiredSeen = 0;
  for (const k in value) {
    if (k === "id" || k === "kind") continue;
    const v = value[k];
    const required = spec.required[k];
    if (required !== undefined) {
      if (!required(v)) return false;
      requiredSeen++;
      continue;
    }
    const optional = spec.optional[k] ?? spec.shared[k];
    if (optional === undefined || (v !== undefined && !optional(v))) return false;
  }
  return requiredSeen === spec.requiredCount;
}

/**
 * The configuration document if `value` is a valid one (same acceptance as
 * `parseConfig`), else null. Never throws.
 */
export function readConfig(value: unknown): Config | null {
  if (!isObj(value) || Array.isArray(value) || value.v !== CONFIG_VERSION) return null;
  const rules = value.rules;
  if (!Array.isArray(rules) || rules.length > MAX_RULES) return null;
  for (const k in value) if (k !== "v" && k !== "rules" && k !== "clock") return null;
  if (value.clock !== undefined && !list(localDateTime, 0, SCHEDULE_SLOTS)(value.clock)) return null;
  for (let i = 0; i < rules.length; i++) if (!isRule(rules[i])) return null;
  return value as unknown as Config;
}
