/**
 * Generates docs/config.schema.json, the JSON Schema of the configuration
 * document, from the valibot schema in extensions/checkout-guard/src/engine/config.ts.
 *
 *   npx tsx scripts/config-schema.ts          write docs/config.schema.json
 *   npx tsx scripts/config-schema.ts --check  exit 1 when the file is stale
 *
 * extensions/checkout-guard/tests/engine/config-schema.test.ts fails when the
 * checked-in file differs from what this script produces.
 */
import { toJsonSchema } from "@valibot/to-json-schema";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_VERSION, ConfigSchema } from "../extensions/checkout-guard/src/engine/config";

export const CONFIG_SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "config.schema.json");

/** The JSON Schema text, as checked in (stable key order, trailing newline). */
export function configJsonSchemaText(): string {
  // `trim()` in the schema is a transformation JSON Schema cannot express; it is ignored here.
  const schema = toJsonSchema(ConfigSchema, { errorMode: "ignore" });
  const document = {
    $schema: schema.$schema,
    $id: "https://checkout-guard.app/schemas/config.schema.json",
    title: `Checkout Guard configuration document (v${CONFIG_VERSION})`,
    description:
      "Written by the admin as JSON into the Validation metafield $app:checkout-guard/config (at most 10,000 bytes); read by the checkout function. See docs/configuration.md.",
    ...schema,
  };
  return JSON.stringify(document, null, 2) + "\n";
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = configJsonSchemaText();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(CONFIG_SCHEMA_FILE, "utf8");
    } catch {}
    if (current !== text) {
      process.stderr.write("docs/config.schema.json is stale: run `npx tsx scripts/config-schema.ts`\n");
      process.exit(1);
    }
  } else {
    writeFileSync(CONFIG_SCHEMA_FILE, text);
    process.stdout.write(`Wrote ${CONFIG_SCHEMA_FILE}\n`);
  }
}
