/**
 * The cart's lines, read once per evaluation, with what the cart rules ask of
 * them built on first use and shared by every rule: totals, per-product sums,
 * shipped weight, indexes from product and variant to the lines that carry
 * them, and the lines each tag or collection list matches.
 *
 * Why indexes: inside QuickJS every property read, call and `Set#has` costs
 * hundreds to thousands of WebAssembly instructions, so fifty rules each
 * walking two hundred lines would blow Shopify's instruction limit. Here each
 * line is read once per kind of fact, and a rule costs what its own selector
 * lists (a few map look-ups) plus the lines it matches, not the whole cart.
 *
 * Lines are referred to by position: their place among the cart's lines that
 * are objects (the input's index, but for malformed entries left out).
 * Positions lists are always in cart order.
 */
import type { WeightUnit } from "./config";
import { GRAMS_PER_UNIT } from "./weight";

type AnyRecord = Record<string, unknown>;
type Positions = readonly number[];

const NO_POSITIONS: Positions = [];

/** Up to this many product (or variant) GIDs in a document, their lines are found by one pass rather than an index. */
export const SCAN_LIMIT = 16;

/** Per product (a custom product counts on its own): quantity summed over its lines, and its first line. */
export interface ProductTotal {
  quantity: number;
  position: number;
}

export interface QuantityBounds {
  min: number;
  max: number;
}

/** Each line's quantity and the totals (and, for the products function, its product), read in one pass on first use. */
interface Quantities {
  /** The input's line objects, in cart order. */
  raw: AnyRecord[];
  /** Each line's quantity (0 when missing or invalid), by position. */
  quantities: number[];
  /** Each line's product, when read in the same pass (see the constructor). */
  products?: (AnyRecord | null)[];
  total: number;
  min: number;
  max: number;
}

export class CartLines {
  /** The input's lines, as given (Shopify's are all objects). */
  private readonly input: unknown[];
  /** Read each line's product in the quantities' pass (the products function: all its rules read both). */
  private readonly readsProducts: boolean;

  // Built on first use: the quantities (and products), then the indexes.
  private read?: Quantities;
  private products?: (AnyRecord | null)[];
  private all?: Positions;
  private byProduct?: PositionIndex;
  private repeatedProducts = false;
  private byVariant?: PositionIndex;
  private scanned?: Map<readonly string[], (number[] | undefined)[]>;
  private bySlot?: Record<string, Positions>;
  private productTotals?: Map<Positions, ProductTotal[]>;
  private bounds?: Map<Positions, QuantityBounds>;
  private totalsBounds?: Map<readonly ProductTotal[], QuantityBounds>;
  private shipped?: { grams: number; lines: number };

  // Nothing is read here: the weight function reads the lines in its own single pass.
  constructor(rawLines: unknown, readsProducts = false) {
    this.input = Array.isArray(rawLines) ? rawLines : [];
    this.readsProducts = readsProducts;
  }

  // A pass over the lines costs QuickJS thousands of instructions a line on
  // Shopify's engine (~5k for this one, ~5k more for a separate pass over the
  // products), so the products are read here when they will be needed, with
  // the cheapest checks that hold: `q === (q | 0)` only for a number that is a
  // whole int32 (not a string, NaN or Infinity; `Infinity` is a global look-up).
  private quantitiesRead(): Quantities {
    if (this.read) return this.read;
    const rawLines = this.input;
    let total = 0;
    let min = Infinity;
    let max = 0;
    let malformed = false;
    const quantities: number[] = [];
    const products: (AnyRecord | null)[] | undefined = this.readsProducts ? [] : undefined;
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
      if (products) products[count] = ((line.merchandise as AnyRecord | null | undefined)?.product as AnyRecord | null | undefined) ?? null;
      quantities[count++] = quantity;
      total += quantity;
      if (quantity < min) min = quantity;
      if (quantity > max) max = quantity;
    }
    // Shopify's lines are all objects: keep its array rather than copy it.
    const raw = (malformed ? rawLines.filter((line) => line !== null && typeof line === "object") : rawLines) as AnyRecord[];
    return (this.read = { raw, quantities, products, total, min: raw.length > 0 ? min : 0, max });
  }

  // The getters read `this.read` first: a call costs QuickJS more than the check.
  private get raw(): AnyRecord[] {
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

  /** The product of a ProductVariant line; null for a custom product. */
  product(position: number): AnyRecord | null {
    return this.productList()[position];
  }

  /** The product's title (a custom product's own title); "" when missing. */
  title(position: number): string {
    const title = ((this.product(position) ?? this.raw[position].merchandise) as AnyRecord | null | undefined)?.title;
    return typeof title === "string" ? title : "";
  }

  /**
   * Lines of products with these GIDs (`gid://shopify/Product/1`). `among`: every
   * product GID the document selects on (a list that stays the same for the run).
   * While it is short, one pass finds those products' lines (a native `indexOf`
   * per line, ~2k instructions in QuickJS); a longer list builds the index of
   * every product (~10k a line: each id becomes a property key).
   */
  withProducts(gids: readonly string[], among?: readonly string[]): Positions {
    if (this.byProduct === undefined && among !== undefined && among.length <= SCAN_LIMIT) {
      return this.scan(gids, among, false);
    }
    return lookup(this.productIndex(), gids);
  }

  /** Whether a product is on more than one line (its quantity is then the sum of those lines'). */
  get hasRepeatedProducts(): boolean {
    this.productIndex();
    return this.repeatedProducts;
  }

  private productIndex(): PositionIndex {
    if (this.byProduct) return this.byProduct;
    const products = this.productList();
    const map = newIndex();
    for (let p = 0, n = products.length; p < n; p++) {
      const id = products[p]?.id;
      if (typeof id !== "string") continue;
      // Most products have one line: the first position is stored inline (a call per line costs QuickJS ~1k).
      if (map[id] === undefined) map[id] = p;
      else {
        addPosition(map, id, p);
        this.repeatedProducts = true;
      }
    }
    return (this.byProduct = map);
  }

  /** Lines of variants with these GIDs (`gid://shopify/ProductVariant/1`); `among` as for withProducts. */
  withVariants(gids: readonly string[], among?: readonly string[]): Positions {
    if (this.byVariant === undefined && among !== undefined && among.length <= SCAN_LIMIT) {
      return this.scan(gids, among, true);
    }
    if (!this.byVariant) {
      const products = this.productList();
      const raw = this.raw;
      const map = newIndex();
      for (let p = 0; p < products.length; p++) {
        if (products[p] === null) continue; // a custom product has no variant
        const id = (raw[p].merchandise as AnyRecord).id;
        if (typeof id !== "string") continue;
        if (map[id] === undefined) map[id] = p;
        else addPosition(map, id, p);
      }
      this.byVariant = map;
    }
    return lookup(this.byVariant, gids);
  }

  /**
   * The lines of `gids`, from one pass per `among` list that finds the lines of
   * each of its GIDs: the product's id (`variants`: the merchandise's id, of
   * lines that have a product).
   */
  private scan(gids: readonly string[], among: readonly string[], variants: boolean): Positions {
    const scanned = (this.scanned ??= new Map());
    let found = scanned.get(among);
    if (found === undefined) {
      found = [];
      const products = this.productList();
      const raw = this.raw;
      for (let p = 0, n = products.length; p < n; p++) {
        const product = products[p];
        if (product === null) continue;
        const k = among.indexOf((variants ? (raw[p].merchandise as AnyRecord) : product).id as string);
        if (k < 0) continue;
        const positions = found[k];
        if (positions === undefined) found[k] = [p];
        else positions.push(p);
      }
      scanned.set(among, found);
    }
    let positions: Positions = NO_POSITIONS;
    for (let i = 0; i < gids.length; i++) {
      const k = among.indexOf(gids[i]);
      const lines = k < 0 ? undefined : found[k];
      if (lines !== undefined) positions = union(positions, lines);
    }
    return positions;
  }

  /**
   * Lines whose product answers true in one of the query's list slots (`t0`,
   * `c1` …: `hasAnyTag` / `inAnyCollection` for one tag or collection list,
   * selection-slots.ts).
   */
  withSlot(field: string): Positions {
    const cached = (this.bySlot ??= Object.create(null) as Record<string, Positions>)[field];
    if (cached) return cached;
    const products = this.productList();
    const found: number[] = [];
    let count = 0;
    for (let p = 0, n = products.length; p < n; p++) {
      if (products[p]?.[field] === true) found[count++] = p;
    }
    return (this.bySlot[field] = found);
  }

  /**
   * Smallest and largest quantity among these lines (of a list the indexes gave:
   * kept per list, so rules with the same selector walk its lines once).
   */
  quantityBounds(positions: Positions): QuantityBounds {
    const cache = (this.bounds ??= new Map());
    let bounds = cache.get(positions);
    if (bounds) return bounds;
    const quantities = this.quantities;
    let min = Infinity;
    let max = 0;
    for (let i = 0, n = positions.length; i < n; i++) {
      const q = quantities[positions[i]];
      if (q < min) min = q;
      if (q > max) max = q;
    }
    cache.set(positions, (bounds = { min: positions.length > 0 ? min : 0, max }));
    return bounds;
  }

  /**
   * Quantity per product over the given lines (every line when omitted), in
   * order of first appearance. Kept per list of lines: rules with the same
   * selector (a minimum and a maximum, say) get the same list from the indexes.
   */
  totalsByProduct(positions: Positions = this.allPositions()): ProductTotal[] {
    const cache = (this.productTotals ??= new Map());
    const cached = cache.get(positions);
    if (cached) return cached;
    const products = this.productList();
    const quantities = this.quantities;
    const byKey: Record<string, ProductTotal> = Object.create(null);
    const totals: ProductTotal[] = [];
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      const id = products[p]?.id;
      const key = typeof id === "string" ? id : "#" + p;
      const entry = byKey[key];
      if (entry) entry.quantity += quantities[p];
      else totals.push((byKey[key] = { quantity: quantities[p], position: p }));
    }
    cache.set(positions, totals);
    return totals;
  }

  /** Smallest and largest of these per-product totals (kept per list, as quantityBounds). */
  totalBounds(totals: readonly ProductTotal[]): QuantityBounds {
    const cache = (this.totalsBounds ??= new Map());
    let bounds = cache.get(totals);
    if (bounds) return bounds;
    let min = Infinity;
    let max = 0;
    for (let i = 0, n = totals.length; i < n; i++) {
      const q = totals[i].quantity;
      if (q < min) min = q;
      if (q > max) max = q;
    }
    cache.set(totals, (bounds = { min: totals.length > 0 ? min : 0, max }));
    return bounds;
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

  /** Each line's product (null for a custom product): read with the quantities, or here. */
  private productList(): (AnyRecord | null)[] {
    if (this.products) return this.products;
    const read = this.read ?? this.quantitiesRead();
    if (read.products) return (this.products = read.products);
    const raw = read.raw;
    const products: (AnyRecord | null)[] = [];
    for (let p = 0, n = raw.length; p < n; p++) {
      products[p] = ((raw[p].merchandise as AnyRecord | null | undefined)?.product as AnyRecord | null | undefined) ?? null;
    }
    return (this.products = products);
  }
}

/**
 * Key → the positions of the lines carrying it: a bare number for one line (most
 * product and variant ids), an array for more. A prototype-free object rather
 * than a Map: adding a key costs QuickJS about half as much.
 */
type PositionIndex = Record<string, number | number[]>;
const newIndex = (): PositionIndex => Object.create(null);

/** Adds a position to a key (positions arrive in cart order; a line adds a key once). */
function addPosition(index: PositionIndex, key: string, position: number): void {
  const found = index[key];
  if (found === undefined) index[key] = position;
  else if (typeof found === "number") {
    if (found !== position) index[key] = [found, position];
  } else if (found[found.length - 1] !== position) found.push(position);
}

function lookup(index: PositionIndex, keys: readonly string[]): Positions {
  let positions: Positions = NO_POSITIONS;
  for (let i = 0; i < keys.length; i++) {
    const found = index[keys[i]];
    if (found !== undefined) positions = union(positions, typeof found === "number" ? [found] : found);
  }
  return positions;
}

/** Union of two position lists in cart order, without repeats. */
export function union(a: Positions, b: Positions): Positions {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i] : Infinity;
    const y = j < b.length ? b[j] : Infinity;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}
