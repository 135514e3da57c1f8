/**
 * The cart's lines, read once per evaluation, with what the cart rules ask of
 * them built on first use and shared by every rule: the quantities and their
 * totals, and the shipped weight. What the product rules ask (indexes of
 * products, variants and list slots, per-product sums) is in product-lines.ts,
 * so that only the products functions' bundles carry it (each byte of bytecode
 * is loaded at every run).
 *
 * Why once: inside QuickJS every property read, call and `Set#has` costs
 * hundreds to thousands of WebAssembly instructions, so fifty rules each
 * walking two hundred lines would blow Shopify's instruction limit. Here each
 * line is read once per kind of fact.
 *
 * Lines are referred to by position: their place among the cart's lines that
 * are objects (the input's index, but for malformed entries left out).
 * Positions lists are always in cart order.
 */
import type { WeightUnit } from "./config";
import { GRAMS_PER_UNIT } from "./weight";

export type AnyRecord = Record<string, unknown>;
/** Line positions, in cart order. */
export type Positions = readonly number[];

/** Each line's quantity and the totals, read in one pass on first use. */
export interface Quantities {
  /** The input's line objects, in cart order. */
  raw: AnyRecord[];
  /** Each line's quantity (0 when missing or invalid), by position. */
  quantities: number[];
  total: number;
  min: number;
  max: number;
}

/** The input's lines that are objects, given whether a pass met one that is not (Shopify's are all objects: its array is kept rather than copied). */
export function objectLines(input: unknown[], malformed: boolean): AnyRecord[] {
  return (malformed ? input.filter((line) => line !== null && typeof line === "object") : input) as AnyRecord[];
}

export class CartLines {
  /** The input's lines, as given (Shopify's are all objects). */
  protected readonly input: unknown[];

  // Built on first use.
  protected read?: Quantities;
  private all?: Positions;
  private shipped?: { grams: number; lines: number };

  // Nothing is read here: the weight function reads the lines in its own single pass.
  constructor(rawLines: unknown) {
    this.input = Array.isArray(rawLines) ? rawLines : [];
  }

  // A pass over the lines costs QuickJS thousands of instructions a line on
  // Shopify's engine (~6k for this one), with the cheapest checks that hold:
  // `q === (q | 0)` only for a number that is a whole int32 (not a string, NaN
  // or Infinity; `Infinity` is a global look-up). ProductLines reads its
  // lines in a pass of its own, and quantities only where asked.
  protected quantitiesRead(): Quantities {
    if (this.read) return this.read;
    const rawLines = this.input;
    let total = 0;
    let min = Infinity;
    let max = 0;
    let malformed = false;
    const quantities: number[] = [];
    // Indexed stores rather than push: cheaper in QuickJS.
    let count = 0;
    for (let i = 0, n = rawLines.length; i < n; i++) {
      const line = rawLines[i] as AnyRecord | null;
      if (typeof line !== "object" || line === null) {
        malformed = true;
        continue;
      }
      const q = line.quantity as number;
      const quantity = q === (q | 0) && q > 0 ? q : 0;
      quantities[count++] = quantity;
      total += quantity;
      if (quantity < min) min = quantity;
      if (quantity > max) max = quantity;
    }
    const raw = objectLines(rawLines, malformed);
    return (this.read = { raw, quantities, total, min: raw.length > 0 ? min : 0, max });
  }

  // The getters read `this.read` first: a call costs QuickJS more than the check.
  protected get raw(): AnyRecord[] {
    return (this.read ?? this.quantitiesRead()).raw;
  }

  /** Each line's quantity (0 when missing or invalid), by position. */
  get quantities(): number[] {
    return (this.read ?? this.quantitiesRead()).quantities;
  }

  get totalQuantity(): number {
    return (this.read ?? this.quantitiesRead()).total;
  }

  /** Smallest and largest line quantity (0 and 0 for an empty cart). */
  get minQuantity(): number {
    return (this.read ?? this.quantitiesRead()).min;
  }

  get maxQuantity(): number {
    return (this.read ?? this.quantitiesRead()).max;
  }

  /** No line at all (malformed entries are no lines); stops at the first line. */
  get isEmpty(): boolean {
    for (let i = 0, n = this.input.length; i < n; i++) {
      const line = this.input[i];
      if (line !== null && typeof line === "object") return false;
    }
    return true;
  }

  get length(): number {
    return this.raw.length;
  }

  /** Every position, 0 … length - 1. */
  allPositions(): Positions {
    if (this.all) return this.all;
    const all: number[] = [];
    for (let p = 0, n = this.raw.length; p < n; p++) all.push(p);
    return (this.all = all);
  }

  /**
   * Total weight in grams of the lines the weight rule counts (those that
   * require shipping; a missing weight counts as 0), and how many such lines
   * there are.
   */
  shippedWeight(): { grams: number; lines: number } {
    if (this.shipped) return this.shipped;
    // One pass over the input's lines, without reading the quantities first nor
    // building the merchandise and product lists: the weight function reads
    // nothing else of a line.
    const input = this.input;
    let grams = 0;
    let lines = 0;
    // Lines mostly share one unit: its factor is looked up when it changes (at 2,000
    // lines the look-up per line cost ~0.5M instructions).
    let unit: unknown;
    let factor = 1;
    for (let p = 0, n = input.length; p < n; p++) {
      const line = input[p] as AnyRecord | null;
      if (typeof line !== "object" || line === null) continue;
      // No merchandise (or not an object): ships, weighs nothing.
      const m = line.merchandise as AnyRecord | null | undefined;
      if (m?.requiresShipping === false) continue;
      lines++;
      const weight = m?.weight as number;
      const q = line.quantity as number;
      // An unknown unit counts as grams, a missing or invalid weight or quantity as 0. The
      // cheapest checks that hold, as in quantitiesRead: `weight === +weight` only for a
      // number (a string or an object converts to another value), the bound rules out
      // Infinity; `q === (q | 0)` only for a whole int32.
      if (weight > 0 && weight < 1e300 && weight === +weight && q === (q | 0) && q > 0) {
        if (m!.weightUnit !== unit) {
          unit = m!.weightUnit;
          factor = GRAMS_PER_UNIT[unit as WeightUnit] ?? 1;
        }
        grams += weight * factor * q;
      }
    }
    return (this.shipped = { grams, lines });
  }
}
