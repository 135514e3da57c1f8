/**
 * docs/configuration.md: every ```json block is a valid configuration document
 * (or, recognisably, the input-variables example), and every rule kind has an
 * example. docs/config.schema.json is what scripts/config-schema.ts generates.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { CART_RULE_KINDS, ADDRESS_RULE_KINDS, parseConfig } from "../../src/engine/config";
import { documentFromInput } from "../../src/engine/run";
import { inputVariablesFor } from "../../src/engine/input-variables";
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from "../../../../scripts/config-schema";

const ROOT = join(__dirname, "..", "..", "..", "..");
const markdown = readFileSync(join(ROOT, "docs", "configuration.md"), "utf8");
const blocks = [...markdown.matchAll(/^```json\n([\s\S]*?)\n```$/gm)].map((m) => JSON.parse(m[1]));
const isInputVariables = (block: Record<string, unknown>) => "scheduleAt0" in block;

test("the documentation has JSON examples", () => {
  expect(blocks.length).toBeGreaterThan(16);
});

test("every configuration example is valid for the admin and for the function", () => {
  for (const block of blocks.filter((b) => !isInputVariables(b))) {
    const parsed = parseConfig(block);
    expect(parsed.ok ? [] : parsed.issues, JSON.stringify(block)).toEqual([]);
    expect(documentFromInput({ validation: { metafield: { jsonValue: block } } } as never)).not.toBeNull();
  }
});

test("the input-variables example has every variable of the input query", () => {
  const variables = blocks.filter(isInputVariables);
  expect(variables).toHaveLength(1);
  const expected = Object.keys(inputVariablesFor("products", { rules: [] }));
  expect(Object.keys(variables[0]).sort()).toEqual(expected.sort());
  expect(expected).toContain("tags0");
});

test("every rule kind has an example", () => {
  const kinds = new Set(blocks.flatMap((b) => (Array.isArray(b.rules) ? b.rules.map((r: { kind: string }) => r.kind) : [])));
  for (const kind of [...ADDRESS_RULE_KINDS, ...CART_RULE_KINDS]) expect(kinds.has(kind), kind).toBe(true);
});

test("docs/config.schema.json is up to date (npx tsx scripts/config-schema.ts)", () => {
  expect(readFileSync(CONFIG_SCHEMA_FILE, "utf8") === configJsonSchemaText(), "docs/config.schema.json is stale").toBe(true);
  const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, "utf8"));
  expect(schema.properties.rules.items.oneOf).toHaveLength(ADDRESS_RULE_KINDS.length + CART_RULE_KINDS.length);
});
