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
 * - productsLean: each line's product, title, and one tag list and one
 *   collection list: the product rules that select no variant and use the
 *   document's first tag list and first collection list (most product rules);
 * - products: each line's variant, product, title and two tag and two
 *   collection lists: the other product rules.
 *
 * The two products functions run the same rules with the same code; they
 * differ only in what their queries ask of each line. Every value asked is
 * paid at every run (~2,600 instructions a line each), and the lean query asks
 * three fewer per line: ~1.8M fewer instructions at 200 lines.
 *
 * The cart functions read of the addresses only the country (for a rule's
 * country scope). The extensions live beside this package, in the folders
 * named by their handles.
 */
import type { Config, FunctionConfig, PublishedRule, Rule, RuleKind } from "./config";
import { ADDRESS_RULE_KINDS, COLLECTION_LIST_SLOTS, METAFIELD_BYTE_LIMIT, PRODUCT_RULE_KINDS, TAG_LIST_SLOTS } from "./constants";
import { utf8Length } from "./output";
import { listKey, listsOfRule, SELECTOR_FIELDS, slotFields, type RuleSelectors } from "./selection-slots";

export const CHECKOUT_FUNCTIONS = {
  address: { handle: "checkout-guard-address", title: "Checkout Guard: addresses", rules: "address rules", kinds: ADDRESS_RULE_KINDS },
  cart: {
    handle: "checkout-guard-cart",
    title: "Checkout Guard: cart totals",
    rules: "cart quantity, line count and subtotal rules",
    kinds: ["cartQuantity", "distinctLines", "subtotal"],
  },
  weight: { handle: "checkout-guard-weight", title: "Checkout Guard: cart weight", rules: "weight rules", kinds: ["weight"] },
  productsLean: {
    handle: "checkout-guard-products-lean",
    title: "Checkout Guard: products by product, tag or collection",
    rules: "product rules (line and product quantities, exclusive products, dependencies)",
    kinds: PRODUCT_RULE_KINDS,
    listSlots: { tags: 1, collections: 1 },
  },
  products: {
    handle: "checkout-guard-products",
    // The title Validations of this function had before the lean one existed: they keep it (updates set metafields only).
    title: "Checkout Guard: products",
    rules: "product rules by variant, or by a second tag or collection list",
    kinds: PRODUCT_RULE_KINDS,
    listSlots: { tags: TAG_LIST_SLOTS, collections: COLLECTION_LIST_SLOTS },
  },
} as const satisfies Record<
  string,
  { handle: string; title: string; rules: string; kinds: readonly RuleKind[]; listSlots?: { tags: number; collections: number } }
>;

export type CheckoutFunction = keyof typeof CHECKOUT_FUNCTIONS;
export const CHECKOUT_FUNCTION_NAMES = Object.keys(CHECKOUT_FUNCTIONS) as CheckoutFunction[];

/** How many tag lists and collection lists a function's query answers (none but the products functions). */
export function listSlotsOf(fn: CheckoutFunction): { tags: number; collections: number } {
  const entry = CHECKOUT_FUNCTIONS[fn];
  return "listSlots" in entry ? entry.listSlots : { tags: 0, collections: 0 };
}

/** The function of a rule that is not a product rule (those depend on the document: functionsOfRules). */
function functionOfKind(kind: RuleKind): CheckoutFunction {
  return CHECKOUT_FUNCTION_NAMES.find((fn) => (CHECKOUT_FUNCTIONS[fn].kinds as readonly string[]).includes(kind)) ?? "address";
}

/**
 * The function that evaluates each rule of a document, in its order. A product
 * rule goes to the lean products function when it selects no variant and its
 * tag and collection lists are that function's one list of each: the first it
 * meets, in the merchant's order. Every other product rule goes to the products
 * function (whose two slots of each hold its own lists: the admin refuses a
 * document whose product rules use more than two of either).
 */
export function functionsOfRules(rules: readonly RuleOutline[]): CheckoutFunction[] {
  let leanTags: string | undefined;
  let leanCollections: string | undefined;
  return rules.map((rule) => {
    if (!(PRODUCT_RULE_KINDS as readonly string[]).includes(rule.kind)) return functionOfKind(rule.kind);
    if (selectsVariants(rule)) return "products";
    const tags = oneList(listsOfRule(rule, "tags"));
    const collections = oneList(listsOfRule(rule, "collections"));
    if (tags === null || collections === null) return "products";
    if ((tags !== undefined && leanTags !== undefined && tags !== leanTags) || (collections !== undefined && leanCollections !== undefined && collections !== leanCollections)) {
      return "products";
    }
    leanTags ??= tags;
    leanCollections ??= collections;
    return "productsLean";
  });
}

/** The function of one rule of a document. */
export function functionOfRule(rule: RuleOutline, rules: readonly RuleOutline[] = [rule]): CheckoutFunction {
  const index = rules.indexOf(rule);
  return index < 0 ? functionsOfRules([rule])[0] : functionsOfRules(rules)[index];
}

/** What decides a rule's function: its kind and, for a product rule, its selectors. */
export type RuleOutline = Pick<Rule, "kind"> & RuleSelectors;

function selectsVariants(rule: RuleOutline): boolean {
  return SELECTOR_FIELDS.some((field) => (rule[field]?.variants?.length ?? 0) > 0);
}

/** The key of a rule's only list; undefined for none, null for two different ones. */
function oneList(lists: readonly string[][]): string | undefined | null {
  let key: string | undefined;
  for (const list of lists) {
    const k = listKey(list);
    if (key !== undefined && k !== key) return null;
    key = k;
  }
  return key;
}

/**
 * One document per function: its rules, in the merchant's order, and the
 * schedule boundaries those rules use (each function asks Shopify about its
 * own clock slots through its own input variables).
 */
export function splitConfig(config: Config): Record<CheckoutFunction, Config> {
  const split = {} as Record<CheckoutFunction, Config>;
  const functions = functionsOfRules(config.rules);
  for (const name of CHECKOUT_FUNCTION_NAMES) {
    const rules: Rule[] = config.rules.filter((_, i) => functions[i] === name);
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

/**
 * What a function's Validation carries of its document (`splitConfig(config)[fn]`):
 * nothing the function would only work out again at every run.
 * - No rule ids: they name rules for the admin (the simulator attributes what
 *   blocks with the admin's own document), and receiving one costs the
 *   function ~3k instructions a rule.
 * - The products functions get the document's list slots and ids (slotFields),
 *   worked out at every run otherwise (~8k instructions a selector), unless
 *   they would take the document over Shopify's 10,000 bytes: the function
 *   then works them out itself.
 */
export function publishedDocument(fn: CheckoutFunction, document: Config): FunctionConfig {
  const rules: PublishedRule[] = document.rules.map(({ id: _id, ...rule }) => rule as PublishedRule);
  const published: FunctionConfig = { v: document.v, rules, ...(document.clock ? { clock: document.clock } : {}) };
  if (listSlotsOf(fn).tags === 0) return published;
  const withSlots = { ...published, slots: slotFields(document.rules) };
  return utf8Length(JSON.stringify(withSlots)) <= METAFIELD_BYTE_LIMIT ? withSlots : published;
}
