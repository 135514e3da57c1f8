/**
 * Instruments the QuickJS WebAssembly module (from @jitl/quickjs-wasmfile-release-sync)
 * with an instruction counter, so that a function run has a deterministic cost in
 * "WebAssembly instructions executed", the unit of Shopify's 11M-instruction limit.
 *
 * Method (binaryen): every function body, loop body, `if` arm and block is a
 * "region". At the start of each straight-line segment of a region we add
 *
 *     global.set $cg_cost (i64.add (global.get $cg_cost) (i64.const N))
 *
 * where N is the number of instructions (binaryen expression nodes, `block` and
 * `nop` excluded) the segment evaluates outside nested regions. A block's children
 * are split into a new segment after any child that contains a block, loop or `if`
 * (a merge point). A branch that leaves a segment early is still charged the whole
 * segment, so the count is a slight over-estimate, like charging gas per basic block.
 * The counter is exported as the mutable i64 global `cg_cost`.
 *
 * Instrumenting takes a few seconds, so the result is cached on disk, keyed by a
 * hash of the original module and of INSTRUMENT_VERSION.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const INSTRUMENT_VERSION = "cg-block-count-1";
export const COUNTER_EXPORT = "cg_cost";

const require = createRequire(import.meta.url);

/** Path of the stock QuickJS .wasm shipped by the variant package. */
export function quickjsWasmPath(): string {
  return require.resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
}

// Relative to the working directory (the project root for every script and the
// server), not to this file, which moves into build/ when the admin is built.
function cacheDir(): string {
  return process.env.CHECKOUT_GUARD_WASM_CACHE ?? path.resolve("node_modules", ".cache", "checkout-guard");
}

/**
 * Returns the bytes of the instrumented QuickJS module, from the on-disk cache when
 * present, otherwise instrumenting it (a few seconds) and writing the cache.
 */
export async function instrumentedQuickjsWasm(): Promise<{ bytes: Uint8Array; path: string; cached: boolean }> {
  const original = readFileSync(quickjsWasmPath());
  const hash = createHash("sha256").update(INSTRUMENT_VERSION).update(original).digest("hex").slice(0, 16);
  const file = path.join(cacheDir(), `quickjs-instrumented-${hash}.wasm`);
  if (existsSync(file)) return { bytes: new Uint8Array(readFileSync(file)), path: file, cached: true };
  const bytes = await instrument(original);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return { bytes, path: file, cached: false };
}

type ExprRef = number;

/** Instruments a WebAssembly binary with the block counter described above. */
export async function instrument(original: Uint8Array): Promise<Uint8Array> {
  const binaryen = (await import("binaryen")).default as any;
  const mod = binaryen.readBinary(original);
  mod.setFeatures(binaryen.Features.All);
  const i64 = binaryen.i64;
  mod.addGlobal(COUNTER_EXPORT, i64, true, mod.i64.const(0, 0));
  mod.addGlobalExport(COUNTER_EXPORT, COUNTER_EXPORT);

  const ids = {
    block: binaryen.BlockId,
    loop: binaryen.LoopId,
    if: binaryen.IfId,
    nop: binaryen.NopId,
  };
  /** Which fields of binaryen's expression info are child expressions, per expression id. */
  const childKeysById = new Map<number, string[]>([
    [binaryen.BreakId, ["condition", "value"]],
    [binaryen.SwitchId, ["condition", "value"]],
    [binaryen.CallId, ["operands"]],
    [binaryen.CallIndirectId, ["target", "operands"]],
    [binaryen.LocalSetId, ["value"]],
    [binaryen.GlobalSetId, ["value"]],
    [binaryen.LoadId, ["ptr"]],
    [binaryen.StoreId, ["ptr", "value"]],
    [binaryen.UnaryId, ["value"]],
    [binaryen.BinaryId, ["left", "right"]],
    [binaryen.SelectId, ["ifTrue", "ifFalse", "condition"]],
    [binaryen.DropId, ["value"]],
    [binaryen.ReturnId, ["value"]],
    [binaryen.MemoryGrowId, ["delta"]],
    [binaryen.AtomicRMWId, ["ptr", "value"]],
    [binaryen.AtomicCmpxchgId, ["ptr", "expected", "replacement"]],
    [binaryen.AtomicWaitId, ["ptr", "expected", "timeout"]],
    [binaryen.AtomicNotifyId, ["ptr", "notifyCount"]],
    [binaryen.SIMDExtractId, ["vec"]],
    [binaryen.SIMDReplaceId, ["vec", "value"]],
    [binaryen.SIMDShuffleId, ["left", "right"]],
    [binaryen.SIMDTernaryId, ["a", "b", "c"]],
    [binaryen.SIMDShiftId, ["vec", "shift"]],
    [binaryen.SIMDLoadId, ["ptr"]],
    [binaryen.SIMDLoadStoreLaneId, ["ptr", "vec"]],
    [binaryen.MemoryInitId, ["dest", "offset", "size"]],
    [binaryen.MemoryCopyId, ["dest", "source", "size"]],
    [binaryen.MemoryFillId, ["dest", "value", "size"]],
    [binaryen.RefIsNullId, ["value"]],
    [binaryen.RefAsId, ["value"]],
    [binaryen.RefEqId, ["left", "right"]],
    [binaryen.TableGetId, ["index"]],
    [binaryen.TableSetId, ["index", "value"]],
    [binaryen.TableGrowId, ["value", "delta"]],
    [binaryen.ThrowId, ["operands"]],
    [binaryen.TupleMakeId, ["operands"]],
    [binaryen.TupleExtractId, ["tuple"]],
    [binaryen.RefI31Id, ["value"]],
    [binaryen.I31GetId, ["i31"]],
  ]);
  const leafIds = new Set<number>([
    binaryen.ConstId, binaryen.LocalGetId, binaryen.GlobalGetId, binaryen.UnreachableId,
    binaryen.MemorySizeId, binaryen.RefNullId, binaryen.RefFuncId, binaryen.PopId, binaryen.DataDropId,
  ]);
  let unknownKinds = 0;

  const inc = (n: number): ExprRef =>
    mod.global.set(COUNTER_EXPORT, mod.i64.add(mod.global.get(COUNTER_EXPORT, i64), mod.i64.const(n, 0)));

  /** Does the subtree contain a merge point (block / loop / if)? Memoised. */
  const hasControl = new Map<ExprRef, boolean>();

  /**
   * Counts the instructions of `expr` outside nested regions, instrumenting the
   * nested regions it meets. Records in `hasControl` whether it holds any.
   */
  function visit(expr: ExprRef): number {
    if (!expr) return 0;
    const id = binaryen.getExpressionId(expr);
    if (leafIds.has(id)) return 1;
    const info = binaryen.getExpressionInfo(expr);
    switch (info.id) {
      case ids.block:
        instrumentBlock(expr, info.children as ExprRef[]);
        hasControl.set(expr, true);
        return 0;
      case ids.loop: {
        const body = wrapRegion(info.body as ExprRef);
        binaryen.Loop.setBody(expr, body);
        hasControl.set(expr, true);
        return 1;
      }
      case ids.if: {
        const n = visit(info.condition as ExprRef);
        binaryen.If.setIfTrue(expr, wrapRegion(info.ifTrue as ExprRef));
        if (info.ifFalse) binaryen.If.setIfFalse(expr, wrapRegion(info.ifFalse as ExprRef));
        hasControl.set(expr, true);
        return n + 1;
      }
      case ids.nop:
        return 0;
      default: {
        const keys = childKeysById.get(info.id);
        if (!keys) {
          if (!leafIds.has(info.id)) unknownKinds++;
          return 1;
        }
        let n = 1;
        let control = false;
        for (const key of keys) {
          const value = info[key];
          const children: ExprRef[] = Array.isArray(value) ? value : [value];
          for (const child of children) {
            if (!child) continue;
            n += visit(child);
            if (hasControl.get(child)) control = true;
          }
        }
        if (control) hasControl.set(expr, true);
        return n;
      }
    }
  }

  /** Splits a block's children into straight-line segments and charges each at its start. */
  function instrumentBlock(block: ExprRef, children: ExprRef[]) {
    const inserts: { at: number; n: number }[] = [];
    let segStart = 0;
    let segCount = 0;
    children.forEach((child, i) => {
      segCount += visit(child);
      if (hasControl.get(child)) {
        inserts.push({ at: segStart, n: segCount });
        segStart = i + 1;
        segCount = 0;
      }
    });
    inserts.push({ at: segStart, n: segCount });
    for (let k = inserts.length - 1; k >= 0; k--) {
      const { at, n } = inserts[k];
      if (n > 0) binaryen.Block.insertChildAt(block, at, inc(n));
    }
  }

  /** Makes `expr` a charged region: a block gets its own counters, anything else is wrapped. */
  function wrapRegion(expr: ExprRef): ExprRef {
    if (binaryen.getExpressionId(expr) === ids.block) {
      visit(expr);
      return expr;
    }
    const n = visit(expr);
    if (n === 0) return expr;
    const type = binaryen.getExpressionType(expr);
    return mod.block(null, [inc(n), expr], type === binaryen.unreachable ? binaryen.auto : type);
  }

  const count = mod.getNumFunctions();
  for (let i = 0; i < count; i++) {
    const fn = mod.getFunctionByIndex(i);
    const body = binaryen.Function.getBody ? binaryen.Function.getBody(fn) : binaryen.getFunctionInfo(fn).body;
    if (!body) continue; // imported function
    binaryen.Function.setBody(fn, wrapRegion(body));
    hasControl.clear();
  }
  const out: Uint8Array = mod.emitBinary();
  mod.dispose();
  return out;
}
