/**
 * The checkout functions and the rules each runs. Shopify charges a function
 * for every value of its input (about 2,600 instructions each, per cart line
 * for the lines), and an input query cannot leave fields out at run time
 * (@include / @skip are not supported in Shopify Functions), so the rules are
 * grouped by what they read, each group with its own Shopify Function,
 * Validation, configuration document and minimal input query. A function the
 * merchant's rules do not use has no Validation and costs nothing:
 *
 * - address: the shipping addresses, no cart lines (its cost does not grow with the cart);
 * - cart: cart totals, of each line only its quantity;
 * - weight: each line's weight and whether it ships;
 * - products: each line's variant, product, title, tags and collections.
 *
 * The cart functions read of the addresses only the country (for a rule's
 * country scope). The extensions live beside this package, in the folders
 * named by their handles.
 */
import type { Config, Rule, RuleKind } from "./config";
import { ADDRESS_RULE_KINDS } from "./constants";

export const CHECKOUT_FUNCTIONS = {
  address: { handle: "checkout-guard-address", title: "Checkout Guard: addresses", rules: "address rules", kinds: ADDRESS_RULE_KINDS },
  cart: {
    handle: "checkout-guard-cart",
    title: "Checkout Guard: cart totals",
    rules: "cart quantity, line count and subtotal rules",
    kinds: ["cartQuantity", "distinctLines", "subtotal"],
  },
  weight: { handle: "checkout-guard-weight", title: "Checkout Guard: cart weight", rules: "weight rules", kinds: ["weight"] },
  products: {
    handle: "checkout-guard-products",
    title: "Checkout Guard: products",
    rules: "product rules (line and product quantities, exclusive products, dependencies)",
    kinds: ["lineQuantity", "productQuantity", "exclusive", "dependency"],
  },
} as const satisfies Record<string, { handle: string; title: string; rules: string; kinds: readonly RuleKind[] }>;

export type CheckoutFunction = keyof typeof CHECKOUT_FUNCTIONS;
export const CHECKOUT_FUNCTION_NAMES = Object.keys(CHECKOUT_FUNCTIONS) as CheckoutFunction[];

/** The function that evaluates rules of this kind. */
export function functionOfKind(kind: RuleKind): CheckoutFunction {
  return CHECKOUT_FUNCTION_NAMES.find((fn) => (CHECKOUT_FUNCTIONS[fn].kinds as readonly string[]).includes(kind)) ?? "address";
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
