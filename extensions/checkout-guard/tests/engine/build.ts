/**
 * Small input builders for the engine tests only (the shared fixture builder
 * lives under extensions/checkout-guard/runner/). `input` builds the fields of
 * every function's query together: the address function's entry ignores the
 * lines, the cart functions' read of the addresses only the country, and each
 * reads of the lines what its own query selects.
 */
import type { CartValidationsGenerateRunInput as AddressFunctionInput } from "../../../checkout-guard-address/generated/api";
import type { CartValidationsGenerateRunInput as CartFunctionInput } from "../../../checkout-guard-cart/generated/api";
import type { CartValidationsGenerateRunInput as ProductsFunctionInput } from "../../../checkout-guard-products/generated/api";
import type { CartValidationsGenerateRunInput as WeightFunctionInput } from "../../../checkout-guard-weight/generated/api";
import { compileMessages, evaluate, type Config, type Rule } from "../../src/engine";
import type { Address } from "../../src/engine/types";
import { listsFromConfig, slotAnswers } from "../../runner/sample-input";

/** An input with the fields of every function's query: any function's entry takes it. */
export type BothInputs = AddressFunctionInput & CartFunctionInput & WeightFunctionInput & ProductsFunctionInput;
type CartLine = BothInputs["cart"]["lines"][number];

export interface LineSpec {
  quantity?: number;
  productId?: string | number;
  variantId?: string | number;
  title?: string;
  /** The product's tags and collections: `input` answers its list slots for the document's selectors. */
  tags?: string[];
  collections?: (string | number)[];
  weight?: number | null;
  weightUnit?: "GRAMS" | "KILOGRAMS" | "OUNCES" | "POUNDS";
  requiresShipping?: boolean;
  custom?: boolean;
  /** Unit price; counts towards the default cart subtotal (the input query does not read line costs). */
  price?: number;
}

let counter = 0;
/** Line amounts (price × quantity) of the lines built here, for the default subtotal. */
const amounts = new WeakMap<object, number>();
/** The tags and collections of the products of the lines built here. */
const memberships = new WeakMap<object, { tags: string[]; collections: (string | number)[] }>();

export function line(spec: LineSpec = {}): CartLine {
  counter++;
  const quantity = spec.quantity ?? 1;
  const base = { quantity };
  const built = buildLine(spec, base);
  amounts.set(built, (spec.price ?? 10) * quantity);
  memberships.set(built, { tags: spec.tags ?? [], collections: spec.collections ?? [] });
  return built;
}

function buildLine(spec: LineSpec, base: { quantity: number }): CartLine {
  if (spec.custom) {
    return {
      ...base,
      merchandise: {
        __typename: "CustomProduct",
        title: spec.title ?? "Custom item",
        weight: spec.weight === undefined ? 100 : spec.weight,
        weightUnit: spec.weightUnit ?? "GRAMS",
        requiresShipping: spec.requiresShipping ?? true,
      },
    };
  }
  const productId = spec.productId ?? 1000 + counter;
  return {
    ...base,
    merchandise: {
      __typename: "ProductVariant",
      id: `gid://shopify/ProductVariant/${spec.variantId ?? 5000 + counter}`,
      weight: spec.weight === undefined ? 100 : spec.weight,
      weightUnit: spec.weightUnit ?? "GRAMS",
      requiresShipping: spec.requiresShipping ?? true,
      product: {
        id: `gid://shopify/Product/${productId}`,
        title: spec.title ?? `Product ${productId}`,
        // Answered for the document's lists by `input` (answerSlots).
        t0: false,
        t1: false,
        c0: false,
        c1: false,
      },
    },
  };
}

export const ADDRESS: Address = {
  address1: "12 Rue de la Paix",
  address2: null,
  city: "Paris",
  company: null,
  zip: "75002",
  provinceCode: null,
  countryCode: "FR",
  phone: "+33123456789",
  firstName: "Ada",
  lastName: "Lovelace",
};

export interface InputSpec {
  config?: unknown;
  lines?: ReturnType<typeof line>[];
  /** Delivery addresses, one per group; null for a group without an address. */
  addresses?: (Partial<Address> | null)[];
  step?: "CART_INTERACTION" | "CHECKOUT_INTERACTION" | "CHECKOUT_COMPLETION" | null;
  language?: string;
  country?: string;
  clock?: boolean[];
  subtotal?: { amount: string; currencyCode: string };
}

/**
 * Answers the list slots of the lines' products (`t0` … `c0` …) as Shopify
 * would for the input variables the admin writes for these rules.
 */
export function answerSlots(lines: readonly CartLine[], rules: unknown): void {
  const lists = listsFromConfig({ rules });
  for (const built of lines) {
    const product = (built.merchandise as { product?: Record<string, unknown> }).product;
    const own = memberships.get(built);
    if (product && own) Object.assign(product, slotAnswers(own.tags, own.collections, lists));
  }
}

export function input(spec: InputSpec = {}): BothInputs {
  const lines = spec.lines ?? [line()];
  answerSlots(lines, (documentOf(spec.config) as { rules?: unknown } | null)?.rules);
  const clock = spec.clock ?? [];
  const localTime: Record<string, unknown> = {};
  for (let i = 0; i < 8; i++) localTime[`at${i}`] = clock[i] ?? false;
  const subtotal =
    spec.subtotal ?? {
      amount: String(lines.reduce((sum, l) => sum + (amounts.get(l) ?? 0), 0)),
      currencyCode: "EUR",
    };
  return {
    buyerJourney: { step: spec.step === undefined ? "CHECKOUT_INTERACTION" : spec.step },
    cart: {
      cost: { subtotalAmount: subtotal },
      lines,
      deliveryGroups: (spec.addresses ?? [ADDRESS]).map((address) => ({
        deliveryAddress: address === null ? null : { ...ADDRESS, ...address },
      })),
    },
    localization: { language: { isoCode: spec.language ?? "EN" }, country: { isoCode: spec.country ?? "FR" } },
    shop: { localTime },
    // The message catalog the admin publishes with the document (engine/message-catalog.ts).
    validation: {
      metafield: spec.config === undefined ? null : { jsonValue: spec.config },
      messages: spec.config === undefined ? null : { jsonValue: compileMessages(documentOf(spec.config)) },
    },
  } as unknown as BothInputs;
}

/** The document a config given as JSON text holds (anything else as it is). */
function documentOf(config: unknown): unknown {
  if (typeof config !== "string") return config;
  try {
    return JSON.parse(config);
  } catch {
    return null;
  }
}

/** A configuration document with the given rules. */
export function config(rules: unknown[], clock?: string[]): Config {
  return { v: 1, rules: rules as Rule[], ...(clock ? { clock } : {}) } as Config;
}

/** Evaluates rules of both families (typed loosely so tests can write them inline) and returns the errors. */
export function errorsFor(rules: unknown[], spec: Omit<InputSpec, "config"> = {}, clock?: string[]) {
  const document = config(rules, clock);
  return evaluate(document, input({ ...spec, config: document })).errors;
}

/** Every blocking finding with its rule (before errors are de-duplicated): the simulator's view. */
export function violationsFor(rules: unknown[], spec: Omit<InputSpec, "config"> = {}) {
  const document = config(rules);
  return evaluate(document, input({ ...spec, config: document })).violations;
}

export function messagesFor(rules: unknown[], spec: Omit<InputSpec, "config"> = {}, clock?: string[]) {
  return errorsFor(rules, spec, clock).map((e) => e.message);
}
