/**
 * Reads the function input once per evaluation into plain facts: delivery
 * groups with their addresses; the buyer's language candidates; the journey
 * step; the schedule clock; and, on first use only, the cart lines (their ids,
 * tags, collections and weights each read when a rule first needs them).
 * Every access is defensive: missing data never throws.
 */
import { SCHEDULE_SLOTS } from "./constants";
import { numericId } from "./ids";
import type { Address, FunctionInput } from "./types";
import { toGrams } from "./weight";

export type JourneyStep = "CART_INTERACTION" | "CHECKOUT_INTERACTION" | "CHECKOUT_COMPLETION" | null;

/**
 * One cart line. Only what every cart rule reads is read up front; the rest is
 * read from the raw merchandise on first use and kept here (see the
 * accessors below): in QuickJS each property, object and string operation
 * costs hundreds to thousands of WebAssembly instructions per line, and most
 * configurations need few of these values.
 */
export interface LineFacts {
  index: number;
  quantity: number;
  /** The merchandise as read from the input ({} when missing). */
  merchandise: AnyRecord;
  /** Its product (a ProductVariant line), or null for a custom product. */
  product: AnyRecord | null;
  // Caches of the accessors below; undefined until first asked for.
  productId?: string | null;
  variantId?: string | null;
  tags?: Set<string> | null;
  collections?: Set<string> | null;
  shippedGrams?: number;
}

export interface GroupFacts {
  index: number;
  address: Address | null;
  /** Upper-case ISO country code of the address, or null. */
  country: string | null;
}

export interface Facts {
  step: JourneyStep;
  /** The cart's lines (entries that are objects); read on first access, so that address-only configurations never pay for them. */
  readonly lines: LineFacts[];
  /** Sum of the lines' quantities (read with the lines). */
  readonly totalQuantity: number;
  groups: GroupFacts[];
  subtotal: { amount: number; currency: string } | null;
  /** Language codes to try, most specific first: "PT_BR" → ["pt-br", "pt"]. */
  languages: string[];
  /** Countries a cart rule's scope is checked against. */
  cartCountries: string[];
  /** `shop.localTime.atN`: whether the clock's N-th date-time has passed (undefined: unknown). */
  clock: (boolean | undefined)[];
}

const STEPS = new Set(["CART_INTERACTION", "CHECKOUT_INTERACTION", "CHECKOUT_COMPLETION"]);

type AnyRecord = Record<string, unknown>;
const obj = (value: unknown): AnyRecord | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as AnyRecord) : null;
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** Shopify language code ("PT_BR", "en") to candidates ["pt-br", "pt"]. */
export function languageCandidates(isoCode: string | null | undefined): string[] {
  if (typeof isoCode !== "string" || isoCode === "") return [];
  const code = isoCode.toLowerCase().replace(/_/g, "-");
  const base = code.split("-")[0];
  return base !== code ? [code, base] : [code];
}

const EMPTY: AnyRecord = {};

/** Numeric product id, or null for a custom product (cached on the line). */
export function lineProductId(line: LineFacts): string | null {
  if (line.productId !== undefined) return line.productId;
  return (line.productId = line.product === null ? null : numericId(line.product.id as string));
}

/** Numeric variant id, or null for a custom product (cached on the line). */
export function lineVariantId(line: LineFacts): string | null {
  if (line.variantId !== undefined) return line.variantId;
  return (line.variantId = line.product === null ? null : numericId(line.merchandise.id as string));
}

/** Lower-cased tags the product has, among those the input query asked about; null: none (cached on the line). */
export function lineTags(line: LineFacts): Set<string> | null {
  if (line.tags !== undefined) return line.tags;
  let tags: Set<string> | null = null;
  const hasTags = line.product?.hasTags;
  if (Array.isArray(hasTags)) {
    for (let i = 0; i < hasTags.length; i++) {
      const response = hasTags[i] as AnyRecord | null;
      if (response && response.hasTag === true && typeof response.tag === "string") {
        if (tags === null) tags = new Set();
        tags.add(response.tag.trim().toLowerCase());
      }
    }
  }
  return (line.tags = tags);
}

/** Numeric ids of the collections the product is in, among those asked about; null: none (cached on the line). */
export function lineCollections(line: LineFacts): Set<string> | null {
  if (line.collections !== undefined) return line.collections;
  let collections: Set<string> | null = null;
  const inCollections = line.product?.inCollections;
  if (Array.isArray(inCollections)) {
    for (let i = 0; i < inCollections.length; i++) {
      const membership = inCollections[i] as AnyRecord | null;
      if (membership && membership.isMember === true) {
        const id = numericId(membership.collectionId as string);
        if (id !== null) {
          if (collections === null) collections = new Set();
          collections.add(id);
        }
      }
    }
  }
  return (line.collections = collections);
}

/** Groups lines of one product (all its variants); a custom product is its own group. */
export function lineProductKey(line: LineFacts): string {
  const productId = lineProductId(line);
  return productId !== null ? "p" + productId : "l" + line.index;
}

/** The product's title (a custom product's own title); "" when missing. */
export function lineTitle(line: LineFacts): string {
  const title = (line.product ?? line.merchandise).title;
  return typeof title === "string" ? title : "";
}

/**
 * Weight of one unit in grams (0 when unknown) for a line the weight rule
 * counts, -1 for a line it skips (no shipping needed, or a gift card).
 */
export function lineShippedGrams(line: LineFacts): number {
  let grams = line.shippedGrams;
  if (grams !== undefined) return grams;
  const merchandise = line.merchandise;
  const isGiftCard = (line.product ?? merchandise).isGiftCard === true;
  grams =
    merchandise.requiresShipping === false || isGiftCard
      ? -1
      : toGrams(merchandise.weight as number | null, merchandise.weightUnit as string);
  line.shippedGrams = grams;
  return grams;
}

/** Reads the cart lines: index, quantity and the raw merchandise only. */
function readLines(rawLines: unknown[]): { lines: LineFacts[]; totalQuantity: number } {
  const lines: LineFacts[] = [];
  let totalQuantity = 0;
  for (let i = 0; i < rawLines.length; i++) {
    const line = rawLines[i] as AnyRecord | null;
    if (line === null || typeof line !== "object") continue;
    const q = line.quantity;
    const quantity = typeof q === "number" && q > 0 && q < Infinity ? q : 0;
    const m = line.merchandise;
    const merchandise = m !== null && typeof m === "object" ? (m as AnyRecord) : EMPTY;
    const p = merchandise.product;
    const product = p !== null && typeof p === "object" ? (p as AnyRecord) : null;
    lines.push({ index: i, quantity, merchandise, product });
    totalQuantity += quantity;
  }
  return { lines, totalQuantity };
}

export function readFacts(input: FunctionInput): Facts {
  const root = obj(input) ?? {};
  const cart = obj(root.cart) ?? {};
  const stepValue = str(obj(root.buyerJourney)?.step);
  const step = stepValue !== null && STEPS.has(stepValue) ? (stepValue as JourneyStep) : null;


  const groups: GroupFacts[] = [];
  const groupCountries: string[] = [];
  const rawGroups = arr(cart.deliveryGroups);
  for (let i = 0; i < rawGroups.length; i++) {
    const address = obj(obj(rawGroups[i])?.deliveryAddress) as Address | null;
    const country = str(address?.countryCode)?.trim().toUpperCase() || null;
    groups.push({ index: i, address, country });
    if (country !== null && !groupCountries.includes(country)) groupCountries.push(country);
  }

  const localization = obj(root.localization) ?? {};
  const localizationCountry = str(obj(localization.country)?.isoCode)?.toUpperCase() || null;
  const cartCountries = groupCountries.length > 0 ? groupCountries : localizationCountry ? [localizationCountry] : [];

  const money = obj(obj(cart.cost)?.subtotalAmount);
  const amount = money ? Number(money.amount) : NaN;
  const currency = str(money?.currencyCode);
  const subtotal = Number.isFinite(amount) && currency ? { amount, currency: currency.toUpperCase() } : null;

  const localTime = obj(obj(root.shop)?.localTime) ?? {};
  const clock: (boolean | undefined)[] = [];
  for (let i = 0; i < SCHEDULE_SLOTS; i++) {
    const value = localTime[`at${i}`];
    clock.push(typeof value === "boolean" ? value : undefined);
  }

  let read: { lines: LineFacts[]; totalQuantity: number } | null = null;
  const rawLines = cart.lines;
  return {
    step,
    get lines() {
      return (read ??= readLines(arr(rawLines))).lines;
    },
    get totalQuantity() {
      return (read ??= readLines(arr(rawLines))).totalQuantity;
    },
    groups,
    subtotal,
    languages: languageCandidates(str(obj(localization.language)?.isoCode)),
    cartCountries,
    clock,
  };
}
