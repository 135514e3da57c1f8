/**
 * The stand-in engine, re-calibrated to Shopify's (runner/stand-in.ts), must
 * estimate Shopify's instructions within ±15% on the whole bench matrix:
 * - always, on the figures the last `npm run bench:function` recorded on
 *   Shopify's engine (bench/results/function.json), with the committed
 *   calibration (runner/stand-in-calibration.json);
 * - where Shopify's plugin is on this machine, live, on a few cases of the matrix.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { benchInput, benchRules } from "../../../../bench/matrix";
import { buildFunctionBundle } from "../../runner/build";
import { findShopifyJavyPlugin, runOnShopifyEngine } from "../../runner/shopify-engine";
import { calibrated, runOnStandIn, type StandInFigures } from "../../runner/stand-in";
import { CONFIG_VERSION } from "../../src/engine/constants";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../src/engine/functions";

const TOLERANCE = 0.15;
const bench = JSON.parse(readFileSync(path.join(__dirname, "../../../../bench/results/function.json"), "utf8")) as {
  cases: { name: string; engine: string; instructions: number; standIn: StandInFigures; list?: object }[];
};
// The matrix: not the long-list cases, which the stand-in is not calibrated on.
const matrix = bench.cases.filter((c) => c.list === undefined);

describe("the calibrated stand-in against Shopify's engine", () => {
  const measured = matrix.filter((c) => c.engine === "shopify-javy-v4");

  it("the bench recorded the whole matrix on Shopify's engine", () => {
    expect(measured.length, "bench/results/function.json must come from a run on Shopify's engine (npm run bench:function with SHOPIFY_JAVY_PLUGIN)").toBe(
      matrix.length,
    );
    expect(new Set(measured.map((c) => c.name.split("-")[0]))).toEqual(new Set(CHECKOUT_FUNCTION_NAMES));
  });

  it.each(measured.map((c) => [c.name, c] as const))("%s: within ±15%", (_, c) => {
    const estimate = calibrated(c.standIn);
    expect(Math.abs(estimate / c.instructions - 1)).toBeLessThanOrEqual(TOLERANCE);
  });
});

const plugin = findShopifyJavyPlugin();
describe.skipIf(!plugin)(`live, on Shopify's plugin${plugin ? "" : " (skipped: shopify_functions_javy_v4.wasm not found)"}`, () => {
  const cases = CHECKOUT_FUNCTION_NAMES.flatMap((fn) => [
    { fn, lines: 3, rules: 5 },
    { fn, lines: 200, rules: 10 },
  ]);
  it.each(cases)("$fn, $lines lines × $rules rules: within ±15%", async ({ fn, lines, rules }) => {
    const bundle = await buildFunctionBundle({ function: fn, outfile: null });
    const input = benchInput(fn, lines, { v: CONFIG_VERSION, rules: benchRules(CHECKOUT_FUNCTIONS[fn].kinds, rules) });
    const real = await runOnShopifyEngine(input, { bundle: bundle.code, pluginPath: plugin! });
    const standIn = await runOnStandIn(input, { bundle: bundle.code, bytecodeBytes: real.bytecodeBytes });
    expect(real.error).toBeNull();
    expect(standIn.output).toEqual(real.output);
    expect(Math.abs(standIn.instructions / real.instructions - 1)).toBeLessThanOrEqual(TOLERANCE);
  }, 60_000);
});
