/**
 * Products, variants and collections as a merchant can name them. The app's
 * only access scope is write_validations, so it cannot list or search the
 * catalogue; instead every product field accepts what a merchant can copy:
 *
 * - the page's URL in the Shopify admin: https://admin.shopify.com/store/<store>/products/123,
 *   …/products/123/variants/456, …/collections/789, or the older
 *   https://<shop>.myshopify.com/admin/products/123 form;
 * - the bare numeric id: 123;
 * - the GID: gid://shopify/Product/123, gid://shopify/ProductVariant/456, gid://shopify/Collection/789.
 *
 * Rules store the numeric id only (the engine's selectors, config.ts), so
 * exported and existing rules keep their format. Shared by the rule editor and
 * the simulator, in the browser (what was understood, while typing) and on the
 * server (what is saved). Not used by the checkout functions.
 *
 * Every input this module refuses is also refused by the configuration's own
 * numeric-id check, so a refused value can never be saved by mistake.
 */

export type IdKind = "product" | "variant" | "collection";

export interface ShopifyRef {
  kind: IdKind;
  /** Numeric id, as rules store it. */
  id: string;
  /** A variant's product, when the pasted value says (an admin variant URL). */
  productId?: string;
}

export type RefResult = { ok: true; ref: ShopifyRef } | { ok: false; error: string };

/** The same rule as the configuration's numeric ids (config.ts). */
const NUMERIC_ID = /^[1-9][0-9]{0,19}$/;

const GID_TYPES: Record<string, IdKind> = { product: "product", productvariant: "variant", collection: "collection" };

// User-facing text, in one place (to be moved to the translation catalogs).
export const ID_TEXT = {
  kindName: { product: "product", variant: "variant", collection: "collection" } as Record<IdKind, string>,
  fieldName: { product: "Products", variant: "Variants", collection: "Collections" } as Record<IdKind, string>,
  help: (kind: IdKind) =>
    `Paste ${ID_TEXT.kindName[kind]} page URLs from your Shopify admin, or ids; one per line or comma-separated.`,
  helpOne: "Its page URL from your Shopify admin, or its id.",
  understood: "Understood:",
  badNumber: "An id is a whole number without leading zeros, up to 20 digits.",
  howToCopy: {
    product: "Open the product in your Shopify admin (Products, then the product) and copy the address from the browser's address bar.",
    variant: "Open the product in your Shopify admin, click the variant, and copy the address from the browser's address bar.",
    collection: "Open the collection in your Shopify admin (Products, Collections, then the collection) and copy the address from the browser's address bar.",
  } as Record<IdKind, string>,
  storefront: (handle: string) =>
    `This is your online store's address: it names the item by its handle ("${handle}"), not by its id.`,
  notAdminPage: "This address is not the page of a product, variant or collection in the Shopify admin.",
  otherAdminPage: (section: string) => `This is the admin page of ${section}, not of a product, variant or collection.`,
  onlyOne: (kind: IdKind) => `Enter one ${ID_TEXT.kindName[kind]} here.`,
  otherGid: (type: string) => `This is the id of a ${type}, not of a product, variant or collection.`,
  notUnderstood: (kind: IdKind) =>
    `Not a ${ID_TEXT.kindName[kind]}: paste its page URL from your Shopify admin, its numeric id, or gid://shopify/${gidType(kind)}/….`,
  wrongKind: (found: ShopifyRef, expected: IdKind) =>
    `This is ${describeRef(found)}, not a ${ID_TEXT.kindName[expected]}: put it under ${ID_TEXT.fieldName[found.kind]}` +
    (found.kind === "variant" && expected === "product" && found.productId
      ? `, or paste the product's URL (without /variants/${found.id}) to select all its variants.`
      : "."),
};

export function gidType(kind: IdKind): string {
  return kind === "product" ? "Product" : kind === "variant" ? "ProductVariant" : "Collection";
}

/** "product 123", "variant 456 of product 123", "collection 789". */
export function describeRef(ref: ShopifyRef): string {
  const base = `${ID_TEXT.kindName[ref.kind]} ${ref.id}`;
  return ref.kind === "variant" && ref.productId ? `${base} of product ${ref.productId}` : base;
}

/**
 * The item's page in the shop's Shopify admin, for the merchant to check what an id is (the app
 * cannot read product titles). A variant saved without its product has no page address.
 */
export function adminUrl(shop: string, ref: ShopifyRef): string | undefined {
  const base = `https://admin.shopify.com/store/${encodeURIComponent(shop.replace(/\.myshopify\.com$/i, ""))}`;
  if (ref.kind === "product") return `${base}/products/${ref.id}`;
  if (ref.kind === "collection") return `${base}/collections/${ref.id}`;
  return ref.productId ? `${base}/products/${ref.productId}/variants/${ref.id}` : undefined;
}

const ok = (kind: IdKind, id: string, productId?: string): RefResult =>
  NUMERIC_ID.test(id) && (productId === undefined || NUMERIC_ID.test(productId))
    ? { ok: true, ref: productId === undefined ? { kind, id } : { kind, id, productId } }
    : { ok: false, error: ID_TEXT.badNumber };

/** What `value` names, whatever field it was typed in. */
export function readRef(value: string, expected: IdKind): RefResult {
  const text = value.trim();
  if (/^\d+$/.test(text)) return ok(expected, text);

  const gid = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#\s]*)(?:[?#].*)?$/i.exec(text);
  if (gid) {
    const kind = GID_TYPES[gid[1].toLowerCase()];
    return kind ? ok(kind, gid[2]) : { ok: false, error: ID_TEXT.otherGid(gid[1]) };
  }

  const url = asUrl(text);
  if (!url) return { ok: false, error: ID_TEXT.notUnderstood(expected) };
  const segments = url.pathname.split("/").filter(Boolean).map(safeDecode);
  const host = url.hostname.toLowerCase();
  let adminPath: string[] | null = null;
  if (host === "admin.shopify.com" && segments[0] === "store" && segments.length >= 2) adminPath = segments.slice(2);
  else if (host.endsWith(".myshopify.com") && segments[0] === "admin") adminPath = segments.slice(1);
  if (adminPath) return readAdminPath(adminPath, expected);
  if (host === "admin.shopify.com") return { ok: false, error: `${ID_TEXT.notAdminPage} ${ID_TEXT.howToCopy[expected]}` };
  return readStorefront(segments, url, expected);
}

/** An http(s) URL, with or without its scheme ("admin.shopify.com/store/…"). */
function asUrl(text: string): URL | null {
  if (/\s/.test(text)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(text) ? `https://${text}` : null;
  if (!withScheme) return null;
  try {
    const url = new URL(withScheme);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readAdminPath(path: string[], expected: IdKind): RefResult {
  const [section, id, sub, subId, ...rest] = path;
  const isId = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
  if (section === "products" && isId(id) && !sub) return ok("product", id);
  if (section === "products" && isId(id) && sub === "variants" && isId(subId) && rest.length === 0) return ok("variant", subId, id);
  if (section === "collections" && isId(id) && !sub) return ok("collection", id);
  if (section === "products" || section === "collections") {
    // The list, "new", or a sub-page: not one item's page.
    return { ok: false, error: `${ID_TEXT.notAdminPage} ${ID_TEXT.howToCopy[expected]}` };
  }
  return { ok: false, error: `${ID_TEXT.otherAdminPage(section ?? "your store's home")} ${ID_TEXT.howToCopy[expected]}` };
}

/**
 * A storefront URL names products and collections by handle, which the app
 * cannot turn into an id. Its `?variant=` parameter does hold a variant id.
 */
function readStorefront(segments: string[], url: URL, expected: IdKind): RefResult {
  // "/collections/summer/products/hat" names both: quote the one the field asks for.
  const wanted = expected === "collection" ? "collections" : "products";
  const at = [wanted, "products", "collections"].map((name) => segments.indexOf(name)).find((i) => i !== -1 && segments[i + 1]) ?? -1;
  if (at === -1) return { ok: false, error: `${ID_TEXT.notAdminPage} ${ID_TEXT.howToCopy[expected]}` };
  const variant = url.searchParams.get("variant");
  if (expected === "variant" && segments[at] === "products" && variant) return ok("variant", variant);
  return { ok: false, error: `${ID_TEXT.storefront(segments[at + 1])} ${ID_TEXT.howToCopy[expected]}` };
}

/** `value` read for a field of `expected` ids: anything naming another kind is refused. */
export function parseRef(value: string, expected: IdKind): RefResult {
  const read = readRef(value, expected);
  if (read.ok && read.ref.kind !== expected) return { ok: false, error: ID_TEXT.wrongKind(read.ref, expected) };
  return read;
}

export interface RefList {
  /** Numeric ids as rules store them, in order, each once; a refused entry is kept as written (refused again when saved). */
  ids: string[];
  refs: ShopifyRef[];
  errors: { input: string; error: string }[];
}

/** Entries separated by commas, semicolons, spaces or new lines. */
export const splitRefs = (value: string) => value.split(/[\s,;]+/).filter(Boolean);

export function parseRefList(value: string, expected: IdKind): RefList {
  const list: RefList = { ids: [], refs: [], errors: [] };
  for (const input of splitRefs(value)) {
    const result = parseRef(input, expected);
    if (!result.ok) {
      list.errors.push({ input, error: result.error });
      list.ids.push(input);
    } else if (!list.refs.some((r) => r.id === result.ref.id)) {
      list.refs.push(result.ref);
      list.ids.push(result.ref.id);
    }
  }
  return list;
}

const shorten = (input: string) => (input.length > 60 ? `${input.slice(0, 57)}…` : input);

/** One message for a field's refused entries, each quoted. */
export function refListError(list: RefList): string | undefined {
  if (!list.errors.length) return undefined;
  return list.errors.map((e) => `"${shorten(e.input)}": ${e.error}`).join(" ");
}

/** Whether a message is refListError's (each entry quoted first): the field's live reading replaces it. */
export const isRefListError = (message: string) => message.startsWith('"');

/** What the field was understood to hold: "Understood: product 123, variant 456 of product 123." */
export function refListSummary(list: RefList): string | undefined {
  if (!list.refs.length) return undefined;
  return `${ID_TEXT.understood} ${list.refs.map(describeRef).join(", ")}.`;
}
