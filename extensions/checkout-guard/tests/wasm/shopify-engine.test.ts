/**
 * The harness that runs a bundle on Shopify's real JavaScript engine
 * (runner/shopify-engine.ts). The plugins are not part of the repository: these
 * suites run where they are found (SHOPIFY_JAVY_PLUGIN, or the Shopify CLI's
 * bin/ folder; JAVY_QUICKJS_PROVIDER_V3, or beside the Shopify plugin) and are
 * skipped elsewhere, with the reason in their title.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildFunctionBundle, functionFiles } from "../../runner/build";
import {
  buildDynamicModule,
  compileToBytecode,
  encodeInput,
  findJavyQuickjsProvider,
  findShopifyJavyPlugin,
  runOnJavyProvider,
  runOnShopifyEngine,
  runShopifyFunctionModule,
} from "../../runner/shopify-engine";
import { CHECKOUT_FUNCTION_NAMES } from "../../src/engine/functions";

const plugin = findShopifyJavyPlugin();
const provider = findJavyQuickjsProvider(plugin);

describe("input encoding (function-runner's own test cases, src/container.rs)", () => {
  it("keeps object order and uses the smallest integer formats", () => {
    expect([...encodeInput({ b: 1, a: 2 })]).toEqual([0x82, 0xa1, 0x62, 0x01, 0xa1, 0x61, 0x02]);
    expect([...encodeInput([-1, -33, 127, 128, 65536, null, true])]).toEqual([
      0x97, 0xff, 0xd0, 0xdf, 0x7f, 0xcc, 0x80, 0xce, 0x00, 0x01, 0x00, 0x00, 0xc0, 0xc3,
    ]);
  });

  it("encodes other numbers as float64", () => {
    const bytes = encodeInput({ longitude: -0.9191460999999999 });
    expect([...bytes.subarray(0, 12)]).toEqual([0x81, 0xa9, ...new TextEncoder().encode("longitude"), 0xcb]);
  });
});

/** The sample function the Shopify CLI built (javy build -C dynamic, Javy 9.0.0), if it lies beside the plugin. */
const cliSample = plugin ? path.join(path.dirname(plugin), "js_function_javy_plugin_v4.wasm") : null;
/** Its source, as embedded in the sample's `javy_source` section. */
const SAMPLE_SOURCE =
  'const inputObj = ShopifyFunction.readInput();\nconsole.error("this is an error message");\n' +
  'const outputObj = { hello: inputObj.hello + " output" };\nShopifyFunction.writeOutput(outputObj);\n';

describe.skipIf(!plugin)(
  `on Shopify's Javy plugin${plugin ? "" : " (skipped: shopify_functions_javy_v4.wasm not found; set SHOPIFY_JAVY_PLUGIN)"}`,
  () => {
    const pluginPath = plugin!;

    it("runs the sample function as function-runner does: output, logs", async () => {
      const bytecode = await compileToBytecode(pluginPath, SAMPLE_SOURCE);
      const module = buildDynamicModule(bytecode, []);
      const result = await runShopifyFunctionModule({ hello: "world" }, { module, exportName: "_start", pluginPath });
      expect(result.error).toBeNull();
      expect(result.output).toEqual({ hello: "world output" });
      expect(result.logs).toEqual(["this is an error message"]);
      expect(result.instructions).toBeGreaterThan(10_000);
    });

    it.skipIf(!cliSample || !existsSync(cliSample))(
      "compiles the sample to the Shopify CLI's bytecode, byte for byte, and counts the CLI's module the same",
      async () => {
        const cliModule = new Uint8Array(readFileSync(cliSample!));
        const [embedded] = WebAssembly.Module.customSections(new WebAssembly.Module(cliModule), "javy_source");
        expect(brotliDecompressSync(Buffer.from(embedded)).toString()).toBe(SAMPLE_SOURCE);
        const bytecode = await compileToBytecode(pluginPath, SAMPLE_SOURCE);
        expect(Buffer.from(cliModule).indexOf(Buffer.from(bytecode))).toBeGreaterThan(0);
        const ours = await runShopifyFunctionModule({ hello: "world" }, { module: buildDynamicModule(bytecode, []), exportName: "_start", pluginPath });
        const theirs = await runShopifyFunctionModule({ hello: "world" }, { module: cliModule, exportName: "_start", pluginPath });
        expect(theirs.output).toEqual({ hello: "world output" });
        expect(ours.instructions).toBe(theirs.instructions);
      },
    );

    it("calls a named export (the JS export of a kebab-case Wasm export)", async () => {
      const bundle = "export function cartValidationsGenerateRun() { const i = ShopifyFunction.readInput(); ShopifyFunction.writeOutput({ n: i.n + 1 }); }";
      const result = await runOnShopifyEngine({ n: 41 }, { bundle, pluginPath });
      expect(result).toMatchObject({ output: { n: 42 }, error: null, engine: "shopify-javy-v4" });
      expect(result.inputBytes).toBe(4);
    });

    it("reports an exception, a missing output and the instruction cap as errors, without throwing", async () => {
      const run = (body: string, maxInstructions?: number) =>
        runOnShopifyEngine({}, { bundle: `export function run() { ${body} }`, exportName: "run", pluginPath, maxInstructions });
      const thrown = await run('throw new Error("boom");');
      expect(thrown.output).toBeNull();
      expect(thrown.error).toMatch(/Error: boom/);
      expect((await run("ShopifyFunction.readInput();")).error).toBe("the function wrote no output");
      const spin = await run("for (;;) {}", 1e6);
      expect(spin.error).toMatch(/instruction cap exceeded/);
      expect(spin.instructions).toBeLessThan(1e6 + 1000);
    });

    describe("this project's functions: every fixture's expected output on the real engine", () => {
      for (const fn of CHECKOUT_FUNCTION_NAMES) {
        const dir = functionFiles(fn).fixtures;
        const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
        it.skipIf(files.length === 0)(`${fn} function (${files.length} fixtures in ${path.relative(process.cwd(), dir)})`, async () => {
          const bundle = await buildFunctionBundle({ function: fn, outfile: null });
          for (const file of files) {
            const { payload } = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
            const result = await runOnShopifyEngine(payload.input, { bundle: bundle.code, exportName: bundle.wasmExports[0], pluginPath });
            expect(result.error, file).toBeNull();
            expect(result.output, file).toEqual(payload.output);
            expect(result.instructions, file).toBeLessThan(11_000_000);
          }
        }, 120_000);
      }
    });
  },
);

/**
 * Javy 4.0.0's sample scripts (crates/cli/tests/sample-scripts), read from a
 * Javy checkout rather than copied here: $JAVY_SAMPLE_SCRIPTS (that folder), else
 * the git repository at $JAVY_REPO or the local mirror, at tag v4.0.0.
 */
function javySampleScript(name: string): string | null {
  const dir = process.env.JAVY_SAMPLE_SCRIPTS;
  if (dir) return existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), "utf8") : null;
  const repo = process.env.JAVY_REPO ?? "/work/.mirror/bytecodealliance+javy/repo";
  if (!existsSync(repo)) return null;
  try {
    return execFileSync("git", ["-C", repo, "show", `v4.0.0:crates/cli/tests/sample-scripts/${name}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

const scripts = { empty: javySampleScript("empty.js"), identity: javySampleScript("identity.js"), readme: javySampleScript("readme.js") };
const scriptsFound = Object.values(scripts).every((s) => s !== null);

describe.skipIf(!provider || !scriptsFound)(
  `calibration on Javy's default plugin against Javy 4.0.0's fuel figures${
    !provider ? " (skipped: javy_quickjs_provider_v3.wasm not found; set JAVY_QUICKJS_PROVIDER_V3)"
    : !scriptsFound ? " (skipped: Javy's sample scripts not found; set JAVY_SAMPLE_SCRIPTS or JAVY_REPO)" : ""
  }`,
  () => {
    /*
     * Javy's figures (crates/cli/tests/integration_test.rs) are `_start` of a static
     * build: the plugin pre-initialised by Wizer, then `wasm-opt -O3` over the whole
     * module (Generator::postprocess). So the provider goes through binaryen -O3
     * first (`optimize: "O3"`); linked as shipped (no -O3) it counts 2.6–3.1% more,
     * as an unoptimised build would.
     *
     * v4.0.0's test allowed 10% and its figures were not all current: readme.js's
     * 270,919 dates from v3.1.0. Four days after v4.0.0, Javy lowered the tolerance
     * to 2% and re-measured (commit 96a79511, "Lower fuel consumption threshold from
     * 10% to 2%"): empty.js and identity.js kept 22,590 and 47,773, readme.js became
     * 254,503. This harness gives 22,616 / 47,265 / 254,656, i.e. within 0.1%, 1.1%
     * and 0.1% of those; against v4.0.0's stale readme.js figure it is −6.0%. So each
     * script is held to ±2% of the re-measured figure, and empty.js and identity.js
     * also to ±5% of v4.0.0's (the same numbers).
     */
    const cases = [
      { name: "empty", stdin: new Uint8Array(0), stdout: "", v400: 22_590, remeasured: 22_590 },
      { name: "identity", stdin: Uint8Array.of(42), stdout: "*", v400: 47_773, remeasured: 47_773 },
      { name: "readme", stdin: new TextEncoder().encode('{ "n": 2, "bar": "baz" }'), stdout: '{"foo":3,"newBar":"baz!"}', v400: 270_919, remeasured: 254_503 },
    ] as const;

    for (const c of cases) {
      it(`${c.name}.js: Javy's output, and fuel within 2% of ${c.remeasured.toLocaleString("en")}`, async () => {
        const result = await runOnJavyProvider(c.stdin, { source: scripts[c.name]!, providerPath: provider!, optimize: "O3" });
        expect(result.error).toBeNull();
        expect(new TextDecoder().decode(result.stdout)).toBe(c.stdout);
        expect(Math.abs(result.instructions / c.remeasured - 1)).toBeLessThanOrEqual(0.02);
        if (c.v400 === c.remeasured) expect(Math.abs(result.instructions / c.v400 - 1)).toBeLessThanOrEqual(0.05);
      }, 300_000); // the first run optimises the provider (~25 s), cached afterwards
    }
  },
);
