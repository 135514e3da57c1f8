/**
 * The cost model the admin guards saves with (runner/cost-model.ts, fitted by
 * `npm run bench:function` into runner/cost-model.json) against what the bench
 * measured (bench/results/function.json): for every case of the bench matrix,
 * none skipped, the model's prediction for a run where no rule blocks is
 * within ±15% of the measured instructions, and so is it for the bench's
 * long-list cases (one rule listing hundreds of postal codes, countries or
 * products). The case's configuration is the bench's own:
 * `benchRules(CHECKOUT_FUNCTIONS[fn].kinds, rules)`, or `LONG_LIST_RULE[kind](entries)`.
 *
 * Both files are written by the same bench run: when this fails, run the bench
 * again (on Shopify's engine, see docs/function-runtime.md) rather than edit
 * either file.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { benchRules, LINE_COUNTS, LONG_LIST_RULE, RULE_COUNTS, TYPICAL } from "../../../../bench/matrix";
import { COST_MODEL, predictCost } from "../../runner/cost-model";
import type { RuleKind } from "../../src/engine/config";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../src/engine/functions";

const TOLERANCE = 0.15;

interface BenchCase {
  name: string;
  function: CheckoutFunction;
  lines: number;
  rules: number;
  list?: { kind: RuleKind; entries: number };
  instructions: number;
}

const bench = JSON.parse(readFileSync(path.join(__dirname, "../../../../bench/results/function.json"), "utf8")) as { cases: BenchCase[] };

describe("the cost model against the bench's measurements", () => {
  it("the bench measured the whole matrix of every checkout function, and the model covers every function", () => {
    const sizes = [...LINE_COUNTS.flatMap((lines) => RULE_COUNTS.map((rules) => `${lines}x${rules}`)), `${TYPICAL.lines}x${TYPICAL.rules}`].sort();
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const measured = bench.cases.filter((c) => c.function === fn && !c.list).map((c) => `${c.lines}x${c.rules}`);
      expect(measured.sort(), `${fn}: run npm run bench:function`).toEqual(sizes);
      expect(Object.keys(COST_MODEL.functions[fn]?.kinds ?? {}).sort(), `${fn}: cost-model.json`).toEqual([...CHECKOUT_FUNCTIONS[fn].kinds].sort());
    }
    expect(bench.cases.every((c) => (CHECKOUT_FUNCTION_NAMES as string[]).includes(c.function))).toBe(true);
  });

  it("the bench measured a long list of every kind whose lists have no fixed bound, and the model prices its entries", () => {
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const longKinds = CHECKOUT_FUNCTIONS[fn].kinds.filter((kind) => LONG_LIST_RULE[kind] !== undefined);
      expect(bench.cases.filter((c) => c.function === fn && c.list).map((c) => c.list!.kind).sort(), fn).toEqual([...longKinds].sort());
      for (const kind of longKinds) expect(COST_MODEL.functions[fn].kinds[kind]?.entries?.each.fixed, `${fn} ${kind}`).toBeGreaterThan(0);
    }
  });

  it.each(bench.cases.map((c) => [c.name, c] as const))("%s: the prediction is within ±15% of the measured instructions", (_, c) => {
    expect(c.instructions).toBeGreaterThan(0);
    const rules = c.list ? [LONG_LIST_RULE[c.list.kind]!(c.list.entries)] : benchRules(CHECKOUT_FUNCTIONS[c.function].kinds, c.rules);
    const predicted = predictCost(c.function, rules, c.lines).passing;
    expect(Math.abs(predicted / c.instructions - 1), `predicted ${predicted}, measured ${c.instructions}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
