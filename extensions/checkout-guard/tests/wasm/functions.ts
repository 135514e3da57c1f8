/**
 * The checkout functions as the Wasm tests use them: each one's TypeScript
 * entry, schema and input query, and its bundle as `npm run function:build`
 * writes it (dist/function.js of its extension, which `runFunction` runs for
 * `{ function }`), rebuilt from the current sources first.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { loadInputQuery, loadSchema } from "@shopify/shopify-function-test-helpers";
import { buildFunctionBundle, functionFiles } from "../../runner/build";
import type { CheckoutFunction } from "../../src/engine/functions";

export { CHECKOUT_FUNCTION_NAMES } from "../../src/engine/functions";
/** Each function's TypeScript entry, and the rule family it evaluates (tests/entries.ts). */
export { ENTRIES, RULE_FAMILIES } from "../entries";

export async function schemaOf(fn: CheckoutFunction): Promise<GraphQLSchema> {
  return loadSchema(functionFiles(fn).schema);
}

export async function inputQueryAstOf(fn: CheckoutFunction): Promise<DocumentNode> {
  return loadInputQuery(functionFiles(fn).inputQuery);
}

/**
 * Makes a function's dist/function.js the bundle of its current sources, so
 * that `runFunction(input, { function })` runs what the sources say and not
 * an older build. Written only when it differs, and by rename, so that a test
 * file running beside this one never reads half a file.
 */
export async function freshBundle(fn: CheckoutFunction): Promise<string> {
  const { code } = await buildFunctionBundle({ function: fn, outfile: null });
  const { dist } = functionFiles(fn);
  if (!existsSync(dist) || readFileSync(dist, "utf8") !== code) {
    mkdirSync(path.dirname(dist), { recursive: true });
    const temporary = `${dist}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, dist);
  }
  return code;
}
