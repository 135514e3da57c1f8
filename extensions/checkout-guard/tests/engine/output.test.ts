/**
 * The output's byte counts use the runtime's native UTF-8 encoder where there
 * is one (Javy, Node); counting in JavaScript is the reference it must agree
 * with, lone surrogates included (both count them as the 3-byte replacement).
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { utf8Length, utf8LengthByCounting } from "../../src/engine/output";

test("the native UTF-8 length equals the counted one, for any string", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (text) => {
      expect(utf8Length(text)).toBe(utf8LengthByCounting(text));
    }),
    { numRuns: 2000 },
  );
});

test("counting: ASCII 1 byte, accents 2, CJK 3, astral 4, lone surrogate 3", () => {
  expect(utf8LengthByCounting("a")).toBe(1);
  expect(utf8LengthByCounting("é")).toBe(2);
  expect(utf8LengthByCounting("中")).toBe(3);
  expect(utf8LengthByCounting("😀")).toBe(4);
  expect(utf8LengthByCounting("\ud800")).toBe(3);
  expect(utf8LengthByCounting("\ud800x")).toBe(4);
});
