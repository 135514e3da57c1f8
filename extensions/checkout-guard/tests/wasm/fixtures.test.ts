/**
 * Shopify-format fixtures of each function (extensions/checkout-guard-<fn>/
 * tests/fixtures/*.json, generated from tests/fixtures/cases.ts; one folder
 * for each function of engine/functions.ts): each is
 * validated against that function's schema.graphql, input query and the
 * target's output type with @shopify/shopify-function-test-helpers, then run
 * through that function's TypeScript entry and its WebAssembly bundle
 * (QuickJS-in-Wasm, dist/function.js as the Shopify CLI bundles it). Both
 * must equal payload.output.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { loadFixture, validateTestAssets } from "@shopify/shopify-function-test-helpers";
import { functionFiles } from "../../runner/build";
import { runFunction } from "../../runner/wasm-runner";
import type { CheckoutFunction } from "../../src/engine/functions";
import { CASES } from "../fixtures/cases";
import { fixtureFiles, fixtureFilesOnDisk, fixturesOf, functionsOf } from "../fixtures/generate";
import { CHECKOUT_FUNCTION_NAMES, ENTRIES, freshBundle, inputQueryAstOf, schemaOf } from "./functions";

const onDisk = fixtureFilesOnDisk();
const filesOf = (fn: CheckoutFunction) => onDisk.filter((file) => path.dirname(file) === functionFiles(fn).fixtures).sort();

test("the fixture files are what generate.ts writes from cases.ts (npx tsx extensions/checkout-guard/tests/fixtures/generate.ts)", () => {
  const expected = fixtureFiles();
  expect([...onDisk].sort()).toEqual([...expected.keys()].sort());
  for (const [file, contents] of expected) expect(readFileSync(file, "utf8") === contents, `${file} is stale`).toBe(true);
});

test("every case has a fixture of each function with rules in it: one per family of its rules", () => {
  const of = (name: string) => functionsOf(CASES.find((c) => c.name === name)!);
  expect(of("mixed-address-and-cart-rules")).toEqual(["address", "cart"]);
  expect(of("mixed-rules-of-every-function")).toEqual([...CHECKOUT_FUNCTION_NAMES]);
  for (const name of ["config-missing", "config-malformed", "config-future-version", "config-empty-rules"]) {
    expect(of(name), name).toEqual([...CHECKOUT_FUNCTION_NAMES]);
  }
  expect(of("po-box-blocked")).toEqual(["address"]);
  expect(of("cart-quantity-max")).toEqual(["cart"]);
  expect(of("subtotal-max-usd")).toEqual(["cart"]);
  expect(of("weight-max-unit-conversion")).toEqual(["weight"]);
  expect(of("line-quantity-every-line")).toEqual(["productsLean"]);
  expect(of("dependency-missing")).toEqual(["productsLean"]);
  expect(of("line-quantity-max-variant")).toEqual(["products"]);
  expect(of("product-rules-in-both-products-functions")).toEqual(["productsLean", "products"]);
});

test("a case of every function's rules: each function's fixture expects its own rule's error", () => {
  const mixed = CASES.find((c) => c.name === "mixed-rules-of-every-function")!;
  const errors = Object.fromEntries(
    Object.entries(fixturesOf(mixed)).map(([fn, fixture]) => [fn, fixture!.payload.output.operations[0].validationAdd.errors.map((e) => e.message)]),
  );
  expect(errors).toEqual({
    address: ["House number missing."],
    cart: ["Max 3 items."],
    weight: ["Max 1 kg (now 1.2 kg)."],
    productsLean: ["Red wine: one per order."],
    products: ["Cheese: one of this size."],
  });
});

describe.each(CHECKOUT_FUNCTION_NAMES)("the %s function's fixtures", (fn) => {
  const files = filesOf(fn);
  let schema: GraphQLSchema;
  let query: DocumentNode;

  beforeAll(async () => {
    schema = await schemaOf(fn);
    query = await inputQueryAstOf(fn);
    await freshBundle(fn);
  }, 60_000);

  test("there are a dozen or more, some of which block", async () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    const blocking = await Promise.all(files.map(async (file) => (await loadFixture(file)).expectedOutput.operations[0].validationAdd.errors.length > 0));
    expect(blocking.filter(Boolean).length).toBeGreaterThanOrEqual(6);
  });

  // What each function's query reads of the lines (its cost grows with them): only what its rules need.
  const LINE_FIELDS: Record<CheckoutFunction, RegExp | null> = {
    address: null,
    cart: /^quantity$/,
    weight: /^(quantity|merchandise(\.(__typename|weight|weightUnit|requiresShipping))?)$/,
    productsLean: /^(quantity|merchandise(\.(__typename|title|product(\.(id|title|t0|c0))?))?)$/,
    products: /^(quantity|merchandise(\.(__typename|id|title|product(\.(id|title|t\d|c\d))?))?)$/,
  };
  if (LINE_FIELDS[fn]) {
    test("inputs carry of each line only what its rules read", async () => {
      const paths = new Set<string>();
      const walk = (value: unknown, at: string) => {
        if (Array.isArray(value)) return value.forEach((item) => walk(item, at));
        if (value === null || typeof value !== "object") return;
        for (const [key, inner] of Object.entries(value)) {
          const here = at ? `${at}.${key}` : key;
          paths.add(here);
          walk(inner, here);
        }
      };
      for (const file of files) for (const line of (await loadFixture(file)).input.cart.lines) walk(line, "");
      expect(paths.size).toBeGreaterThan(0);
      expect([...paths].filter((p) => !LINE_FIELDS[fn]!.test(p))).toEqual([]);
    });
  }

  if (fn === "address") {
    test("inputs read no cart lines (nor the cart's cost)", async () => {
      for (const file of files) {
        const { input } = await loadFixture(file);
        expect(Object.keys(input.cart), file).toEqual(["deliveryGroups"]);
        expect(JSON.stringify(input), file).not.toMatch(/"(lines|merchandise|quantity)"/);
      }
    });
  } else {
    test("inputs carry of each delivery address only its countryCode", async () => {
      let addresses = 0;
      for (const file of files) {
        const { input } = await loadFixture(file);
        for (const group of input.cart.deliveryGroups) {
          if (group.deliveryAddress === null) continue;
          addresses++;
          expect(Object.keys(group.deliveryAddress), file).toEqual(["countryCode"]);
        }
      }
      expect(addresses).toBeGreaterThan(5);
    });
  }

  describe.each(files.map((file) => path.basename(file)))("%s", (name) => {
    const file = path.join(functionFiles(fn).fixtures, name);

    test("is valid against the schema, the input query and the output type", async () => {
      const fixture = await loadFixture(file);
      expect(fixture.export).toBe("cart-validations-generate-run");
      expect(fixture.target).toBe("cart.validations.generate.run");
      const result = await validateTestAssets({ schema, fixture, inputQueryAST: query });
      expect(result.error).toBeUndefined();
      expect(result.inputQuery.errors).toEqual([]);
      expect(result.inputFixture.errors).toEqual([]);
      expect(result.outputFixture.errors).toEqual([]);
    });

    test("the TypeScript entry returns the expected output", async () => {
      const fixture = await loadFixture(file);
      expect(ENTRIES[fn](structuredClone(fixture.input))).toEqual(fixture.expectedOutput);
    });

    test("the WebAssembly bundle returns the expected output", async () => {
      const fixture = await loadFixture(file);
      const run = await runFunction(fixture.input, { function: fn });
      expect(run.error).toBeNull();
      expect(run.output).toEqual(fixture.expectedOutput);
      expect(run.outputBytes).toBeLessThan(20_000);
    });
  });
});
