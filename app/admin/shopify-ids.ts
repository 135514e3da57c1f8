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

import { translate, type Translate } from "../i18n";

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

// User-facing text: ids.* in app/locales, in the language of `t` (English by default).
export function idText(t: Translate) {
  const kindName = (kind: IdKind) => t(`ids.kind.${kind}`);
  return {
    kindName,
    fieldName: (kind: IdKind) => t(`ids.field.${kind}`),
    help: (kind: IdKind) => t("ids.help", { context: kind }),
    helpOne: t("ids.helpOne"),
    understood: t("ids.understood"),
    badNumber: t("ids.badNumber"),
    howToCopy: (kind: IdKind) => t(`ids.howToCopy.${kind}`),
    storefront: (handle: string) => t("ids.storefront", { handle }),
    notAdminPage: t("ids.notAdminPage"),
    otherAdminPage: (section: string | undefined) => t("ids.otherAdminPage", { section: section ?? t("ids.storeHome") }),
    onlyOne: (kind: IdKind) => t("ids.onlyOne", { context: kind }),
    otherGid: (type: string) => t("ids.otherGid", { type }),
    notUnderstood: (kind: IdKind) => t("ids.notUnderstood", { context: kind, gid: gidType(kind) }),
    wrongKind: (found: ShopifyRef, expected: IdKind) =>
      t("ids.wrongKind", { context: expected, found: describeRef(found, t), field: t(`ids.field.${found.kind}`) }) +
      (found.kind === "variant" && expected === "product" && found.productId ? t("ids.wrongKindVariant", { id: found.id }) : "."),
  };
}
const ENGLISH = translate("en");
/** The English text (tests, and callers without a language). */
export const ID_TEXT = idText(ENGLISH);

export function gidType(kind: IdKind): string {
  return kind === "product" ? "Product" : kind === "variant" ? "ProductVariant" : "Collection";
}

/** "product 123", "variant 456 of product 123", "collection 789". */
export function describeRef(ref: ShopifyRef, t: Translate = ENGLISH): string {
  const kind = t(`ids.kind.${ref.kind}`);
  return ref.kind === "variant" && ref.productId
    ? t("ids.describeVariant", { kind, id: ref.id, product: ref.productId })
    : t("ids.describe", { kind, id: ref.id });
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

const ok = (text: IdText, kind: IdKind, id: string, productId?: string): RefResult =>
  NUMERIC_ID.test(id) && (productId === undefined || NUMERIC_ID.test(productId))
    ? { ok: true, ref: productId === undefined ? { kind, id } : { kind, id, productId } }
    : { ok: false, error: text.badNumber };
type IdText = ReturnType<typeof idText>;

/** What `value` names, whatever field it was typed in. */
export function readRef(value: string, expected: IdKind, t: Translate = ENGLISH): RefResult {
  const ID_TEXT = idText(t);
  const text = value.trim();
  if (/^\d+$/.test(text)) return ok(ID_TEXT, expected, text);

  const gid = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#\s]*)(?:[?#].*)?$/i.exec(text);
  if (gid) {
    const kind = GID_TYPES[gid[1].toLowerCase()];
    return kind ? ok(ID_TEXT, kind, gid[2]) : { ok: false, error: ID_TEXT.otherGid(gid[1]) };
  }

  const url = asUrl(text);
  if (!url) return { ok: false, error: ID_TEXT.notUnderstood(expected) };
  const segments = url.pathname.split("/").filter(Boolean).map(safeDecode);
  const host = url.hostname.toLowerCase();
  let adminPath: string[] | null = null;
  if (host === "admin.shopify.com" && segments[0] === "store" && segments.length >= 2) adminPath = segments.slice(2);
  else if (host.endsWith(".myshopify.com") && segments[0] === "admin") adminPath = segments.slice(1);
  if (adminPath) return readAdminPath(adminPath, expected, ID_TEXT);
  if (host === "admin.shopify.com") return { ok: false, error: `${ID_TEXT.notAdminPage} ${ID_TEXT.howToCopy(expected)}` };
  return readStorefront(segments, url, expected, ID_TEXT);
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

function readAdminPath(path: string[], expected: IdKind, ID_TEXT: IdText): RefResult {
  const [section, id, sub, subId, ...rest] = path;
  const isId = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
  if (section === "products" && isId(id) && !sub) return ok(ID_TEXT, "product", id);
  if (section === "products" && isId(id) && sub === "variants" && isId(subId) && rest.length === 0) return ok(ID_TEXT, "variant", subId, id);
  if (section === "collections" && isId(id) && !sub) return ok(ID_TEXT, "collection", id);
  if (section === "products" || section === "collections") {
    // The list, "new", or a sub-page: not one item's page.
    return { ok: false, error: `${ID_TEXT.notAdminPage} ${ID_TEXT.howToCopy(expected)}` };
  }
  return { ok: false, error: `${ID_TEXT.otherAdminPage(section)} ${ID_TEXT.howToCopy(expected)}` };
}

/**
 * A storefront URL names products and collections by handle, which the app
 * cannot turn into an id. Its `?variant=` parameter does hold a variant id.
 */
function readStorefront(segments: string[], url: URL, expected: IdKind, ID_TEXT: IdText): RefResult {
  // "/collections/summer/products/hat" names both: quote the one the field asks for.
  const wanted = expected === "collection" ? "collections" : "products";
  const at = [wanted, "products", "collections"].map((name) => segments.indexOf(name)).find((i) => i !== -1 && segments[i + 1]) ?? -1;
  if (at === -1) return { ok: false, error: `${ID_TEXT.notAdminPage} ${ID_TEXT.howToCopy(expected)}` };
  const variant = url.searchParams.get("variant");
  if (expected === "variant" && segments[at] === "products" && variant) return ok(ID_TEXT, "variant", variant);
  return { ok: false, error: `${ID_TEXT.storefront(segments[at + 1])} ${ID_TEXT.howToCopy(expected)}` };
}

/** `value` read for a field of `expected` ids: anything naming another kind is refused. */
export function parseRef(value: string, expected: IdKind, t: Translate = ENGLISH): RefResult {
  const read = readRef(value, expected, t);
  if (read.ok && read.ref.kind !== expected) return { ok: false, error: idText(t).wrongKind(read.ref, expected) };
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

export function parseRefList(value: string, expected: IdKind, t: Translate = ENGLISH): RefList {
  const list: RefList = { ids: [], refs: [], errors: [] };
  for (const input of splitRefs(value)) {
    const result = parseRef(input, expected, t);
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
export function refListSummary(list: RefList, t: Translate = ENGLISH): string | undefined {
  if (!list.refs.length) return undefined;
  return `${idText(t).understood} ${list.refs.map((ref) => describeRef(ref, t)).join(", ")}.`;
}
