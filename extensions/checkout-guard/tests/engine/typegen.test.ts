/**
 * Each function's generated/api.ts must be what graphql-codegen produces from
 * its schema.graphql and input query today: types cannot drift from the query
 * in CI. Fix a failure with `npm run function:typegen`.
 */
import { generate } from "@graphql-codegen/cli";
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { codegenConfig, codegenFiles } from "../../codegen";
import { CHECKOUT_FUNCTION_NAMES } from "../../src/engine/functions";

test.each(CHECKOUT_FUNCTION_NAMES)("the %s function's generated/api.ts is up to date with its schema.graphql and input query", async (fn) => {
  const dir = mkdtempSync(join(tmpdir(), "checkout-guard-typegen-"));
  try {
    const output = join(dir, "api.ts");
    const files = await generate(codegenConfig({ fn, output }), false);
    const generated = files.find((f: { filename: string }) => f.filename === output);
    expect(generated, "codegen produced no api.ts").toBeDefined();
    const checkedIn = readFileSync(codegenFiles(fn).output, "utf8");
    expect(checkedIn === generated.content, "generated/api.ts is stale: run `npm run function:typegen`").toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
