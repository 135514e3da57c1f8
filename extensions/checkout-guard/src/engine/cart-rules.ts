/**
 * Cart rules (kinds 9–16). Each rule is compiled once per evaluation into a
 * check of the cart facts, returning its findings (message key and values).
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
import type { Rule, RuleOf } from "./config";
import { CartLines } from "./cart-lines";
import { ProductLines } from "./product-lines";
import type { Facts } from "./facts";
import { compileSelector } from "./selectors";
import { slotFields, type SlotFields } from "./selection-slots";
import type { RuleCompilers } from "./evaluate";
import type { Finding } from "./types";
import { fromGrams } from "./weight";

export type CartRule = RuleOf<
  "cartQuantity" | "lineQuantity" | "productQuantity" | "subtotal" | "distinctLines" | "weight" | "exclusive" | "dependency"
>;

export type CartCheck = (facts: Facts) => Finding[];

const NONE: Finding[] = [];

function cartQuantityCheck(rule: RuleOf<"cartQuantity">): CartCheck {
  const { min, max } = rule;
  return ({ cart }) => {
    const quantity = cart.totalQuantity;
    if (max !== undefined && quantity > max) return [{ key: "cartQuantityMax", args: { min, max, limit: max, quantity } }];
    if (min !== undefined && quantity < min) return [{ key: "cartQuantityMin", args: { min, max, limit: min, quantity } }];
    return NONE;
  };
}

function lineQuantityCheck(rule: RuleOf<"lineQuantity">, slots: SlotFields): CartCheck {
  const { min, max, multiple } = rule;
  const select = compileSelector(rule.select, slots);
  return (facts) => {
    const cart = productLines(facts);
    const selected = select(cart);
    if (selected !== null && selected.length === 0) return NONE;
    // Every line in bounds (the cart's, or the selection's, smallest and largest quantities tell): nothing to walk.
    if (multiple === undefined) {
      const bounds = selected === null ? { min: cart.minQuantity, max: cart.maxQuantity } : cart.quantityBounds(selected);
      if ((max === undefined || bounds.max <= max) && (min === undefined || bounds.min >= min)) return NONE;
    }
    const positions = selected ?? cart.allPositions();
    const quantities = cart.quantities; // a getter: read once, not per line
    const findings: Finding[] = [];
    for (let i = 0; i < positions.length; i++) {
      const quantity = quantities[positions[i]];
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
  };
}

function productQuantityCheck(rule: RuleOf<"productQuantity">, slots: SlotFields): CartCheck {
  const { min, max } = rule;
  const select = compileSelector(rule.select, slots);
  return (facts) => {
    const cart = productLines(facts);
    const selected = select(cart);
    // Every line, each product within bounds without summing: a product's quantity is at
    // least its line's (so at least the cart's smallest), and at most the cart's total,
    // or its line's when no product is on two lines. Totals per product cost QuickJS
    // ~19k instructions a line; the product index ~4.5k, and only when needed.
    if (
      selected === null &&
      (min === undefined || cart.minQuantity >= min) &&
      (max === undefined || cart.totalQuantity <= max || (cart.maxQuantity <= max && !cart.hasRepeatedProducts))
    ) {
      return NONE;
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
  };
}

/** Limits apply in the cart's presentment currency only; other currencies are not checked. */
function subtotalCheck(rule: RuleOf<"subtotal">): CartCheck {
  const limits = new Map(Object.entries(rule.limits).map(([currency, limit]) => [currency.toUpperCase(), limit]));
  return ({ subtotal }) => {
    if (!subtotal) return NONE;
    const limit = limits.get(subtotal.currency);
    if (!limit) return NONE;
    const { min, max } = limit;
    const amount = Math.round(subtotal.amount * 100) / 100;
    const args = { min, max, subtotal: amount, currency: subtotal.currency, money: true };
    if (max !== undefined && amount > max) return [{ key: "subtotalMax", args: { ...args, limit: max } }];
    if (min !== undefined && amount < min) return [{ key: "subtotalMin", args: { ...args, limit: min } }];
    return NONE;
  };
}

function distinctLinesCheck(rule: RuleOf<"distinctLines">): CartCheck {
  return ({ cart }) =>
    cart.length > rule.max ? [{ key: "distinctLines", args: { max: rule.max, limit: rule.max, lines: cart.length } }] : NONE;
}

function weightCheck(rule: RuleOf<"weight">): CartCheck {
  const { min, max, unit } = rule;
  return ({ cart }) => {
    const shipped = cart.shippedWeight();
    if (shipped.lines === 0) return NONE;
    const weight = fromGrams(shipped.grams, unit);
    const args = { min, max, weight, unit };
    if (max !== undefined && weight > max) return [{ key: "weightMax", args: { ...args, limit: max } }];
    if (min !== undefined && weight < min) return [{ key: "weightMin", args: { ...args, limit: min } }];
    return NONE;
  };
}

/**
 * Without `other`: lines matching `select` must be the only lines in the cart.
 * With `other`: no line matching `select` may share the cart with a different
 * line matching `other`.
 */
function exclusiveCheck(rule: RuleOf<"exclusive">, slots: SlotFields): CartCheck {
  const select = compileSelector(rule.select, slots);
  const selectOther = rule.other ? compileSelector(rule.other, slots) : null;
  return (facts) => {
    const cart = productLines(facts);
    const selected = select(cart) ?? cart.allPositions();
    if (selected.length === 0) return NONE;
    if (!selectOther) {
      // Positions are distinct lines: fewer selected than lines means another line is in the cart.
      return selected.length < cart.length ? [{ key: "exclusive", args: { product: cart.title(selected[0]) } }] : NONE;
    }
    const others = selectOther(cart) ?? cart.allPositions();
    for (let i = 0; i < others.length; i++) {
      const partner = selected[0] !== others[i] ? selected[0] : selected[1];
      if (partner !== undefined) {
        return [{ key: "exclusiveOther", args: { product: cart.title(partner), other: cart.title(others[i]) } }];
      }
    }
    return NONE;
  };
}

/** When a line matches `select`, some line (possibly the same) must match `requires`. */
function dependencyCheck(rule: RuleOf<"dependency">, slots: SlotFields): CartCheck {
  const select = compileSelector(rule.select, slots);
  const selectRequired = compileSelector(rule.requires, slots);
  return (facts) => {
    const cart = productLines(facts);
    const required = selectRequired(cart);
    if (required === null || required.length > 0) return NONE;
    const selected = select(cart) ?? cart.allPositions();
    return selected.length > 0 ? [{ key: "dependency", args: { product: cart.title(selected[0]) } }] : NONE;
  };
}

const noCheck: CartCheck = () => NONE;
const readLines = (rawLines: unknown) => new CartLines(rawLines);
// The products function reads each line's product with its quantity, in one pass.
const readProductLines = (rawLines: unknown) => new ProductLines(rawLines);
/** The lines of a products function's run: read by `readProductLines` (PRODUCT_RULES.lines). */
const productLines = (facts: Facts) => facts.cart as ProductLines;

/**
 * The cart functions' rule families (see evaluate.ts and functions.ts): each
 * compiles only its own kinds, so that each bundle holds only their code.
 */
export const CART_TOTALS_RULES: RuleCompilers = {
  cart: (rule) =>
    rule.kind === "cartQuantity"
      ? cartQuantityCheck(rule)
      : rule.kind === "subtotal"
        ? subtotalCheck(rule)
        : rule.kind === "distinctLines"
          ? distinctLinesCheck(rule)
          : noCheck,
  lines: readLines,
};

export const CART_WEIGHT_RULES: RuleCompilers = {
  cart: (rule) => (rule.kind === "weight" ? weightCheck(rule) : noCheck),
  lines: readLines,
};

// The document's list slots, derived once per document (every product rule of a run asks).
const slotsOfDocument = new WeakMap<readonly Rule[], SlotFields>();
function documentSlots(rules: readonly Rule[]): SlotFields {
  let slots = slotsOfDocument.get(rules);
  if (!slots) slotsOfDocument.set(rules, (slots = slotFields(rules)));
  return slots;
}

export const PRODUCT_RULES: RuleCompilers = {
  cart: (rule, rules) =>
    rule.kind === "lineQuantity"
      ? lineQuantityCheck(rule, documentSlots(rules))
      : rule.kind === "productQuantity"
        ? productQuantityCheck(rule, documentSlots(rules))
        : rule.kind === "exclusive"
          ? exclusiveCheck(rule, documentSlots(rules))
          : rule.kind === "dependency"
            ? dependencyCheck(rule, documentSlots(rules))
            : noCheck,
  lines: readProductLines,
};

/** Every cart rule (the admin and the tests: what the cart functions decide together). */
export const CART_RULES: RuleCompilers = {
  cart: (rule, rules) => {
    for (const family of [CART_TOTALS_RULES, CART_WEIGHT_RULES, PRODUCT_RULES]) {
      const check = family.cart!(rule, rules);
      if (check !== noCheck) return check;
    }
    return noCheck;
  },
  // ProductLines: the cart's lines with what the product rules ask of them too.
  lines: readProductLines,
};
