/**
 * Reads the function input once per evaluation into plain, indexed facts:
 * lines with their ids, tags, collections and weights; delivery groups with
 * their addresses; the buyer's language candidates; the journey step; the
 * schedule clock. Every access is defensive: missing data never throws.
 */
import { SCHEDULE_SLOTS } from "./constants";
import { numericId } from "./ids";
import type { Address, FunctionInput } from "./types";
import { toGrams } from "./weight";

export type JourneyStep = "CART_INTERACTION" | "CHECKOUT_INTERACTION" | "CHECKOUT_COMPLETION" | null;

export interface LineFacts {
  index: number;
  quantity: number;
  /** Numeric product id, or null for a custom product. */
  productId: string | null;
  /** Numeric variant id, or null for a custom product. */
  variantId: string | null;
  /** Groups lines of one product (all its variants); a custom product is its own group. */
  productKey: string;
  title: string;
  isGiftCard: boolean;
  requiresShipping: boolean;
  /** Weight of one unit, in grams (0 when unknown). */
  unitGrams: number;
  /** Lower-cased tags the product has, among those the input query asked about (null: none). */
  tags: Set<string> | null;
  /** Numeric ids of the collections the product is in, among those asked about (null: none). */
  collections: Set<string> | null;
}

export interface GroupFacts {
  index: number;
  address: Address | null;
  /** Upper-case ISO country code of the address, or null. */
  country: string | null;
}

export interface Facts {
  step: JourneyStep;
  lines: LineFacts[];
  groups: GroupFacts[];
  totalQuantity: number;
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

function readLine(raw: unknown, index: number): LineFacts | null {
  if (raw === null || typeof raw !== "object") return null;
  const line = raw as AnyRecord;
  const q = line.quantity;
  const quantity = typeof q === "number" && q > 0 && q < Infinity ? q : 0;
  const merchandise = (line.merchandise !== null && typeof line.merchandise === "object" ? line.merchandise : {}) as AnyRecord;
  const product = merchandise.product !== null && typeof merchandise.product === "object" ? (merchandise.product as AnyRecord) : null;
  let tags: Set<string> | null = null;
  let collections: Set<string> | null = null;
  let productId: string | null = null;
  let variantId: string | null = null;
  let title: unknown;
  let isGiftCard: unknown;
  if (product) {
    productId = numericId(product.id as string);
    variantId = numericId(merchandise.id as string);
    title = product.title;
    isGiftCard = product.isGiftCard;
    const hasTags = product.hasTags;
    if (Array.isArray(hasTags)) {
      for (let i = 0; i < hasTags.length; i++) {
        const response = hasTags[i] as AnyRecord | null;
        if (response && response.hasTag === true && typeof response.tag === "string") {
          if (tags === null) tags = new Set();
          tags.add(response.tag.trim().toLowerCase());
        }
      }
    }
    const inCollections = product.inCollections;
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
  } else {
    title = merchandise.title;
    isGiftCard = merchandise.isGiftCard;
  }
  return {
    index,
    quantity,
    productId,
    variantId,
    productKey: productId !== null ? "p" + productId : "l" + index,
    title: typeof title === "string" ? title : "",
    isGiftCard: isGiftCard === true,
    requiresShipping: merchandise.requiresShipping !== false,
    unitGrams: toGrams(merchandise.weight as number | null, merchandise.weightUnit as string),
    tags,
    collections,
  };
}

export function readFacts(input: FunctionInput): Facts {
  const root = obj(input) ?? {};
  const cart = obj(root.cart) ?? {};
  const stepValue = str(obj(root.buyerJourney)?.step);
  const step = stepValue !== null && STEPS.has(stepValue) ? (stepValue as JourneyStep) : null;

  const lines: LineFacts[] = [];
  let totalQuantity = 0;
  const rawLines = arr(cart.lines);
  for (let i = 0; i < rawLines.length; i++) {
    const line = readLine(rawLines[i], i);
    if (line) {
      lines.push(line);
      totalQuantity += line.quantity;
    }
  }

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

  return {
    step,
    lines,
    groups,
    totalQuantity,
    subtotal,
    languages: languageCandidates(str(obj(localization.language)?.isoCode)),
    cartCountries,
    clock,
  };
}
