/**
 * Runs the bundled function (dist/function.js, an ES module as the Shopify CLI
 * hands it to Javy) inside QuickJS compiled to WebAssembly — the engine Javy
 * embeds — with the I/O contract of Shopify's runtime:
 *
 * - a global `ShopifyFunction` with `readInput()` (returns the input object) and
 *   `writeOutput(value)`, what `@shopify/shopify_function` 2.x calls;
 * - `Javy.IO.readSync(fd, Uint8Array)` / `Javy.IO.writeSync(fd, Uint8Array)` on
 *   fd 0 (input JSON) and fd 1 (output JSON), what `javy/fs` calls;
 * - `console.log/info/warn/error` captured into `logs` (never printed here).
 *
 * Cost: WebAssembly instructions executed by QuickJS, counted by an instrumented
 * copy of the QuickJS module (see instrument.ts), plus QuickJS interrupt-handler
 * ticks as a coarse second figure. Both are deterministic for a given bundle and input.
 *
 * Input model (`inputDecoding`): Shopify serialises the input (MessagePack) before
 * the run, and its Javy plugin transcodes it into JS values natively inside the Wasm
 * module, without a host call per value. The default, "native", mirrors that: the
 * input is encoded beforehand, outside the count, as QuickJS binary JSON (in a
 * scratch runtime), and `readInput()` decodes it with QuickJS's own object reader
 * (JS_ReadObject), which is counted. "api" builds every value through the
 * quickjs-emscripten API instead (a malloc'd handle per value, keys re-created): an
 * upper bound, nearly twice the native cost on a 200-line cart.
 *
 * Safety: the Wasm module is compiled once and reused; every run gets a fresh
 * QuickJS runtime and context, a memory limit, a stack limit, and an interrupt
 * that stops a run past `maxInstructions` (deterministic) or `timeoutMs` (a
 * wall-clock backstop). Input and output are never logged.
 */
import { inputDepthError } from "./input-depth";
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";
import baseVariant from "@jitl/quickjs-wasmfile-release-sync";
import { createHash } from "node:crypto";
import { COUNTER_EXPORT, instrumentedQuickjsWasm } from "./instrument";
import { DEFAULT_WASM_EXPORT, camelize, ensureBundle } from "./build";
import type { CheckoutFunction } from "../src/engine/functions";

/** Shopify's per-run limits, for comparison (see docs/function-runtime.md). */
export const SHOPIFY_LIMITS = {
  /** Instruction limit for carts up to 200 lines. */
  instructions: 11_000_000,
  /** Compiled module size. */
  moduleBytes: 256 * 1024,
  /** Output JSON size. */
  outputBytes: 20_000,
  /** Input size (query result). */
  inputBytes: 128_000,
} as const;

/**
 * The instruction limit for a cart of `lines` lines. `cart.lines` carries
 * `@scaleLimits(rate: 0.005)`: Shopify scales the limits with the size of the
 * list above 200 items (0.005 × 200 = 1×). Formula used here:
 * `11M × max(1, 0.005 × lines)`.
 */
export function instructionLimitFor(lines: number): number {
  return Math.round(SHOPIFY_LIMITS.instructions * Math.max(1, 0.005 * lines));
}

export interface RunOptions {
  /** The function to run: its dist/function.js (built when missing) unless `bundle` is given. */
  function?: CheckoutFunction;
  /** ES module source of the bundle. */
  bundle?: string;
  /** JS export to call. Default: camelCase of the toml's export ("cartValidationsGenerateRun"). */
  exportName?: string;
  /**
   * Memory limit per run, bytes. Default 64 MiB. Enforced twice: QuickJS's own
   * malloc limit, and (because this QuickJS build cannot measure freed blocks) an
   * interrupt when the WebAssembly memory grows by more than this during the run.
   */
  memoryLimitBytes?: number;
  /**
   * QuickJS stack limit per run, bytes. Default 128 KiB (about 700 nested JS calls):
   * QuickJS must report "stack overflow" before the host's native stack runs out.
   */
  maxStackBytes?: number;
  /** Stop the run past this many WebAssembly instructions. Default 1e9 (≈ 90× Shopify's limit). */
  maxInstructions?: number;
  /** Wall-clock backstop, ms. Default 10,000. */
  timeoutMs?: number;
  /**
   * How `ShopifyFunction.readInput()` builds the input's JS values (the counted part).
   * - "native" (default): the input is encoded before the run, outside the count, as
   *   QuickJS binary JSON (JS_WriteObject in a scratch runtime), and decoded during the
   *   call by QuickJS's native object reader (`JS_ReadObject`). The closest stand-in
   *   for Shopify's Javy plugin, which transcodes the MessagePack input into JS values
   *   natively inside the Wasm module.
   * - "api": every value is created through the quickjs-emscripten API (`newObject`,
   *   `newString`, `setProp`: a malloc'd handle per value, each key string re-created).
   *   Costs nearly twice as much; kept as an upper bound.
   *
   * `Javy.IO.readSync` (the input JSON as text on fd 0) is the same in both.
   */
  inputDecoding?: "native" | "api";
}

export interface RunResult {
  /** What the function passed to writeOutput (or wrote on fd 1), parsed; null on error. */
  output: unknown;
  /** Error message (exception, interrupt, no output); null when the run succeeded. */
  error: string | null;
  /** WebAssembly instructions executed for the run: module evaluation (parse + top level) and the call. */
  instructions: number;
  /** Of which: compiling the bundle's source (Javy precompiles to bytecode, so Shopify does not count this). */
  compileInstructions: number;
  /** `instructions - compileInstructions`: the closest figure to what Shopify counts. */
  executeInstructions: number;
  /** QuickJS interrupt-handler calls during the run (coarse, deterministic). */
  interruptTicks: number;
  /** Wall time of the run in the host, ms (not deterministic; for information). */
  wallMs: number;
  inputBytes: number;
  outputBytes: number;
  /** Peak QuickJS heap in use at the end of the run, bytes. */
  memoryUsedBytes: number;
  /** Lines the function printed with console.*; not printed by the runner. */
  logs: string[];
}

type LoadedQuickJS = { qjs: QuickJSWASMModule; counter: () => bigint; memory: () => number };
let modulePromise: Promise<LoadedQuickJS> | null = null;

/**
 * Loads (once) the instrumented QuickJS WebAssembly module. The compiled module is
 * reused; the instance is dropped and recreated only after a host-level failure.
 */
export function loadQuickJS(): Promise<LoadedQuickJS> {
  modulePromise ??= (async () => {
    const { bytes } = await instrumentedQuickjsWasm();
    const compiled = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    let instance: WebAssembly.Instance | null = null;
    const variant = newVariant(baseVariant, {
      emscriptenModule: {
        instantiateWasm(imports: WebAssembly.Imports, onSuccess: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
          WebAssembly.instantiate(compiled, imports).then((inst) => {
            instance = inst;
            onSuccess(inst, compiled);
          });
          return {};
        },
      } as never,
    });
    const qjs = await newQuickJSWASMModuleFromVariant(variant);
    if (!instance) throw new Error("QuickJS instance was not captured");
    const global = (instance as WebAssembly.Instance).exports[COUNTER_EXPORT] as WebAssembly.Global;
    return {
      qjs,
      counter: () => global.value as bigint,
      memory: () => qjs.getWasmMemory().buffer.byteLength,
    };
  })();
  modulePromise.catch(() => (modulePromise = null));
  return modulePromise;
}

/** JS evaluated in each fresh context before the bundle: the runtime's I/O globals. */
const PRELUDE = String.raw`(() => {
  const host = globalThis.__cgHost;
  delete globalThis.__cgHost;
  const encode = (s) => {
    const out = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.codePointAt(i);
      if (c > 0xffff) i++;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  };
  let inputBytes = null, inputPos = 0;
  const pending = { 1: [], 2: [] };
  const decode = (bytes) => {
    let s = "";
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i++];
      let c;
      if (b < 0x80) c = b;
      else if (b < 0xe0) c = ((b & 31) << 6) | (bytes[i++] & 63);
      else if (b < 0xf0) c = ((b & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      else c = ((b & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      s += String.fromCodePoint(c);
    }
    return s;
  };
  globalThis.ShopifyFunction = {
    readInput() { return host.readInputValue(); },
    writeOutput(value) { host.writeOutput(JSON.stringify(value)); },
  };
  globalThis.Javy = {
    IO: {
      readSync(fd, buffer) {
        if (fd !== 0) throw new Error("readSync: only fd 0 is readable");
        if (inputBytes === null) inputBytes = encode(host.readInput());
        let n = 0;
        while (n < buffer.length && inputPos < inputBytes.length) buffer[n++] = inputBytes[inputPos++];
        return n;
      },
      writeSync(fd, buffer) {
        if (fd !== 1 && fd !== 2) throw new Error("writeSync: only fd 1 and 2 are writable");
        for (let i = 0; i < buffer.length; i++) pending[fd].push(buffer[i]);
        host.writeFd(fd, decode(pending[fd]));
        return buffer.length;
      },
    },
  };
  const log = (...args) => host.log(args.map((a) => typeof a === "string" ? a : JSON.stringify(a)).join(" "));
  globalThis.console = { log, info: log, warn: log, error: log, debug: log };
})();`;

const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;
const DEFAULT_STACK = 128 * 1024;
const compileCostCache = new Map<string, number>();

function errorMessage(ctx: QuickJSContext, handle: QuickJSHandle): string {
  try {
    const value = ctx.dump(handle) as unknown;
    if (value && typeof value === "object" && "message" in value) {
      const v = value as { name?: string; message: string };
      return `${v.name ?? "Error"}: ${v.message}`;
    }
    return String(value);
  } catch {
    return "unknown error";
  }
}

/**
 * Runs the function on `input` (the query result object, as `shopify app function run` takes it)
 * in QuickJS-in-WebAssembly. Never throws for a failing function: see `error`.
 */
/** The result of a run refused before it started. */
const refusedInput = (error: string): RunResult => ({
  output: null,
  error,
  instructions: 0,
  compileInstructions: 0,
  executeInstructions: 0,
  interruptTicks: 0,
  wallMs: 0,
  inputBytes: 0,
  outputBytes: 0,
  memoryUsedBytes: 0,
  logs: [],
});

export async function runFunction(input: unknown, options: RunOptions = {}): Promise<RunResult> {
  const { qjs, counter, memory } = await loadQuickJS();
  if (options.bundle === undefined && options.function === undefined) throw new Error("runFunction: give a function or a bundle");
  const bundle = options.bundle ?? (await ensureBundle(options.function!)).code;
  const exportName = options.exportName ?? camelize(DEFAULT_WASM_EXPORT);
  const maxInstructions = BigInt(Math.round(options.maxInstructions ?? 1e9));
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const inputDecoding = options.inputDecoding ?? "native";
  const depthError = inputDepthError(input);
  if (depthError) return refusedInput(depthError);
  const inputJson = JSON.stringify(input);

  const bundleKey = createHash("sha256").update(bundle).digest("hex");
  let compileInstructions = compileCostCache.get(bundleKey);
  if (compileInstructions === undefined) {
    try {
      compileInstructions = measureCompile(qjs, counter, bundle, options);
      compileCostCache.set(bundleKey, compileInstructions);
    } catch {
      modulePromise = null;
      compileInstructions = 0;
    }
  }

  // "native": the input is encoded now, before the run's runtime exists and outside the
  // count, as Shopify serialises the input before calling the function.
  let encodedInput: EncodedInput | null = null;
  if (inputDecoding === "native") {
    try {
      encodedInput = { bytes: encodeInput(qjs, inputJson, options) };
    } catch (e) {
      if (!(e instanceof InputEncodingError)) {
        modulePromise = null;
        return {
          output: null,
          error: `runtime failure: ${e instanceof Error ? e.message : String(e)}`,
          instructions: 0,
          compileInstructions,
          executeInstructions: 0,
          interruptTicks: 0,
          wallMs: 0,
          inputBytes: Buffer.byteLength(inputJson),
          outputBytes: 0,
          memoryUsedBytes: 0,
          logs: [],
        };
      }
      encodedInput = { error: e.message };
    }
  }

  const logs: string[] = [];
  let outputJson: string | null = null;
  let interruptTicks = 0;
  let interruptReason: string | null = null;
  let error: string | null = null;
  let memoryUsedBytes = 0;

  const runtime = qjs.newRuntime();
  runtime.setMemoryLimit(memoryLimitBytes);
  runtime.setMaxStackSize(options.maxStackBytes ?? DEFAULT_STACK);
  const ctx = runtime.newContext();
  const memoryAtStart = memory();
  let hostFailure = false;
  const started = performance.now();
  let start = 0n;
  let end = 0n;
  try {
    const inputValue =
      encodedInput === null ? () => toHandle(ctx, JSON.parse(inputJson)) : () => decodeInput(ctx, encodedInput);
    installHost(ctx, inputJson, inputValue, logs, (json) => (outputJson = json));
    const prelude = ctx.evalCode(PRELUDE, "prelude.js");
    if (prelude.error) {
      const msg = errorMessage(ctx, prelude.error);
      prelude.error.dispose();
      throw new Error(`runner prelude failed: ${msg}`);
    }
    prelude.value.dispose();

    const deadline = Date.now() + timeoutMs;
    start = counter();
    runtime.setInterruptHandler(() => {
      interruptTicks++;
      if (counter() - start > maxInstructions) {
        interruptReason = `stopped: more than ${maxInstructions} WebAssembly instructions`;
        return true;
      }
      if (memory() - memoryAtStart > memoryLimitBytes) {
        interruptReason = `stopped: more than ${memoryLimitBytes} bytes of memory`;
        return true;
      }
      if (Date.now() > deadline) {
        interruptReason = `stopped: still running after ${timeoutMs} ms`;
        return true;
      }
      return false;
    });

    const evaluated = ctx.evalCode(bundle, "function.js", { type: "module" });
    if (evaluated.error) {
      error = errorMessage(ctx, evaluated.error);
      evaluated.error.dispose();
    } else {
      let ns = evaluated.value;
      const state = ctx.getPromiseState(ns);
      if (state.type === "fulfilled" && !state.notAPromise) {
        ns.dispose();
        ns = state.value;
      } else if (state.type === "rejected") {
        error = errorMessage(ctx, state.error);
        state.error.dispose();
      } else if (state.type === "pending") {
        error = "module evaluation did not complete";
      }
      if (!error) {
        const fn = ctx.getProp(ns, exportName);
        if (ctx.typeof(fn) !== "function") {
          error = `the bundle has no exported function "${exportName}"`;
        } else {
          const called = ctx.callFunction(fn, ctx.undefined);
          if (called.error) {
            error = errorMessage(ctx, called.error);
            called.error.dispose();
          } else {
            called.value.dispose();
            const jobs = runtime.executePendingJobs();
            if (jobs.error) {
              error = errorMessage(ctx, jobs.error);
              jobs.error.dispose();
            }
          }
        }
        fn.dispose();
      }
      ns.dispose();
    }
    end = counter();
  } catch (e) {
    // A host-level failure (native stack exhausted, Wasm trap): the instance may be
    // corrupt, so it is dropped and the next run gets a new one.
    end = counter();
    hostFailure = true;
    error = `runtime failure: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    runtime.removeInterruptHandler();
    try {
      const usage = runtime.computeMemoryUsage();
      const dumped = ctx.dump(usage) as { memory_used_size?: number } | null;
      usage.dispose();
      memoryUsedBytes = dumped?.memory_used_size ?? 0;
    } catch {
      /* memory accounting is informational */
    }
    try {
      ctx.dispose();
      runtime.dispose();
    } catch (e) {
      hostFailure = true;
      error ??= `runtime failure: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (hostFailure) modulePromise = null;
  const wallMs = performance.now() - started;
  if (interruptReason) error = interruptReason;

  let output: unknown = null;
  if (!error) {
    if (outputJson === null) error = "the function wrote no output";
    else {
      try {
        output = JSON.parse(outputJson);
      } catch {
        error = "the function wrote output that is not JSON";
      }
    }
  }
  const instructions = Number(end - start);
  return {
    output: error ? null : output,
    error,
    instructions,
    compileInstructions,
    executeInstructions: Math.max(0, instructions - compileInstructions),
    interruptTicks,
    wallMs,
    inputBytes: Buffer.byteLength(inputJson),
    outputBytes: outputJson === null ? 0 : Buffer.byteLength(outputJson),
    memoryUsedBytes,
    logs,
  };
}

function installHost(
  ctx: QuickJSContext,
  inputJson: string,
  inputValue: () => QuickJSHandle,
  logs: string[],
  onOutput: (json: string) => void,
) {
  const host = ctx.newObject();
  const fds: Record<number, string> = {};
  const readInput = ctx.newFunction("readInput", () => ctx.newString(inputJson));
  // ShopifyFunction.readInput(): the input's JS values are built inside Wasm during the
  // call, so the work is counted (no JSON text parsed in JS). By default ("native")
  // QuickJS's binary object reader decodes the pre-encoded input, as Shopify's Javy
  // plugin transcodes MessagePack natively; "api" builds each value through the
  // quickjs-emscripten API (an upper bound). See RunOptions.inputDecoding.
  const readInputValue = ctx.newFunction("readInputValue", inputValue);
  const writeOutput = ctx.newFunction("writeOutput", (h) => {
    onOutput(ctx.getString(h));
  });
  const writeFd = ctx.newFunction("writeFd", (fdH, textH) => {
    const fd = ctx.getNumber(fdH);
    fds[fd] = ctx.getString(textH);
    if (fd === 1) onOutput(fds[1]);
    else logs.push(fds[fd]);
  });
  const log = ctx.newFunction("log", (h) => {
    if (logs.length < 1000) logs.push(ctx.getString(h).slice(0, 2000));
  });
  ctx.setProp(host, "readInput", readInput);
  ctx.setProp(host, "readInputValue", readInputValue);
  ctx.setProp(host, "writeOutput", writeOutput);
  ctx.setProp(host, "writeFd", writeFd);
  ctx.setProp(host, "log", log);
  ctx.setProp(ctx.global, "__cgHost", host);
  for (const h of [readInput, readInputValue, writeOutput, writeFd, log, host]) h.dispose();
}

/** The input as QuickJS binary JSON, or why it could not be encoded (thrown by readInput()). */
type EncodedInput = { bytes: ArrayBuffer } | { error: string };

/** The input could not be encoded (QuickJS-level: parse error, out of memory, stack overflow). */
class InputEncodingError extends Error {}

/**
 * Encodes the input JSON as QuickJS binary JSON (JSON.parse, then JS_WriteObject) in a
 * scratch runtime, disposed before returning; the bytes are copied out. Runs before the
 * counted run, so it is not counted. Throws InputEncodingError for a QuickJS-level failure.
 */
function encodeInput(qjs: QuickJSWASMModule, inputJson: string, options: RunOptions): ArrayBuffer {
  // Serialising is the host's work, not the function's: the run's limits apply only
  // when larger than the defaults (the decode in the run is held to the run's own limits).
  const runtime = qjs.newRuntime();
  runtime.setMemoryLimit(Math.max(options.memoryLimitBytes ?? 0, DEFAULT_MEMORY_LIMIT));
  runtime.setMaxStackSize(Math.max(options.maxStackBytes ?? 0, DEFAULT_STACK));
  const ctx = runtime.newContext();
  try {
    // inputJson comes from JSON.stringify: NULs and lone surrogates are escaped, so
    // newString (a UTF-8 C string) carries it intact.
    const text = ctx.newString(inputJson);
    const JSONObject = ctx.getProp(ctx.global, "JSON");
    const parse = ctx.getProp(JSONObject, "parse");
    const parsed = ctx.callFunction(parse, JSONObject, text);
    for (const h of [text, parse, JSONObject]) h.dispose();
    if (parsed.error) {
      const msg = errorMessage(ctx, parsed.error);
      parsed.error.dispose();
      throw new InputEncodingError(`the input could not be encoded: ${msg}`);
    }
    const encoded = ctx.encodeBinaryJSON(parsed.value);
    parsed.value.dispose();
    try {
      // On failure QTS_bjson_encode returns JS_EXCEPTION, not an ArrayBuffer.
      if (ctx.typeof(encoded) !== "object") throw new InputEncodingError("the input could not be encoded as binary JSON");
      const bytes = ctx.getArrayBuffer(encoded);
      try {
        return new Uint8Array(bytes.value).buffer; // a copy: bytes.value views the Wasm heap
      } finally {
        bytes.dispose();
      }
    } finally {
      encoded.dispose();
    }
  } finally {
    ctx.dispose();
    runtime.dispose();
  }
}

/**
 * readInput() in the "native" model: copies the encoded input into the run's heap as an
 * ArrayBuffer and decodes it with JS_ReadObject, both inside Wasm and counted.
 */
function decodeInput(ctx: QuickJSContext, input: EncodedInput): QuickJSHandle {
  if ("error" in input) throw new Error(input.error);
  const buffer = ctx.newArrayBuffer(input.bytes);
  try {
    // A failed decode (e.g. out of memory) returns JS_EXCEPTION with the error pending:
    // returned from the host function, QuickJS throws it in the caller.
    return ctx.decodeBinaryJSON(buffer);
  } finally {
    buffer.dispose();
  }
}

/** Builds a JS value inside QuickJS from a host JSON value ("api" input model). */
function toHandle(ctx: QuickJSContext, value: unknown): QuickJSHandle {
  if (value === null || value === undefined) return ctx.null;
  switch (typeof value) {
    case "boolean":
      return value ? ctx.true : ctx.false;
    case "number":
      return ctx.newNumber(value);
    case "string": {
      // ctx.newString passes a C string and would cut at the first NUL: such strings go through JSON.parse.
      if (!value.includes("\0")) return ctx.newString(value);
      const json = ctx.newString(JSON.stringify(value));
      const JSONObject = ctx.getProp(ctx.global, "JSON");
      const parse = ctx.getProp(JSONObject, "parse");
      const result = ctx.unwrapResult(ctx.callFunction(parse, JSONObject, json));
      for (const h of [json, parse, JSONObject]) h.dispose();
      return result;
    }
    default:
      break;
  }
  if (Array.isArray(value)) {
    const array = ctx.newArray();
    value.forEach((item, i) => {
      const h = toHandle(ctx, item);
      ctx.setProp(array, i, h);
      h.dispose();
    });
    return array;
  }
  const object = ctx.newObject();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const h = toHandle(ctx, item);
    if (key.includes("\0")) {
      const keyHandle = toHandle(ctx, key);
      ctx.setProp(object, keyHandle, h);
      keyHandle.dispose();
    } else {
      ctx.setProp(object, key, h);
    }
    h.dispose();
  }
  return object;
}

/** Instructions QuickJS spends compiling the bundle's source alone (fresh runtime, compile only). */
function measureCompile(
  qjs: QuickJSWASMModule,
  counter: () => bigint,
  bundle: string,
  options: RunOptions,
): number {
  const runtime = qjs.newRuntime();
  runtime.setMemoryLimit(options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT);
  runtime.setMaxStackSize(options.maxStackBytes ?? DEFAULT_STACK);
  const ctx = runtime.newContext();
  try {
    const start = counter();
    const compiled = ctx.evalCode(bundle, "function.js", { type: "module", compileOnly: true });
    const end = counter();
    if (compiled.error) compiled.error.dispose();
    else compiled.value.dispose();
    return Number(end - start);
  } finally {
    ctx.dispose();
    runtime.dispose();
  }
}
