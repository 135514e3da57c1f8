/**
 * A typed builder of function inputs — the result of a function's input query
 * (src/cart_validations_generate_run.graphql of checkout-guard-address or
 * checkout-guard-cart) as Shopify would pass it — shared by the fixtures, the
 * property tests, the bench and the admin's simulator.
 *
 *     const spec = {
 *       step: "CHECKOUT_INTERACTION",
 *       addresses: [{ address1: "PO Box 12", city: "Springfield", zip: "12345", countryCode: "US" }],
 *       lines: [{ quantity: 2, amount: 20, product: { id: 1, tags: ["fragile"] } }],
 *       config: { v: 1, rules: [...] },
 *     };
 *     buildFunctionInput("cart", spec)  // the cart function's input, `config` its document
 *     buildFunctionInputs(spec)         // { address, cart }: `config` the whole document, split as the admin publishes it
 *     buildInput(spec)                  // both queries' fields together: what `evaluate` (both families) reads
 *
 * Every input carries the message catalog the admin would publish with its
 * document (`spec.messages` to send another, or none).
 *
 * A function's input has exactly the fields its query selects (projected with
 * the query itself, input-projection.ts), so it validates against the
 * function's schema.graphql + query (`validateFixtureInput`): the address
 * function's has no cart lines, the cart function's addresses only their
 * country. `buildInput`'s union validates against neither query.
 */

export type JourneyStep = "CART_INTERACTION" | "CHECKOUT_INTERACTION" | "CHECKOUT_COMPLETION";
import { ADDRESS_FIELDS } from "../src/engine/constants";
import { parseConfig, type Config, type WeightUnit } from "../src/engine/config";
import { CHECKOUT_FUNCTION_NAMES, publishedDocument, splitConfig, type CheckoutFunction } from "../src/engine/functions";
import { fitMessages } from "../src/engine/message-catalog";
import { COLLECTION_SLOT_FIELDS, selectionLists, TAG_SLOT_FIELDS, type SelectionLists } from "../src/engine/selection-slots";
import { inputQueryOf, projectInput } from "./input-projection";
export type { WeightUnit };
export type { CheckoutFunction };

/** The address fields the address function's input query reads (the cart function's reads only countryCode). */
export const ADDRESS_KEYS = ADDRESS_FIELDS;
export type AddressKey = (typeof ADDRESS_KEYS)[number];
/** A shipping address; absent fields are null in the input. */
export type AddressSpec = Partial<Record<AddressKey, string | null>>;

export interface ProductSpec {
  /** Numeric id or GID. Default: 1000 + line index. */
  id?: number | string;
  title?: string;
  /** Tags the product has (compared with the queried tags, case-insensitively like Shopify). */
  tags?: string[];
  /** Collections (numeric ids or GIDs) the product is in. */
  collections?: (number | string)[];
}

export interface LineSpec {
  /** Default 1. */
  quantity?: number;
  /** Line subtotal amount (price × quantity), in the cart currency; counts towards the default cart subtotal (the query does not read line costs). Default 10 × quantity. */
  amount?: number | string;
  /** Numeric id or GID of the variant. Default: 2000 + line index. */
  variantId?: number | string;
  product?: ProductSpec;
  /** Weight of one unit; null means unknown. Default 0. */
  weight?: number | null;
  /** Default GRAMS (non-nullable in the schema). */
  weightUnit?: WeightUnit;
  /** Default true. */
  requiresShipping?: boolean;
  /** A CustomProduct line (draft-order style) instead of a product variant. */
  custom?: boolean;
}

export interface InputSpec {
  /** buyerJourney.step; null when Shopify does not report it. Default CHECKOUT_INTERACTION. */
  step?: JourneyStep | null;
  lines?: LineSpec[];
  /** Presentment currency. Default USD. */
  currency?: string;
  /** Cart subtotal; default: the sum of the line amounts. */
  subtotal?: number | string;
  /**
   * One delivery group per entry; `null` makes a group without a delivery address.
   * Default: no delivery group (a cart page before an address is known).
   */
  addresses?: (AddressSpec | null)[];
  /** localization.language.isoCode, e.g. "EN", "FR", "PT_BR". Default EN. */
  language?: string;
  /** localization.country.isoCode. Default US. */
  country?: string;
  /**
   * shop.localTime.at0 … at7: whether each schedule slot of `config.clock` has
   * passed. Default all false (unused slots hold a date-time that never passes).
   */
  clock?: boolean[];
  /**
   * The configuration document (validation.metafield.jsonValue); `undefined`
   * or `null` means no metafield. Any JSON value is accepted, malformed ones too.
   * A function's input (buildFunctionInput) carries a valid document as the
   * admin publishes it for that function (publishedDocument: no rule ids, the
   * products functions' list slots worked out).
   */
  config?: unknown;
  /** The function's metafield holds `config` exactly as given (as an earlier version of the app published it: rule ids, no list slots). */
  documentAsIs?: boolean;
  /**
   * The message catalog (validation.messages.jsonValue). Default: the one the
   * admin publishes with `config` (`fitMessages(config).catalog`, see
   * engine/message-catalog.ts); `null` means no metafield (a Validation
   * published before catalogs); any other value is sent as it is.
   */
  messages?: unknown;
  /**
   * The tag list of each slot (`$tags0` …), which `product.t0` … answer. Default:
   * the config's lists, as the admin writes them (engine/selection-slots.ts).
   */
  tagLists?: string[][];
  /** The collection list of each slot (`$collections0` …; numeric ids or GIDs). Default: the config's. */
  collectionLists?: (number | string)[][];
}

export const SCHEDULE_SLOT_COUNT = 8;

const gid = (type: string, id: number | string): string =>
  typeof id === "string" && id.startsWith("gid://") ? id : `gid://shopify/${type}/${id}`;

const numeric = (id: number | string): string => String(id).replace(/^gid:\/\/shopify\/[A-Za-z]+\//, "");

/** Money amounts are Decimal strings in function input; keeps two decimals when fractional. */
export function decimal(value: number | string): string {
  if (typeof value === "string") return value;
  return Number.isInteger(value) ? `${value}.0` : String(Number(value.toFixed(2)));
}

/** The tag and collection lists of a config's selectors, as the admin passes them (none for a config without rules). */
export function listsFromConfig(config: unknown): SelectionLists {
  let document = config;
  if (typeof document === "string") {
    try {
      document = JSON.parse(document);
    } catch {
      document = null;
    }
  }
  const rules = (document as { rules?: unknown } | null)?.rules;
  return Array.isArray(rules) ? selectionLists(rules.filter((rule) => rule !== null && typeof rule === "object")) : { tags: [], collections: [] };
}

/**
 * What Shopify answers in a product's list slots (`t0` … `c0` …) for the lists
 * passed in the input variables: whether it has any tag of each tag list
 * (compared case-insensitively, as Shopify does) and is in any collection of
 * each collection list (numeric ids or GIDs).
 */
export function slotAnswers(
  tags: readonly string[],
  collections: readonly (number | string)[],
  lists: { tags: readonly (readonly string[])[]; collections: readonly (readonly (number | string)[])[] },
): Record<string, boolean> {
  const has = new Set(tags.map((t) => t.trim().toLowerCase()));
  const member = new Set(collections.map(numeric));
  const answers: Record<string, boolean> = {};
  TAG_SLOT_FIELDS.forEach((field, i) => (answers[field] = (lists.tags[i] ?? []).some((tag) => has.has(String(tag).trim().toLowerCase()))));
  COLLECTION_SLOT_FIELDS.forEach((field, i) => (answers[field] = (lists.collections[i] ?? []).some((id) => member.has(numeric(id)))));
  return answers;
}

/** The lists an input-variables metafield passes to the products function's slots (`$tags0` …, `$collections0` …). */
export function listsFromVariables(variables: Record<string, unknown>): Required<Pick<InputSpec, "tagLists" | "collectionLists">> {
  const slots = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => variables[`${prefix}${i}`]).map((list) => (Array.isArray(list) ? list.map(String) : []));
  return { tagLists: slots("tags", TAG_SLOT_FIELDS.length), collectionLists: slots("collections", COLLECTION_SLOT_FIELDS.length) };
}

/**
 * The `messages` metafield for a spec: the catalog the admin publishes with
 * its document (any JSON is read defensively; a document given as JSON text is
 * read as such), or as the spec gives it.
 */
function messagesOf(spec: InputSpec): { jsonValue: unknown } | null {
  if (spec.messages !== undefined) return spec.messages === null ? null : { jsonValue: spec.messages };
  if (spec.config === undefined || spec.config === null) return null;
  let document: unknown = spec.config;
  if (typeof document === "string") {
    try {
      document = JSON.parse(document);
    } catch {
      document = null;
    }
  }
  return { jsonValue: fitMessages(document).catalog };
}

/**
 * The fields of both input queries together, from a spec: what `evaluate`
 * (both families of rules) reads, e.g. for the admin's attribution of errors
 * to rules. Not any one function's input: see `buildFunctionInput`.
 */
export function buildInput(spec: InputSpec = {}) {
  const currency = spec.currency ?? "USD";
  const lineSpecs = spec.lines ?? [];
  const fromConfig = listsFromConfig(spec.config);
  const tagLists = spec.tagLists ?? fromConfig.tags;
  const collectionLists = spec.collectionLists ?? fromConfig.collections;

  let sum = 0;
  const lines = lineSpecs.map((line, index) => {
    const quantity = line.quantity ?? 1;
    const amount = line.amount ?? 10 * quantity;
    sum += Number(amount);
    const weightUnit = line.weightUnit ?? "GRAMS";
    const weight = line.weight === undefined ? 0 : line.weight;
    const requiresShipping = line.requiresShipping ?? true;
    const merchandise = line.custom
      ? {
          __typename: "CustomProduct",
          title: line.product?.title ?? `Custom item ${index + 1}`,
          weight,
          weightUnit,
          requiresShipping,
        }
      : (() => {
          const product = line.product ?? {};
          const slots = slotAnswers(product.tags ?? [], product.collections ?? [], { tags: tagLists, collections: collectionLists });
          return {
            __typename: "ProductVariant",
            id: gid("ProductVariant", line.variantId ?? 2000 + index),
            weight,
            weightUnit,
            requiresShipping,
            product: {
              id: gid("Product", product.id ?? 1000 + index),
              title: product.title ?? `Product ${index + 1}`,
              ...slots,
            },
          };
        })();
    return { quantity, merchandise };
  });

  const deliveryGroups = (spec.addresses ?? []).map((address) => ({
    deliveryAddress:
      address === null
        ? null
        : Object.fromEntries(ADDRESS_KEYS.map((key) => [key, address[key] ?? null])),
  }));

  const clock = spec.clock ?? [];
  const localTime: Record<string, unknown> = {};
  for (let i = 0; i < SCHEDULE_SLOT_COUNT; i++) localTime[`at${i}`] = clock[i] ?? false;

  return {
    buyerJourney: { step: spec.step === undefined ? "CHECKOUT_INTERACTION" : spec.step },
    cart: {
      cost: { subtotalAmount: { amount: decimal(spec.subtotal ?? Number(sum.toFixed(2))), currencyCode: currency } },
      lines,
      deliveryGroups,
    },
    localization: {
      language: { isoCode: spec.language ?? "EN" },
      country: { isoCode: spec.country ?? "US" },
    },
    shop: { localTime },
    validation: {
      // jsonValue is JSON! (non-null): a null config means no metafield.
      metafield: spec.config === undefined || spec.config === null ? null : { jsonValue: spec.config },
      messages: messagesOf(spec),
    },
  };
}

export type FunctionInputObject = ReturnType<typeof buildInput>;

/**
 * One function's input, as Shopify sends it for that function's query:
 * `spec.config` is that function's own document (what its Validation's
 * metafield holds, e.g. `splitConfig(document)[fn]`) and `spec.clock` answers
 * for that document's clock.
 */
export function buildFunctionInput(fn: CheckoutFunction, spec: InputSpec = {}): Record<string, unknown> {
  const input = projectInput(inputQueryOf(fn), buildInput(spec));
  const valid = !spec.documentAsIs && spec.config !== undefined && spec.config !== null && parseConfig(spec.config).ok;
  if (valid) (input.validation as { metafield: unknown }).metafield = { jsonValue: publishedDocument(fn, spec.config as Config) };
  return input;
}

/**
 * Each function's spec for a spec whose `config` is the whole document (both
 * families): a valid document is split as the admin publishes it
 * (`splitConfig`), each function's `clock` answering for its own document's
 * clock slots (a boundary keeps the answer `spec.clock` gives for it);
 * anything else (no document, a malformed or newer one) goes to both
 * functions as it is.
 */
export function functionSpecs(spec: InputSpec = {}): Record<CheckoutFunction, InputSpec> {
  const parsed = spec.config === undefined || spec.config === null ? null : parseConfig(spec.config);
  const specs = {} as Record<CheckoutFunction, InputSpec>;
  if (parsed === null || !parsed.ok) {
    for (const fn of CHECKOUT_FUNCTION_NAMES) specs[fn] = spec;
    return specs;
  }
  // The document as given (parseConfig's copy orders each rule's keys as the schema lists them).
  const whole = spec.config as Config;
  const split = splitConfig(whole);
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const passed = (boundary: string) => spec.clock?.[(whole.clock ?? []).indexOf(boundary)] ?? false;
    specs[fn] = { ...spec, config: split[fn], clock: (split[fn].clock ?? []).map(passed) };
  }
  return specs;
}

/** Each function's input for a spec whose `config` is the whole document (see `functionSpecs`). */
export function buildFunctionInputs(spec: InputSpec = {}): Record<CheckoutFunction, Record<string, unknown>> {
  const specs = functionSpecs(spec);
  const inputs = {} as Record<CheckoutFunction, Record<string, unknown>>;
  for (const fn of CHECKOUT_FUNCTION_NAMES) inputs[fn] = buildFunctionInput(fn, specs[fn]);
  return inputs;
}

/** An ordinary US address, overridable field by field. */
export function address(overrides: AddressSpec = {}): AddressSpec {
  return {
    address1: "123 Main Street",
    address2: null,
    city: "Springfield",
    company: null,
    zip: "62701",
    provinceCode: "IL",
    countryCode: "US",
    phone: null,
    firstName: "Alex",
    lastName: "Doe",
    ...overrides,
  };
}

/** `count` ordinary lines (distinct products), e.g. for benchmarks. */
export function manyLines(count: number, make: (i: number) => Partial<LineSpec> = () => ({})): LineSpec[] {
  return Array.from({ length: count }, (_, i) => ({ quantity: 1 + (i % 3), weight: 250, product: { id: 5000 + i }, ...make(i) }));
}
