/**
 * What the product rules ask of the cart's lines (cart-lines.ts), built on
 * first use and shared by every rule of a run: the lines of given products
 * and variants, the lines each tag or collection list slot matches, quantity
 * bounds over a selection, and per-product sums.
 *
 * Only the products functions read their lines this way (cart-rules.ts,
 * `readProductLines`). Given the document's lists and ids (`readWith`), one
 * pass over the lines finds the lines of every list slot and of the
 * document's products and variants (while there are at most SCAN_LIMIT of
 * each, or half as many as the lines): a pass per question cost QuickJS ~12k
 * instructions a line with the quantities. Quantities are read only of the
 * lines a selection matches, the whole cart's only for a rule without a
 * selector. A rule then costs what its own selector lists (a few look-ups)
 * plus the lines it matches, not the whole cart.
 */
import { CartLines, objectLines, type AnyRecord, type Positions, type Quantities } from "./cart-lines";
import { PRODUCT_GID, VARIANT_GID, type SlotFields } from "./selection-slots";

const NO_POSITIONS: Positions = [];

/**
 * Up to this many product (or variant) GIDs in a document, or half as many as
 * the cart's lines, their lines are found by one pass rather than the index of
 * every product. On Shopify's engine the pass costs ~1.6k instructions a line
 * less than the index (a key look-up against adding each line's product as a
 * key) and ~8k a GID more (its look-up table, and each selector's look-up in
 * it). At 200 lines: the bench's 50 product rules (62 GIDs) 0.32M less, one
 * rule listing 100 products the same, 150 products 0.19M more.
 */
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

/** A selection's smallest and largest line quantity, and the sum of its lines' quantities. */
export interface SelectionQuantities extends QuantityBounds {
  total: number;
}

/** The product of a ProductVariant line; null for a custom product (or a line without merchandise). */
const productOf = (line: AnyRecord): AnyRecord | null =>
  ((line.merchandise as AnyRecord | null | undefined)?.product as AnyRecord | null | undefined) ?? null;

/** A line's quantity, as CartLines reads it: 0 when missing or invalid (see there). */
const quantityOf = (line: AnyRecord): number => {
  const q = line.quantity as number;
  return q === (q | 0) && q > 0 ? q : 0;
};

/**
 * GID → its place in `gids`: how the lines' pass, and each selector after it,
 * find the document's GIDs. A key look-up costs QuickJS less than `indexOf`
 * on even three GIDs, and does not grow with the list.
 */
function gidIndex(gids: readonly string[]): Record<string, number> {
  const index: Record<string, number> = Object.create(null);
  for (let k = 0; k < gids.length; k++) index[gids[k]] = k;
  return index;
}

/** The document's GIDs (`among`, looked up by `keys`) and the lines of each, by place. */
interface GidLines {
  keys: Record<string, number>;
  lines: (number[] | undefined)[];
}

/** Whether the lines of the document's GIDs are found by a pass rather than the index of every product. */
const scansFor = (among: readonly string[] | undefined, lines: number): among is readonly string[] =>
  among !== undefined && among.length > 0 && (among.length <= SCAN_LIMIT || among.length * 2 <= lines);

export class ProductLines extends CartLines {
  /** The document's list slots and ids, looked for in the lines' pass. */
  private slots?: SlotFields;
  /** The input's lines that are objects, from the lines' pass. */
  private objects?: AnyRecord[];
  private byProduct?: PositionIndex;
  private repeatedProducts = false;
  private byVariant?: PositionIndex;
  private scanned?: Map<readonly string[], GidLines>;
  private bySlot?: Record<string, Positions>;
  private productTotals?: Map<Positions, ProductTotal[]>;
  private bounds?: Map<Positions, SelectionQuantities>;
  private totalsBounds?: Map<readonly ProductTotal[], QuantityBounds>;

  /**
   * The document's list slots and ids (slotFields), so that the pass over the
   * lines also finds their lines. Without it (or once the lines are read), each
   * is found by a pass of its own when first asked.
   */
  readWith(slots: SlotFields): void {
    if (this.slots === undefined && this.objects === undefined) this.slots = slots;
  }

  protected override get raw(): AnyRecord[] {
    return this.objects ?? this.readLines();
  }

  // The lines that are objects and, in the same loop, each line's answers in the
  // document's slots and its product's and variant's place among the document's
  // GIDs. The slots are read by name (t0 … c1): QuickJS charges a computed key
  // ~350 instructions more a read; a slot field of another name is found by
  // withSlot's own pass.
  private readLines(): AnyRecord[] {
    const slots = this.slots;
    // The document's lists take the slots in order (selection-slots.ts).
    const tagLists = slots === undefined ? 0 : slots.tags.length;
    const collectionLists = slots === undefined ? 0 : slots.collections.length;
    const t0 = tagLists > 0;
    const t1 = tagLists > 1;
    const c0 = collectionLists > 0;
    const c1 = collectionLists > 1;
    const inT0: number[] = [];
    const inT1: number[] = [];
    const inC0: number[] = [];
    const inC1: number[] = [];
    const input = this.input;
    const products = slots !== undefined && scansFor(slots.products, input.length) ? gidIndex(slots.products) : null;
    const variants = slots !== undefined && scansFor(slots.variants, input.length) ? gidIndex(slots.variants) : null;
    const ofProducts: (number[] | undefined)[] = [];
    const ofVariants: (number[] | undefined)[] = [];
    const looksUp = t0 || t1 || c0 || c1 || products !== null || variants !== null;

    let malformed = false;
    let position = 0;
    for (let i = 0, n = input.length; i < n; i++) {
      const line = input[i] as AnyRecord | null;
      if (typeof line !== "object" || line === null) {
        malformed = true;
        continue;
      }
      const p = position++;
      if (!looksUp) continue;
      const merchandise = line.merchandise as AnyRecord | null | undefined;
      if (!merchandise) continue;
      const product = merchandise.product as AnyRecord | null | undefined;
      if (!product) continue; // a custom product: no tags, collections nor ids
      if (t0 && product.t0 === true) inT0.push(p);
      if (t1 && product.t1 === true) inT1.push(p);
      if (c0 && product.c0 === true) inC0.push(p);
      if (c1 && product.c1 === true) inC1.push(p);
      if (products !== null) {
        const k = products[product.id as string];
        if (k !== undefined) (ofProducts[k] ??= []).push(p);
      }
      if (variants !== null) {
        const k = variants[merchandise!.id as string];
        if (k !== undefined) (ofVariants[k] ??= []).push(p);
      }
    }
    if (looksUp) {
      const bySlot: Record<string, Positions> = (this.bySlot = Object.create(null));
      if (t0) bySlot.t0 = inT0;
      if (t1) bySlot.t1 = inT1;
      if (c0) bySlot.c0 = inC0;
      if (c1) bySlot.c1 = inC1;
      this.scanned = new Map();
      if (products !== null) this.scanned.set(slots!.products, { keys: products, lines: ofProducts });
      if (variants !== null) this.scanned.set(slots!.variants, { keys: variants, lines: ofVariants });
    }
    return (this.objects = objectLines(input, malformed));
  }

  // Every line's quantity, for a rule without a selector: over the lines already read.
  protected override quantitiesRead(): Quantities {
    if (this.read) return this.read;
    const raw = this.raw;
    const quantities: number[] = [];
    let total = 0;
    let min = Infinity;
    let max = 0;
    for (let p = 0, n = raw.length; p < n; p++) {
      const quantity = quantityOf(raw[p]);
      quantities[p] = quantity;
      total += quantity;
      if (quantity < min) min = quantity;
      if (quantity > max) max = quantity;
    }
    return (this.read = { raw, quantities, total, min: raw.length > 0 ? min : 0, max });
  }

  /** The quantity of the line at `position` (0 when missing or invalid). */
  quantityAt(position: number): number {
    return quantityOf(this.raw[position]);
  }

  /** The product's title (a custom product's own title); "" when missing. */
  title(position: number): string {
    const line = this.raw[position];
    const title = ((productOf(line) ?? line.merchandise) as AnyRecord | null | undefined)?.title;
    return typeof title === "string" ? title : "";
  }

  /**
   * Lines of the products with these ids (`1` for `gid://shopify/Product/1`, as
   * the document lists them: the GID is made where it is looked up, rather than
   * in a list of its own). `among`: every product GID the document selects on
   * (a list that stays the same for the run). While it is short, one pass finds
   * those products' lines (a key look-up per line); a longer list builds the
   * index of every product (each line's id becomes a property key).
   */
  withProducts(ids: readonly string[], among?: readonly string[]): Positions {
    if (this.byProduct === undefined && scansFor(among, this.input.length)) {
      return this.scan(ids, PRODUCT_GID, among, false);
    }
    return lookup(this.productIndex(), PRODUCT_GID, ids);
  }

  /** Whether a product is on more than one line (its quantity is then the sum of those lines'). */
  get hasRepeatedProducts(): boolean {
    this.productIndex();
    return this.repeatedProducts;
  }

  private productIndex(): PositionIndex {
    if (this.byProduct) return this.byProduct;
    const raw = this.raw;
    const map = newIndex();
    for (let p = 0, n = raw.length; p < n; p++) {
      const id = productOf(raw[p])?.id;
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

  /** Lines of the variants with these ids (`1` for `gid://shopify/ProductVariant/1`); `among` as for withProducts. */
  withVariants(ids: readonly string[], among?: readonly string[]): Positions {
    if (this.byVariant === undefined && scansFor(among, this.input.length)) {
      return this.scan(ids, VARIANT_GID, among, true);
    }
    if (!this.byVariant) {
      const raw = this.raw;
      const map = newIndex();
      for (let p = 0; p < raw.length; p++) {
        if (productOf(raw[p]) === null) continue; // a custom product has no variant
        const id = (raw[p].merchandise as AnyRecord).id;
        if (typeof id !== "string") continue;
        if (map[id] === undefined) map[id] = p;
        else addPosition(map, id, p);
      }
      this.byVariant = map;
    }
    return lookup(this.byVariant, VARIANT_GID, ids);
  }

  /**
   * The lines of the GIDs `prefix` + `ids`, from one pass per `among` list (the
   * lines' pass, for the document's lists: readWith) that finds the lines of
   * each of its GIDs: the product's id (`variants`: the merchandise's id, of
   * lines that have a product).
   */
  private scan(ids: readonly string[], prefix: string, among: readonly string[], variants: boolean): Positions {
    const raw = this.raw; // the lines' pass first: it may find them
    const scanned = (this.scanned ??= new Map());
    let found = scanned.get(among);
    if (found === undefined) {
      found = { keys: gidIndex(among), lines: [] };
      for (let p = 0, n = raw.length; p < n; p++) {
        const product = productOf(raw[p]);
        if (product === null) continue;
        const k = found.keys[(variants ? (raw[p].merchandise as AnyRecord) : product).id as string];
        if (k === undefined) continue;
        const positions = found.lines[k];
        if (positions === undefined) found.lines[k] = [p];
        else positions.push(p);
      }
      scanned.set(among, found);
    }
    let positions: Positions = NO_POSITIONS;
    for (let i = 0; i < ids.length; i++) {
      const k = found.keys[prefix + ids[i]];
      const lines = k === undefined ? undefined : found.lines[k];
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
    const raw = this.raw; // the lines' pass first: it answers the document's slots
    const cached = (this.bySlot ??= Object.create(null) as Record<string, Positions>)[field];
    if (cached) return cached;
    const found: number[] = [];
    for (let p = 0, n = raw.length; p < n; p++) {
      if (productOf(raw[p])?.[field] === true) found.push(p);
    }
    return (this.bySlot[field] = found);
  }

  /**
   * Smallest and largest quantity among these lines, and their sum (of a list
   * the indexes gave: kept per list, so rules with the same selector walk its
   * lines once).
   */
  quantityBounds(positions: Positions): SelectionQuantities {
    // One line (a rule on one product, say): its quantity, without the cache's look-up and entry.
    if (positions.length === 1) {
      const q = quantityOf(this.raw[positions[0]]);
      return { min: q, max: q, total: q };
    }
    const cache = (this.bounds ??= new Map());
    let bounds = cache.get(positions);
    if (bounds) return bounds;
    const raw = this.raw;
    let min = Infinity;
    let max = 0;
    let total = 0;
    for (let i = 0, n = positions.length; i < n; i++) {
      const q = quantityOf(raw[positions[i]]);
      total += q;
      if (q < min) min = q;
      if (q > max) max = q;
    }
    cache.set(positions, (bounds = { min: positions.length > 0 ? min : 0, max, total }));
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
    const raw = this.raw;
    const byKey: Record<string, ProductTotal> = Object.create(null);
    const totals: ProductTotal[] = [];
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      const line = raw[p];
      const id = productOf(line)?.id;
      const key = typeof id === "string" ? id : "#" + p;
      const entry = byKey[key];
      if (entry) entry.quantity += quantityOf(line);
      else totals.push((byKey[key] = { quantity: quantityOf(line), position: p }));
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

/** The positions of the keys `prefix` + `ids` in an index. */
function lookup(index: PositionIndex, prefix: string, ids: readonly string[]): Positions {
  let positions: Positions = NO_POSITIONS;
  for (let i = 0; i < ids.length; i++) {
    const found = index[prefix + ids[i]];
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
