/**
 * Bundles the function the way the Shopify CLI does for a JavaScript function
 * (`shopify app function build`, before it hands dist/function.js to Javy):
 *
 * - a generated entry module, fed to esbuild on stdin, that imports
 *   `@shopify/shopify_function/run` and, for each target's `export` in
 *   shopify.extension.toml, re-exports a camelCase JS function that calls it
 *   with the user's export:
 *
 *       import __runFunction from "@shopify/shopify_function/run"
 *       import { cartValidationsGenerateRun as runCartValidationsGenerateRun } from "user-function"
 *       export function cartValidationsGenerateRun() { return __runFunction(runCartValidationsGenerateRun) }
 *
 *   Javy then exposes the JS export `cartValidationsGenerateRun` as the Wasm export
 *   `cart-validations-generate-run` (the toml name, kebab-case);
 * - `user-function` aliased to the function's source entry (src/index.ts when present,
 *   otherwise src/cart_validations_generate_run.ts);
 * - esbuild options as the CLI sets them: bundle, format esm, target es2022,
 *   legalComments none, logLevel silent, outfile dist/function.js. The CLI does not
 *   minify (Javy compiles the bundle to QuickJS bytecode, which drops whitespace and
 *   comments anyway); `minify: true` is available here only to measure.
 *
 * Usage: `npm run function:build` (writes dist/function.js of both function
 * extensions, extensions/checkout-guard-address and extensions/checkout-guard-cart).
 */
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../src/engine/functions";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXTENSIONS_DIR = path.resolve(HERE, "..", "..");
export const TARGET = "cart.validations.generate.run";
export const DEFAULT_WASM_EXPORT = "cart-validations-generate-run";

/** The files of one function extension. */
export function functionFiles(fn: CheckoutFunction) {
  const dir = path.join(EXTENSIONS_DIR, CHECKOUT_FUNCTIONS[fn].handle);
  return {
    dir,
    dist: path.join(dir, "dist", "function.js"),
    schema: path.join(dir, "schema.graphql"),
    inputQuery: path.join(dir, "src", "cart_validations_generate_run.graphql"),
    toml: path.join(dir, "shopify.extension.toml"),
    fixtures: path.join(dir, "tests", "fixtures"),
  };
}

/** The function whose extension folder holds `file`, if any (e.g. one of its fixtures). */
export function functionOfPath(file: string): CheckoutFunction | null {
  const resolved = path.resolve(file);
  return CHECKOUT_FUNCTION_NAMES.find((fn) => resolved.startsWith(functionFiles(fn).dir + path.sep)) ?? null;
}

/** kebab-case → camelCase, as the CLI's `camelize` does for export names. */
export function camelize(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The Wasm export names of the toml's targets (`export = "…"`), or the default one. */
export function wasmExports(tomlFile: string): string[] {
  if (!existsSync(tomlFile)) return [DEFAULT_WASM_EXPORT];
  const names = [...readFileSync(tomlFile, "utf8").matchAll(/^\s*export\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
  return names.length > 0 ? names : [DEFAULT_WASM_EXPORT];
}

/** The JS export the runtime calls for a function's (first) Wasm export. */
export function jsExportName(fn: CheckoutFunction): string {
  return camelize(wasmExports(functionFiles(fn).toml)[0]);
}

/** A function's source entry, as the CLI's `user-function` alias points to it. */
export function userFunctionEntry(fn: CheckoutFunction): string {
  const { dir } = functionFiles(fn);
  for (const candidate of ["src/index.ts", "src/index.js", "src/cart_validations_generate_run.ts"]) {
    const file = path.join(dir, candidate);
    if (existsSync(file)) return file;
  }
  throw new Error("Could not find the function entry point (src/index.ts or src/cart_validations_generate_run.ts) in " + dir);
}

/** The generated entry module, as the CLI's ExportJavyBuilder writes it. */
export function entrypointContents(exports: string[]): string {
  const parts = exports.map((name) => {
    const identifier = camelize(name);
    const alias = camelize(`run-${name}`);
    return `\nimport { ${identifier} as ${alias} } from "user-function"\nexport function ${identifier}() { return __runFunction(${alias}) }`;
  });
  return `\nimport __runFunction from "@shopify/shopify_function/run"\n${parts.join("\n")}`;
}

export interface BuildOptions {
  /** Which function (its extension folder gives the entry, the toml's exports and dist/). */
  function: CheckoutFunction;
  /** Source entry aliased as `user-function` (default: see userFunctionEntry). */
  userFunction?: string;
  /** Where to write the bundle; `null` to keep it in memory only. Default dist/function.js. */
  outfile?: string | null;
  /** Minify (the CLI does not; for measurements only). */
  minify?: boolean;
}

export interface FunctionBundle {
  /** The ES module source, as Javy would receive it. */
  code: string;
  /** Written file, or null when built in memory. */
  path: string | null;
  bytes: number;
  gzipBytes: number;
  /** Wasm export name(s), from the toml (kebab-case). */
  wasmExports: string[];
  /** The JS export the runtime calls (camelCase of the first Wasm export). */
  jsExport: string;
  userFunction: string;
}

/** Bundles a function as the Shopify CLI does; writes its dist/function.js unless `outfile: null`. */
export async function buildFunctionBundle(options: BuildOptions): Promise<FunctionBundle> {
  const files = functionFiles(options.function);
  const userFunction = options.userFunction ? path.resolve(options.userFunction) : userFunctionEntry(options.function);
  const exports = wasmExports(files.toml);
  const outfile = options.outfile === undefined ? files.dist : options.outfile;
  const result = await build({
    stdin: { contents: entrypointContents(exports), loader: "ts", resolveDir: files.dir },
    alias: { "user-function": userFunction },
    // Resolve the runtime from the extension's own dependencies, as the CLI does.
    nodePaths: [path.join(files.dir, "node_modules"), path.resolve(files.dir, "../../node_modules")],
    outfile: outfile ?? files.dist,
    write: false,
    logLevel: "silent",
    bundle: true,
    legalComments: "none",
    target: "es2022",
    format: "esm",
    minify: options.minify ?? false,
  });
  const code = result.outputFiles[0].text;
  if (outfile) {
    mkdirSync(path.dirname(outfile), { recursive: true });
    writeFileSync(outfile, code);
  }
  const bytes = Buffer.byteLength(code);
  return {
    code,
    path: outfile,
    bytes,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    wasmExports: exports,
    jsExport: camelize(exports[0]),
    userFunction,
  };
}

/** Returns a function's dist/function.js, building it first when it is missing. */
export async function ensureBundle(fn: CheckoutFunction): Promise<{ code: string; path: string }> {
  const { dist } = functionFiles(fn);
  if (!existsSync(dist)) await buildFunctionBundle({ function: fn });
  return { code: readFileSync(dist, "utf8"), path: dist };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  Promise.all(CHECKOUT_FUNCTION_NAMES.map((fn) => buildFunctionBundle({ function: fn }))).then(
    (bundles) => {
      for (const b of bundles) {
        process.stdout.write(
          `Built ${path.relative(process.cwd(), b.path!)} (${b.bytes} bytes, ${b.gzipBytes} gzipped; ` +
            `export ${b.jsExport} → Wasm export "${b.wasmExports[0]}")\n`,
        );
      }
    },
    (error: unknown) => {
      const errors = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors;
      if (errors?.length) {
        for (const e of errors) process.stderr.write(`error: ${e.text}${e.location ? ` (${e.location.file}:${e.location.line})` : ""}\n`);
      } else {
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      process.exit(1);
    },
  );
}
