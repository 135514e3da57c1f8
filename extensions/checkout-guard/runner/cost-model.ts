/**
 * A cost model of each checkout function: the instructions a configuration is
 * predicted to cost Shopify, at a given cart size, without running it. The
 * admin uses it to refuse, at save, a configuration that would come near
 * Shopify's instruction limit (checkout would otherwise silently let buyers
 * through: a function over the limit fails, and Validations are created with
 * blockOnFailure false).
 *
 * The model is linear, per function:
 *
 *     base.fixed + base.perLine × lines
 *       + linesRead.fixed + linesRead.perLine × lines, with any rule (the cart functions read the lines once)
 *       + Σ over the kinds used (first[kind].fixed + first[kind].perLine × lines)
 *       + Σ over the further rules of each kind (further[kind].fixed + further[kind].perLine × lines)
 *       − shared × (kinds used − 1) / (the function's kinds − 1)
 *       + Σ over the rules, for kinds whose lists have no fixed bound (postal codes,
 *         countries, a selector's products …): entries.each × (the rule's list
 *         entries − entries.base, the bench rule's own), + entries.eachRange × its
 *         postal-code ranges
 *       + firstError + perError × (further errors the run can render), for the worst case
 *
 * A list entry is received at every run and most are looked up or scanned
 * (~1k to ~16k instructions each on Shopify's engine; a rule's list entries are
 * read from the whole rule passed in): one rule listing hundreds of postal
 * codes or products costs more than dozens of rules listing a few.
 *
 * The first rule of a kind pays for what its kind reads of the cart once per run
 * (the lines' indexes, totals, weights); further rules of the kind reuse it.
 * Kinds share some of that (each line's product, read once for every product
 * kind): `shared` is what the first rules of all kinds together cost less than
 * each alone, taken off in proportion to the kinds used.
 *
 * `npm run bench:function` fits it (cost-model.json, beside this file) on
 * Shopify's engine when the plugin is present (else on the stand-in, and says
 * so), from runs of each kind alone at two cart sizes; the bench matrix and a
 * test hold its predictions to the measured figures.
 */
import type { Rule, RuleKind } from "../src/engine/config";
import type { CheckoutFunction } from "../src/engine/functions";
import { MAX_ERRORS } from "../src/engine/output";
import fitted from "./cost-model.json";

export interface LinearCost {
  fixed: number;
  perLine: number;
}

export interface FunctionCostModel {
  /** Receiving the input, loading the bytecode, the module's top level, no rules. */
  base: LinearCost;
  /** Reading the cart's lines, paid once by the first rule (zero for the address function). */
  linesRead: LinearCost;
  /**
   * What the first rule of each kind adds, and each further rule of that kind (kinds of
   * other functions are absent); for kinds whose lists have no fixed bound, what each
   * list entry beyond the bench rule's own (`base`) adds.
   */
  kinds: Partial<Record<RuleKind, { first: LinearCost; further: LinearCost; entries?: ListEntriesCost }>>;
  /** What the first rules of all the function's kinds share. */
  shared: LinearCost;
  /** Rendering and collecting the first error message (it builds the message tables of the buyer's language). */
  firstError: number;
  /** Each further error message. */
  perError: number;
}

/**
 * What each list entry of a rule adds beyond the bench rule's own (`base`); each
 * postal-code range (`a..b`) beyond the bench rule's own (`baseRanges`) adds
 * `eachRange` more.
 */
export interface ListEntriesCost {
  base: number;
  each: LinearCost;
  baseRanges?: number;
  eachRange?: LinearCost;
}

export interface CostModel {
  /** The engine the fit was measured on: "shopify-javy-v4", or "stand-in" where the plugin was absent. */
  engine: string;
  fittedAt: string;
  functions: Record<CheckoutFunction, FunctionCostModel>;
}

export const COST_MODEL = fitted as unknown as CostModel;

/** Shopify's limit: 11M instructions up to 200 lines, scaled above (`cart.lines @scaleLimits(rate: 0.005)`). */
export function instructionLimitFor(lines: number): number {
  return Math.round(11_000_000 * Math.max(1, 0.005 * lines));
}

export interface CostPrediction {
  /** A run where no rule blocks. */
  passing: number;
  /** A run where every rule blocks (up to the output's error cap): what the admin guards. */
  worstCase: number;
  /** The rules' own share of `worstCase`, costliest first. */
  byRule: { id: string; kind: RuleKind; instructions: number }[];
}

const cost = (c: LinearCost | undefined, lines: number) => (c ? c.fixed + c.perLine * lines : 0);

/**
 * How many entries a rule's lists hold (the strings and numbers of every array in
 * it, at any depth), or only those `counted`.
 */
export function listEntries(value: unknown, counted: (entry: unknown) => boolean = () => true): number {
  if (Array.isArray(value)) {
    return value.reduce<number>((sum, item) => sum + (item !== null && typeof item === "object" ? listEntries(item, counted) : counted(item) ? 1 : 0), 0);
  }
  if (value === null || typeof value !== "object") return 0;
  let sum = 0;
  for (const item of Object.values(value)) sum += listEntries(item, counted);
  return sum;
}

/** A postal-code range: scanning it costs ~3 times an exact code or a prefix (postal-codes.ts parses it). */
export const isRange = (entry: unknown) => typeof entry === "string" && entry.includes("..");

/** What a rule's list entries add to its kind's cost. */
function entriesCost(entries: ListEntriesCost | undefined, rule: object, lines: number): number {
  if (!entries) return 0;
  const beyond = Math.max(0, listEntries(rule) - entries.base) * cost(entries.each, lines);
  const ranges = entries.eachRange ? Math.max(0, listEntries(rule, isRange) - (entries.baseRanges ?? 0)) : 0;
  return beyond + ranges * cost(entries.eachRange, lines);
}

export function predictCost(
  fn: CheckoutFunction,
  rules: readonly Pick<Rule, "id" | "kind">[],
  lines: number,
  model: CostModel = COST_MODEL,
): CostPrediction {
  const m = model.functions[fn];
  const seen = new Set<RuleKind>();
  const byRule = rules.map((rule) => {
    const kind = m.kinds[rule.kind];
    const first = !seen.has(rule.kind);
    seen.add(rule.kind);
    return { id: rule.id, kind: rule.kind, instructions: Math.round(cost(first ? kind?.first : kind?.further, lines) + entriesCost(kind?.entries, rule, lines)) };
  });
  const kindCount = Object.keys(m.kinds).length;
  const overlap = kindCount > 1 ? (cost(m.shared, lines) * (seen.size - 1)) / (kindCount - 1) : 0;
  const passing = Math.round(
    cost(m.base, lines) + (rules.length > 0 ? cost(m.linesRead, lines) - overlap : 0) + byRule.reduce((sum, r) => sum + r.instructions, 0),
  );
  const errors = Math.min(rules.length, MAX_ERRORS);
  return {
    passing,
    worstCase: errors === 0 ? passing : passing + Math.round(m.firstError + m.perError * (errors - 1)),
    byRule: [...byRule].sort((a, b) => b.instructions - a.instructions),
  };
}

/**
 * The largest cart, in lines (up to `maxLines`), that this function checks within
 * Shopify's limit with these rules in the worst case, every smaller cart included.
 * Above 200 lines the limit grows by 55,000 instructions a line, so a function
 * whose cost per line is under that fails, if at all, on a band of sizes around 200.
 */
export function checkableLines(
  fn: CheckoutFunction,
  rules: readonly Pick<Rule, "id" | "kind">[],
  maxLines = 5000,
  model: CostModel = COST_MODEL,
): number {
  const at0 = predictCost(fn, rules, 0, model).worstCase;
  const perLine = (predictCost(fn, rules, 1000, model).worstCase - at0) / 1000;
  for (let lines = 1; lines <= maxLines; lines++) {
    if (at0 + perLine * lines > instructionLimitFor(lines)) return lines - 1;
  }
  return maxLines;
}
