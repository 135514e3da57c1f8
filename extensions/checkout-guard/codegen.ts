/**
 * graphql-codegen configuration for the function's input and output types,
 * as Shopify's JavaScript function template generates them (typescript +
 * typescript-operations, one operation type per input query), but offline:
 * the schema is the checked-in `schema.graphql`.
 *
 *   npm run function:typegen        (from the repository root)
 *
 * `tests/engine/typegen.test.ts` regenerates into a temporary file and fails
 * when `generated/api.ts` is out of date with the query or the schema.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const fromCwd = (path: string) => relative(process.cwd(), join(here, path)) || ".";

export const CODEGEN_SCHEMA = fromCwd("schema.graphql");
export const CODEGEN_DOCUMENTS = fromCwd("src/cart_validations_generate_run.graphql");
export const CODEGEN_OUTPUT = fromCwd("generated/api.ts");

/** Plugins and options shared by `npm run function:typegen` and the drift test. */
export const codegenOutputConfig = {
  plugins: ["typescript", "typescript-operations"],
  config: {
    omitOperationSuffix: true,
    preResolveTypes: true,
    enumsAsTypes: true,
    avoidOptionals: false,
    scalars: {
      ID: "string",
      Date: "string",
      DateTime: "string",
      DateTimeWithoutTimezone: "string",
      TimeWithoutTimezone: "string",
      Decimal: "string",
      Handle: "string",
      URL: "string",
      JSON: "unknown",
      Void: "null",
    },
  },
};

export function codegenConfig(output: string = CODEGEN_OUTPUT): CodegenConfig {
  return {
    overwrite: true,
    schema: CODEGEN_SCHEMA,
    documents: [CODEGEN_DOCUMENTS],
    generates: { [output]: codegenOutputConfig },
    silent: true,
  };
}

export default codegenConfig();
