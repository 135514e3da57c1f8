/**
 * The two checkout functions and the rules each runs. Address rules and cart
 * rules read different parts of the input, so each family has its own Shopify
 * Function, Validation, configuration document and minimal input query: the
 * address function reads no cart lines (its cost does not grow with the cart),
 * and the cart function reads of the addresses only the country.
 *
 * The extensions live beside this package: extensions/checkout-guard-address
 * and extensions/checkout-guard-cart (the handles below).
 */
import type { Config, Rule, RuleKind } from "./config";
import { ADDRESS_RULE_KINDS, CART_RULE_KINDS } from "./constants";

export const CHECKOUT_FUNCTIONS = {
  address: { handle: "checkout-guard-address", title: "Checkout Guard: addresses", kinds: ADDRESS_RULE_KINDS },
  cart: { handle: "checkout-guard-cart", title: "Checkout Guard: cart", kinds: CART_RULE_KINDS },
} as const;

export type CheckoutFunction = keyof typeof CHECKOUT_FUNCTIONS;
export const CHECKOUT_FUNCTION_NAMES = Object.keys(CHECKOUT_FUNCTIONS) as CheckoutFunction[];

const ADDRESS_KINDS: readonly string[] = ADDRESS_RULE_KINDS;

/** The function that evaluates rules of this kind. */
export function functionOfKind(kind: RuleKind): CheckoutFunction {
  return ADDRESS_KINDS.includes(kind) ? "address" : "cart";
}

/**
 * One document per function: its rules, in the merchant's order, and the
 * schedule boundaries those rules use (each function asks Shopify about its
 * own clock slots through its own input variables).
 */
export function splitConfig(config: Config): Record<CheckoutFunction, Config> {
  const split = {} as Record<CheckoutFunction, Config>;
  for (const name of CHECKOUT_FUNCTION_NAMES) {
    const rules: Rule[] = config.rules.filter((rule) => functionOfKind(rule.kind) === name);
    const used = new Set<string>();
    for (const rule of rules) {
      if (rule.schedule?.start) used.add(rule.schedule.start);
      if (rule.schedule?.end) used.add(rule.schedule.end);
    }
    const clock = (config.clock ?? []).filter((boundary) => used.has(boundary));
    split[name] = { v: config.v, rules, ...(clock.length > 0 ? { clock } : {}) };
  }
  return split;
}
