/**
 * graphql-codegen configuration for each function's input and output types,
 * as Shopify's JavaScript function template generates them (typescript +
 * typescript-operations, one operation type per input query), but offline:
 * the schema is each extension's checked-in `schema.graphql`, and the types
 * go to its `generated/api.ts`.
 *
 *   npm run function:typegen        (from the repository root; both functions)
 *
 * `tests/engine/typegen.test.ts` regenerates into a temporary file and fails
 * when a `generated/api.ts` is out of date with its query or the schema.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "./src/engine/functions";

const extensions = join(dirname(fileURLToPath(import.meta.url)), "..");
const fromCwd = (fn: CheckoutFunction, path: string) => relative(process.cwd(), join(extensions, CHECKOUT_FUNCTIONS[fn].handle, path));

/** Where a function's types are generated from and to. */
export function codegenFiles(fn: CheckoutFunction) {
  return {
    schema: fromCwd(fn, "schema.graphql"),
    documents: fromCwd(fn, "src/cart_validations_generate_run.graphql"),
    output: fromCwd(fn, "generated/api.ts"),
  };
}

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

/** Both functions' types, or one function's into `output` (the drift test). */
export function codegenConfig(only?: { fn: CheckoutFunction; output: string }): CodegenConfig {
  const generates: CodegenConfig["generates"] = {};
  for (const fn of only ? [only.fn] : CHECKOUT_FUNCTION_NAMES) {
    const files = codegenFiles(fn);
    generates[only?.output ?? files.output] = { schema: files.schema, documents: [files.documents], ...codegenOutputConfig };
  }
  return { overwrite: true, generates, silent: true };
}

export default codegenConfig();
