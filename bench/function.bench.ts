/**
 * `npm run bench:function` — cost of the checkout function in WebAssembly.
 *
 * Runs the bundle (built as the Shopify CLI bundles it) in QuickJS-in-Wasm for
 * carts of 1, 50, 200 and 2,000 lines × configurations of 1, 10 and 50 rules
 * (address-kind and pattern rules included), and writes bench/results/function.json:
 * bundle bytes (raw, gzip), WebAssembly instructions executed (counted by an
 * instrumented QuickJS; see docs/function-runtime.md), wall time, output bytes,
 * Shopify's limits, and pass/fail per goal; and the floors no JavaScript rule engine
 * avoids (measureFloors). Figures are deterministic except wall time.
 *
 * The figures and goals use the runner's default input model ("native": the input
 * decoded by QuickJS's binary object reader, as Shopify's Javy plugin transcodes it
 * natively). Each case also reports `inputReadApiInstructions` / `executeApiInstructions`:
 * the same runs with `inputDecoding: "api"` (every value built through the
 * quickjs-emscripten API), an upper bound.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, parse } from "graphql";
import { validateFixtureInput } from "@shopify/shopify-function-test-helpers";
import { buildFunctionBundle } from "../extensions/checkout-guard/runner/build";
import { instructionLimitFor, runFunction, SHOPIFY_LIMITS } from "../extensions/checkout-guard/runner/wasm-runner";
import { address, buildInput, type LineSpec } from "../extensions/checkout-guard/runner/sample-input";

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "function.json");
/** An export that reads the input and writes an empty result; it keeps the input referenced, as the function does (see its entry). */
const echoExport = (name: string) =>
  `let kept; export function ${name}(){ kept = ShopifyFunction.readInput(); ShopifyFunction.writeOutput({operations:[{validationAdd:{errors:[]}}]}) }`;
const ECHO_BUNDLE = echoExport("cartValidationsGenerateRun");
/** Appended to the real bundle, so that the module's top level is measured alone. */
const MODULE_ONLY_EXPORT = `\n${echoExport("moduleOnly")}`;
/**
 * Line inputs no JavaScript rule engine can do without (see measureFloors), each
 * with its query (validated against the schema) and one line of its answer.
 * Neither carries the `__typename` the real query has for Shopify's tooling, nor
 * the tag and collection id Shopify echoes in each answer.
 */
const FLOOR_INPUTS = [
  {
    name: "leastCartInput",
    about: "the least any cart rule that looks at each line needs: its quantity and one yes/no answer about its product",
    query: `query LeastCartInput($collectionIds: [ID!]!) {
  cart { lines { quantity merchandise { ... on ProductVariant { product { inAnyCollection(ids: $collectionIds) } } } } }
}`,
    line: (i: number) => ({ quantity: 1 + (i % 3), merchandise: { product: { inAnyCollection: i % 5 === 0 } } }),
  },
  {
    name: "goalRulesInput",
    about:
      "the least the goal case's rules (all sixteen kinds) need of each line: quantity; variant and product ids (selectors); " +
      "an answer per queried tag and collection; weight, unit, shipping and gift card (weight rules); the title (messages)",
    query: `query GoalRulesInput($productTags: [String!]!, $collectionIds: [ID!]!) {
  cart { lines { quantity merchandise { ... on ProductVariant { id weight weightUnit requiresShipping
    product { id title isGiftCard hasTags(tags: $productTags) { hasTag } inCollections(ids: $collectionIds) { isMember } } } } } }
}`,
    line: (i: number) => ({
      quantity: 1 + (i % 3),
      merchandise: {
        id: `gid://shopify/ProductVariant/${9000 + i}`,
        weight: 250,
        weightUnit: "GRAMS",
        requiresShipping: true,
        product: {
          id: `gid://shopify/Product/${5000 + i}`,
          title: `Product ${i}`,
          isGiftCard: false,
          hasTags: [{ hasTag: i % 4 === 0 }],
          inCollections: [{ isMember: i % 5 === 0 }],
        },
      },
    }),
  },
];
const SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "extensions", "checkout-guard", "schema.graphql");
const LINE_COUNTS = [1, 50, 200, 2000];
const RULE_COUNTS = [1, 10, 50];

/** A realistic mix of rules, address-kind and pattern rules first; none of them blocks the sample cart. */
function rules(n: number): object[] {
  const mix: ((i: number) => object)[] = [
    (i) => ({ id: `kind${i}`, kind: "addressKind", block: ["poBox", "privateMailbox", "parcelLocker", "military", "gopost"] }),
    (i) => ({ id: `pat${i}`, kind: "fieldPattern", field: "zip", pattern: "^\\d{5}(?:-\\d{4})?$", mode: "allow", message: "ZIP {field}" }),
    (i) => ({ id: `pat${i}b`, kind: "fieldPattern", field: "address1", pattern: "(?:^|\\s)(?:c/o|attn)\\b", ignoreCase: true, mode: "block" }),
    (i) => ({ id: `len${i}`, kind: "fieldLength", fields: ["address1", "address2", "city"], max: 35 }),
    (i) => ({ id: `req${i}`, kind: "requiredFields", fields: ["address1", "city", "zip"] }),
    (i) => ({ id: `cs${i}`, kind: "charset", fields: ["address1", "city", "firstName", "lastName"], allow: "latin" }),
    (i) => ({ id: `num${i}`, kind: "streetNumber" }),
    (i) => ({ id: `pc${i}`, kind: "postalCode", mode: "block", codes: { US: ["99*", "96700..96899", "00600..00999"] } }),
    (i) => ({ id: `dest${i}`, kind: "destination", mode: "block", countries: ["KP", "IR"], provinces: { US: ["HI", "AK"] } }),
    (i) => ({ id: `cq${i}`, kind: "cartQuantity", max: 100_000 }),
    (i) => ({ id: `lq${i}`, kind: "lineQuantity", max: 100, select: { tags: ["wine"] } }),
    (i) => ({ id: `pq${i}`, kind: "productQuantity", max: 1000, select: { collections: ["300"] } }),
    (i) => ({ id: `st${i}`, kind: "subtotal", limits: { USD: { max: 10_000_000 } } }),
    (i) => ({ id: `dl${i}`, kind: "distinctLines", max: 5000 }),
    (i) => ({ id: `w${i}`, kind: "weight", max: 100_000, unit: "KILOGRAMS" }),
    (i) => ({ id: `ex${i}`, kind: "exclusive", select: { products: ["999999"] } }),
    (i) => ({ id: `dep${i}`, kind: "dependency", select: { products: ["999998"] }, requires: { products: ["999997"] } }),
  ];
  return Array.from({ length: n }, (_, i) => mix[i % mix.length](i));
}

function lines(n: number): LineSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    quantity: 1 + (i % 3),
    amount: 12.5 * (1 + (i % 3)),
    weight: 250,
    weightUnit: "GRAMS" as const,
    product: { id: 5000 + i, title: `Product ${i}`, tags: i % 4 === 0 ? ["wine"] : [], collections: i % 5 === 0 ? [300] : [] },
    variantId: 9000 + i,
  }));
}

async function main() {
  const bundle = await buildFunctionBundle({ outfile: null });
  const minified = await buildFunctionBundle({ outfile: null, minify: true });
  const cases = [];
  for (const lineCount of LINE_COUNTS) {
    for (const ruleCount of RULE_COUNTS) {
      const input = buildInput({
        step: "CHECKOUT_COMPLETION",
        lines: lines(lineCount),
        addresses: [address({ address1: "1600 Pennsylvania Avenue NW", city: "Washington", zip: "20500", provinceCode: "DC" })],
        config: { v: 1, rules: rules(ruleCount) },
      });
      const runLimits = { maxInstructions: 5e9, timeoutMs: 60_000 };
      const run = await runFunction(input, { bundle: bundle.code, ...runLimits });
      // Baseline: a bundle that only reads the input and writes an empty result.
      const echo = await runFunction(input, { bundle: ECHO_BUNDLE, ...runLimits });
      // Upper bound: the same two runs with the input built through the quickjs-emscripten API.
      const runApi = await runFunction(input, { bundle: bundle.code, ...runLimits, inputDecoding: "api" });
      const echoApi = await runFunction(input, { bundle: ECHO_BUNDLE, ...runLimits, inputDecoding: "api" });
      const errors = (run.output as { operations?: { validationAdd?: { errors?: unknown[] } }[] } | null)?.operations?.[0]?.validationAdd?.errors;
      const limit = instructionLimitFor(lineCount);
      cases.push({
        lines: lineCount,
        rules: ruleCount,
        error: run.error,
        validationErrors: errors?.length ?? null,
        inputBytes: run.inputBytes,
        instructions: run.instructions,
        compileInstructions: run.compileInstructions,
        executeInstructions: run.executeInstructions,
        inputReadInstructions: echo.executeInstructions,
        functionInstructions: Math.max(0, run.executeInstructions - echo.executeInstructions),
        inputReadApiInstructions: echoApi.executeInstructions,
        executeApiInstructions: runApi.executeInstructions,
        interruptTicks: run.interruptTicks,
        instructionLimit: limit,
        shareOfLimit: Number((run.instructions / limit).toFixed(4)),
        withinLimit: run.instructions <= limit,
        executeWithinLimit: run.executeInstructions <= limit,
        outputBytes: run.outputBytes,
        wallMs: Number(run.wallMs.toFixed(1)),
      });
      process.stderr.write(`${lineCount} lines × ${ruleCount} rules: ${run.instructions} instructions (${run.executeInstructions} excl. compile, ${echo.executeInstructions} reading input; API model ${runApi.executeInstructions}, ${echoApi.executeInstructions}), ${run.wallMs.toFixed(1)} ms${run.error ? `, ERROR ${run.error}` : ""}${runApi.error ?? echoApi.error ? `, API-model ERROR ${runApi.error ?? echoApi.error}` : ""}\n`);
    }
  }
  const floors = await measureFloors(bundle.code);
  const goalCase = cases.find((c) => c.lines === 200 && c.rules === 50)!;
  const goals = [
    {
      goal: "200 lines × 50 rules under a tenth of the instruction limit (total, compilation of the source included)",
      value: goalCase.instructions,
      threshold: SHOPIFY_LIMITS.instructions / 10,
      pass: goalCase.instructions < SHOPIFY_LIMITS.instructions / 10,
    },
    {
      goal: "200 lines × 50 rules under a tenth of the instruction limit (execution only, as with Javy's precompiled bytecode)",
      value: goalCase.executeInstructions,
      threshold: SHOPIFY_LIMITS.instructions / 10,
      pass: goalCase.executeInstructions < SHOPIFY_LIMITS.instructions / 10,
    },
    {
      goal: "every case within its (scaled) instruction limit (execution only)",
      value: cases.filter((c) => !c.executeWithinLimit).length,
      threshold: 0,
      pass: cases.every((c) => c.executeWithinLimit),
    },
    {
      goal: "output under 20,000 bytes in every case",
      value: Math.max(...cases.map((c) => c.outputBytes)),
      threshold: SHOPIFY_LIMITS.outputBytes,
      pass: cases.every((c) => c.outputBytes < SHOPIFY_LIMITS.outputBytes),
    },
    {
      goal: "bundle far under the 256 kB module limit (JS source; Javy's dynamic module embeds its bytecode)",
      value: bundle.bytes,
      threshold: SHOPIFY_LIMITS.moduleBytes,
      pass: bundle.bytes < SHOPIFY_LIMITS.moduleBytes,
    },
    { goal: "no run failed", value: cases.filter((c) => c.error).length, threshold: 0, pass: cases.every((c) => !c.error) },
  ];
  const report = {
    about:
      "Checkout Guard function cost, measured by running the CLI-style esbuild bundle in QuickJS compiled to WebAssembly. " +
      "See docs/function-runtime.md.",
    costUnit:
      "WebAssembly instructions executed by QuickJS (binaryen-instrumented module: binaryen expression nodes per straight-line block, " +
      "charged at block entry). 'instructions' includes compiling the JS source; 'executeInstructions' excludes it (Javy ships precompiled bytecode); " +
      "'inputReadInstructions' is what a bundle that only reads the input costs, with the runner's default input model: the input, encoded beforehand " +
      "(not counted) as QuickJS binary JSON, decoded into JS values by QuickJS's native object reader (JS_ReadObject), the closest stand-in for " +
      "Shopify's Javy plugin transcoding the MessagePack input natively in Wasm; " +
      "'functionInstructions' = executeInstructions - inputReadInstructions (module top level + the rule engine); " +
      "'inputReadApiInstructions' and 'executeApiInstructions' are inputReadInstructions and executeInstructions with the input's values built one by one " +
      "through the quickjs-emscripten API instead (a malloc'd handle per value), an upper bound. Goals use the default (native) figures. " +
      "Not counted: Javy loading its precompiled bytecode (the runner compiles the source and subtracts that), so execution figures may under-count that part.",
    limits: {
      instructions: SHOPIFY_LIMITS.instructions,
      instructionScaling: "limit = 11,000,000 × max(1, 0.005 × cart lines) (cart.lines @scaleLimits(rate: 0.005): 1× up to 200 lines, 10× at 2,000)",
      moduleBytes: SHOPIFY_LIMITS.moduleBytes,
      outputBytes: SHOPIFY_LIMITS.outputBytes,
    },
    bundle: {
      bytes: bundle.bytes,
      gzipBytes: bundle.gzipBytes,
      minifiedBytes: minified.bytes,
      minifiedGzipBytes: minified.gzipBytes,
      note: "Shopify CLI does not minify; the module size limit applies to the compiled .wasm, which embeds QuickJS bytecode of this bundle (dynamic linking against Shopify's Javy plugin).",
    },
    node: process.version,
    cases,
    floors,
    goals,
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), OUT)}\n`);
  for (const g of goals) process.stdout.write(`${g.pass ? "PASS" : "FAIL"}  ${g.goal}: ${g.value} (threshold ${g.threshold})\n`);
}

/**
 * What a JavaScript function pays in this engine before its rules run, at the
 * goal's 200 lines: this bundle's module top level, and receiving the line
 * inputs of FLOOR_INPUTS (an empty function reading them). If receiving what
 * the goal case's rules need is already over the goal, no rule engine written
 * in JavaScript can meet it here.
 */
async function measureFloors(bundleCode: string) {
  const lineCount = 200;
  const goal = SHOPIFY_LIMITS.instructions / 10;
  const limits = { maxInstructions: 5e9, timeoutMs: 60_000 };
  const schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"));
  const inputs = [];
  for (const floor of FLOOR_INPUTS) {
    const input = { cart: { lines: Array.from({ length: lineCount }, (_, i) => floor.line(i)) } };
    const invalid = validateFixtureInput(parse(floor.query), schema, input).errors;
    if (invalid.length > 0) throw new Error(`${floor.name} does not match its query: ${invalid.map(String).join("; ")}`);
    const run = await runFunction(input, { bundle: ECHO_BUNDLE, ...limits });
    if (run.error) throw new Error(`${floor.name}: ${run.error}`);
    inputs.push({ name: floor.name, about: floor.about, query: floor.query, instructions: run.executeInstructions, perLine: Math.round(run.executeInstructions / lineCount) });
  }
  const small = buildInput({ lines: lines(1), addresses: [address({})], config: { v: 1, rules: [] } });
  const echoSmall = await runFunction(small, { bundle: ECHO_BUNDLE, ...limits });
  const moduleOnly = await runFunction(small, { bundle: bundleCode + MODULE_ONLY_EXPORT, exportName: "moduleOnly", ...limits });
  if (echoSmall.error ?? moduleOnly.error) throw new Error(`module top level: ${echoSmall.error ?? moduleOnly.error}`);
  const goalRules = inputs.find((i) => i.name === "goalRulesInput")!;
  return {
    about:
      "What a JavaScript function pays here before any rule runs, at the goal's cart size: this bundle's module top level " +
      "(evaluated with an export that only reads a one-line input, minus that read), and an empty function receiving each line input " +
      "(validated against the schema) and writing an empty result.",
    lines: lineCount,
    moduleTopLevelInstructions: moduleOnly.executeInstructions - echoSmall.executeInstructions,
    inputs,
    goalInstructions: goal,
    /** Whether any JavaScript rule engine could meet the goal here: receiving what the goal case's rules need must fit in it. */
    goalReachable: goalRules.instructions < goal,
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:function: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
