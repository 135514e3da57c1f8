/**
 * Cart rules (kinds 9–16). Each rule is checked against the cart facts,
 * returning its findings (message key and values). A check reads its rule
 * where it runs, rather than compiling it into a closure first: QuickJS
 * charges a closure, and each variable it captures, at every rule of every run.
 *
 * Semantics (also in docs/configuration.md):
 * - An empty cart is never blocked by a cart rule: there is nothing to buy,
 *   and the cart page must not greet an empty cart with "at least 3 items".
 * - Quantities (cartQuantity, lineQuantity, productQuantity, distinctLines)
 *   count every line the buyer buys, gift cards and items that need no
 *   shipping included; lineQuantity and productQuantity can be narrowed with
 *   a selector.
 * - Weight counts only lines that require shipping (a digital gift card does
 *   not; a physical one ships and weighs like any item); a missing weight
 *   counts as 0. A cart with no such line is not checked.
 * - Minimums and maximums are inclusive: the limit itself is accepted.
 */
import type { FunctionConfig, RuleOf } from "./config";
import { CartLines } from "./cart-lines";
import { ProductLines } from "./product-lines";
import type { Facts } from "./facts";
import { selectLines } from "./selectors";
import { slotFields, type SlotFields } from "./selection-slots";
import type { RuleFamily } from "./evaluate";
import type { Finding } from "./types";
import { fromGrams } from "./weight";

export type CartRule = RuleOf<
  "cartQuantity" | "lineQuantity" | "productQuantity" | "subtotal" | "distinctLines" | "weight" | "exclusive" | "dependency"
>;

/** A cart rule's findings on the cart facts (`document`: whose list slots product selectors read). */
export type CartCheck = (rule: CartRule, facts: Facts, document: FunctionConfig) => Finding[];

const NONE: Finding[] = [];

function cartQuantityFindings({ min, max }: RuleOf<"cartQuantity">, { cart }: Facts): Finding[] {
  const quantity = cart.totalQuantity;
  if (max !== undefined && quantity > max) return [{ key: "cartQuantityMax", args: { min, max, limit: max, quantity } }];
  if (min !== undefined && quantity < min) return [{ key: "cartQuantityMin", args: { min, max, limit: min, quantity } }];
  return NONE;
}

function lineQuantityFindings(rule: RuleOf<"lineQuantity">, cart: ProductLines, slots: SlotFields): Finding[] {
  const selected = selectLines(rule.select, cart, slots);
  if (selected !== null && selected.length === 0) return NONE;
  const { min, max, multiple } = rule;
  // Every line in bounds (the cart's, or the selection's, smallest and largest quantities tell): nothing to walk.
  if (multiple === undefined) {
    const bounds = selected === null ? null : cart.quantityBounds(selected);
    const smallest = bounds === null ? cart.minQuantity : bounds.min;
    const largest = bounds === null ? cart.maxQuantity : bounds.max;
    if ((max === undefined || largest <= max) && (min === undefined || smallest >= min)) return NONE;
  }
  const positions = selected ?? cart.allPositions();
  const findings: Finding[] = [];
  for (let i = 0; i < positions.length; i++) {
    const quantity = cart.quantityAt(positions[i]);
    const key =
      max !== undefined && quantity > max
        ? "lineQuantityMax"
        : min !== undefined && quantity < min
          ? "lineQuantityMin"
          : multiple !== undefined && quantity % multiple !== 0
            ? "lineQuantityMultiple"
            : null;
    if (key === null) continue;
    const limit = key === "lineQuantityMax" ? max : key === "lineQuantityMin" ? min : undefined;
    findings.push({ key, args: { min, max, multiple, limit, quantity, product: cart.title(positions[i]) } });
  }
  return findings;
}

function productQuantityFindings(rule: RuleOf<"productQuantity">, cart: ProductLines, slots: SlotFields): Finding[] {
  const { min, max } = rule;
  const selected = selectLines(rule.select, cart, slots);
  // Each product within bounds without summing per product: a product's quantity is
  // at least its line's (so at least the selection's smallest), and at most the
  // selection's total, or its line's when no product is on two lines. Totals per
  // product cost QuickJS ~19k instructions a line (~1.7k a line in one pass); the
  // product index ~4.5k, and only when needed.
  if (selected === null) {
    if (
      (min === undefined || cart.minQuantity >= min) &&
      (max === undefined || cart.totalQuantity <= max || (cart.maxQuantity <= max && !cart.hasRepeatedProducts))
    ) {
      return NONE;
    }
  } else {
    if (selected.length === 0) return NONE;
    const lines = cart.quantityBounds(selected);
    if ((min === undefined || lines.min >= min) && (max === undefined || lines.total <= max)) return NONE;
  }
  const totals = cart.totalsByProduct(selected ?? undefined);
  // Every product in bounds: nothing to walk (rules with the same selector share the totals and their bounds).
  const bounds = cart.totalBounds(totals);
  if ((max === undefined || bounds.max <= max) && (min === undefined || bounds.min >= min)) return NONE;
  const findings: Finding[] = [];
  for (let i = 0; i < totals.length; i++) {
    const { quantity, position } = totals[i];
    if (max !== undefined && quantity > max) {
      findings.push({ key: "productQuantityMax", args: { min, max, limit: max, quantity, product: cart.title(position) } });
    } else if (min !== undefined && quantity < min) {
      findings.push({ key: "productQuantityMin", args: { min, max, limit: min, quantity, product: cart.title(position) } });
    }
  }
  return findings;
}

/** Limits apply in the cart's presentment currency only; other currencies are not checked. */
function subtotalFindings(rule: RuleOf<"subtotal">, { subtotal }: Facts): Finding[] {
  if (!subtotal) return NONE;
  const limit = limitOfCurrency(rule.limits, subtotal.currency);
  if (!limit) return NONE;
  const { min, max } = limit;
  const amount = Math.round(subtotal.amount * 100) / 100;
  const args = { min, max, subtotal: amount, currency: subtotal.currency, money: true };
  if (max !== undefined && amount > max) return [{ key: "subtotalMax", args: { ...args, limit: max } }];
  if (min !== undefined && amount < min) return [{ key: "subtotalMin", args: { ...args, limit: min } }];
  return NONE;
}

/** The limit of a currency (the admin writes codes upper-case; any case is accepted). */
function limitOfCurrency(limits: RuleOf<"subtotal">["limits"], currency: string) {
  for (const code in limits) if (code.toUpperCase() === currency) return limits[code];
  return undefined;
}

function distinctLinesFindings(rule: RuleOf<"distinctLines">, { cart }: Facts): Finding[] {
  return cart.length > rule.max ? [{ key: "distinctLines", args: { max: rule.max, limit: rule.max, lines: cart.length } }] : NONE;
}

function weightFindings({ min, max, unit }: RuleOf<"weight">, { cart }: Facts): Finding[] {
  const shipped = cart.shippedWeight();
  if (shipped.lines === 0) return NONE;
  const weight = fromGrams(shipped.grams, unit);
  const args = { min, max, weight, unit };
  if (max !== undefined && weight > max) return [{ key: "weightMax", args: { ...args, limit: max } }];
  if (min !== undefined && weight < min) return [{ key: "weightMin", args: { ...args, limit: min } }];
  return NONE;
}

/**
 * Without `other`: lines matching `select` must be the only lines in the cart.
 * With `other`: no line matching `select` may share the cart with a different
 * line matching `other`.
 */
function exclusiveFindings(rule: RuleOf<"exclusive">, cart: ProductLines, slots: SlotFields): Finding[] {
  const selected = selectLines(rule.select, cart, slots) ?? cart.allPositions();
  if (selected.length === 0) return NONE;
  if (rule.other === undefined) {
    // Positions are distinct lines: fewer selected than lines means another line is in the cart.
    return selected.length < cart.length ? [{ key: "exclusive", args: { product: cart.title(selected[0]) } }] : NONE;
  }
  const others = selectLines(rule.other, cart, slots) ?? cart.allPositions();
  for (let i = 0; i < others.length; i++) {
    const partner = selected[0] !== others[i] ? selected[0] : selected[1];
    if (partner !== undefined) {
      return [{ key: "exclusiveOther", args: { product: cart.title(partner), other: cart.title(others[i]) } }];
    }
  }
  return NONE;
}

/** When a line matches `select`, some line (possibly the same) must match `requires`. */
function dependencyFindings(rule: RuleOf<"dependency">, cart: ProductLines, slots: SlotFields): Finding[] {
  const required = selectLines(rule.requires, cart, slots);
  if (required === null || required.length > 0) return NONE;
  const selected = selectLines(rule.select, cart, slots) ?? cart.allPositions();
  return selected.length > 0 ? [{ key: "dependency", args: { product: cart.title(selected[0]) } }] : NONE;
}

/** What a family answers for a kind that is not its own (the identity tells CART_RULES to ask the next). */
const NOT_OF_THIS_FAMILY: Finding[] = [];
const readLines = (rawLines: unknown) => new CartLines(rawLines);
// The products function reads each line's product with its quantity, in one pass.
const readProductLines = (rawLines: unknown) => new ProductLines(rawLines);

/**
 * The cart functions' rule families (see evaluate.ts and functions.ts): each
 * checks only its own kinds, so that each bundle holds only their code.
 */
export const CART_TOTALS_RULES: RuleFamily = {
  cart: (rule, facts) =>
    rule.kind === "cartQuantity"
      ? cartQuantityFindings(rule, facts)
      : rule.kind === "subtotal"
        ? subtotalFindings(rule, facts)
        : rule.kind === "distinctLines"
          ? distinctLinesFindings(rule, facts)
          : NOT_OF_THIS_FAMILY,
  lines: readLines,
};

export const CART_WEIGHT_RULES: RuleFamily = {
  cart: (rule, facts) => (rule.kind === "weight" ? weightFindings(rule, facts) : NOT_OF_THIS_FAMILY),
  lines: readLines,
};

// What a run's product rules share: its lines, read with the document's list slots
// (published with the document, or worked out here: slotFields). Kept for the last
// run: an identity check costs QuickJS less than the getter, a WeakMap and the
// calls at every rule.
let lastFacts: Facts | null = null;
let lastDocument: FunctionConfig | null = null;
let lastCart: ProductLines;
let lastSlots: SlotFields;

export const PRODUCT_RULES: RuleFamily = {
  cart: (rule, facts, document) => {
    if (facts !== lastFacts || document !== lastDocument) {
      lastSlots = document.slots ?? slotFields(document.rules);
      // The lines of a products function's run are read by `readProductLines` (PRODUCT_RULES.lines).
      lastCart = facts.cart as ProductLines;
      lastCart.readWith(lastSlots);
      lastFacts = facts;
      lastDocument = document;
    }
    const cart = lastCart;
    const slots = lastSlots;
    return rule.kind === "lineQuantity"
      ? lineQuantityFindings(rule, cart, slots)
      : rule.kind === "productQuantity"
        ? productQuantityFindings(rule, cart, slots)
        : rule.kind === "exclusive"
          ? exclusiveFindings(rule, cart, slots)
          : rule.kind === "dependency"
            ? dependencyFindings(rule, cart, slots)
            : NOT_OF_THIS_FAMILY;
  },
  lines: readProductLines,
};

/** Every cart rule (the admin and the tests: what the cart functions decide together). */
export const CART_RULES: RuleFamily = {
  cart: (rule, facts, document) => {
    for (const family of [CART_TOTALS_RULES, CART_WEIGHT_RULES, PRODUCT_RULES]) {
      const findings = family.cart!(rule, facts, document);
      if (findings !== NOT_OF_THIS_FAMILY) return findings;
    }
    return NONE;
  },
  // ProductLines: the cart's lines with what the product rules ask of them too.
  lines: readProductLines,
};
