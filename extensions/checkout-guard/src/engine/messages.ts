/**
 * Messages at checkout: template selection and rendering, from the message
 * catalog the admin compiled for this function.
 *
 * The built-in tables (default messages in seven languages, field and
 * address-kind labels) live on the admin side (message-tables.ts): compiled
 * into a function they would be ~63 kB of bytecode, loaded at every run. The
 * admin publishes instead, next to each function's document, the templates and
 * labels that function's rules can need, in every built-in language
 * (message-catalog.ts, `compileMessages`): the `messages` metafield of its
 * Validation, which its input query reads as `validation.messages.jsonValue`.
 *
 * The catalog is one string per language, each line `key=text`:
 *
 *     { "en": "\naddressKind={field}: we can't…\nfield.address1=Address\nkind.poBox=PO box\n",
 *       "fr": "…\nfield.city=Ville\nkind.poBox=bo%C3%AEte postale\n…", "pt-br": "\nfield.zip=CEP\n" }
 *
 * a message key for a default template, `field.<field>` for a {field} label,
 * `kind.<kind>` for a {kind} label; a regional language ("pt-br", "pt-pt")
 * holds only its own label variants. Looked up with `indexOf` and `slice`
 * (native); only the line used is decoded. What it costs the function, on
 * Shopify's engine: each value received ~2,600 instructions (so one string
 * per language, not one value per template), `JSON.parse` ~240 per byte (so
 * not JSON text), a string ~10 per byte when it is ASCII but ~60 per character
 * and ~250 per non-ASCII character once it holds one (so "%" and the non-ASCII
 * characters of a text are percent-encoded as UTF-8, `decodeURIComponent` on
 * the line used: a full address catalog is received for ~0.11M instead of
 * ~0.45M).
 *
 * Template selection for a buyer language (e.g. Shopify's "PT_BR"):
 *   1. the rule's translation for "pt-br", then for "pt";
 *   2. the rule's own `message`;
 *   3. the catalog's default for "pt-br", then "pt", then English;
 *   4. when the catalog lacks it (a Validation published before catalogs),
 *      a short English sentence for the rule's family (FALLBACK below).
 *
 * Placeholders: {field} {kind} {min} {max} {limit} {multiple} {quantity}
 * {lines} {length} {subtotal} {currency} {weight} {unit} {product} {other}
 * {country} {province}. A known placeholder without a value renders empty;
 * an unknown one is left as written (the admin preview shows it).
 * No placeholder ever carries text the buyer typed: addresses contribute
 * only field names, address kinds and country / province codes.
 */
import type { Rule, RuleOf } from "./config";
import type { MessageArgs, MessageKey } from "./types";
import { UNIT_SYMBOLS } from "./weight";

export const MESSAGE_LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "pt"] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export const PLACEHOLDERS = [
  "field", "kind", "min", "max", "limit", "multiple", "quantity", "lines", "length",
  "subtotal", "currency", "weight", "unit", "product", "other", "country", "province",
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Language code ("en", "pt-br") → that language's lines, "\nkey=text\n…\n". */
export type MessageCatalog = Readonly<Partial<Record<string, string>>>;

/** Catalog keys of the labels: `field.address1`, `kind.poBox`. */
export const FIELD_LABEL_KEY = "field.";
export const KIND_LABEL_KEY = "kind.";

/** The message key of a charset rule, which depends on what it allows. */
export function charsetMessageKey(rule: Pick<RuleOf<"charset">, "allow" | "accents">): MessageKey {
  if (rule.allow === "noEmoji") return "charsetNoEmoji";
  if (rule.allow === "ascii" || rule.accents === false) return "charsetAscii";
  return "charsetLatin";
}

/** The text of `key` in one language's lines (decoded), or undefined. */
function lineIn(lines: unknown, key: string): string | undefined {
  if (typeof lines !== "string") return undefined;
  const needle = "\n" + key + "=";
  const at = lines.indexOf(needle);
  if (at < 0) return undefined;
  const start = at + needle.length;
  const end = lines.indexOf("\n", start);
  const text = lines.slice(start, end < 0 ? lines.length : end);
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The catalog's text for `key` in the first candidate language that has it, else in English; undefined when it has none. */
export function catalogText(catalog: MessageCatalog | null | undefined, key: string, languages: readonly string[] = []): string | undefined {
  if (catalog === null || typeof catalog !== "object") return undefined;
  for (const language of languages) {
    const text = lineIn(catalog[language], key);
    if (text !== undefined) return text;
  }
  return lineIn(catalog.en, key);
}

/**
 * What a function shows when its catalog lacks a template or a label (a
 * Validation published before catalogs, until the admin publishes it again):
 * one short English sentence per family of rules, and the English labels.
 */
const FALLBACK =
  "\naddress={field}: please check this field." +
  "\ncart=Your cart doesn't meet this store's order limits." +
  "\nweight=Your order's weight is outside this store's limits." +
  "\nproducts={product} can't be ordered this way. Please check your cart." +
  "\nfield.address1=Address\nfield.address2=Apartment, suite, etc.\nfield.city=City\nfield.company=Company" +
  "\nfield.zip=Postal code\nfield.provinceCode=State/province\nfield.countryCode=Country/region\nfield.phone=Phone" +
  "\nfield.firstName=First name\nfield.lastName=Last name" +
  "\nkind.poBox=PO box\nkind.privateMailbox=private mailbox (PMB)\nkind.parcelLocker=parcel locker or pick-up station" +
  "\nkind.military=military address (APO/FPO/DPO)\nkind.gopost=USPS GoPost\n";

/** The family of a message key, for FALLBACK. */
function familyOf(key: MessageKey): string {
  if (key.startsWith("cartQuantity") || key.startsWith("subtotal") || key === "distinctLines") return "cart";
  if (key.startsWith("weight")) return "weight";
  if (key.startsWith("lineQuantity") || key.startsWith("productQuantity") || key.startsWith("exclusive") || key === "dependency") return "products";
  return "address";
}

/** A label for {field} or {kind} (`prefix` FIELD_LABEL_KEY or KIND_LABEL_KEY): the catalog's, else the built-in English one. */
function labelOf(prefix: string, value: unknown, languages: readonly string[], catalog: MessageCatalog | null | undefined): string {
  const key = prefix + String(value);
  return catalogText(catalog, key, languages) ?? lineIn(FALLBACK, key) ?? String(value);
}

/** Languages whose numbers use a decimal comma. (Lists, not Sets, in this file: a Set built at module start costs every run.) */
const DECIMAL_COMMA: readonly string[] = ["fr", "de", "es", "it", "nl", "pt"];

const isMessageLanguage = (code: string): code is MessageLanguage =>
  (MESSAGE_LANGUAGES as readonly string[]).includes(code);

/**
 * A number for a message: `decimals` fixed digits (money), or up to two
 * decimals with trailing zeros dropped; decimal comma where the language uses one.
 */
export function formatNumber(value: number, languages: readonly string[] = [], decimals?: number): string {
  if (!Number.isFinite(value)) return "";
  // Most values are whole counts: no rounding, no separator to localise (the
  // general path costs QuickJS ~50k instructions more, a regular expression and a search).
  if (decimals === undefined && Number.isInteger(value)) return value === 0 ? "0" : String(value);
  let text: string;
  if (decimals !== undefined) {
    text = value.toFixed(decimals);
  } else {
    text = (Math.round(value * 100) / 100).toFixed(2).replace(/\.?0+$/, "");
  }
  if (text === "-0") text = "0";
  const base = languages.find((l) => isMessageLanguage(l.split("-")[0]))?.split("-")[0];
  return base && DECIMAL_COMMA.includes(base) ? text.replace(".", ",") : text;
}

/**
 * Fills a template's placeholders from `args` in the given language
 * candidates; {field} and {kind} labels come from `catalog` (see the top of
 * this file).
 */
export function renderMessage(
  template: string,
  args: MessageArgs,
  languages: readonly string[] = [],
  catalog?: MessageCatalog | null,
): string {
  // A scan with indexOf rather than `replace` with a regular expression and a
  // callback: ~85k WebAssembly instructions less per message in QuickJS. Same
  // result: each `{name}` whose name is a placeholder is filled, left to right;
  // any other text, braces included, stays as written.
  let out = "";
  let from = 0;
  for (let open = template.indexOf("{"); open >= 0; open = template.indexOf("{", from)) {
    const close = template.indexOf("}", open + 1);
    if (close < 0) break;
    const name = template.slice(open + 1, close);
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      out += template.slice(from, open + 1);
      from = open + 1;
      continue;
    }
    out += template.slice(from, open) + placeholderText(name as Placeholder, args, languages, catalog);
    from = close + 1;
  }
  return out + template.slice(from);
}

function placeholderText(name: Placeholder, args: MessageArgs, languages: readonly string[], catalog: MessageCatalog | null | undefined): string {
  const value = args[name];
  if (value === undefined || value === null) return "";
  switch (name) {
    case "field":
      return labelOf(FIELD_LABEL_KEY, value, languages, catalog);
    case "kind":
      return labelOf(KIND_LABEL_KEY, value, languages, catalog);
    case "unit":
      return UNIT_SYMBOLS[value as keyof typeof UNIT_SYMBOLS] ?? String(value);
    case "min":
    case "max":
    case "limit":
    case "subtotal":
      return typeof value === "number" ? formatNumber(value, languages, args.money ? 2 : undefined) : String(value);
    default:
      return typeof value === "number" ? formatNumber(value, languages) : String(value);
  }
}

type Translatable = Pick<Rule, "message" | "translations">;

/**
 * The template for a rule and message key: translation, then the rule's
 * message, then the catalog's default, then the family's fallback sentence.
 */
export function pickTemplate(
  rule: Translatable,
  key: MessageKey,
  languages: readonly string[] = [],
  catalog?: MessageCatalog | null,
): string {
  const translations = rule.translations;
  if (translations) {
    for (const language of languages) {
      const template = translations[language];
      if (typeof template === "string" && template.trim()) return template.trim();
    }
  }
  if (typeof rule.message === "string" && rule.message.trim()) return rule.message.trim();
  return catalogText(catalog, key, languages) ?? lineIn(FALLBACK, familyOf(key))!;
}
