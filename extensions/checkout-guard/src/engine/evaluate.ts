/**
 * Evaluates a configuration against the function input: the one evaluator of
 * the address function, the cart function, the admin's simulator and the tests.
 * Each function passes only its own rule family, so that its bundle holds
 * only the code its rules run (rules of the other families are skipped).
 *
 * Work per run: the input is read once (readFacts), each address rule is
 * checked once per delivery group with an address (a pattern compiled once),
 * each cart rule once per cart,
 * on indexes of the lines shared by all of them (cart-lines.ts). Nothing is
 * quadratic in lines or rules; evaluation stops early once the output is
 * full (see output.ts).
 */
import type { FunctionConfig, PublishedRule, RuleKind } from "./config";
import { ADDRESS_RULE_KINDS } from "./constants";
import type { AddressCheck, AddressRule, AddressRun } from "./address-rules";
import type { CartCheck, CartRule } from "./cart-rules";
import type { Facts, LinesReader } from "./facts";
import { pickTemplate, renderMessage } from "./messages";
import { ErrorCollector } from "./output";
import { makeScheduleCheck } from "./schedule";
import { compileScope, inScope } from "./scope";
import { stagesBlockingAt } from "./stage";
import type { Finding, ValidationError, Violation } from "./types";

export interface Evaluation {
  /** What the function returns to Shopify: de-duplicated and capped. */
  errors: ValidationError[];
  /** Every blocking finding, with its rule, until the output was full (the simulator's view). */
  violations: Violation[];
  /** Errors left out because a cap was reached. */
  dropped: number;
}

// Whether a kind is an address rule's: a prototype-free object rather than a Set (a look-up costs QuickJS less than a call).
const ADDRESS_KINDS: Partial<Record<RuleKind, true>> = Object.create(null);
for (const kind of ADDRESS_RULE_KINDS) ADDRESS_KINDS[kind] = true;

export const CART_TARGET = "$.cart";
export const addressTarget = (groupIndex: number, field: string) =>
  `$.cart.deliveryGroups[${groupIndex}].deliveryAddress.${field}`;

/** The rule families a run evaluates: a family left out is skipped. */
export interface RuleFamily {
  /** Checks an address rule on one delivery group's address. */
  address?: AddressCheck;
  /** Checks a cart rule of a document (product selectors read the whole document's list slots). */
  cart?: CartCheck;
  /** How the cart rules read the lines (with `cart`). */
  lines?: LinesReader;
}

export function evaluateFacts(config: FunctionConfig, facts: Facts, family: RuleFamily): Evaluation {
  const collector = new ErrorCollector();
  const violations: Violation[] = [];
  const scheduled = makeScheduleCheck(config.clock, facts.clock);
  const languages = facts.languages;
  const messages = facts.messages;
  const groupsWithAddress = facts.groups.filter((g) => g.address !== null);
  // What the address checks of this run share (address-rules.ts), made at the first address rule.
  let addressRun: AddressRun | undefined;

  const report = (rule: PublishedRule, finding: Finding, target: string) => {
    const message = renderMessage(pickTemplate(rule, finding.key, languages, messages), finding.args, languages, messages);
    // A published document carries no ids (the simulator attributes with the admin's own).
    violations.push({ ruleId: rule.id ?? "", kind: rule.kind, key: finding.key, target, message });
    collector.add(target, message);
  };

  const blocking = stagesBlockingAt(facts.step);
  // The cart's lines are read on the first cart rule that applies.
  let cartEmpty: boolean | undefined;

  // Indexed loops rather than for…of: QuickJS charges an iterator object and a call per step.
  const rules = config.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (collector.full) break;
    if (!blocking[rule.stage ?? "checkout"]) continue;
    // Most rules have no schedule and no scope: skip those calls (thousands of
    // instructions each in QuickJS, at every rule).
    if (rule.schedule !== undefined && !scheduled(rule.schedule)) continue;
    const scope = rule.countries === undefined ? null : compileScope(rule.countries);

    if (ADDRESS_KINDS[rule.kind] === true) {
      if (groupsWithAddress.length === 0 || family.address === undefined) continue;
      const banner = (rule as AddressRule).display === "banner";
      for (let g = 0; g < groupsWithAddress.length; g++) {
        const group = groupsWithAddress[g];
        if (scope && !inScope(scope, group.country ? [group.country] : [])) continue;
        addressRun ??= { kinds: new Map(), patterns: new Map() };
        const findings = family.address(rule as AddressRule, group.address!, group.country, addressRun);
        for (let i = 0; i < findings.length; i++) {
          const finding = findings[i];
          report(rule, finding, banner || !finding.field ? CART_TARGET : addressTarget(group.index, finding.field));
        }
      }
    } else {
      if (family.cart === undefined) continue;
      if ((cartEmpty ??= facts.cart.isEmpty)) continue;
      if (scope && !inScope(scope, facts.cartCountries)) continue;
      const findings = family.cart(rule as CartRule, facts, config);
      for (let i = 0; i < findings.length; i++) report(rule, findings[i], CART_TARGET);
    }
  }
  return { errors: collector.errors, violations, dropped: collector.dropped };
}
