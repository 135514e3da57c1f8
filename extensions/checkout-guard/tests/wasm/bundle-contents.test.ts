/**
 * Each function's bundle holds only the code its rules run: every byte of
 * bytecode is loaded at every run (~10 instructions a byte on Shopify's
 * engine, docs/function-runtime.md), so what one family reads of the cart
 * must not ride along in another family's bundle.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { buildFunctionBundle } from "../../runner/build";
import { CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../src/engine/functions";

const code = {} as Record<CheckoutFunction, string>;
/** A class as esbuild writes it (`var Name = class`, or `class Name`). */
const declares = (source: string, name: string) => new RegExp(`\\b(class ${name}\\b|${name} = class\\b)`).test(source);
beforeAll(async () => {
  for (const fn of CHECKOUT_FUNCTION_NAMES) code[fn] = (await buildFunctionBundle({ function: fn, outfile: null })).code;
}, 60_000);

describe("what each bundle carries", () => {
  test("only the products functions carry the product indexes (ProductLines)", () => {
    const carrying = CHECKOUT_FUNCTION_NAMES.filter((fn) => declares(code[fn], "ProductLines"));
    expect(carrying.sort()).toEqual(["products", "productsLean"]);
    // Nor any of its methods elsewhere (the bundles of the cart totals and the weight once carried them all).
    for (const fn of ["cart", "weight"] as const) expect(code[fn], fn).not.toMatch(/withSlot|withProducts|totalsByProduct/);
  });

  test("the address function carries no cart lines, the cart functions no address-kind patterns", () => {
    expect(declares(code.address, "CartLines")).toBe(false);
    for (const fn of ["cart", "weight", "productsLean", "products"] as const) {
      expect(declares(code[fn], "CartLines"), fn).toBe(true);
      expect(code[fn], fn).not.toMatch(/ADDRESS_KIND_PATTERNS|detectAddressKinds/);
    }
  });

  test("the two products functions run the same code (but for the comments naming their source files)", () => {
    const withoutComments = (source: string) => source.replace(/^\s*\/\/.*$/gm, "");
    expect(withoutComments(code.productsLean)).toBe(withoutComments(code.products));
  });
});
