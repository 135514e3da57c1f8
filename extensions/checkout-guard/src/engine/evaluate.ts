/**
 * Evaluates a configuration against the function input: the one evaluator of
 * the address function, the cart function, the admin's simulator and the tests.
 * Each function passes only its own family's compiler, so that its bundle holds
 * only the code its rules run (rules of the other family are skipped).
 *
 * Work per run: the input is read once (readFacts), each rule is compiled
 * once (regular expression, postal-code sets, selectors), then address rules
 * run once per delivery group with an address and cart rules once per cart,
 * on indexes of the lines shared by all of them (cart-lines.ts). Nothing is
 * quadratic in lines or rules; evaluation stops early once the output is
 * full (see output.ts).
 */
import type { Config, Rule, RuleKind } from "./config";
import { ADDRESS_RULE_KINDS } from "./constants";
import type { AddressCheck, AddressRule, KindCache } from "./address-rules";
import type { CartCheck, CartRule } from "./cart-rules";
import type { Facts, LinesReader } from "./facts";
import { pickTemplate, renderMessage } from "./messages";
import { ErrorCollector } from "./output";
import { makeScheduleCheck } from "./schedule";
import { compileScope, inScope } from "./scope";
import { stageBlocks } from "./stage";
import type { Finding, ValidationError, Violation } from "./types";

export interface Evaluation {
  /** What the function returns to Shopify: de-duplicated and capped. */
  errors: ValidationError[];
  /** Every blocking finding, with its rule, until the output was full (the simulator's view). */
  violations: Violation[];
  /** Errors left out because a cap was reached. */
  dropped: number;
}

const ADDRESS_KINDS = new Set<RuleKind>(ADDRESS_RULE_KINDS);
export const isAddressRule = (rule: Rule): rule is AddressRule => ADDRESS_KINDS.has(rule.kind);

export const CART_TARGET = "$.cart";
export const addressTarget = (groupIndex: number, field: string) =>
  `$.cart.deliveryGroups[${groupIndex}].deliveryAddress.${field}`;

/** The rule families a run evaluates: a family left out is skipped. */
export interface RuleCompilers {
  address?: (rule: AddressRule, cache: KindCache) => AddressCheck;
  /** Compiles a cart rule of the document `rules` (product selectors read the whole document's list slots). */
  cart?: (rule: CartRule, rules: readonly Rule[]) => CartCheck;
  /** How the cart rules read the lines (with `cart`). */
  lines?: LinesReader;
}

export function evaluateFacts(config: Config, facts: Facts, compilers: RuleCompilers): Evaluation {
  const collector = new ErrorCollector();
  const violations: Violation[] = [];
  const scheduled = makeScheduleCheck(config.clock, facts.clock);
  const languages = facts.languages;
  const messages = facts.messages;
  const groupsWithAddress = facts.groups.filter((g) => g.address !== null);
  const kindCache: KindCache = new Map();

  const report = (rule: Rule, finding: Finding, target: string) => {
    const message = renderMessage(pickTemplate(rule, finding.key, languages, messages), finding.args, languages, messages);
    violations.push({ ruleId: rule.id, kind: rule.kind, key: finding.key, target, message });
    collector.add(target, message);
  };

  // Indexed loops rather than for…of: QuickJS charges an iterator object and a call per step.
  const rules = config.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (collector.full) break;
    if (!stageBlocks(rule.stage, facts.step)) continue;
    // Most rules have no schedule and no scope: skip those calls (thousands of
    // instructions each in QuickJS, at every rule).
    if (rule.schedule !== undefined && !scheduled(rule.schedule)) continue;
    const scope = rule.countries === undefined ? null : compileScope(rule.countries);

    if (isAddressRule(rule)) {
      if (groupsWithAddress.length === 0 || compilers.address === undefined) continue;
      const check = compilers.address(rule, kindCache);
      const banner = rule.display === "banner";
      for (let g = 0; g < groupsWithAddress.length; g++) {
        const group = groupsWithAddress[g];
        if (scope && !inScope(scope, group.country ? [group.country] : [])) continue;
        const findings = check(group.address!, group.country);
        for (let i = 0; i < findings.length; i++) {
          const finding = findings[i];
          report(rule, finding, banner || !finding.field ? CART_TARGET : addressTarget(group.index, finding.field));
        }
      }
    } else {
      if (compilers.cart === undefined) continue;
      // The cart's lines are read here, on the first cart rule that applies.
      if (facts.cart.isEmpty) continue;
      if (scope && !inScope(scope, facts.cartCountries)) continue;
      const findings = compilers.cart(rule as CartRule, rules)(facts);
      for (let i = 0; i < findings.length; i++) report(rule, findings[i], CART_TARGET);
    }
  }
  return { errors: collector.errors, violations, dropped: collector.dropped };
}
