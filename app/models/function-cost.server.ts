/**
 * Guards saves against Shopify's instruction limit. A function run over the
 * limit fails, and a failed run lets the buyer through (the Validations are
 * created with blockOnFailure false): the merchant's rules would silently stop
 * applying exactly to the large carts. So each function's cost is predicted
 * for the saved configuration with the fitted cost model
 * (extensions/checkout-guard/runner/cost-model.ts) at 200 and at 2,000 cart
 * lines, in the worst case (every rule blocking), and a configuration predicted
 * over 80% of the limit is refused, naming the rules that cost most.
 *
 * Except where the cart's size, not the merchant's rules, takes the function
 * there: where receiving the lines alone (the function with no rule) already
 * needs over half the limit, as for both products functions at 200 lines (see
 * docs/function-runtime.md: the lean one 60%, the other 77%), a few rules cross
 * 80% whatever they are, and then at 2,000 lines too for what follows.
 * Refusing there would only take the rules away from every smaller cart too,
 * so such a configuration is saved, and the status card says up to which cart
 * size the function checks (`checkableLines`): larger carts go through
 * unchecked, as Shopify lets a function that fails through. (The bar is the
 * floor, not the cheapest rules: making rules cheaper must never make the guard
 * refuse more.)
 */
import { checkableLines, instructionLimitFor, predictCost } from "../../extensions/checkout-guard/runner/cost-model";
import type { Rule } from "../../extensions/checkout-guard/src/engine/config";
import { t } from "../i18n.server";
import {
  CHECKOUT_FUNCTION_NAMES,
  CHECKOUT_FUNCTIONS,
  functionsOfRules,
  type CheckoutFunction,
  type RuleOutline,
} from "../../extensions/checkout-guard/src/engine/functions";

/** Cart sizes the prediction is made for: Shopify's base limit applies up to 200 lines, and scales above. */
export const GUARDED_CART_LINES = [200, 2000] as const;
/** Share of Shopify's limit a configuration may be predicted to use. */
export const LIMIT_SHARE = 0.8;
/** Share of the limit over which receiving the lines alone makes a cart size not the merchant's doing. */
export const LINE_BOUND_SHARE = 0.5;

/**
 * A rule's id, name, kind, selectors (which tell which products function runs it)
 * and the rest of its definition (its lists' entries count: cost-model.ts).
 */
export type CostedRule = RuleOutline & { id: string; name: string };

export interface FunctionCost {
  function: CheckoutFunction;
  title: string;
  /** Number of the configuration's rules this function runs (0: it has no Validation and costs nothing). */
  rules: number;
  atLines: {
    lines: number;
    predicted: number;
    limit: number;
    share: number;
    /** Receiving the lines alone takes over LINE_BOUND_SHARE of the limit, here or at a smaller size (not the merchant's doing). */
    unavoidable: boolean;
  }[];
  /** The largest cart this function checks within the limit, every smaller one included (worst case); null without rules. */
  checkableLines: number | null;
  /** The rules this function runs, costliest first, with their share at 200 lines. */
  costliest: { name: string; instructions: number }[];
}

/** Whether receiving `lines` lines, with no rule, takes the function over LINE_BOUND_SHARE of the limit. */
export function lineBound(fn: CheckoutFunction, lines: number): boolean {
  return predictCost(fn, [], lines).worstCase > LINE_BOUND_SHARE * instructionLimitFor(lines);
}

/** Each function's predicted worst-case cost for these (active and scheduled) rules. */
export function predictConfigurationCost(rules: readonly CostedRule[]): FunctionCost[] {
  const functions = functionsOfRules(rules);
  return CHECKOUT_FUNCTION_NAMES.map((fn) => {
    const own = rules.filter((_, i) => functions[i] === fn);
    const names = new Map(own.map((rule) => [rule.id, rule.name]));
    // Unavoidable at a size, so at every larger one: once the function checks only carts
    // up to some size (the status card says which), refusing for larger carts takes
    // the rules away from the smaller ones for nothing.
    let smallerUnavoidable = false;
    const atLines = GUARDED_CART_LINES.map((lines) => {
      const predicted = own.length === 0 ? 0 : predictCost(fn, own, lines).worstCase;
      const limit = instructionLimitFor(lines);
      const unavoidable = own.length > 0 && (smallerUnavoidable || lineBound(fn, lines));
      smallerUnavoidable = unavoidable;
      return { lines, predicted, limit, share: predicted / limit, unavoidable };
    });
    const costliest = predictCost(fn, own, GUARDED_CART_LINES[0]).byRule.map((r) => ({ name: names.get(r.id) ?? r.id, instructions: r.instructions }));
    return {
      function: fn,
      title: CHECKOUT_FUNCTIONS[fn].title,
      rules: own.length,
      atLines,
      checkableLines: own.length === 0 ? null : checkableLines(fn, own),
      costliest,
    };
  });
}

const millions = (n: number) => t("status.millions", { value: n / 1_000_000 });

/**
 * The message refusing a configuration predicted over the limit's safe share, or
 * null when it fits (or is over only where any configuration of that function is).
 */
export function costGuardError(rules: readonly CostedRule[]): string | null {
  for (const cost of predictConfigurationCost(rules)) {
    const over = cost.atLines.find((at) => at.share > LIMIT_SHARE && !at.unavoidable);
    if (!over) continue;
    const costliest = cost.costliest
      .slice(0, 3)
      .map((r) => t("server.cost.costliestRule", { name: r.name, instructions: millions(r.instructions) }))
      .join(", ");
    return (
      t("server.cost.tooCostly", {
        title: cost.title,
        predicted: millions(over.predicted),
        lines: over.lines,
        share: Math.round(LIMIT_SHARE * 100),
        limit: millions(over.limit),
        costliest,
      })
    );
  }
  return null;
}

/**
 * Each function's predicted cost for a saved version (its combined document,
 * and its rules snapshot for the rules' names), as the status card shows it;
 * null when the version cannot be read.
 */
export function predictVersionCost(version: { document: string; rules?: string | null }): FunctionCost[] | null {
  let rules: unknown;
  try {
    rules = (JSON.parse(version.document) as { rules?: unknown }).rules;
  } catch {
    return null;
  }
  if (!Array.isArray(rules)) return null;
  const names = new Map<string, string>();
  try {
    for (const r of JSON.parse(version.rules ?? "[]") as { id?: unknown; name?: unknown }[]) {
      if (typeof r?.id === "string" && typeof r.name === "string") names.set(r.id, r.name);
    }
  } catch {
    // Names are only for messages; the ids stand in.
  }
  const costed = rules.flatMap((rule: Rule) =>
    typeof rule?.id === "string" && typeof rule.kind === "string" ? [{ ...rule, name: names.get(rule.id) ?? rule.id }] : [],
  );
  return predictConfigurationCost(costed);
}
