/**
 * The fuel instrumenter (runner/fuel.ts) on small hand-written modules: each
 * expected count is worked out by hand from wasmtime's rule (every executed
 * operator 1, except nop, drop, block, loop, unreachable, return, else and end;
 * plus 1 per function entry; host functions free).
 */
import { beforeAll, describe, expect, it } from "vitest";
import wabtInit from "wabt";
import { FUEL_EXPORT, FUEL_LIMIT_EXPORT, instrumentFuel } from "../../runner/fuel";

let wabt: Awaited<ReturnType<typeof wabtInit>>;
beforeAll(async () => {
  wabt = await wabtInit();
});

/** Assembles `wat` (wabt), instruments it and instantiates it. */
function load(wat: string, imports: WebAssembly.Imports = {}) {
  const parsed = wabt.parseWat("test.wat", wat, { multi_value: true, bulk_memory: true, simd: true, sign_extension: true, sat_float_to_int: true, tail_call: true });
  const original = parsed.toBinary({}).buffer;
  parsed.destroy();
  const bytes = instrumentFuel(original);
  expect(WebAssembly.validate(bytes)).toBe(true);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
  const exports = instance.exports as Record<string, unknown>;
  const fuel = exports[FUEL_EXPORT] as WebAssembly.Global;
  const limit = exports[FUEL_LIMIT_EXPORT] as WebAssembly.Global;
  /** Calls export `name` and returns its result with the fuel it used. */
  const run = (name: string, ...args: number[]) => {
    const before = fuel.value as bigint;
    const result = (exports[name] as (...a: number[]) => unknown)(...args);
    return { result, fuel: Number((fuel.value as bigint) - before) };
  };
  return { run, fuel, limit, exports };
}

describe("fuel instrumenter (wasmtime's count)", () => {
  it("counts straight-line code, with nop and drop free and 1 per function entry", () => {
    const m = load(`(module
      (func (export "add") (result i32) i32.const 1 i32.const 2 i32.add)
      (func (export "free") i32.const 1 drop nop nop)
      (func (export "empty")))`);
    expect(m.run("add")).toEqual({ result: 3, fuel: 1 + 3 });
    expect(m.run("free").fuel).toBe(1 + 1);
    expect(m.run("empty").fuel).toBe(1);
  });

  it("counts each loop iteration, the exit test and the branches", () => {
    // Per iteration: local.get local.get i32.ge_u br_if | local.get i32.const i32.add local.set br = 9;
    // the last test: 4; block, loop and end: 0.
    const m = load(`(module
      (func (export "count") (param $n i32) (result i32) (local $i i32)
        (block $exit
          (loop $top
            local.get $i local.get $n i32.ge_u br_if $exit
            local.get $i i32.const 1 i32.add local.set $i
            br $top))
        local.get $i))`);
    for (const n of [0, 1, 7, 1000]) {
      expect(m.run("count", n)).toEqual({ result: n, fuel: 1 + 9 * n + 4 + 1 });
    }
  });

  it("counts a loop that falls through its end (br_if back to the loop)", () => {
    // Per iteration: local.get i32.const i32.sub local.tee br_if = 5.
    const m = load(`(module
      (func (export "down") (param $n i32)
        (loop $top
          local.get $n i32.const 1 i32.sub local.tee $n
          br_if $top)))`);
    for (const n of [1, 2, 50]) expect(m.run("down", n).fuel).toBe(1 + 5 * n);
  });

  it("counts only the arm br_table takes", () => {
    const m = load(`(module
      (func (export "sw") (param i32) (result i32)
        (block $b2 (block $b1 (block $b0
          local.get 0
          br_table $b0 $b1 $b2)
          i32.const 10 i32.const 1 i32.add return)
          i32.const 20 return)
        i32.const 30 i32.const 1 i32.add i32.const 1 i32.add))`);
    expect(m.run("sw", 0)).toEqual({ result: 11, fuel: 1 + 2 + 3 });
    expect(m.run("sw", 1)).toEqual({ result: 20, fuel: 1 + 2 + 1 });
    expect(m.run("sw", 2)).toEqual({ result: 32, fuel: 1 + 2 + 5 });
    expect(m.run("sw", 99)).toEqual({ result: 32, fuel: 1 + 2 + 5 });
  });

  it("counts the condition and the arm taken by if/else, and an if without else", () => {
    const m = load(`(module
      (func (export "ifelse") (param i32) (result i32)
        local.get 0
        if (result i32)
          i32.const 1 i32.const 2 i32.add
        else
          i32.const 7
        end
        i32.const 1 i32.add)
      (func (export "ifonly") (param i32) (result i32) (local $r i32)
        local.get 0
        if
          i32.const 5 local.set $r
        end
        local.get $r))`);
    expect(m.run("ifelse", 1)).toEqual({ result: 4, fuel: 1 + 2 + 3 + 2 });
    expect(m.run("ifelse", 0)).toEqual({ result: 8, fuel: 1 + 2 + 1 + 2 });
    expect(m.run("ifonly", 1)).toEqual({ result: 5, fuel: 1 + 2 + 2 + 1 });
    expect(m.run("ifonly", 0)).toEqual({ result: 0, fuel: 1 + 2 + 1 });
  });

  it("counts calls (1 for the call, 1 for entering the callee), recursion, call_indirect, and nothing in host functions", () => {
    let hostCalls = 0;
    const m = load(
      `(module
        (import "env" "host" (func $host (param i32) (result i32)))
        (type $unary (func (param i32) (result i32)))
        (table 1 funcref) (elem (i32.const 0) $sq)
        (func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)
        (func (export "calls") (result i32) i32.const 3 call $sq i32.const 1 i32.add)
        (func (export "indirect") (result i32) i32.const 4 i32.const 0 call_indirect (type $unary))
        (func (export "viaHost") (result i32) i32.const 2 call $host)
        (func $fact (export "fact") (param i32) (result i32)
          local.get 0 i32.eqz
          if (result i32) i32.const 1
          else local.get 0 local.get 0 i32.const 1 i32.sub call $fact i32.mul
          end))`,
      { env: { host: (x: number) => (hostCalls++, x * 2) } },
    );
    const sq = 1 + 3;
    expect(m.run("calls")).toEqual({ result: 10, fuel: 1 + 1 + 1 + 2 + sq });
    expect(m.run("indirect")).toEqual({ result: 16, fuel: 1 + 2 + 1 + sq });
    expect(m.run("viaHost")).toEqual({ result: 4, fuel: 1 + 1 + 1 });
    expect(hostCalls).toBe(1);
    // fact(0): entry, local.get, i32.eqz, if, i32.const = 5; fact(n>0): entry, get, eqz, if,
    // get get const sub call, mul = 10, plus fact(n-1).
    const fact = (n: number): number => (n === 0 ? 5 : 10 + fact(n - 1));
    for (const n of [0, 1, 5]) expect(m.run("fact", n).fuel).toBe(fact(n));
  });

  it("counts an early return and not the dead code after it", () => {
    const m = load(`(module
      (func (export "early") (param i32) (result i32)
        local.get 0
        if
          i32.const 5
          return
          i32.const 1 drop i32.const 2 drop
        end
        i32.const 6 i32.const 1 i32.add)
      (func (export "br_out") (result i32)
        (block $out (result i32)
          i32.const 1
          br $out
          i32.const 2 i32.const 3 i32.add)))`);
    expect(m.run("early", 1)).toEqual({ result: 5, fuel: 1 + 2 + 1 });
    expect(m.run("early", 0)).toEqual({ result: 7, fuel: 1 + 2 + 3 });
    expect(m.run("br_out")).toEqual({ result: 1, fuel: 1 + 2 });
  });

  it("counts a tail call (return_call) like a call", () => {
    const m = load(`(module
      (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
      (func (export "tail") (param i32) (result i32) local.get 0 return_call $inc))`);
    expect(m.run("tail", 1)).toEqual({ result: 2, fuel: 1 + 2 + 1 + 3 });
  });

  it("decodes multi-value block types, select, 0xFC bulk-memory and saturating ops, sign extension and SIMD at 1 each", () => {
    const m = load(`(module
      (memory 1)
      (data $d "abc")
      (type $pair (func (param i32) (result i32 i32)))
      (func (export "mv") (result i32)
        i32.const 4
        (block (type $pair) i32.const 5)
        i32.add)
      (func (export "ops") (result i32)
        i32.const 0 i32.const 7 i32.const 16 memory.fill
        i32.const 16 i32.const 0 i32.const 3 memory.init $d
        data.drop $d
        i32.const 32 i32.const 0 i32.const 8 memory.copy
        f32.const 1e12 i32.trunc_sat_f32_s drop
        i32.const 255 i32.extend8_s
        i32.const 1 i32.const 2 i32.const 0 select
        i32.add
        v128.const i32x4 1 2 3 4 i32x4.extract_lane 2
        i32.add
        i32.const 16 i32.load8_u
        i32.add))`);
    expect(m.run("mv")).toEqual({ result: 9, fuel: 1 + 1 + 1 + 1 });
    // 4 + 4 + 1 + 4 + 2 (f32.const, trunc_sat; drop free) + 2 + 4 + 1 + 2 + 1 + 2 + 1
    expect(m.run("ops")).toEqual({ result: -1 + 2 + 3 + 97, fuel: 1 + 4 + 4 + 1 + 4 + 2 + 2 + 4 + 1 + 2 + 1 + 2 + 1 });
  });

  it("adds its globals after imported and defined ones, renumbering nothing", () => {
    const g = new WebAssembly.Global({ value: "i32", mutable: false }, 40);
    const m = load(
      `(module
        (import "env" "g" (global $g i32))
        (global $h (mut i32) (i32.const 2))
        (func (export "sum") (result i32) global.get $g global.get $h i32.add))`,
      { env: { g } },
    );
    expect(m.run("sum")).toEqual({ result: 42, fuel: 1 + 3 });
    expect(m.fuel.value).toBe(4n);
  });

  it("instruments a module without globals, exports or code", () => {
    const m = load(`(module)`);
    expect(m.fuel.value).toBe(0n);
  });

  it("traps once the count passes cg_fuel_limit, at a loop header", () => {
    const m = load(`(module (func (export "spin") (loop $l br $l)))`);
    m.limit.value = 1000n;
    expect(() => m.run("spin")).toThrow(WebAssembly.RuntimeError);
    expect(m.fuel.value as bigint).toBeGreaterThan(1000n);
    expect(m.fuel.value as bigint).toBeLessThan(1010n);
  });

  it("refuses a module instrumented twice", () => {
    const parsed = wabt.parseWat("t.wat", `(module (func (export "f")))`, {});
    const once = instrumentFuel(parsed.toBinary({}).buffer);
    parsed.destroy();
    expect(() => instrumentFuel(once)).toThrow(/instrumented twice/);
  });
});
