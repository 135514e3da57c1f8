/**
 * What the product rules ask of the cart's lines (cart-lines.ts), built on
 * first use and shared by every rule of a run: the lines of given products
 * and variants, the lines each tag or collection list slot matches, quantity
 * bounds over a selection, and per-product sums.
 *
 * Only the products functions read their lines this way (cart-rules.ts,
 * `readProductLines`). Given the document's lists and ids (`readWith`), one
 * pass reads each line's quantity and finds the lines of every list slot and
 * of the document's products and variants (while there are at most
 * SCAN_LIMIT of each): a pass per question cost QuickJS ~12k instructions a
 * line, the one pass ~8.7k. A rule then costs what its own selector lists
 * (a few look-ups) plus the lines it matches, not the whole cart.
 */
import { CartLines, type AnyRecord, type Positions, type Quantities } from "./cart-lines";
import type { SlotFields } from "./selection-slots";

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

/** A selection's smallest and largest line quantity, and the sum of its lines' quantities. */
export interface SelectionQuantities extends QuantityBounds {
  total: number;
}

/** The product of a ProductVariant line; null for a custom product (or a line without merchandise). */
const productOf = (line: AnyRecord): AnyRecord | null =>
  ((line.merchandise as AnyRecord | null | undefined)?.product as AnyRecord | null | undefined) ?? null;

export class ProductLines extends CartLines {
  /** The document's list slots and ids, looked for in the quantities' pass. */
  private slots?: SlotFields;
  private byProduct?: PositionIndex;
  private repeatedProducts = false;
  private byVariant?: PositionIndex;
  private scanned?: Map<readonly string[], (number[] | undefined)[]>;
  private bySlot?: Record<string, Positions>;
  private productTotals?: Map<Positions, ProductTotal[]>;
  private bounds?: Map<Positions, SelectionQuantities>;
  private totalsBounds?: Map<readonly ProductTotal[], QuantityBounds>;

  /**
   * The document's list slots and ids (slotFields), so that the pass reading
   * the quantities also finds their lines. Without it (or once the lines are
   * read), each is found by a pass of its own when first asked.
   */
  readWith(slots: SlotFields): void {
    if (this.slots === undefined && this.read === undefined) this.slots = slots;
  }

  // The quantities' pass of CartLines, and in the same loop each line's answers in
  // the document's slots (up to four fields, unrolled: a loop per line costs QuickJS
  // more) and its product's and variant's place among the document's GIDs.
  protected override quantitiesRead(): Quantities {
    if (this.read) return this.read;
    const slots = this.slots;
    const fields = slots === undefined ? [] : slots.fields;
    const f0 = fields[0] as string | undefined;
    const f1 = fields[1] as string | undefined;
    const f2 = fields[2] as string | undefined;
    const f3 = fields[3] as string | undefined;
    const s0: number[] = [];
    const s1: number[] = [];
    const s2: number[] = [];
    const s3: number[] = [];
    const products = slots !== undefined && slots.products.length > 0 && slots.products.length <= SCAN_LIMIT ? slots.products : null;
    const variants = slots !== undefined && slots.variants.length > 0 && slots.variants.length <= SCAN_LIMIT ? slots.variants : null;
    const ofProducts: (number[] | undefined)[] = [];
    const ofVariants: (number[] | undefined)[] = [];
    const looksUp = f0 !== undefined || products !== null || variants !== null;

    const input = this.input;
    let total = 0;
    let min = Infinity;
    let max = 0;
    let malformed = false;
    const quantities: number[] = [];
    let count = 0;
    for (let i = 0, n = input.length; i < n; i++) {
      const line = input[i] as AnyRecord | null;
      if (typeof line !== "object" || line === null) {
        malformed = true;
        continue;
      }
      const q = line.quantity as number;
      const quantity = q === (q | 0) && q > 0 ? q : 0;
      const position = count;
      quantities[count++] = quantity;
      total += quantity;
      if (quantity < min) min = quantity;
      if (quantity > max) max = quantity;
      if (!looksUp) continue;
      const merchandise = line.merchandise as AnyRecord | null | undefined;
      const product = merchandise?.product as AnyRecord | null | undefined;
      if (product === null || product === undefined) continue; // a custom product: no tags, collections nor ids
      if (f0 !== undefined) {
        if (product[f0] === true) s0.push(position);
        if (f1 !== undefined) {
          if (product[f1] === true) s1.push(position);
          if (f2 !== undefined) {
            if (product[f2] === true) s2.push(position);
            if (f3 !== undefined && product[f3] === true) s3.push(position);
          }
        }
      }
      if (products !== null) {
        const k = products.indexOf(product.id as string);
        if (k >= 0) (ofProducts[k] ??= []).push(position);
      }
      if (variants !== null) {
        const k = variants.indexOf(merchandise!.id as string);
        if (k >= 0) (ofVariants[k] ??= []).push(position);
      }
    }
    if (looksUp) {
      const bySlot: Record<string, Positions> = (this.bySlot = Object.create(null));
      const found = [s0, s1, s2, s3];
      for (let f = 0; f < fields.length; f++) bySlot[fields[f]] = found[f];
      this.scanned = new Map();
      if (products !== null) this.scanned.set(products, ofProducts);
      if (variants !== null) this.scanned.set(variants, ofVariants);
    }
    // Shopify's lines are all objects: keep its array rather than copy it.
    const raw = (malformed ? input.filter((line) => line !== null && typeof line === "object") : input) as AnyRecord[];
    return (this.read = { raw, quantities, total, min: raw.length > 0 ? min : 0, max });
  }

  /** The product of a ProductVariant line; null for a custom product. */
  product(position: number): AnyRecord | null {
    return productOf(this.raw[position]);
  }

  /** The product's title (a custom product's own title); "" when missing. */
  title(position: number): string {
    const line = this.raw[position];
    const title = ((productOf(line) ?? line.merchandise) as AnyRecord | null | undefined)?.title;
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

  /** Lines of variants with these GIDs (`gid://shopify/ProductVariant/1`); `among` as for withProducts. */
  withVariants(gids: readonly string[], among?: readonly string[]): Positions {
    if (this.byVariant === undefined && among !== undefined && among.length <= SCAN_LIMIT) {
      return this.scan(gids, among, true);
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
    return lookup(this.byVariant, gids);
  }

  /**
   * The lines of `gids`, from one pass per `among` list (the quantities' pass,
   * for the document's lists: readWith) that finds the lines of each of its
   * GIDs: the product's id (`variants`: the merchandise's id, of lines that
   * have a product).
   */
  private scan(gids: readonly string[], among: readonly string[], variants: boolean): Positions {
    const raw = this.raw; // the quantities' pass first: it may find them
    const scanned = (this.scanned ??= new Map());
    let found = scanned.get(among);
    if (found === undefined) {
      found = [];
      for (let p = 0, n = raw.length; p < n; p++) {
        const product = productOf(raw[p]);
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
    const raw = this.raw; // the quantities' pass first: it answers the document's slots
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
    const cache = (this.bounds ??= new Map());
    let bounds = cache.get(positions);
    if (bounds) return bounds;
    const quantities = this.quantities;
    let min = Infinity;
    let max = 0;
    let total = 0;
    for (let i = 0, n = positions.length; i < n; i++) {
      const q = quantities[positions[i]];
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
    const quantities = this.quantities;
    const byKey: Record<string, ProductTotal> = Object.create(null);
    const totals: ProductTotal[] = [];
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      const id = productOf(raw[p])?.id;
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
