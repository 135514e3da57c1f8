/**
 * `npm run bench:function [-- --inputs <folder>]` — cost of the checkout functions.
 *
 * Each function's bundle (built as the Shopify CLI bundles it) runs on the bench
 * matrix (bench/matrix.ts): carts of 1, 50, 200 and 2,000 lines × 1, 10 and 50 rules
 * of its family, and a typical checkout (3 lines, 5 rules). Engines:
 * - **Shopify's** (`shopify-javy-v4`): Shopify's Javy plugin, counted with wasmtime's
 *   fuel rules as function-runner counts (runner/shopify-engine.ts), when the plugin is
 *   on this machine (SHOPIFY_JAVY_PLUGIN, or the Shopify CLI's download folder);
 * - **the stand-in** (`stand-in`): QuickJS compiled to WebAssembly from npm
 *   (runner/wasm-runner.ts), always. Its raw figures leave out loading the bytecode and
 *   count the input's decoding and the JavaScript differently, so they are re-calibrated
 *   to Shopify's engine by a linear fit (runner/stand-in-calibration.json, written
 *   here when both engines ran).
 *
 * Writes bench/results/function.json: per case and engine, instructions, Shopify's
 * limit, output bytes; each function's bundle and bytecode size; the floors (receiving
 * the input and loading the bytecode, which no rule engine avoids); the calibration's
 * error; the goals of issue #9, pass or fail. It also fits the cost model the admin
 * guards saves with (runner/cost-model.json; see runner/cost-model.ts) and reports its
 * error on the matrix. With `--inputs <folder>` it writes the exact inputs measured (one
 * JSON file per case, naming its bundle) and the bundles, to re-run on another engine
 * (e.g. `shopify app function run --input <file>` after `shopify app function build`).
 * No timing is asserted anywhere; figures are deterministic.
 *
 * It also measures the cost of one more address line under an address-kind rule
 * (bench/address-line-cost.ts) and writes it to bench/results/address-line-cost.json;
 * `--address-lines` measures only that, without the matrix.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildFunctionBundle, type FunctionBundle } from "../extensions/checkout-guard/runner/build";
import { compileToBytecode, findShopifyJavyPlugin, runOnShopifyEngine } from "../extensions/checkout-guard/runner/shopify-engine";
import { runFunction, SHOPIFY_LIMITS } from "../extensions/checkout-guard/runner/wasm-runner";
import { calibrated, ECHO_BUNDLE, fitCalibration, runOnStandIn, STAND_IN_CALIBRATION, type StandInFigures } from "../extensions/checkout-guard/runner/stand-in";
import { instructionLimitFor, isRange, listEntries, predictCost, type CostModel, type FunctionCostModel, type LinearCost } from "../extensions/checkout-guard/runner/cost-model";
import { CONFIG_VERSION, type Config, type Rule } from "../extensions/checkout-guard/src/engine/config";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../extensions/checkout-guard/src/engine/functions";
import { benchInput, benchRules, LINE_COUNTS, LONG_LIST_ENTRIES, LONG_LIST_RULE, POSTAL_CODE_ENTRY, postalCodeRule, RULE_COUNTS, RULE_OF_KIND, TYPICAL } from "./matrix";
import { measureAddressLineCost } from "./address-line-cost";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, "results", "function.json");
const ADDRESS_LINE_OUT = path.join(HERE, "results", "address-line-cost.json");
const RUNNER = path.join(HERE, "..", "extensions", "checkout-guard", "runner");
const LIMITS = { maxInstructions: 5e9, timeoutMs: 120_000 };

const plugin = findShopifyJavyPlugin();
const inputsDir = (() => {
  const i = process.argv.indexOf("--inputs");
  return i > 0 ? path.resolve(process.argv[i + 1] ?? "bench-inputs") : null;
})();

const doc = (rules: Rule[]): Config => ({ v: CONFIG_VERSION, rules });

interface Measured {
  standIn: StandInFigures & { error: string | null; outputBytes: number };
  shopify: { instructions: number; error: string | null; outputBytes: number } | null;
}

async function measure(bundle: FunctionBundle, bytecodeBytes: number, input: unknown): Promise<Measured> {
  const run = await runOnStandIn(input, { bundle: bundle.code, bytecodeBytes, ...LIMITS });
  const standIn = { ...run.figures, error: run.error, outputBytes: run.outputBytes };
  if (!plugin) return { standIn, shopify: null };
  const real = await runOnShopifyEngine(input, { bundle: bundle.code, pluginPath: plugin, maxInstructions: LIMITS.maxInstructions });
  return { standIn, shopify: { instructions: real.instructions, error: real.error, outputBytes: real.outputBytes } };
}

interface BenchCase {
  name: string;
  function: CheckoutFunction;
  lines: number;
  rules: number;
  /** A long-list case (outside the matrix): one rule of this kind, with this many list entries (bench/matrix.ts). */
  list?: { kind: Rule["kind"]; entries: number };
  typical: boolean;
  engine: string;
  instructions: number;
  instructionLimit: number;
  shareOfLimit: number;
  withinLimit: boolean;
  predicted: number;
  error: string | null;
  outputBytes: number;
  standIn: StandInFigures & { error: string | null; outputBytes: number; calibrated: number };
}

/** The figure a case reports: Shopify's engine where it ran, else the calibrated stand-in. */
const figure = (m: Measured) => (m.shopify ? m.shopify.instructions : calibrated(m.standIn));

async function main() {
  const bundles = {} as Record<CheckoutFunction, { bundle: FunctionBundle; minifiedBytes: number; bytecodeBytes: number | null }>;
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const bundle = await buildFunctionBundle({ function: fn, outfile: null });
    const minified = await buildFunctionBundle({ function: fn, outfile: null, minify: true });
    const bytecodeBytes = plugin ? (await compileToBytecode(plugin, bundle.code)).length : null;
    bundles[fn] = { bundle, minifiedBytes: minified.bytes, bytecodeBytes };
    if (inputsDir) {
      mkdirSync(inputsDir, { recursive: true });
      writeFileSync(path.join(inputsDir, `${fn}.js`), bundle.code);
    }
  }
  // The stand-in cannot compile to Shopify's bytecode: without the plugin, the bytecode
  // size is estimated from the source size by the calibration's own ratio.
  const bytecodeOf = (fn: CheckoutFunction) => bundles[fn].bytecodeBytes ?? Math.round(bundles[fn].bundle.bytes * BYTECODE_PER_SOURCE_BYTE);

  const addressLines = await measureAddressLineCost(
    async (input) => figure(await measure(bundles.address.bundle, bytecodeOf("address"), input)),
    plugin ? "shopify-javy-v4" : "stand-in (calibrated)",
  );
  mkdirSync(path.dirname(ADDRESS_LINE_OUT), { recursive: true });
  writeFileSync(ADDRESS_LINE_OUT, `${JSON.stringify({ about: "Instructions per address line of address-kind detection (bench/address-line-cost.ts).", ...addressLines }, null, 2)}\n`);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), ADDRESS_LINE_OUT)}: ${JSON.stringify(addressLines.perLine)}\n`);
  if (process.argv.includes("--address-lines")) return;

  const cases: BenchCase[] = [];
  const samples: { standIn: StandInFigures; shopify: number }[] = [];
  const addCase = async (fn: CheckoutFunction, name: string, lines: number, rules: Rule[], list?: BenchCase["list"]) => {
    const input = benchInput(fn, lines, doc(rules));
    const m = await measure(bundles[fn].bundle, bytecodeOf(fn), input);
    // The stand-in is calibrated, and held to ±15%, on the matrix (issue #9).
    if (m.shopify && !list) samples.push({ standIn: m.standIn, shopify: m.shopify.instructions });
    const instructions = figure(m);
    const limit = instructionLimitFor(lines);
    if (inputsDir) writeFileSync(path.join(inputsDir, `${name}.json`), `${JSON.stringify({ function: fn, bundle: `${fn}.js`, export: "cart-validations-generate-run", input }, null, 2)}\n`);
    cases.push({
      name,
      function: fn,
      lines,
      rules: rules.length,
      ...(list ? { list } : {}),
      typical: !list && lines === TYPICAL.lines && rules.length === TYPICAL.rules,
      engine: m.shopify ? "shopify-javy-v4" : "stand-in (calibrated)",
      instructions,
      instructionLimit: limit,
      shareOfLimit: Number((instructions / limit).toFixed(4)),
      withinLimit: instructions <= limit,
      predicted: 0, // with the model fitted below
      error: m.shopify?.error ?? m.standIn.error,
      outputBytes: m.shopify?.outputBytes ?? m.standIn.outputBytes,
      standIn: { ...m.standIn, calibrated: calibrated(m.standIn) },
    });
    process.stderr.write(`${name}: ${instructions} (${cases.at(-1)!.engine})${m.shopify ? `, stand-in calibrated ${calibrated(m.standIn)}` : ""}\n`);
  };
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const kinds = CHECKOUT_FUNCTIONS[fn].kinds;
    const sizes = [...LINE_COUNTS.flatMap((lines) => RULE_COUNTS.map((rules) => ({ lines, rules }))), TYPICAL];
    for (const { lines, rules } of sizes) await addCase(fn, `${fn}-${lines}x${rules}`, lines, benchRules(kinds, rules));
    // One rule with a long list, of each kind whose lists have no fixed bound (outside the matrix).
    const lines = fn === "address" ? 1 : 200;
    const entries = LONG_LIST_ENTRIES.cases;
    for (const kind of kinds) {
      const long = LONG_LIST_RULE[kind];
      if (long) await addCase(fn, `${fn}-${kind}-${entries}-entries-${lines}`, lines, [long(entries)], { kind, entries });
    }
  }
  const matrix = cases.filter((c) => !c.list);

  // Re-calibrate the stand-in where Shopify's engine ran, then report its error with the new fit.
  let calibration = null;
  if (samples.length > 0) {
    calibration = fitCalibration(samples, { bytecodePerSourceByte: meanBytecodeRatio(bundles) });
    writeFileSync(path.join(RUNNER, "stand-in-calibration.json"), `${JSON.stringify(calibration, null, 2)}\n`);
    for (const c of cases) c.standIn.calibrated = calibrated(c.standIn, calibration);
  }
  const standInError = (of: BenchCase[]) => of.filter((c) => c.engine === "shopify-javy-v4").map((c) => c.standIn.calibrated / c.instructions - 1);
  const standInErrors = standInError(matrix);

  const model = await fitCostModel(bundles, bytecodeOf);
  writeFileSync(path.join(RUNNER, "cost-model.json"), `${JSON.stringify(model, null, 2)}\n`);
  for (const c of cases) c.predicted = predictCost(c.function, caseRules(c), c.lines, model).passing;
  const modelErrors = cases.map((c) => c.predicted / c.instructions - 1);

  const floors = await measureFloors(bundles, bytecodeOf);
  const pick = (fn: CheckoutFunction, lines: number, rules: number) => matrix.find((c) => c.function === fn && c.lines === lines && c.rules === rules)!;
  const maxAbs = (xs: number[]) => (xs.length ? Math.max(...xs.map(Math.abs)) : null);
  const goals = [
    ...LINE_COUNTS.map((lines) => ({
      goal: `address function ≤ 3M at 50 address rules, ${lines} lines`,
      value: pick("address", lines, 50).instructions,
      threshold: 3_000_000,
    })),
    ...CHECKOUT_FUNCTION_NAMES.filter((fn) => fn !== "address").flatMap((fn) => [
      { goal: `${fn} function ≤ 5.5M (half the limit) at 200 lines × 50 of its rules`, value: pick(fn, 200, 50).instructions, threshold: 5_500_000 },
      { goal: `${fn} function ≤ 55M at 2,000 lines × 50 of its rules`, value: pick(fn, 2000, 50).instructions, threshold: 55_000_000 },
    ]),
    ...CHECKOUT_FUNCTION_NAMES.map((fn) => ({
      goal: `typical checkout (${TYPICAL.lines} lines, ${TYPICAL.rules} rules) ≤ 1M, ${fn} function`,
      value: pick(fn, TYPICAL.lines, TYPICAL.rules).instructions,
      threshold: 1_000_000,
    })),
    { goal: "every case of the matrix within its (scaled) instruction limit", value: matrix.filter((c) => !c.withinLimit).length, threshold: 0 },
    { goal: "output under 20,000 bytes in every case", value: Math.max(...cases.map((c) => c.outputBytes)), threshold: SHOPIFY_LIMITS.outputBytes - 1 },
    { goal: "no run failed", value: cases.filter((c) => c.error).length, threshold: 0 },
    { goal: "stand-in within ±15% of Shopify's engine on the whole matrix (largest error)", value: maxAbs(standInErrors), threshold: 0.15 },
    { goal: "cost model within ±15% of the measured figure on the whole matrix and the long-list cases (largest error)", value: maxAbs(modelErrors), threshold: 0.15 },
  ].map((g) => ({ ...g, pass: g.value !== null && g.value <= g.threshold }));

  const report = {
    about: "Cost of the checkout functions (see docs/function-runtime.md). Written by `npm run bench:function`.",
    engine: plugin
      ? "shopify-javy-v4: Shopify's Javy plugin with wasmtime's fuel rules, as function-runner counts (the stand-in's calibrated figure beside each case)"
      : "stand-in (calibrated): Shopify's plugin was not on this machine; figures are the stand-in's, re-calibrated to Shopify's engine by runner/stand-in-calibration.json",
    costUnit:
      "instructions: wasmtime fuel of the export call (every Wasm operator 1 but nop, drop, block, loop, unreachable, return, else, end; +1 per function entry): " +
      "loading the bytecode, the module's top level, receiving the MessagePack input, the rules, writing the output.",
    limits: {
      instructions: SHOPIFY_LIMITS.instructions,
      instructionScaling: "limit = 11,000,000 × max(1, 0.005 × cart lines) (cart.lines @scaleLimits(rate: 0.005))",
      moduleBytes: SHOPIFY_LIMITS.moduleBytes,
      outputBytes: SHOPIFY_LIMITS.outputBytes,
    },
    bundles: Object.fromEntries(
      CHECKOUT_FUNCTION_NAMES.map((fn) => [
        fn,
        { sourceBytes: bundles[fn].bundle.bytes, minifiedSourceBytes: bundles[fn].minifiedBytes, bytecodeBytes: bytecodeOf(fn), bytecodeMeasured: bundles[fn].bytecodeBytes !== null },
      ]),
    ),
    standInCalibration: {
      fit: calibration ?? "unchanged (runner/stand-in-calibration.json): Shopify's plugin was not on this machine",
      maxAbsError: maxAbs(standInErrors),
      // Outside the matrix, not calibrated on: the stand-in receives long lists less like Shopify's engine.
      maxAbsErrorOfLongLists: maxAbs(standInError(cases.filter((c) => c.list))),
    },
    costModel: { engine: model.engine, maxAbsError: maxAbs(modelErrors) },
    node: process.version,
    cases,
    floors,
    goals,
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), OUT)}${inputsDir ? ` and the inputs to ${path.relative(process.cwd(), inputsDir)}` : ""}\n`);
  for (const g of goals) process.stdout.write(`${g.pass ? "PASS" : "FAIL"}  ${g.goal}: ${g.value} (threshold ${g.threshold})\n`);
}

/** The rules a case ran. */
const caseRules = (c: BenchCase): Rule[] => (c.list ? [LONG_LIST_RULE[c.list.kind]!(c.list.entries)] : benchRules(CHECKOUT_FUNCTIONS[c.function].kinds, c.rules));

/** Source bytes → bytecode bytes when the plugin is absent (both bundles' ratio when it last ran). */
const BYTECODE_PER_SOURCE_BYTE = STAND_IN_CALIBRATION.bytecodePerSourceByte;
/** The echo bundle on the stand-in: all of its execution is reading the input, and its bytecode is negligible. */
const calibratedEcho = (instructions: number) => calibrated({ executeInstructions: instructions, inputReadInstructions: instructions, bytecodeBytes: 0 });

function meanBytecodeRatio(bundles: Record<CheckoutFunction, { bundle: FunctionBundle; bytecodeBytes: number | null }>): number {
  const ratios = CHECKOUT_FUNCTION_NAMES.map((fn) => bundles[fn].bytecodeBytes! / bundles[fn].bundle.bytes);
  return Number((ratios.reduce((a, b) => a + b, 0) / ratios.length).toFixed(4));
}

/**
 * The cost model's fit, per function, at 1 and 200 lines: the base (no rules); for
 * the cart functions, reading the lines, which the first rule of any kind pays (a
 * "primer": a cart rule of another cart function's kind, which the function reads
 * the lines for and then skips); each kind's first rule and further rules on top of it (one,
 * then ten); what the kinds' first rules share; and the errors (rules that block against the same rules passing: one,
 * then ten).
 */
async function fitCostModel(
  bundles: Record<CheckoutFunction, { bundle: FunctionBundle }>,
  bytecodeOf: (fn: CheckoutFunction) => number,
): Promise<CostModel> {
  const N = 10;
  const [L1, L2] = [1, 200];
  const linear = (at1: number, at2: number): LinearCost => {
    const perLine = (at2 - at1) / (L2 - L1);
    return { fixed: Math.round(at1 - perLine * L1), perLine: Number(perLine.toFixed(1)) };
  };
  const functions = {} as Record<CheckoutFunction, FunctionCostModel>;
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const run = async (rules: Rule[], lines: number) => figure(await measure(bundles[fn].bundle, bytecodeOf(fn), benchInput(fn, lines, doc(rules))));
    const primer: Rule[] = fn === "address" ? [] : [RULE_OF_KIND[fn === "cart" ? "weight" : "cartQuantity"](999)];
    const base1 = await run([], L1);
    const base2 = await run([], L2);
    const primed1 = await run(primer, L1);
    const primed2 = await run(primer, L2);
    const kinds: FunctionCostModel["kinds"] = {};
    for (const kind of CHECKOUT_FUNCTIONS[fn].kinds) {
      const rules = Array.from({ length: N }, (_, i) => RULE_OF_KIND[kind](i));
      const one1 = await run([...primer, ...rules.slice(0, 1)], L1);
      const one2 = await run([...primer, ...rules.slice(0, 1)], L2);
      kinds[kind] = {
        first: linear(one1 - primed1, one2 - primed2),
        further: linear(((await run([...primer, ...rules], L1)) - one1) / (N - 1), ((await run([...primer, ...rules], L2)) - one2) / (N - 1)),
      };
      // Each list entry beyond the bench rule's own: the same rule with a long list instead
      // (postal codes: exact ones, then ranges, which cost more to scan).
      const long = LONG_LIST_RULE[kind];
      if (long) {
        const base = listEntries(rules[0]);
        const n = LONG_LIST_ENTRIES.fit;
        const list = kind === "postalCode" ? postalCodeRule(Array.from({ length: n }, (_, i) => POSTAL_CODE_ENTRY.exact(i))) : long(n);
        const [list1, list2] = [await run([...primer, list], L1), await run([...primer, list], L2)];
        const each = linear((list1 - one1) / (n - base), (list2 - one2) / (n - base));
        kinds[kind]!.entries = { base, each };
        if (kind === "postalCode") {
          const ranges = postalCodeRule(Array.from({ length: n }, (_, i) => POSTAL_CODE_ENTRY.range(i)));
          kinds[kind]!.entries!.baseRanges = listEntries(rules[0], isRange);
          kinds[kind]!.entries!.eachRange = linear(((await run([...primer, ranges], L1)) - list1) / n, ((await run([...primer, ranges], L2)) - list2) / n);
        }
      }
    }
    // What the kinds' first rules share (e.g. each line's product, read once for all
    // product kinds): one rule of every kind together, against the sum of each alone.
    const ofEveryKind = CHECKOUT_FUNCTIONS[fn].kinds.map((kind) => RULE_OF_KIND[kind](0));
    const firsts = (at: (c: LinearCost) => number) => Object.values(kinds).reduce((sum, k) => sum + at(k!.first), 0);
    const shared = linear(
      firsts((c) => c.fixed + c.perLine * L1) - ((await run([...primer, ...ofEveryKind], L1)) - primed1),
      firsts((c) => c.fixed + c.perLine * L2) - ((await run([...primer, ...ofEveryKind], L2)) - primed2),
    );
    const block = (blocking: boolean) => Array.from({ length: N }, (_, i) => blockingRule(fn, i, blocking));
    const firstError = Math.round((await run(block(true).slice(0, 1), L1)) - (await run(block(false).slice(0, 1), L1)));
    const perError = Math.round(((await run(block(true), L1)) - (await run(block(false), L1)) - firstError) / (N - 1));
    functions[fn] = { base: linear(base1, base2), linesRead: linear(primed1 - base1, primed2 - base2), kinds, shared, firstError, perError };
  }
  return { engine: plugin ? "shopify-javy-v4" : "stand-in (calibrated)", fittedAt: new Date().toISOString().slice(0, 10), functions };
}

/** A rule of `fn`'s first kind that blocks the bench's one-line cart (each with its own message), or the same rule passing. */
function blockingRule(fn: CheckoutFunction, i: number, blocking: boolean): Rule {
  const min = blocking ? 1000 + i : 0;
  switch (fn) {
    case "address":
      return { id: `b${i}`, kind: "fieldLength", fields: ["address1"], max: blocking ? 1 + i : 1000 };
    case "cart":
      return { id: `b${i}`, kind: "cartQuantity", min };
    case "weight":
      return { id: `b${i}`, kind: "weight", min, unit: "KILOGRAMS" };
    case "productsLean":
    case "products":
      return { id: `b${i}`, kind: "lineQuantity", min };
  }
}

/**
 * What each function pays before any rule runs: receiving its input (an export
 * that only reads it) at 200 and 2,000 lines, and loading its bytecode with the
 * module's top level (its bundle with no rules, minus that read).
 */
async function measureFloors(
  bundles: Record<CheckoutFunction, { bundle: FunctionBundle }>,
  bytecodeOf: (fn: CheckoutFunction) => number,
) {
  const floors: Record<string, unknown> = {};
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const at = async (lines: number) => {
      const input = benchInput(fn, lines, doc([]));
      const echo = plugin
        ? (await runOnShopifyEngine(input, { bundle: ECHO_BUNDLE, pluginPath: plugin })).instructions
        : calibratedEcho((await runFunction(input, { bundle: ECHO_BUNDLE, ...LIMITS })).executeInstructions);
      const empty = figure(await measure(bundles[fn].bundle, bytecodeOf(fn), input));
      return { lines, receivingTheInput: echo, loadingAndTopLevel: empty - echo, noRules: empty };
    };
    floors[fn] = { at200: await at(200), at2000: await at(2000) };
  }
  return floors;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:function: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
