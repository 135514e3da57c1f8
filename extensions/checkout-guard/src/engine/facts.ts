/**
 * Reads the function input once per evaluation into plain facts: delivery
 * groups with their addresses; the buyer's language candidates and the
 * function's message catalog; the journey step; the schedule clock; and, on
 * first use only, the cart lines (cart-lines.ts).
 * Every access is defensive: missing data never throws.
 */
import type { CartLines } from "./cart-lines";
import { SCHEDULE_SLOTS } from "./constants";
import type { MessageCatalog } from "./messages";
import type { Address, FunctionInput } from "./types";

export type JourneyStep = "CART_INTERACTION" | "CHECKOUT_INTERACTION" | "CHECKOUT_COMPLETION" | null;

export interface GroupFacts {
  index: number;
  address: Address | null;
  /** Upper-case ISO country code of the address, or null. */
  country: string | null;
}

export interface Facts {
  step: JourneyStep;
  /** The cart's lines; read on first access, so that address-only configurations never pay for them. */
  readonly cart: CartLines;
  groups: GroupFacts[];
  subtotal: { amount: number; currency: string } | null;
  /** Language codes to try, most specific first: "PT_BR" → ["pt-br", "pt"]. */
  languages: string[];
  /** The function's message catalog (`validation.messages.jsonValue`, see messages.ts), or null. */
  messages: MessageCatalog | null;
  /** Countries a cart rule's scope is checked against. */
  cartCountries: string[];
  /** `shop.localTime.atN`: whether the clock's N-th date-time has passed (undefined: unknown). */
  clock: (boolean | undefined)[];
}

const STEPS: readonly string[] = ["CART_INTERACTION", "CHECKOUT_INTERACTION", "CHECKOUT_COMPLETION"];

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

/**
 * How the cart's lines are read: given by the cart rules' family (cart-rules.ts),
 * so that the address function's bundle holds no line-reading code.
 */
export type LinesReader = (rawLines: unknown) => CartLines;

const noLinesReader: LinesReader = () => {
  throw new Error("this function reads no cart lines");
};

export function readFacts(input: FunctionInput, readLines: LinesReader = noLinesReader): Facts {
  const root = obj(input) ?? {};
  const cart = obj(root.cart) ?? {};
  const stepValue = str(obj(root.buyerJourney)?.step);
  const step = stepValue !== null && STEPS.includes(stepValue) ? (stepValue as JourneyStep) : null;

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

  let messages: unknown = obj(obj(root.validation)?.messages)?.jsonValue;
  if (typeof messages === "string") {
    try {
      messages = JSON.parse(messages);
    } catch {
      messages = null;
    }
  }

  let lines: CartLines | null = null;
  const rawLines = cart.lines;
  return {
    step,
    get cart() {
      return (lines ??= readLines(rawLines));
    },
    groups,
    subtotal,
    languages: languageCandidates(str(obj(localization.language)?.isoCode)),
    messages: obj(messages) as MessageCatalog | null,
    cartCountries,
    clock,
  };
}
