/**
 * `npm run function:run -- <input.json> [--function=address|cart] [--stats] [--no-validate]`
 *
 * Runs a function's compiled bundle (dist/function.js of its extension, built
 * first when missing) in WebAssembly on a function input — the same
 * JSON `shopify app function run` takes: the input query's result, with the
 * configuration in `validation.metafield.jsonValue`. A Shopify fixture file
 * (`{ "payload": { "input": … } }`) is accepted too. Prints the output JSON on
 * stdout. It runs on Shopify's own engine where Shopify's Javy plugin is on this
 * machine (SHOPIFY_JAVY_PLUGIN, or the Shopify CLI's download folder), else on
 * the stand-in. With --stats, prints the run's cost on stderr. The function is the one
 * whose extension folder holds the file (its tests/fixtures), else --function.
 *
 * Exit code 1, with a message on stderr, when the file is missing, is not JSON,
 * does not match schema.graphql + the input query, or the function fails.
 */
import { inputDepthError } from "./input-depth";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, Kind, parse } from "graphql";
import { validateFixtureInput } from "@shopify/shopify-function-test-helpers";
import { ensureBundle, functionFiles, functionOfPath } from "./build";
import { CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../src/engine/functions";
import { instructionLimitFor } from "./wasm-runner";
import { findShopifyJavyPlugin, runOnShopifyEngine } from "./shopify-engine";
import { runOnStandIn } from "./stand-in";

function fail(message: string): never {
  process.stderr.write(`function:run: ${message}\n`);
  process.exit(1);
}

/** Errors of `input` against a function's schema.graphql and input query (empty when valid). */
export function validateInput(fn: CheckoutFunction, input: unknown): string[] {
  const files = functionFiles(fn);
  if (!existsSync(files.schema) || !existsSync(files.inputQuery)) {
    return [`cannot validate: ${path.relative(process.cwd(), files.schema)} or the input query is missing`];
  }
  const schema = buildSchema(readFileSync(files.schema, "utf8"));
  const query = parse(readFileSync(files.inputQuery, "utf8"));
  if (input === null || typeof input !== "object" || Array.isArray(input)) return ["the input must be a JSON object"];
  const depthError = inputDepthError(input);
  if (depthError) return [depthError];
  // The helper cannot report a missing top-level field (it throws), so those are checked here first.
  const operation = query.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const missing =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? operation.selectionSet.selections
          .flatMap((s) => (s.kind === Kind.FIELD ? [s.alias?.value ?? s.name.value] : []))
          .filter((key) => !(key in (input as object)))
      : [];
  if (missing.length > 0) return missing.map((key) => `${key}: Missing expected fixture data for \`${key}\``);
  try {
    return validateFixtureInput(query, schema, input).errors.map(
      (e: { message: string; path: (string | number)[] }) => `${e.path.join(".") || "(root)"}: ${e.message}`,
    );
  } catch (e) {
    return [`the input does not have the query's shape (${e instanceof Error ? e.message : String(e)})`];
  }
}

async function main(argv: string[]) {
  const usage = "usage: npm run function:run -- <input.json> [--function=address|cart] [--stats] [--no-validate]";
  const flags = new Set(argv.filter((a) => a.startsWith("--") && !a.startsWith("--function=")));
  const named = argv.find((a) => a.startsWith("--function="))?.slice("--function=".length);
  const files = argv.filter((a) => !a.startsWith("--"));
  for (const flag of flags) {
    if (!["--stats", "--no-validate"].includes(flag)) fail(`unknown option ${flag}`);
  }
  if (files.length !== 1) fail(usage);
  if (named !== undefined && !CHECKOUT_FUNCTION_NAMES.includes(named as CheckoutFunction)) {
    fail(`unknown function "${named}": use ${CHECKOUT_FUNCTION_NAMES.join(" or ")}`);
  }
  const file = path.resolve(files[0]);
  if (!existsSync(file)) fail(`no such file: ${files[0]}`);
  const fn = (named as CheckoutFunction | undefined) ?? functionOfPath(file);
  if (!fn) fail(`which function? ${files[0]} is not in a function's folder: add --function=address or --function=cart\n${usage}`);
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    fail(`${files[0]} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const payload = (input as { payload?: { input?: unknown } } | null)?.payload;
  if (payload && typeof payload === "object" && "input" in payload) input = payload.input;

  if (!flags.has("--no-validate")) {
    const errors = validateInput(fn, input);
    if (errors.length > 0) {
      fail(`${files[0]} does not match the input query:\n  ${errors.slice(0, 20).join("\n  ")}${errors.length > 20 ? `\n  … ${errors.length - 20} more` : ""}`);
    }
  }

  const bundle = await ensureBundle(fn);
  // Shopify's own engine where its plugin is on this machine, else the calibrated stand-in.
  const plugin = findShopifyJavyPlugin();
  const result = plugin ? await runOnShopifyEngine(input, { bundle: bundle.code, pluginPath: plugin }) : await runOnStandIn(input, { bundle: bundle.code });
  if (result.error) fail(`the function failed: ${result.error}`);
  process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
  if (flags.has("--stats")) {
    const lines = Array.isArray((input as { cart?: { lines?: unknown } }).cart?.lines)
      ? ((input as { cart: { lines: unknown[] } }).cart.lines.length)
      : 0;
    const engine = plugin ? `Shopify's engine (${plugin})` : "the stand-in, calibrated to Shopify's engine (set SHOPIFY_JAVY_PLUGIN to measure on it)";
    process.stderr.write(
      `${fn} function: ${result.instructions} instructions on ${engine}; limit for ${lines} lines: ${instructionLimitFor(lines)}; ` +
        `output ${result.outputBytes} bytes\n`,
    );
  }
}

main(process.argv.slice(2)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
