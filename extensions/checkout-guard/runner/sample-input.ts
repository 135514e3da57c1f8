/**
 * A typed builder of function inputs — the result of the input query
 * (src/cart_validations_generate_run.graphql) as Shopify would pass it —
 * shared by the fixtures, the property tests, the bench and the admin's simulator.
 *
 *     buildInput({
 *       step: "CHECKOUT_INTERACTION",
 *       addresses: [{ address1: "PO Box 12", city: "Springfield", zip: "12345", countryCode: "US" }],
 *       lines: [{ quantity: 2, price: 10, product: { id: 1, tags: ["fragile"] } }],
 *       config: { v: 1, rules: [...] },
 *     })
 *
 * Only fields the input query selects are produced, so the result validates
 * against schema.graphql + the query (`validateFixtureInput`).
 */

export type JourneyStep = "CART_INTERACTION" | "CHECKOUT_INTERACTION" | "CHECKOUT_COMPLETION";
import { ADDRESS_FIELDS } from "../src/engine/constants";
import type { WeightUnit } from "../src/engine/config";
export type { WeightUnit };

/** The address fields the input query reads. */
export const ADDRESS_KEYS = ADDRESS_FIELDS;
export type AddressKey = (typeof ADDRESS_KEYS)[number];
/** A shipping address; absent fields are null in the input. */
export type AddressSpec = Partial<Record<AddressKey, string | null>>;

export interface ProductSpec {
  /** Numeric id or GID. Default: 1000 + line index. */
  id?: number | string;
  title?: string;
  isGiftCard?: boolean;
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
  /** shop.localTime.date. Default 2026-06-15. */
  date?: string;
  /** shop.localTime.at0 … at7: whether each schedule slot has passed. Default all false. */
  clock?: boolean[];
  /**
   * The configuration document (validation.metafield.jsonValue); `undefined`
   * or `null` means no metafield. Any JSON value is accepted, malformed ones too.
   */
  config?: unknown;
  /** The $productTags variable: tags the query asks about. Default: derived from config and lines. */
  productTags?: string[];
  /** The $collectionIds variable (numeric ids or GIDs). Default: derived from config and lines. */
  collectionIds?: (number | string)[];
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

/** Tags and collections any selector of a config mentions (what the admin puts in the input variables). */
export function variablesFromConfig(config: unknown): { productTags: string[]; collectionIds: string[] } {
  const tags = new Set<string>();
  const collections = new Set<string>();
  const visit = (value: unknown, key?: string) => {
    if (Array.isArray(value)) {
      if (key === "tags") value.forEach((t) => typeof t === "string" && tags.add(t));
      else if (key === "collections") value.forEach((c) => (typeof c === "string" || typeof c === "number") && collections.add(String(c)));
      else value.forEach((v) => visit(v));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(config);
  return { productTags: [...tags], collectionIds: [...collections] };
}

/** Builds one function input (the query result) from a spec. */
export function buildInput(spec: InputSpec = {}) {
  const currency = spec.currency ?? "USD";
  const lineSpecs = spec.lines ?? [];
  const fromConfig = variablesFromConfig(spec.config);
  const productTags =
    spec.productTags ?? [...new Set([...fromConfig.productTags, ...lineSpecs.flatMap((l) => l.product?.tags ?? [])])];
  const collectionIds = (
    spec.collectionIds ?? [...new Set([...fromConfig.collectionIds, ...lineSpecs.flatMap((l) => (l.product?.collections ?? []).map(String))])]
  ).map((c) => gid("Collection", c));

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
          isGiftCard: line.product?.isGiftCard ?? false,
          requiresShipping,
        }
      : (() => {
          const product = line.product ?? {};
          const has = new Set((product.tags ?? []).map((t) => t.toLowerCase()));
          const member = new Set((product.collections ?? []).map((c) => numeric(c)));
          return {
            __typename: "ProductVariant",
            id: gid("ProductVariant", line.variantId ?? 2000 + index),
            weight,
            weightUnit,
            requiresShipping,
            product: {
              id: gid("Product", product.id ?? 1000 + index),
              title: product.title ?? `Product ${index + 1}`,
              isGiftCard: product.isGiftCard ?? false,
              hasTags: productTags.map((tag) => ({ tag, hasTag: has.has(tag.toLowerCase()) })),
              inCollections: collectionIds.map((collectionId) => ({ collectionId, isMember: member.has(numeric(collectionId)) })),
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
  const localTime: Record<string, unknown> = { date: spec.date ?? "2026-06-15" };
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
    },
  };
}

export type FunctionInputObject = ReturnType<typeof buildInput>;

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
