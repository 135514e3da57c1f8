/**
 * The detector runs at checkout in QuickJS (Javy), not in Node. Bundle it,
 * evaluate it in QuickJS compiled to WebAssembly, and check it gives the same
 * answers as in Node on both corpora (normalize("NFKD"), lookbehind and
 * the Unicode tables must all behave the same there).
 */
import { describe, expect, it } from "vitest";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { newQuickJSWASMModuleFromVariant } from "quickjs-emscripten-core";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import { detectAddressKinds } from "../../src/engine/address-kind";
import { loadCorpus, loadRealCorpus } from "./corpus";

const entry = fileURLToPath(new URL("../../src/engine/address-kind.ts", import.meta.url));

describe("address-kind detector in QuickJS", () => {
  it("agrees with Node on every corpus line and on awkward input", async () => {
    const bundle = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      globalName: "AK",
      target: "es2020",
      platform: "neutral",
    });
    const code = bundle.outputFiles[0].text;
    const texts = [
      ...loadCorpus().map((e) => e.text),
      ...loadRealCorpus().entries.map((e) => e.text),
      "",
      "\ud800 PO Box 1",
      "Ｐ．Ｏ．　Ｂｏｘ　５",
      "Boi\u0302te postale 3",
      "p o ".repeat(2500),
    ];

    const qjs = await newQuickJSWASMModuleFromVariant(variant);
    const vm = qjs.newContext();
    try {
      const handle = vm.unwrapResult(
        vm.evalCode(`${code}\nJSON.stringify(${JSON.stringify(texts)}.map((t) => AK.detectAddressKinds(t)))`),
      );
      const inQuickJs = JSON.parse(vm.getString(handle)) as string[][];
      handle.dispose();
      expect(inQuickJs).toEqual(texts.map((t) => detectAddressKinds(t)));
    } finally {
      vm.dispose();
    }
  });
});
