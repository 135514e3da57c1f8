/**
 * Runs a function's JavaScript bundle on Shopify's own JavaScript engine — the
 * Javy plugin `shopify_functions_javy_v4.wasm` that the Shopify CLI downloads and
 * links every JavaScript function against — and counts instructions exactly as
 * Shopify's `function-runner` does (wasmtime fuel, see runner/fuel.ts).
 *
 * What `shopify app function build` + `function-runner` do, and what this does:
 *
 * 1. `javy build -C dynamic -C plugin=…` compiles the bundle to QuickJS bytecode
 *    with the plugin's own `compile-src` (here: `compileToBytecode`, byte for byte
 *    the same bytecode) and wraps it in a small module importing `cabi_realloc`,
 *    `invoke` and `memory` from the plugin (here: `buildDynamicModule`).
 * 2. function-runner (src/io.rs) instantiates the plugin, calls
 *    `initialize(input_len) -> offset` and writes the MessagePack-encoded input at
 *    that offset, with fuel reset around it (not counted); then instantiates the
 *    function module and calls its export with fuel counted from u64::MAX; then
 *    `finalize() -> ptr` (not counted) to 6 u32: output ptr/len, log ptr/len, log
 *    ptr/len; the output is MessagePack.
 *
 * Here both modules are instrumented (runner/fuel.ts) and the counted figure is
 * what their counters gain during the export call. Each run gets a fresh plugin
 * instance, as each function-runner run gets a fresh store; the compiled
 * WebAssembly.Module objects are cached.
 *
 * It also runs Javy's default plugin (`javy_quickjs_provider_v3.wasm`, WASI
 * preview 1, stdin/stdout) through a tiny WASI shim, to calibrate against Javy's
 * published fuel figures (see `runOnJavyProvider`).
 *
 * The plugins are not ours: they are found on the machine (`findShopifyJavyPlugin`),
 * never copied into the repository.
 */
import { inputDepthError } from "./input-depth";
import { decode, encode } from "@msgpack/msgpack";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";
import { FUEL_EXPORT, FUEL_LIMIT_EXPORT, fuelInstrumentedCached, instrumentFuel, WasmWriter } from "./fuel";

const SHOPIFY_PLUGIN_FILE = "shopify_functions_javy_v4.wasm";
const DEFAULT_MAX_INSTRUCTIONS = 1e10;

// ── Finding the plugin ───────────────────────────────────────────────────────

/**
 * Where `shopify_functions_javy_v4.wasm` is on this machine: `$SHOPIFY_JAVY_PLUGIN`
 * when that file exists, else the Shopify CLI's download folder, else null.
 *
 * The CLI (@shopify/cli 4.x; 3.x used shopify_functions_javy_v3) downloads the
 * plugin from cdn.shopify.com/shopifycloud/shopify-functions-javy-plugin/ on the
 * first `shopify app function build` of a JavaScript function, into the `bin/`
 * folder of its own package (`<dist>/../bin`):
 * `<node_modules>/@shopify/cli/bin/shopify_functions_javy_v4.wasm` — next to
 * `javy-<version>` and `function-runner-<version>`. So we look in the
 * @shopify/cli packages a developer is likely to have: this project's
 * node_modules (and its parents'), npm's global folder (from the npm prefix, the
 * running node, nvm, Volta, ~/.npm-global), and Homebrew's `shopify-cli` formula.
 */
export function findShopifyJavyPlugin(): string | null {
  const fromEnv = process.env.SHOPIFY_JAVY_PLUGIN;
  if (fromEnv && isFile(fromEnv)) return path.resolve(fromEnv);
  for (const dir of shopifyCliPackageDirs()) {
    const candidate = path.join(dir, "bin", SHOPIFY_PLUGIN_FILE);
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Candidate `@shopify/cli` package folders, most specific first. */
function shopifyCliPackageDirs(): string[] {
  const nodeModules: string[] = [];
  // This project and the folders above it (npm resolution order).
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    nodeModules.push(path.join(dir, "node_modules"));
    if (path.dirname(dir) === dir) break;
  }
  const home = homedir();
  const prefixes = [
    process.env.npm_config_prefix,
    process.env.NPM_CONFIG_PREFIX,
    process.env.PREFIX,
    process.env.NVM_BIN && path.dirname(process.env.NVM_BIN),
    path.dirname(path.dirname(process.execPath)),
    path.join(home, ".npm-global"),
    "/usr/local",
    "/usr",
    "/opt/homebrew",
  ].filter((p): p is string => Boolean(p));
  for (const prefix of prefixes) {
    // Unix global installs go to <prefix>/lib/node_modules, Windows ones to <prefix>/node_modules.
    nodeModules.push(path.join(prefix, "lib", "node_modules"), path.join(prefix, "node_modules"));
  }
  if (process.env.APPDATA) nodeModules.push(path.join(process.env.APPDATA, "npm", "node_modules"));
  const dirs = nodeModules.map((d) => path.join(d, "@shopify", "cli"));
  // Volta keeps each global package in its own image.
  dirs.push(path.join(process.env.VOLTA_HOME ?? path.join(home, ".volta"), "tools", "image", "packages", "@shopify", "cli", "lib", "node_modules", "@shopify", "cli"));
  // Homebrew: `brew install shopify-cli` puts the package under Cellar/shopify-cli/<version>/libexec.
  for (const cellar of ["/opt/homebrew/Cellar", "/usr/local/Cellar", "/home/linuxbrew/.linuxbrew/Cellar"]) {
    const formula = path.join(cellar, "shopify-cli");
    if (!existsSync(formula)) continue;
    for (const version of readdirSync(formula).sort().reverse()) {
      dirs.push(path.join(formula, version, "libexec", "lib", "node_modules", "@shopify", "cli"));
    }
  }
  return [...new Set(dirs)];
}

/** Javy's default plugin for calibration: `$JAVY_QUICKJS_PROVIDER_V3`, else beside the Shopify plugin. */
export function findJavyQuickjsProvider(shopifyPlugin = findShopifyJavyPlugin()): string | null {
  const fromEnv = process.env.JAVY_QUICKJS_PROVIDER_V3;
  if (fromEnv && isFile(fromEnv)) return path.resolve(fromEnv);
  if (!shopifyPlugin) return null;
  const beside = path.join(path.dirname(shopifyPlugin), "javy_quickjs_provider_v3.wasm");
  return isFile(beside) ? beside : null;
}

// ── Loading plugins ──────────────────────────────────────────────────────────

type PluginKind = "shopify" | "javy-provider";

interface Plugin {
  kind: PluginKind;
  /** Import namespace of dynamically linked modules (the plugin's `import_namespace` section). */
  namespace: string;
  /** The instrumented, compiled plugin; instantiated once per run. */
  module: WebAssembly.Module;
  sha256: string;
}

const plugins = new Map<string, Plugin>();

function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Reads, instruments (cached on disk) and compiles a plugin, once per file and
 * variant. `optimize: "O3"` first runs binaryen's -O3 (speed; shrink level 0) over
 * it, as Javy's static builds do (see runOnJavyProvider).
 */
async function loadPlugin(file: string, optimize: "none" | "O3" = "none"): Promise<Plugin> {
  const stat = statSync(file);
  const key = `${path.resolve(file)}:${stat.size}:${stat.mtimeMs}:${optimize}`;
  const known = plugins.get(key);
  if (known) return known;
  const original = new Uint8Array(readFileSync(file));
  const hash = sha256(original);
  const probe = new WebAssembly.Module(original);
  const exports = new Set(WebAssembly.Module.exports(probe).map((e) => e.name));
  const [section] = WebAssembly.Module.customSections(probe, "import_namespace");
  let kind: PluginKind;
  if (exports.has("compile-src") && exports.has("initialize") && exports.has("finalize")) kind = "shopify";
  else if (exports.has("compile_src") && exports.has("canonical_abi_realloc")) kind = "javy-provider";
  else throw new Error(`${file} is not a Javy plugin this runner knows (no compile-src + initialize/finalize, nor compile_src)`);
  const namespace = section ? new TextDecoder().decode(section) : kind === "shopify" ? "shopify_functions_javy_v4" : "javy_quickjs_provider_v3";
  const source = optimize === "O3" ? await optimizedO3(original, hash) : original;
  const instrumented = fuelInstrumentedCached(source).bytes;
  const plugin: Plugin = { kind, namespace, module: new WebAssembly.Module(instrumented), sha256: hash };
  plugins.set(key, plugin);
  return plugin;
}

/** binaryen -O3 of a plugin, cached in node_modules/.cache/checkout-guard/ by the original's hash. */
async function optimizedO3(original: Uint8Array, hash: string): Promise<Uint8Array<ArrayBuffer>> {
  const binaryen = (await import("binaryen")).default;
  const version = (createRequire(import.meta.url)("binaryen/package.json") as { version: string }).version;
  const dir = process.env.CHECKOUT_GUARD_WASM_CACHE ?? path.resolve("node_modules", ".cache", "checkout-guard");
  const file = path.join(dir, `o3-${sha256(`${hash}:binaryen-${version}:O3:s0`).slice(0, 24)}.wasm`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const mod = binaryen.readBinary(original);
  const saved = [binaryen.getOptimizeLevel(), binaryen.getShrinkLevel(), binaryen.getDebugInfo()] as const;
  binaryen.setOptimizeLevel(3);
  binaryen.setShrinkLevel(0);
  binaryen.setDebugInfo(false);
  try {
    mod.optimize();
  } finally {
    binaryen.setOptimizeLevel(saved[0]);
    binaryen.setShrinkLevel(saved[1]);
    binaryen.setDebugInfo(saved[2]);
  }
  const bytes = new Uint8Array(mod.emitBinary());
  mod.dispose();
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return bytes;
}

function fuelOf(instance: WebAssembly.Instance): bigint {
  return (instance.exports[FUEL_EXPORT] as WebAssembly.Global).value as bigint;
}

function setFuelLimit(instance: WebAssembly.Instance, limit: bigint) {
  (instance.exports[FUEL_LIMIT_EXPORT] as WebAssembly.Global).value = limit;
}

// ── Compiling JavaScript to bytecode ─────────────────────────────────────────

const bytecodes = new Map<string, Uint8Array>();

/**
 * QuickJS bytecode of `jsSource` (an ES module, named "function.mjs" as Javy
 * names it) from the plugin's own compiler: `compile-src` for Shopify's plugin
 * (canonical ABI: a pointer to { tag: u8, ptr: u32 @4, len: u32 @8 }, tag 1 =
 * error message), `compile_src` for Javy's provider (a pointer to { ptr, len }).
 * Throws on a syntax error (Shopify's plugin traps then, without a message).
 * Cached per plugin and source.
 */
export async function compileToBytecode(pluginPath: string, jsSource: string): Promise<Uint8Array> {
  const plugin = await loadPlugin(pluginPath);
  const key = `${plugin.sha256}:${sha256(jsSource)}`;
  const known = bytecodes.get(key);
  if (known) return known;
  const src = new TextEncoder().encode(jsSource);
  let bytecode: Uint8Array;
  if (plugin.kind === "shopify") {
    const e = new WebAssembly.Instance(plugin.module, {}).exports as unknown as ShopifyPluginExports;
    const ptr = e.cabi_realloc(0, 0, 1, src.length);
    new Uint8Array(e.memory.buffer).set(src, ptr);
    let ret: number;
    try {
      ret = e["compile-src"](ptr, src.length) >>> 0;
    } catch (error) {
      // This plugin traps (out-of-bounds access) on its error path instead of returning the message.
      throw new Error(`compile-src trapped (${error instanceof Error ? error.message : String(error)}): does the bundle have a syntax error?`);
    }
    const view = new DataView(e.memory.buffer);
    const tag = view.getUint8(ret);
    const at = view.getUint32(ret + 4, true);
    const len = view.getUint32(ret + 8, true);
    const bytes = new Uint8Array(e.memory.buffer, at, len).slice();
    if (tag !== 0) throw new Error(`compile-src: ${new TextDecoder().decode(bytes)}`);
    bytecode = bytes;
  } else {
    const wasi = new WasiShim(new Uint8Array(0));
    const instance = new WebAssembly.Instance(plugin.module, wasi.imports());
    wasi.bind(instance);
    const e = instance.exports as unknown as JavyProviderExports;
    const ptr = e.canonical_abi_realloc(0, 0, 1, src.length);
    new Uint8Array(e.memory.buffer).set(src, ptr);
    let ret: number;
    try {
      ret = e.compile_src(ptr, src.length) >>> 0;
    } catch (error) {
      throw new Error(`compile_src failed: ${wasi.stderrText() || String(error)}`);
    }
    const view = new DataView(e.memory.buffer);
    bytecode = new Uint8Array(e.memory.buffer, view.getUint32(ret, true), view.getUint32(ret + 4, true)).slice();
  }
  bytecodes.set(key, bytecode);
  return bytecode;
}

interface ShopifyPluginExports {
  memory: WebAssembly.Memory;
  cabi_realloc(ptr: number, size: number, align: number, newSize: number): number;
  "compile-src"(ptr: number, len: number): number;
  invoke: Function;
  initialize(inputLength: number): number;
  finalize(): number;
}

interface JavyProviderExports {
  memory: WebAssembly.Memory;
  canonical_abi_realloc(ptr: number, size: number, align: number, newSize: number): number;
  compile_src(ptr: number, len: number): number;
  invoke: Function;
}

// ── The dynamically linked function module ───────────────────────────────────

/** kebab-case → camelCase, as the Shopify CLI names the JS export of a Wasm export. */
function camelize(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export interface DynamicModuleOptions {
  /** Import namespace. Default: Shopify's plugin, `shopify_functions_javy_v4`. */
  namespace?: string;
  /**
   * The plugin API: "v4" (Javy ≥ 5 plugins, Shopify's): `cabi_realloc`, and
   * `invoke(bc_ptr, bc_len, fn_tag, fn_ptr, fn_len)` with an option<string>;
   * "v3" (javy_quickjs_provider_v3, Javy 4): `canonical_abi_realloc`, and
   * `invoke(bc_ptr, bc_len, fn_ptr, fn_len)` with 0/0 for none. Default "v4".
   */
  abi?: "v4" | "v3";
  /** JS export called by each Wasm export. Default: camelCase of the Wasm name. */
  jsNames?: string[];
}

/**
 * The module `javy build -C dynamic` generates (Javy's codegen, `generate_main`
 * and `generate_exports`), encoded by hand: imports `cabi_realloc`, `invoke` and
 * `memory` from the plugin; the bytecode and each JS export name in passive data
 * segments; `_start` evaluating the bytecode (invoke with no function name); and
 * per Wasm export a function that copies the bytecode into a `cabi_realloc`ed
 * buffer (`memory.init`, `data.drop`), the name likewise, then calls `invoke`.
 */
export function buildDynamicModule(bytecode: Uint8Array, exports: string[], options: DynamicModuleOptions = {}): Uint8Array<ArrayBuffer> {
  const abi = options.abi ?? "v4";
  const namespace = options.namespace ?? "shopify_functions_javy_v4";
  const realloc = abi === "v4" ? "cabi_realloc" : "canonical_abi_realloc";
  const names = exports.map((wasm, i) => new TextEncoder().encode(options.jsNames?.[i] ?? camelize(wasm)));
  const I32 = 0x7f;
  const bcLen = bytecode.length;

  const section = (id: number, build: (w: WasmWriter) => void, out: WasmWriter) => {
    const body = new WasmWriter();
    build(body);
    out.byte(id).u32(body.length).raw(body.finish());
  };
  const i32 = (w: WasmWriter, v: number) => w.byte(0x41).s64(BigInt(v));
  const call = (w: WasmWriter, f: number) => w.byte(0x10).u32(f);
  const allocAndCopy = (w: WasmWriter, local: number, segment: number, len: number, drop: boolean) => {
    i32(w, 0); i32(w, 0); i32(w, 1); i32(w, len); // orig ptr, orig size, alignment, new size
    call(w, 0); // realloc
    w.byte(0x22).u32(local); // local.tee
    i32(w, 0); i32(w, len);
    w.byte(0xfc).u32(8).u32(segment).byte(0x00); // memory.init segment, memory 0
    if (drop) w.byte(0xfc).u32(9).u32(segment); // data.drop
  };
  const funcBody = (locals: number, emit: (w: WasmWriter) => void) => {
    const w = new WasmWriter();
    w.u32(1).u32(locals).byte(I32);
    emit(w);
    w.byte(0x0b);
    return w.finish();
  };

  // Function indices: 0 realloc, 1 invoke (imports), 2.. one per export, then _start.
  const bodies = exports.map((_, i) =>
    funcBody(2, (w) => {
      allocAndCopy(w, 0, 0, bcLen, true);
      allocAndCopy(w, 1, i + 1, names[i].length, true);
      w.byte(0x20).u32(0); // local.get bytecode ptr
      i32(w, bcLen);
      if (abi === "v4") i32(w, 1); // option discriminant: some
      w.byte(0x20).u32(1); // local.get name ptr
      i32(w, names[i].length);
      call(w, 1);
    }),
  );
  bodies.push(
    funcBody(1, (w) => {
      allocAndCopy(w, 0, 0, bcLen, false);
      w.byte(0x20).u32(0);
      i32(w, bcLen);
      i32(w, 0);
      i32(w, 0);
      if (abi === "v4") i32(w, 0);
      call(w, 1);
    }),
  );

  const out = new WasmWriter().raw(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
  section(1, (w) => {
    w.u32(3);
    w.byte(0x60).u32(0).u32(0); // 0: () -> ()
    w.byte(0x60).u32(4).byte(I32).byte(I32).byte(I32).byte(I32).u32(1).byte(I32); // 1: realloc
    const invokeParams = abi === "v4" ? 5 : 4;
    w.byte(0x60).u32(invokeParams);
    for (let i = 0; i < invokeParams; i++) w.byte(I32);
    w.u32(0); // 2: invoke
  }, out);
  section(2, (w) => {
    w.u32(3);
    w.name(namespace).name(realloc).byte(0x00).u32(1);
    w.name(namespace).name("invoke").byte(0x00).u32(2);
    w.name(namespace).name("memory").byte(0x02).byte(0x00).u32(0);
  }, out);
  section(3, (w) => {
    w.u32(bodies.length);
    for (let i = 0; i < bodies.length; i++) w.u32(0);
  }, out);
  section(7, (w) => {
    w.u32(exports.length + 1);
    w.name("_start").byte(0x00).u32(2 + exports.length);
    exports.forEach((name, i) => w.name(name).byte(0x00).u32(2 + i));
  }, out);
  section(12, (w) => w.u32(1 + names.length), out); // data count (memory.init needs it)
  section(10, (w) => {
    w.u32(bodies.length);
    for (const b of bodies) w.u32(b.length).raw(b);
  }, out);
  section(11, (w) => {
    w.u32(1 + names.length);
    for (const data of [bytecode, ...names]) w.byte(0x01).u32(data.length).raw(data); // passive
  }, out);
  return out.finish();
}

const functionModules = new Map<string, { module: WebAssembly.Module; bytes: number }>();

/**
 * The dynamic module for a bytecode, instrumented and compiled, cached in memory
 * only (its few functions instrument in microseconds; the bytecode is data).
 */
function functionModule(bytecode: Uint8Array, exports: string[], options: DynamicModuleOptions) {
  const key = `${sha256(bytecode)}:${JSON.stringify([exports, options])}`;
  let known = functionModules.get(key);
  if (!known) {
    const bytes = buildDynamicModule(bytecode, exports, options);
    known = { module: new WebAssembly.Module(instrumentFuel(bytes)), bytes: bytes.length };
    functionModules.set(key, known);
  }
  return known;
}

// ── Running on Shopify's plugin ──────────────────────────────────────────────

export interface ShopifyEngineOptions {
  /** The function's JavaScript: the ES module bundle the Shopify CLI hands to Javy. */
  bundle: string;
  /** Wasm export to call (kebab-case, the toml's `export`). Default "cart-validations-generate-run". */
  exportName?: string;
  /** JS export it calls. Default: camelCase of `exportName`. */
  jsExportName?: string;
  /** The plugin. Default: findShopifyJavyPlugin(). */
  pluginPath?: string;
  /** Deterministic cap: the run traps past it. Default 1e10. */
  maxInstructions?: number;
}

export interface ShopifyEngineResult {
  /** The decoded output; null on error. */
  output: unknown;
  /** Trap, JavaScript exception (from the logs), no output, or the cap; null on success. */
  error: string | null;
  /** Instructions (wasmtime fuel) of the export call, as function-runner reports them. */
  instructions: number;
  bytecodeBytes: number;
  /** Size of the dynamically linked module (what `dist/function.wasm` would be, without custom sections). */
  moduleBytes: number;
  /** MessagePack input size. */
  inputBytes: number;
  /** MessagePack output size. */
  outputBytes: number;
  /** The function's console output (both log buffers of `finalize`), one line per entry. */
  logs: string[];
  engine: "shopify-javy-v4";
}

/**
 * Encodes the input as function-runner does (src/container.rs,
 * `MessagePackJsonValue`): null → nil, integers in the smallest int/uint format,
 * other numbers float64, strings, arrays, maps in key order. @msgpack/msgpack
 * chooses the same formats. Two differences can only come from JSON text that a
 * JS value has already lost: a float written with a fraction or exponent but an
 * integral value (`1.0`, function-runner: float64; here: int), and integer-like
 * object keys, which JavaScript orders first.
 */
export function encodeInput(input: unknown): Uint8Array {
  return encode(input, { forceFloat32: false, ignoreUndefined: true });
}

/**
 * Runs `bundle`'s export on Shopify's Javy plugin with `input` and counts the
 * instructions as function-runner does. Never throws for a failing function
 * (see `error`); throws only when the plugin is missing or the bundle does not
 * compile.
 */
export async function runOnShopifyEngine(input: unknown, options: ShopifyEngineOptions): Promise<ShopifyEngineResult> {
  const pluginPath = options.pluginPath ?? findShopifyJavyPlugin();
  if (!pluginPath) throw new Error(`${SHOPIFY_PLUGIN_FILE} not found: set SHOPIFY_JAVY_PLUGIN, or run \`shopify app function build\` once`);
  const plugin = await loadPlugin(pluginPath);
  if (plugin.kind !== "shopify") throw new Error(`${pluginPath} is not Shopify's Javy plugin`);
  const exportName = options.exportName ?? "cart-validations-generate-run";
  const jsExportName = options.jsExportName ?? camelize(exportName);
  const bytecode = await compileToBytecode(pluginPath, options.bundle);
  const fn = functionModule(bytecode, [exportName], { namespace: plugin.namespace, abi: "v4", jsNames: [jsExportName] });
  const result = runLinked(plugin, fn.module, exportName, input, options.maxInstructions);
  return { ...result, bytecodeBytes: bytecode.length, moduleBytes: fn.bytes };
}

/**
 * Runs a function module already built by the Shopify CLI (`dist/function.wasm`,
 * dynamically linked against the plugin) the same way: the export `exportName`
 * (e.g. "cart-validations-generate-run", or "_start"). `bytecodeBytes` is 0 (the
 * bytecode is inside the module).
 */
export async function runShopifyFunctionModule(
  input: unknown,
  options: { module: Uint8Array; exportName: string; pluginPath?: string; maxInstructions?: number },
): Promise<ShopifyEngineResult> {
  const pluginPath = options.pluginPath ?? findShopifyJavyPlugin();
  if (!pluginPath) throw new Error(`${SHOPIFY_PLUGIN_FILE} not found: set SHOPIFY_JAVY_PLUGIN`);
  const plugin = await loadPlugin(pluginPath);
  if (plugin.kind !== "shopify") throw new Error(`${pluginPath} is not Shopify's Javy plugin`);
  const module = new WebAssembly.Module(instrumentFuel(options.module));
  const result = runLinked(plugin, module, options.exportName, input, options.maxInstructions);
  return { ...result, bytecodeBytes: 0, moduleBytes: options.module.length };
}

/** One run, as function-runner's `run` does it (see the module comment). */
function runLinked(
  plugin: Plugin,
  fnModule: WebAssembly.Module,
  exportName: string,
  input: unknown,
  maxInstructions = DEFAULT_MAX_INSTRUCTIONS,
): Omit<ShopifyEngineResult, "bytecodeBytes" | "moduleBytes"> {
  const depthError = inputDepthError(input);
  if (depthError) return { output: null, error: depthError, instructions: 0, inputBytes: 0, outputBytes: 0, logs: [], engine: "shopify-javy-v4" };
  const inputBytes = encodeInput(input);

  // Not counted: instantiating the plugin, initialize and writing the input.
  const pluginInstance = new WebAssembly.Instance(plugin.module, {});
  const e = pluginInstance.exports as unknown as ShopifyPluginExports;
  const offset = e.initialize(inputBytes.length) >>> 0;
  new Uint8Array(e.memory.buffer).set(inputBytes, offset);

  const fnInstance = new WebAssembly.Instance(fnModule, {
    [plugin.namespace]: { memory: e.memory, cabi_realloc: e.cabi_realloc, invoke: e.invoke },
  });
  const cap = BigInt(Math.round(maxInstructions));
  const before = fuelOf(pluginInstance) + fuelOf(fnInstance);
  setFuelLimit(pluginInstance, fuelOf(pluginInstance) + cap);
  setFuelLimit(fnInstance, fuelOf(fnInstance) + cap);
  let trap: unknown = null;
  try {
    const run = fnInstance.exports[exportName];
    if (typeof run !== "function") throw new Error(`the function module has no export "${exportName}"`);
    (run as () => void)();
  } catch (error) {
    trap = error;
  }
  const instructions = Number(fuelOf(pluginInstance) + fuelOf(fnInstance) - before);

  // Not counted: finalize and reading the results (also after a trap, as function-runner does).
  let output: Uint8Array = new Uint8Array(0);
  let logText = "";
  try {
    const results = e.finalize() >>> 0;
    const view = new DataView(e.memory.buffer);
    const slice = (i: number) =>
      new Uint8Array(e.memory.buffer, view.getUint32(results + 8 * i, true), view.getUint32(results + 8 * i + 4, true)).slice();
    output = slice(0);
    logText = new TextDecoder().decode(slice(1)) + new TextDecoder().decode(slice(2));
  } catch (error) {
    if (!trap) trap = error;
  }
  const logs = logText.split("\n");
  if (logs[logs.length - 1] === "") logs.pop();

  let error: string | null = null;
  let decoded: unknown = null;
  if (trap) {
    error = instructions > Number(cap) ? `instruction cap exceeded (${cap})` : describeTrap(trap, logs);
  } else if (output.length === 0) {
    error = "the function wrote no output";
  } else {
    try {
      decoded = decode(output);
    } catch (e2) {
      error = `invalid MessagePack output: ${e2 instanceof Error ? e2.message : String(e2)}`;
    }
  }
  return {
    output: error ? null : decoded,
    error,
    instructions,
    inputBytes: inputBytes.length,
    outputBytes: output.length,
    logs,
    engine: "shopify-javy-v4",
  };
}

/** A trap's message, after the plugin's last log lines (where Javy prints the JS exception before it aborts). */
function describeTrap(trap: unknown, logs: string[]): string {
  const message = trap instanceof Error ? trap.message : String(trap);
  const tail = logs.slice(-5).join("\n").trim();
  return tail ? `${tail} (wasm trap: ${message})` : `wasm trap: ${message}`;
}

// ── Running on Javy's default plugin (calibration) ───────────────────────────

/** Thrown by the shim's proc_exit. */
class ProcExit extends Error {
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
  }
}

/**
 * The WASI preview 1 calls javy_quickjs_provider_v3 imports, deterministic (clock
 * at 0, no environment): stdin from a buffer, stdout and stderr captured. Host
 * calls cost no fuel, as in wasmtime.
 */
class WasiShim {
  private memory: WebAssembly.Memory | null = null;
  private stdinAt = 0;
  readonly stdout: number[] = [];
  readonly stderr: number[] = [];
  constructor(private readonly stdin: Uint8Array) {}

  bind(instance: WebAssembly.Instance) {
    this.memory = instance.exports.memory as WebAssembly.Memory;
  }

  stderrText(): string {
    return new TextDecoder().decode(Uint8Array.from(this.stderr));
  }

  imports(): WebAssembly.Imports {
    const view = () => new DataView(this.memory!.buffer);
    const bytes = () => new Uint8Array(this.memory!.buffer);
    const EBADF = 8;
    const ESPIPE = 70;
    return {
      wasi_snapshot_preview1: {
        fd_read: (fd: number, iovs: number, iovsLen: number, nread: number) => {
          if (fd !== 0) return EBADF;
          let total = 0;
          for (let i = 0; i < iovsLen; i++) {
            const ptr = view().getUint32(iovs + 8 * i, true);
            const len = view().getUint32(iovs + 8 * i + 4, true);
            const chunk = this.stdin.subarray(this.stdinAt, this.stdinAt + len);
            bytes().set(chunk, ptr);
            this.stdinAt += chunk.length;
            total += chunk.length;
            if (chunk.length < len) break;
          }
          view().setUint32(nread, total, true);
          return 0;
        },
        fd_write: (fd: number, iovs: number, iovsLen: number, nwritten: number) => {
          const sink = fd === 1 ? this.stdout : fd === 2 ? this.stderr : null;
          if (!sink) return EBADF;
          let total = 0;
          for (let i = 0; i < iovsLen; i++) {
            const ptr = view().getUint32(iovs + 8 * i, true);
            const len = view().getUint32(iovs + 8 * i + 4, true);
            for (const b of bytes().subarray(ptr, ptr + len)) sink.push(b);
            total += len;
          }
          view().setUint32(nwritten, total, true);
          return 0;
        },
        clock_time_get: (_id: number, _precision: bigint, out: number) => {
          view().setBigUint64(out, 0n, true);
          return 0;
        },
        environ_sizes_get: (count: number, size: number) => {
          view().setUint32(count, 0, true);
          view().setUint32(size, 0, true);
          return 0;
        },
        environ_get: () => 0,
        fd_close: () => 0,
        fd_fdstat_get: (fd: number, out: number) => {
          if (fd > 2) return EBADF;
          for (let i = 0; i < 24; i++) view().setUint8(out + i, 0);
          view().setUint8(out, 2); // character device
          return 0;
        },
        fd_seek: () => ESPIPE,
        proc_exit: (code: number) => {
          throw new ProcExit(code);
        },
      },
    };
  }
}

export interface JavyProviderOptions {
  /** JS source (a script or ES module, as `javy build` takes it). */
  source: string;
  /** Default: findJavyQuickjsProvider(). */
  providerPath?: string;
  /**
   * "O3": run the provider through binaryen -O3 first, as Javy 4's static build
   * does (Wizer, then wasm-opt -O3 of the whole module; see runOnJavyProvider).
   * "none": the provider as shipped, dynamically linked. Default "O3".
   */
  optimize?: "none" | "O3";
  maxInstructions?: number;
}

export interface JavyProviderResult {
  stdout: Uint8Array;
  stderr: string;
  error: string | null;
  /** Fuel of `_start` (invoke with no function name), as Javy's integration tests count it. */
  instructions: number;
  bytecodeBytes: number;
}

/**
 * Runs `source` on Javy's default plugin with `stdin`, for calibration against
 * Javy 4.0.0's published fuel figures (crates/cli/tests/integration_test.rs).
 * Those come from static builds: the plugin pre-initialised by Wizer, a `_start`
 * added that copies the bytecode in and calls `invoke` with no function name,
 * then `wasm-opt -O3` over the whole module (Generator::postprocess), `_start`
 * counted. Here the same `_start` is a dynamically linked module (a handful of
 * instructions more: two calls across modules instead of one direct call) against
 * the provider, which is already pre-initialised; with `optimize: "O3"` the
 * provider first goes through binaryen's -O3 as the static build's did.
 */
export async function runOnJavyProvider(stdin: Uint8Array, options: JavyProviderOptions): Promise<JavyProviderResult> {
  const providerPath = options.providerPath ?? findJavyQuickjsProvider();
  if (!providerPath) throw new Error("javy_quickjs_provider_v3.wasm not found: set JAVY_QUICKJS_PROVIDER_V3");
  const plugin = await loadPlugin(providerPath, options.optimize ?? "O3");
  if (plugin.kind !== "javy-provider") throw new Error(`${providerPath} is not Javy's default plugin`);
  // Compile with the provider as shipped: -O3 changes the engine's speed, not its bytecode.
  const bytecode = await compileToBytecode(providerPath, options.source);
  const fn = functionModule(bytecode, [], { namespace: plugin.namespace, abi: "v3" });

  const wasi = new WasiShim(stdin);
  const providerInstance = new WebAssembly.Instance(plugin.module, wasi.imports());
  wasi.bind(providerInstance);
  const e = providerInstance.exports as unknown as JavyProviderExports;
  const fnInstance = new WebAssembly.Instance(fn.module, {
    [plugin.namespace]: { memory: e.memory, canonical_abi_realloc: e.canonical_abi_realloc, invoke: e.invoke },
  });
  const cap = BigInt(Math.round(options.maxInstructions ?? DEFAULT_MAX_INSTRUCTIONS));
  const before = fuelOf(providerInstance) + fuelOf(fnInstance);
  setFuelLimit(providerInstance, fuelOf(providerInstance) + cap);
  let error: string | null = null;
  try {
    (fnInstance.exports._start as () => void)();
  } catch (trap) {
    if (!(trap instanceof ProcExit && trap.code === 0)) error = trap instanceof Error ? trap.message : String(trap);
  }
  return {
    stdout: Uint8Array.from(wasi.stdout),
    stderr: wasi.stderrText(),
    error,
    instructions: Number(fuelOf(providerInstance) + fuelOf(fnInstance) - before),
    bytecodeBytes: bytecode.length,
  };
}
