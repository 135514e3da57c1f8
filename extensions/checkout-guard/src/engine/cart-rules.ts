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
 * - Weight counts only lines that require shipping and are not gift cards;
 *   a missing weight counts as 0. A cart with no such line is not checked.
 * - Minimums and maximums are inclusive: the limit itself is accepted.
 */
import type { RuleOf } from "./config";
import { lineProductKey, lineShippedGrams, lineTitle, type Facts, type LineFacts } from "./facts";
import { compileSelector } from "./selectors";
import type { Finding } from "./types";
import { fromGrams } from "./weight";

export type CartRule = RuleOf<
  "cartQuantity" | "lineQuantity" | "productQuantity" | "subtotal" | "distinctLines" | "weight" | "exclusive" | "dependency"
>;

export type CartCheck = (facts: Facts) => Finding[];

const NONE: Finding[] = [];

function cartQuantityCheck(rule: RuleOf<"cartQuantity">): CartCheck {
  const { min, max } = rule;
  return ({ totalQuantity: quantity }) => {
    if (max !== undefined && quantity > max) return [{ key: "cartQuantityMax", args: { min, max, limit: max, quantity } }];
    if (min !== undefined && quantity < min) return [{ key: "cartQuantityMin", args: { min, max, limit: min, quantity } }];
    return NONE;
  };
}

function lineQuantityCheck(rule: RuleOf<"lineQuantity">): CartCheck {
  const { min, max, multiple } = rule;
  const matches = compileSelector(rule.select);
  return ({ lines }) => {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const quantity = line.quantity;
      const key =
        max !== undefined && quantity > max
          ? "lineQuantityMax"
          : min !== undefined && quantity < min
            ? "lineQuantityMin"
            : multiple !== undefined && quantity % multiple !== 0
              ? "lineQuantityMultiple"
              : null;
      if (key === null || !matches(line)) continue;
      const limit = key === "lineQuantityMax" ? max : key === "lineQuantityMin" ? min : undefined;
      findings.push({ key, args: { min, max, multiple, limit, quantity, product: lineTitle(line) } });
    }
    return findings;
  };
}

function productQuantityCheck(rule: RuleOf<"productQuantity">): CartCheck {
  const { min, max } = rule;
  const matches = compileSelector(rule.select);
  return ({ lines }) => {
    const totals = new Map<string, { quantity: number; title: string }>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!matches(line)) continue;
      const key = lineProductKey(line);
      const entry = totals.get(key);
      if (entry) entry.quantity += line.quantity;
      else totals.set(key, { quantity: line.quantity, title: lineTitle(line) });
    }
    const findings: Finding[] = [];
    for (const { quantity, title } of totals.values()) {
      if (max !== undefined && quantity > max) findings.push({ key: "productQuantityMax", args: { min, max, limit: max, quantity, product: title } });
      else if (min !== undefined && quantity < min) findings.push({ key: "productQuantityMin", args: { min, max, limit: min, quantity, product: title } });
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
  return ({ lines }) =>
    lines.length > rule.max ? [{ key: "distinctLines", args: { max: rule.max, limit: rule.max, lines: lines.length } }] : NONE;
}

function weightCheck(rule: RuleOf<"weight">): CartCheck {
  const { min, max, unit } = rule;
  return ({ lines }) => {
    let grams = 0;
    let shipped = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const unitGrams = line.shippedGrams ?? lineShippedGrams(line);
      if (unitGrams < 0) continue;
      shipped++;
      grams += unitGrams * line.quantity;
    }
    if (shipped === 0) return NONE;
    const weight = fromGrams(grams, unit);
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
function exclusiveCheck(rule: RuleOf<"exclusive">): CartCheck {
  const selected = compileSelector(rule.select);
  const other = rule.other ? compileSelector(rule.other) : null;
  return ({ lines }) => {
    let first: LineFacts | null = null;
    let outsider = false;
    for (let i = 0; i < lines.length; i++) {
      if (selected(lines[i])) {
        if (!first) first = lines[i];
      } else outsider = true;
      if (first && outsider && !other) break;
    }
    if (!first) return NONE;
    if (!other) return outsider ? [{ key: "exclusive", args: { product: lineTitle(first) } }] : NONE;
    // Find a selected line and an "other" line that are different lines.
    const selectedLines = lines.filter(selected);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!other(line)) continue;
      const partner = selectedLines[0] !== line ? selectedLines[0] : selectedLines[1];
      if (partner) return [{ key: "exclusiveOther", args: { product: lineTitle(partner), other: lineTitle(line) } }];
    }
    return NONE;
  };
}

/** When a line matches `select`, some line (possibly the same) must match `requires`. */
function dependencyCheck(rule: RuleOf<"dependency">): CartCheck {
  const selected = compileSelector(rule.select);
  const required = compileSelector(rule.requires);
  return ({ lines }) => {
    let first: LineFacts | null = null;
    for (let i = 0; i < lines.length; i++) {
      if (required(lines[i])) return NONE;
      if (!first && selected(lines[i])) first = lines[i];
    }
    return first ? [{ key: "dependency", args: { product: lineTitle(first) } }] : NONE;
  };
}

export function compileCartRule(rule: CartRule): CartCheck {
  switch (rule.kind) {
    case "cartQuantity":
      return cartQuantityCheck(rule);
    case "lineQuantity":
      return lineQuantityCheck(rule);
    case "productQuantity":
      return productQuantityCheck(rule);
    case "subtotal":
      return subtotalCheck(rule);
    case "distinctLines":
      return distinctLinesCheck(rule);
    case "weight":
      return weightCheck(rule);
    case "exclusive":
      return exclusiveCheck(rule);
    case "dependency":
      return dependencyCheck(rule);
    default:
      return () => NONE;
  }
}
