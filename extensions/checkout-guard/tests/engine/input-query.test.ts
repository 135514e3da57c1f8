/**
 * Each function's input query validates against its schema and stays inside
 * the data boundary (PRIVACY.md): no buyer identity, customer, e-mail,
 * billing address or order history; personal data only as part of the
 * shipping address, and only where the function needs it: the address
 * function reads no cart lines, the cart functions read of the addresses only
 * the country, and of each line only what their rules read (cart totals: the
 * quantity; weight: the weights; products: ids, titles, tags, collections,
 * the lean products function three values a line fewer).
 * Their variables are the ones the admin writes.
 */
import { buildSchema, Kind, parse, validate, visit, type OperationDefinitionNode } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { functionFiles } from "../../runner/build";
import { SCHEDULE_SLOTS } from "../../src/engine/constants";
import { COLLECTION_SLOT_FIELDS, TAG_SLOT_FIELDS } from "../../src/engine/selection-slots";
import { CHECKOUT_FUNCTION_NAMES, listSlotsOf, type CheckoutFunction } from "../../src/engine/functions";
import { inputVariablesFor } from "../../src/engine/input-variables";

const SHARED_SCHEMA = join(__dirname, "..", "..", "..", "..", "..", "shared", "shopify", "cart-checkout-validation-2026-04.schema.graphql");

function queryOf(fn: CheckoutFunction) {
  const files = functionFiles(fn);
  const source = readFileSync(files.inputQuery, "utf8");
  const document = parse(source);
  // Every field the query reads, as its path from the root ("cart.deliveryGroups.deliveryAddress.zip").
  const paths: string[] = [];
  const stack: string[] = [];
  visit(document, {
    Field: {
      enter(node) {
        stack.push(node.name.value);
        paths.push(stack.join("."));
      },
      leave() {
        stack.pop();
      },
    },
  });
  return { files, source, document, paths };
}

const leaves = (paths: string[], under: string) =>
  paths.filter((p) => p.startsWith(`${under}.`) && !paths.some((q) => q.startsWith(`${p}.`))).map((p) => p.slice(under.length + 1));

describe.each(CHECKOUT_FUNCTION_NAMES)("the %s function's input query", (fn) => {
  const { files, source, document, paths } = queryOf(fn);

  test("the schema is the shared 2026-04 schema", () => {
    expect(readFileSync(files.schema, "utf8")).toBe(readFileSync(SHARED_SCHEMA, "utf8"));
  });

  test("validates against schema.graphql", () => {
    expect(validate(buildSchema(readFileSync(files.schema, "utf8")), document).map((e) => e.message)).toEqual([]);
  });

  // The data boundary (PRIVACY.md: no buyer identity, personal data only as part
  // of the shipping address, only the allowed top-level data) is held by
  // tests/privacy/boundaries.test.ts, for every function's query.

  test("asks the shop's clock about every schedule slot", () => {
    const aliases: string[] = [];
    visit(document, { Field: (node) => void (node.name.value === "dateTimeAfter" && aliases.push(node.alias!.value)) });
    expect(aliases).toEqual(Array.from({ length: SCHEDULE_SLOTS }, (_, i) => `at${i}`));
  });

  test("reads the configuration from the app's own Validation metafield", () => {
    expect(source).toMatch(/validation\s*\{\s*metafield\(namespace: "\$app:checkout-guard", key: "config"\)\s*\{\s*jsonValue\s*\}/);
  });

  test("declares exactly the variables of its input-variables metafield", () => {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const declared = Object.fromEntries(
      (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, source.slice(v.type.loc!.start, v.type.loc!.end)]),
    );
    // Only the products functions ask Shopify about the products' tags and collections, one list per slot.
    const expected: Record<string, string> = {};
    const slots = listSlotsOf(fn);
    for (let i = 0; i < slots.tags; i++) expected[`tags${i}`] = "[String!]!";
    for (let i = 0; i < slots.collections; i++) expected[`collections${i}`] = "[ID!]!";
    for (let i = 0; i < SCHEDULE_SLOTS; i++) expected[`scheduleAt${i}`] = "DateTimeWithoutTimezone!";
    expect(declared).toEqual(expected);
    // What the admin writes for this function's document: a value for each of them, and nothing else.
    const written = inputVariablesFor(fn, { rules: [], clock: [] }) as Record<string, unknown>;
    expect(Object.keys(written).sort()).toEqual(Object.keys(expected).sort());
  });
});

describe("what each function reads of the cart", () => {
  const address = queryOf("address");
  const cart = queryOf("cart");
  const weight = queryOf("weight");
  const read = (query: { paths: string[] }, field: string) => query.paths.some((p) => p.split(".").includes(field));
  const CART_FUNCTIONS = ["cart", "weight", "productsLean", "products"] as const;
  const PRODUCTS_FUNCTIONS = ["productsLean", "products"] as const;

  test("the address function reads no cart lines (its cost does not grow with the cart)", () => {
    expect(read(address, "lines")).toBe(false);
    expect(read(address, "merchandise")).toBe(false);
    expect(address.paths.filter((p) => p.startsWith("cart.")).every((p) => p.startsWith("cart.deliveryGroups"))).toBe(true);
  });

  test("the address function reads the shipping address's fields the address rules check", () => {
    expect(leaves(address.paths, "cart.deliveryGroups.deliveryAddress").sort()).toEqual(
      ["address1", "address2", "city", "company", "countryCode", "firstName", "lastName", "phone", "provinceCode", "zip"].sort(),
    );
  });

  test.each(CART_FUNCTIONS)("the %s function reads of the shipping address only its country", (fn) => {
    const query = queryOf(fn);
    expect(leaves(query.paths, "cart.deliveryGroups.deliveryAddress")).toEqual(["countryCode"]);
    expect(leaves(query.paths, "cart.deliveryGroups")).toEqual(["deliveryAddress.countryCode"]);
    expect(query.paths.filter((p) => /phone|firstName|lastName|address1|address2|city|company|zip|provinceCode/i.test(p))).toEqual([]);
  });

  test("the cart functions read the lines, the address function does not", () => {
    for (const fn of CART_FUNCTIONS) expect(read(queryOf(fn), "lines"), fn).toBe(true);
    expect(read(address, "lines")).toBe(false);
  });

  test("the cart-totals function reads of each line only its quantity, and the cart's subtotal", () => {
    expect(leaves(cart.paths, "cart.lines")).toEqual(["quantity"]);
    expect(read(cart, "merchandise")).toBe(false);
    expect(leaves(cart.paths, "cart.cost")).toEqual(["subtotalAmount.amount", "subtotalAmount.currencyCode"]);
  });

  test("the weight function reads of each line its quantity, weight and whether it ships: no ids, titles, tags or collections", () => {
    const lineLeaves = leaves(weight.paths, "cart.lines");
    expect(lineLeaves.filter((p) => /(^|\.)(id|title|hasTags|inCollections|tag|collectionId)$/.test(p))).toEqual([]);
    expect(lineLeaves.filter((p) => /weight$|weightUnit$/.test(p)).length).toBeGreaterThan(0);
    expect([...new Set(lineLeaves.map((p) => p.split(".").pop()))].sort()).toEqual(
      ["__typename", "quantity", "requiresShipping", "weight", "weightUnit"].sort(),
    );
    expect(read(weight, "cost")).toBe(false);
  });

  test.each(PRODUCTS_FUNCTIONS)("the %s function reads of each line the quantity, ids, titles, tags and collections: no weights, no costs", (fn) => {
    const products = queryOf(fn);
    const lineLeaves = leaves(products.paths, "cart.lines");
    expect([...new Set(lineLeaves.map((p) => p.split(".").pop()))].sort()).toEqual(
      ["__typename", "hasAnyTag", "id", "inAnyCollection", "quantity", "title"].sort(),
    );
    expect(read(products, "weight")).toBe(false);
    expect(read(products, "cost")).toBe(false);
  });

  test("the lean products function asks three values a line fewer: no variant id, one list of each", () => {
    const lean = leaves(queryOf("productsLean").paths, "cart.lines");
    const full = leaves(queryOf("products").paths, "cart.lines");
    // Fields, not aliases: `t0` and `t1` are both `hasAnyTag`.
    expect(full.length - lean.length).toBe(3);
    expect(full.filter((p) => !lean.includes(p))).toEqual(["merchandise.id"]);
    expect(lean.filter((p) => !full.includes(p))).toEqual([]);
    expect(listSlotsOf("productsLean")).toEqual({ tags: 1, collections: 1 });
  });

  test.each(PRODUCTS_FUNCTIONS)("the %s function answers each list slot with one boolean per line, under the alias the engine reads", (fn) => {
    const products = queryOf(fn);
    const { tags, collections } = listSlotsOf(fn);
    const slots: string[] = [];
    visit(products.document, {
      Field: (node) => {
        if (node.name.value !== "hasAnyTag" && node.name.value !== "inAnyCollection") return;
        const variable = node.arguments?.[0]?.value;
        slots.push(`${node.alias?.value}=${node.name.value}($${variable?.kind === Kind.VARIABLE ? variable.name.value : "?"})`);
      },
    });
    expect(slots).toEqual([
      ...TAG_SLOT_FIELDS.slice(0, tags).map((alias, i) => `${alias}=hasAnyTag($tags${i})`),
      ...COLLECTION_SLOT_FIELDS.slice(0, collections).map((alias, i) => `${alias}=inAnyCollection($collections${i})`),
    ]);
  });

  test("only the products functions declare list slots", () => {
    const declares = (fn: CheckoutFunction) =>
      (queryOf(fn).document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode).variableDefinitions!.map(
        (v) => v.variable.name.value,
      );
    expect(CHECKOUT_FUNCTION_NAMES.filter((fn) => declares(fn).includes("tags0"))).toEqual([...PRODUCTS_FUNCTIONS]);
    expect(CHECKOUT_FUNCTION_NAMES.filter((fn) => declares(fn).includes("collections0"))).toEqual([...PRODUCTS_FUNCTIONS]);
  });
});
