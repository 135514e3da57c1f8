/**
 * Shopify-format fixtures (tests/fixtures/*.json): each is validated against
 * schema.graphql, the input query and the target's output type with
 * @shopify/shopify-function-test-helpers, then run through the TypeScript
 * function directly and through the WebAssembly bundle (QuickJS-in-Wasm,
 * dist/function.js as the Shopify CLI bundles it). Both must equal payload.output.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { loadFixture, loadInputQuery, loadSchema, validateTestAssets } from "@shopify/shopify-function-test-helpers";
import { buildFunctionBundle, INPUT_QUERY_FILE, SCHEMA_FILE } from "../../runner/build";
import { runFunction } from "../../runner/wasm-runner";
import { cartValidationsGenerateRun } from "../../src/cart_validations_generate_run";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");
const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort();

let schema: GraphQLSchema;
let query: DocumentNode;
let bundle: string;

beforeAll(async () => {
  schema = await loadSchema(SCHEMA_FILE);
  query = await loadInputQuery(INPUT_QUERY_FILE);
  bundle = (await buildFunctionBundle({ outfile: null })).code;
}, 60_000);

test("there are dozens of fixtures", () => {
  expect(files.length).toBeGreaterThanOrEqual(40);
});

describe.each(files)("fixture %s", (file) => {
  test("is valid against the schema, the input query and the output type", async () => {
    const fixture = await loadFixture(path.join(FIXTURES, file));
    expect(fixture.export).toBe("cart-validations-generate-run");
    expect(fixture.target).toBe("cart.validations.generate.run");
    const result = await validateTestAssets({ schema, fixture, inputQueryAST: query });
    expect(result.error).toBeUndefined();
    expect(result.inputQuery.errors).toEqual([]);
    expect(result.inputFixture.errors).toEqual([]);
    expect(result.outputFixture.errors).toEqual([]);
  });

  test("the TypeScript function returns the expected output", async () => {
    const fixture = await loadFixture(path.join(FIXTURES, file));
    expect(cartValidationsGenerateRun(structuredClone(fixture.input) as never)).toEqual(fixture.expectedOutput);
  });

  test("the WebAssembly bundle returns the expected output", async () => {
    const fixture = await loadFixture(path.join(FIXTURES, file));
    const run = await runFunction(fixture.input, { bundle });
    expect(run.error).toBeNull();
    expect(run.output).toEqual(fixture.expectedOutput);
    expect(run.outputBytes).toBeLessThan(20_000);
  });
});
