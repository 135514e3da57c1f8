/**
 * An input nested far deeper than any input query can produce gets a clear
 * error from every runner (the stand-in both ways of decoding, Shopify's
 * engine where its plugin is present, `npm run function:run`), never a stack
 * overflow or a thrown RangeError.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputDepthError, MAX_INPUT_DEPTH } from "../../runner/input-depth";
import { runFunction } from "../../runner/wasm-runner";
import { findShopifyJavyPlugin, runOnShopifyEngine } from "../../runner/shopify-engine";
import { ensureBundle } from "../../runner/build";

const ROOT = path.join(__dirname, "../../../..");
const REFUSED = new RegExp(`nests more than ${MAX_INPUT_DEPTH} levels deep`);

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const inputNestedAt = (depth: number) => ({ cart: { lines: [], deliveryGroups: [] }, validation: { metafield: null }, deep: nested(depth) });

describe("inputs nested too deep", () => {
  it("measures depth without recursion, at any depth", () => {
    expect(inputDepthError(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(inputDepthError(nested(MAX_INPUT_DEPTH + 1))).toMatch(REFUSED);
    expect(inputDepthError(nested(1_000_000))).toMatch(REFUSED);
  });

  for (const inputDecoding of ["native", "api"] as const) {
    it.each([900, 5_000, 200_000])(`the stand-in (${inputDecoding} decoding) answers %i levels with a clear error`, async (depth) => {
      const result = await runFunction(inputNestedAt(depth), { function: "address", inputDecoding });
      expect(result.output).toBeNull();
      expect(result.error).toMatch(REFUSED);
    });
  }

  it("an input of ordinary depth still runs", async () => {
    const result = await runFunction(inputNestedAt(3), { function: "address" });
    expect(result.error).toBeNull();
    expect(result.output).toEqual({ operations: [{ validationAdd: { errors: [] } }] });
  });

  const plugin = findShopifyJavyPlugin();
  it.skipIf(!plugin)(`Shopify's engine answers it with the same error${plugin ? "" : " (skipped: its plugin is not on this machine)"}`, async () => {
    const result = await runOnShopifyEngine(inputNestedAt(5_000), { bundle: (await ensureBundle("address")).code });
    expect(result.error).toMatch(REFUSED);
  });

  it("npm run function:run refuses the file with the message and exit code 1", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "deep-")), "input.json");
    // Written as text: JSON.stringify itself would overflow on such a value.
    writeFileSync(file, `{"cart":{"lines":[],"deliveryGroups":[]},"validation":{"metafield":null},"deep":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(path.join(ROOT, "node_modules/.bin/tsx"), ["extensions/checkout-guard/runner/cli.ts", file, "--function=address"], { cwd: ROOT }, (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      ),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(REFUSED);
    expect(outcome.stderr).not.toMatch(/RangeError|Maximum call stack/);
  });
});
