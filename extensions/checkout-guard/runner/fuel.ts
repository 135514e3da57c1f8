/**
 * Counts the "instructions" of a WebAssembly module exactly as Shopify's
 * `function-runner` does: wasmtime fuel (`Config::consume_fuel`, wasmtime 39).
 *
 * wasmtime's rule (crates/cranelift/src/func_environ.rs, `fuel_before_op`):
 * every executed operator costs 1, except `nop`, `drop`, `block`, `loop`,
 * `unreachable`, `return`, `else` and `end`, which cost 0; every function entry
 * costs 1 more (`fuel_consumed` starts at 1 for each function). Host functions
 * cost nothing. wasmtime adds its pending count to the store before every
 * `loop`, `if`, `else`, `end`, branch, call, `return` and `unreachable`, so the
 * count is exact per basic block.
 *
 * This module rewrites the binary so it keeps that count itself, in an exported
 * mutable i64 global (`cg_fuel`): before each of those operators it inserts
 *
 *     global.get $cg_fuel  i64.const N  i64.add  global.set $cg_fuel
 *
 * N being the cost of the operators since the previous insertion point (plus the
 * operator's own cost, plus 1 at function entry). These are the very points at
 * which wasmtime flushes, so every executed operator is counted once, and dead
 * code (after a branch, up to the next `end`/`else`) is never charged.
 *
 * A second exported mutable i64 global, `cg_fuel_limit` (default: i64 max), gives
 * a deterministic cap: at each function entry and loop header, where wasmtime
 * checks its fuel too, the code traps (`unreachable`) once `cg_fuel` exceeds it.
 *
 * Only the code, global and export sections change: the two globals are added at
 * the end of the global index space (after imported and defined globals), so no
 * other index is renumbered. Supported: the MVP, sign extension, saturating
 * truncation, bulk memory, reference types, multi-value, multi-memory, tail calls,
 * SIMD (incl. relaxed) and atomics. Exception handling and GC make it throw.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export const FUEL_EXPORT = "cg_fuel";
export const FUEL_LIMIT_EXPORT = "cg_fuel_limit";
/** Bumped whenever the rewrite changes, so cached modules are redone. */
const FUEL_VERSION = "cg-wasmtime-fuel-1";
const I64_MAX = (1n << 63n) - 1n;

// ── Binary reading and writing ───────────────────────────────────────────────

class Reader {
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
    readonly end = buf.length,
  ) {}
  u8(): number {
    if (this.pos >= this.end) throw new Error(`unexpected end of data at ${this.pos}`);
    return this.buf[this.pos++];
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new Error(`LEB128 too long at ${this.pos}`);
    }
  }
  /** Skips a signed or unsigned LEB128 of any width (s32, s33, s64, u64). */
  leb(): void {
    while (this.u8() & 0x80);
  }
  skip(n: number): void {
    this.pos += n;
    if (this.pos > this.end) throw new Error("unexpected end of data");
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.buf.subarray(this.pos, this.pos + n));
    this.skip(n);
    return s;
  }
}

/** A growable byte buffer with the LEB128 encodings of the binary format (also used to build modules: shopify-engine.ts). */
export class WasmWriter {
  private chunks: Uint8Array[] = [];
  private bytes: number[] = [];
  length = 0;
  byte(b: number): this {
    this.bytes.push(b);
    this.length++;
    return this;
  }
  u32(v: number): this {
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }
  s64(v: bigint): this {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }
  name(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).raw(b);
  }
  raw(b: Uint8Array): this {
    this.flushBytes();
    if (b.length > 0) this.chunks.push(b);
    this.length += b.length;
    return this;
  }
  private flushBytes() {
    if (this.bytes.length > 0) {
      this.chunks.push(Uint8Array.from(this.bytes));
      this.bytes = [];
    }
  }
  finish(): Uint8Array<ArrayBuffer> {
    this.flushBytes();
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

// ── Operators ────────────────────────────────────────────────────────────────

/** Skips a block type: empty (0x40), a value type, or a type index (s33). */
function skipBlockType(r: Reader) {
  const b = r.buf[r.pos];
  if (b === 0x40) r.pos++;
  else if (b === 0x63 || b === 0x64) {
    r.pos++; // (ref null? ht)
    r.leb();
  } else if (b >= 0x69 && b <= 0x7f) r.pos++; // number, vector and abbreviated reference types
  else r.leb(); // type index (multi-value)
}

function skipValType(r: Reader) {
  const b = r.u8();
  if (b === 0x63 || b === 0x64) r.leb();
}

function skipMemarg(r: Reader) {
  const align = r.u32();
  if (align & 0x40) r.u32(); // multi-memory: explicit memory index
  r.leb(); // offset (u32, or u64 with memory64)
}

/** What an operator does to control flow, for the instrumenter. */
const enum Kind {
  /** Straight-line operator, cost 1. */
  Plain,
  /** Cost 0, no effect on control flow: nop, drop. */
  Free,
  /** `block`: cost 0, entered unconditionally, so the segment goes on. */
  Block,
  /** `loop`: cost 0; a branch target, so counting restarts inside. */
  Loop,
  /** `if`: cost 1, then one of two arms. */
  If,
  /** `else`: cost 0, end of the then-arm, start of the else-arm. */
  Else,
  /** `end`: cost 0, end of a block (a merge point) or of the function. */
  End,
  /** br, br_if, br_table, br_on_null, br_on_non_null: cost 1, end of a segment. */
  Branch,
  /** call, call_indirect, call_ref and the tail calls: cost 1; wasmtime flushes before them. */
  Call,
  /** return, unreachable: cost 0, end of a segment. */
  Exit,
}

/**
 * Reads one operator at `r.pos` (its immediates included) and returns its kind.
 * Throws on an opcode this instrumenter does not know, rather than miscount.
 */
function readOperator(r: Reader): Kind {
  const op = r.u8();
  switch (op) {
    case 0x00: // unreachable
    case 0x0f: // return
      return Kind.Exit;
    case 0x01: // nop
    case 0x1a: // drop
      return Kind.Free;
    case 0x02:
      skipBlockType(r);
      return Kind.Block;
    case 0x03:
      skipBlockType(r);
      return Kind.Loop;
    case 0x04:
      skipBlockType(r);
      return Kind.If;
    case 0x05:
      return Kind.Else;
    case 0x0b:
      return Kind.End;
    case 0x0c: // br
    case 0x0d: // br_if
    case 0xd5: // br_on_null
    case 0xd6: // br_on_non_null
      r.u32();
      return Kind.Branch;
    case 0x0e: {
      const n = r.u32();
      for (let i = 0; i <= n; i++) r.u32();
      return Kind.Branch;
    }
    case 0x10: // call
    case 0x12: // return_call
    case 0x14: // call_ref
    case 0x15: // return_call_ref
      r.u32();
      return Kind.Call;
    case 0x11: // call_indirect
    case 0x13: // return_call_indirect
      r.u32();
      r.u32();
      return Kind.Call;
    case 0x1b: // select
      return Kind.Plain;
    case 0x1c: {
      const n = r.u32();
      for (let i = 0; i < n; i++) skipValType(r);
      return Kind.Plain;
    }
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: // local.*, global.*
    case 0x25: case 0x26: // table.get, table.set
    case 0xd2: // ref.func
      r.u32();
      return Kind.Plain;
    case 0x3f: // memory.size
    case 0x40: // memory.grow
      r.u32();
      return Kind.Plain;
    case 0x41: // i32.const
    case 0x42: // i64.const
      r.leb();
      return Kind.Plain;
    case 0x43:
      r.skip(4);
      return Kind.Plain;
    case 0x44:
      r.skip(8);
      return Kind.Plain;
    case 0xd0: // ref.null ht
      r.leb();
      return Kind.Plain;
    case 0xd1: // ref.is_null
    case 0xd3: // ref.eq
    case 0xd4: // ref.as_non_null
      return Kind.Plain;
    case 0xfc:
      return readPrefixedFC(r);
    case 0xfd:
      return readPrefixedFD(r);
    case 0xfe:
      return readPrefixedFE(r);
  }
  if (op >= 0x28 && op <= 0x3e) {
    skipMemarg(r);
    return Kind.Plain;
  }
  if (op >= 0x45 && op <= 0xc4) return Kind.Plain; // numeric, incl. sign extension (0xc0–0xc4)
  throw new Error(`unsupported opcode 0x${op.toString(16)} at byte ${r.pos - 1} (exception handling and GC are not supported)`);
}

/** 0xFC: saturating truncation, bulk memory, tables. */
function readPrefixedFC(r: Reader): Kind {
  const sub = r.u32();
  if (sub <= 7) return Kind.Plain; // i32/i64.trunc_sat_*
  switch (sub) {
    case 8: // memory.init data mem
    case 10: // memory.copy mem mem
    case 12: // table.init elem table
    case 14: // table.copy table table
      r.u32();
      r.u32();
      return Kind.Plain;
    case 9: // data.drop
    case 11: // memory.fill mem
    case 13: // elem.drop
    case 15: // table.grow
    case 16: // table.size
    case 17: // table.fill
      r.u32();
      return Kind.Plain;
  }
  throw new Error(`unsupported opcode 0xfc ${sub}`);
}

/** 0xFD: SIMD (fixed-width and relaxed). */
function readPrefixedFD(r: Reader): Kind {
  const sub = r.u32();
  if (sub <= 11 || sub === 92 || sub === 93) skipMemarg(r); // v128 loads/stores, load32/64_zero
  else if (sub === 12 || sub === 13) r.skip(16); // v128.const, i8x16.shuffle
  else if (sub >= 21 && sub <= 34) r.skip(1); // extract/replace lane
  else if (sub >= 84 && sub <= 91) {
    skipMemarg(r); // load/store lane
    r.skip(1);
  } else if (sub > 0x113) throw new Error(`unsupported opcode 0xfd ${sub}`);
  return Kind.Plain;
}

/** 0xFE: atomics. */
function readPrefixedFE(r: Reader): Kind {
  const sub = r.u32();
  if (sub === 3) r.skip(1); // atomic.fence
  else if (sub <= 2 || (sub >= 0x10 && sub <= 0x4e)) skipMemarg(r);
  else throw new Error(`unsupported opcode 0xfe ${sub}`);
  return Kind.Plain;
}

// ── Function bodies ──────────────────────────────────────────────────────────

interface Globals {
  fuel: number;
  limit: number;
}

/** `global.get fuel; i64.const n; i64.add; global.set fuel`. */
function chargeBytes(g: Globals, n: number): Uint8Array {
  return new WasmWriter().byte(0x23).u32(g.fuel).byte(0x42).s64(BigInt(n)).byte(0x7c).byte(0x24).u32(g.fuel).finish();
}

/** `if (fuel >u limit) unreachable`. */
function limitCheckBytes(g: Globals): Uint8Array {
  return new WasmWriter().byte(0x23).u32(g.fuel).byte(0x23).u32(g.limit).byte(0x56).byte(0x04).byte(0x40).byte(0x00).byte(0x0b).finish();
}

/** Rewrites one function body (locals + expression); see the module comment. */
function instrumentBody(body: Uint8Array, g: Globals, limitCheck: Uint8Array): Uint8Array {
  const r = new Reader(body);
  const groups = r.u32();
  for (let i = 0; i < groups; i++) {
    r.u32();
    skipValType(r);
  }
  const out = new WasmWriter();
  let copied = 0;
  /** Copies the original bytes up to `at`, then `bytes`. */
  const insert = (at: number, bytes: Uint8Array) => {
    out.raw(body.subarray(copied, at));
    out.raw(bytes);
    copied = at;
  };
  insert(r.pos, limitCheck);
  let pending = 1; // wasmtime charges 1 for entering any function
  let depth = 1; // the function body is the outermost block
  const flush = (at: number, n: number) => {
    if (n > 0) insert(at, chargeBytes(g, n));
    pending = 0;
  };
  while (depth > 0) {
    const at = r.pos;
    const kind = readOperator(r);
    switch (kind) {
      case Kind.Plain:
        pending++;
        break;
      case Kind.Free:
        break;
      case Kind.Block:
        depth++;
        break;
      case Kind.Loop:
        flush(at, pending);
        depth++;
        insert(r.pos, limitCheck);
        break;
      case Kind.If:
        flush(at, pending + 1);
        depth++;
        break;
      case Kind.Else:
        flush(at, pending);
        break;
      case Kind.End:
        flush(at, pending);
        depth--;
        break;
      case Kind.Branch:
      case Kind.Call:
        flush(at, pending + 1);
        break;
      case Kind.Exit:
        flush(at, pending);
        break;
    }
  }
  if (r.pos !== body.length) throw new Error("function body has bytes after its final end");
  out.raw(body.subarray(copied));
  return out.finish();
}

// ── Module ───────────────────────────────────────────────────────────────────

interface Section {
  id: number;
  /** Content, without id and size. */
  content: Uint8Array;
}

function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error("not a WebAssembly binary");
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) throw new Error("not a core WebAssembly module (version 1)");
  const r = new Reader(bytes, 8);
  const sections: Section[] = [];
  while (r.pos < bytes.length) {
    const id = r.u8();
    const size = r.u32();
    sections.push({ id, content: bytes.subarray(r.pos, r.pos + size) });
    r.skip(size);
  }
  return sections;
}

/** Number of imported globals (they come first in the global index space). */
function importedGlobalCount(section: Section | undefined): number {
  if (!section) return 0;
  const r = new Reader(section.content);
  let globals = 0;
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    r.name();
    r.name();
    const kind = r.u8();
    switch (kind) {
      case 0x00: // function
        r.u32();
        break;
      case 0x01: // table: reftype, limits
        skipValType(r);
        skipLimits(r);
        break;
      case 0x02: // memory
        skipLimits(r);
        break;
      case 0x03: // global: valtype, mutability
        skipValType(r);
        r.u8();
        globals++;
        break;
      case 0x04: // tag
        r.u8();
        r.u32();
        break;
      default:
        throw new Error(`unknown import kind ${kind}`);
    }
  }
  return globals;
}

function skipLimits(r: Reader) {
  const flags = r.u8();
  r.leb();
  if (flags & 0x01) r.leb();
  if (flags & 0x08) r.u32(); // custom page size
}

/** Section order of the binary format (custom sections aside); tag (13) sits between memory and global. */
const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];
const orderOf = (id: number) => SECTION_ORDER.indexOf(id);

/** Puts `section` where the binary format wants it, or replaces the existing one with that id. */
function placeSection(sections: Section[], section: Section) {
  const existing = sections.findIndex((s) => s.id === section.id);
  if (existing >= 0) {
    sections[existing] = section;
    return;
  }
  const after = sections.findIndex((s) => s.id !== 0 && orderOf(s.id) > orderOf(section.id));
  sections.splice(after < 0 ? sections.length : after, 0, section);
}

/** Appends entries to a vector section (count, then entries), creating it when absent. */
function appendToVector(section: Section | undefined, id: number, count: number, entries: Uint8Array): Section {
  let oldCount = 0;
  let rest: Uint8Array = new Uint8Array(0);
  if (section) {
    const r = new Reader(section.content);
    oldCount = r.u32();
    rest = section.content.subarray(r.pos);
  }
  return { id, content: new WasmWriter().u32(oldCount + count).raw(rest).raw(entries).finish() };
}

function exportNames(section: Section | undefined): string[] {
  if (!section) return [];
  const r = new Reader(section.content);
  const names: string[] = [];
  const count = r.u32();
  for (let i = 0; i < count; i++) {
    names.push(r.name());
    r.u8();
    r.u32();
  }
  return names;
}

export interface FuelOptions {
  /** Name of the exported counter. Default `cg_fuel`. */
  counterExport?: string;
  /** Name of the exported cap. Default `cg_fuel_limit`. */
  limitExport?: string;
}

/**
 * Returns a copy of the module that counts wasmtime fuel in an exported mutable
 * i64 global (see the module comment).
 */
export function instrumentFuel(original: Uint8Array, options: FuelOptions = {}): Uint8Array<ArrayBuffer> {
  const counterExport = options.counterExport ?? FUEL_EXPORT;
  const limitExport = options.limitExport ?? FUEL_LIMIT_EXPORT;
  const sections = readSections(original);
  const find = (id: number) => sections.find((s) => s.id === id);
  const exportSection = find(7);
  const taken = exportNames(exportSection);
  if (taken.includes(counterExport) || taken.includes(limitExport)) {
    throw new Error(`the module already exports ${counterExport} or ${limitExport} (instrumented twice?)`);
  }
  const globalSection = find(6);
  const definedGlobals = globalSection ? new Reader(globalSection.content).u32() : 0;
  const first = importedGlobalCount(find(2)) + definedGlobals;
  const g: Globals = { fuel: first, limit: first + 1 };

  // Two mutable i64 globals: the counter (0) and the cap (i64 max).
  const globals = new WasmWriter()
    .byte(0x7e).byte(0x01).byte(0x42).s64(0n).byte(0x0b)
    .byte(0x7e).byte(0x01).byte(0x42).s64(I64_MAX).byte(0x0b)
    .finish();
  placeSection(sections, appendToVector(globalSection, 6, 2, globals));
  const exports = new WasmWriter().name(counterExport).byte(0x03).u32(g.fuel).name(limitExport).byte(0x03).u32(g.limit).finish();
  placeSection(sections, appendToVector(exportSection, 7, 2, exports));

  const code = find(10);
  if (code) {
    const r = new Reader(code.content);
    const count = r.u32();
    const out = new WasmWriter().u32(count);
    const limitCheck = limitCheckBytes(g);
    for (let i = 0; i < count; i++) {
      const size = r.u32();
      const body = code.content.subarray(r.pos, r.pos + size);
      r.skip(size);
      let rewritten: Uint8Array;
      try {
        rewritten = instrumentBody(body, g, limitCheck);
      } catch (error) {
        throw new Error(`function body ${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
      out.u32(rewritten.length).raw(rewritten);
    }
    placeSection(sections, { id: 10, content: out.finish() });
  }

  const module = new WasmWriter().raw(original.subarray(0, 8));
  for (const s of sections) module.byte(s.id).u32(s.content.length).raw(s.content);
  return module.finish();
}

// ── Cache ────────────────────────────────────────────────────────────────────

// Relative to the working directory (the project root for every script and test),
// like runner/instrument.ts.
function cacheDir(): string {
  return process.env.CHECKOUT_GUARD_WASM_CACHE ?? path.resolve("node_modules", ".cache", "checkout-guard");
}

/**
 * The fuel-counting copy of `original`, from node_modules/.cache/checkout-guard/
 * when present (keyed by the sha256 of the original, the options and the
 * instrumenter's version), else made and written there.
 */
export function fuelInstrumentedCached(
  original: Uint8Array,
  options: FuelOptions = {},
): { bytes: Uint8Array<ArrayBuffer>; path: string; cached: boolean } {
  const hash = createHash("sha256")
    .update(FUEL_VERSION)
    .update(JSON.stringify(options))
    .update(original)
    .digest("hex");
  const file = path.join(cacheDir(), `fuel-${hash.slice(0, 24)}.wasm`);
  if (existsSync(file)) return { bytes: new Uint8Array(readFileSync(file)), path: file, cached: true };
  const bytes = instrumentFuel(original, options);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return { bytes, path: file, cached: false };
}
