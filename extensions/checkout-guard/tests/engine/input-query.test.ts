/**
 * The input query validates against the function schema and stays inside the
 * data boundary (PRIVACY.md): no buyer identity, customer, e-mail or billing
 * address. Its variables are the ones the admin writes.
 */
import { buildSchema, Kind, parse, validate, visit, type OperationDefinitionNode } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { SCHEDULE_SLOTS } from "../../src/engine/config";

const ROOT = join(__dirname, "..", "..");
const schema = buildSchema(readFileSync(join(ROOT, "schema.graphql"), "utf8"));
const query = parse(readFileSync(join(ROOT, "src", "cart_validations_generate_run.graphql"), "utf8"));

test("the schema is the shared 2026-04 schema", () => {
  expect(readFileSync(join(ROOT, "schema.graphql"), "utf8")).toBe(
    readFileSync(join(ROOT, "..", "..", "..", "shared", "shopify", "cart-checkout-validation-2026-04.schema.graphql"), "utf8"),
  );
});

test("validates against schema.graphql", () => {
  expect(validate(schema, query).map((e) => e.message)).toEqual([]);
});

test("never reads buyer identity, customer, e-mail or billing address", () => {
  const forbidden = new Set(["buyerIdentity", "customer", "email", "billingAddress", "purchasingCompany", "attribute"]);
  const read: string[] = [];
  visit(query, { Field: (node) => void read.push(node.name.value) });
  expect(read.filter((name) => forbidden.has(name))).toEqual([]);
  expect(read).toContain("deliveryAddress");
});

test("declares exactly the variables of the input-variables metafield", () => {
  const operation = query.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const variables = Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, readFileSync(join(ROOT, "src", "cart_validations_generate_run.graphql"), "utf8").slice(v.type.loc!.start, v.type.loc!.end)]),
  );
  const expected: Record<string, string> = { productTags: "[String!]!", collectionIds: "[ID!]!" };
  for (let i = 0; i < SCHEDULE_SLOTS; i++) expected[`scheduleAt${i}`] = "DateTimeWithoutTimezone!";
  expect(variables).toEqual(expected);
});

test("asks the shop's clock about every schedule slot", () => {
  const aliases: string[] = [];
  visit(query, { Field: (node) => void (node.name.value === "dateTimeAfter" && aliases.push(node.alias!.value)) });
  expect(aliases).toEqual(Array.from({ length: SCHEDULE_SLOTS }, (_, i) => `at${i}`));
});

test("reads the configuration from the app's own Validation metafield", () => {
  const source = readFileSync(join(ROOT, "src", "cart_validations_generate_run.graphql"), "utf8");
  expect(source).toMatch(/validation\s*\{\s*metafield\(namespace: "\$app:checkout-guard", key: "config"\)\s*\{\s*jsonValue\s*\}/);
});
