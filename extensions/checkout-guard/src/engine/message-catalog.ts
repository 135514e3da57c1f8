/**
 * The message catalog of a function, admin side: what `compileMessages`
 * derives from one function's document and the built-in tables
 * (message-tables.ts), and the admin publishes next to that document in the
 * `$app:checkout-guard` / `messages` metafield of the function's Validation.
 * The function reads it as `validation.messages.jsonValue` (messages.ts
 * describes the format and the lookups).
 *
 * It holds, in every built-in language, the default templates of the messages
 * its rules can show without a `message` of their own (MESSAGE_KEYS_BY_KIND;
 * a charset rule's one key), and the {field} and {kind} labels its rules can
 * show (with the regional label variants, "pt-pt" and "pt-br"): nothing the
 * function could derive once for every run.
 *
 * Shopify passes at most 10,000 bytes of a metafield value to a function:
 * `fitMessages` drops built-in languages from the end of MESSAGE_LANGUAGES
 * until the catalog fits, keeping English and the languages the rules'
 * translations use (those too, from the end, only if it still does not fit).
 */
import type { AddressField, AddressKind, Rule } from "./config";
import { ADDRESS_FIELDS, ADDRESS_KIND_FIELDS, ADDRESS_KINDS, METAFIELD_BYTE_LIMIT } from "./constants";
import {
  FIELD_LABEL_KEY,
  KIND_LABEL_KEY,
  MESSAGE_LANGUAGES,
  charsetMessageKey,
  pickTemplate,
  renderMessage,
  type MessageCatalog,
  type MessageLanguage,
} from "./messages";
import {
  ADDRESS_KIND_LABELS,
  DEFAULT_MESSAGES,
  FIELD_LABELS,
  FIELD_LABEL_VARIANTS,
  MESSAGE_KEYS_BY_KIND,
  mainMessageKey,
} from "./message-tables";
import { utf8Length } from "./output";
import type { MessageArgs, MessageKey } from "./types";

/** What a catalog holds, in each language. */
export interface CatalogNeeds {
  keys: MessageKey[];
  fields: AddressField[];
  kinds: AddressKind[];
}

type AnyRecord = Record<string, unknown>;
const isRecord = (value: unknown): value is AnyRecord => value !== null && typeof value === "object" && !Array.isArray(value);
const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : []);

/** Every message key, in the tables' order. */
const ALL_KEYS = Object.keys(DEFAULT_MESSAGES.en) as MessageKey[];

/** The message keys a rule's findings can carry (the function's checks use the same keys). */
export function messageKeysOfRule(rule: Pick<Rule, "kind"> & AnyRecord): readonly MessageKey[] {
  if (rule.kind === "charset") return [charsetMessageKey(rule as unknown as Parameters<typeof charsetMessageKey>[0])];
  return MESSAGE_KEYS_BY_KIND[rule.kind];
}

/** The address fields a rule's findings can name in {field} (address-rules.ts). */
export function fieldsOfRule(rule: Pick<Rule, "kind"> & AnyRecord): AddressField[] {
  switch (rule.kind) {
    case "addressKind":
      return rule.fields === undefined || rule.fields === null ? [...ADDRESS_KIND_FIELDS] : (strings(rule.fields) as AddressField[]);
    case "fieldPattern":
      return typeof rule.field === "string" ? [rule.field as AddressField] : [];
    case "fieldLength":
    case "requiredFields":
    case "charset":
      return strings(rule.fields) as AddressField[];
    case "streetNumber":
      return ["address1"];
    case "postalCode":
      return ["zip"];
    case "destination":
      return ["countryCode", "provinceCode"];
    default:
      return [];
  }
}

/**
 * What a document's rules can need from the catalog: the default templates of
 * the rules without a message of their own, and every label they can show
 * (a rule's own message or translations can use {field} and {kind} too).
 * Any JSON is read defensively: what is not a rule of a known kind needs nothing.
 */
export function catalogNeeds(document: unknown): CatalogNeeds {
  const keys = new Set<MessageKey>();
  const fields = new Set<string>();
  const kinds = new Set<string>();
  const rules = isRecord(document) && Array.isArray(document.rules) ? document.rules : [];
  for (const rule of rules) {
    if (!isRecord(rule) || typeof rule.kind !== "string" || !hasOwn(MESSAGE_KEYS_BY_KIND, rule.kind)) continue;
    const typed = rule as Pick<Rule, "kind"> & AnyRecord;
    if (!(typeof rule.message === "string" && rule.message.trim())) for (const key of messageKeysOfRule(typed)) keys.add(key);
    for (const field of fieldsOfRule(typed)) fields.add(field);
    if (rule.kind === "addressKind") for (const kind of strings(rule.block)) kinds.add(kind);
  }
  return {
    keys: ALL_KEYS.filter((key) => keys.has(key)),
    fields: ADDRESS_FIELDS.filter((field) => fields.has(field)),
    kinds: ADDRESS_KINDS.filter((kind) => kinds.has(kind)),
  };
}

/** A catalog line: `key=text`, the text's "%" and non-ASCII characters percent-encoded as UTF-8 (messages.ts says why). */
const line = (key: string, text: string) => {
  if (text.includes("\n")) throw new Error(`catalog text of ${key} has a line break`);
  return "\n" + key + "=" + encodeCatalogText(text);
};

export function encodeCatalogText(text: string): string {
  return text.replace(/[%\u{80}-\u{10FFFF}]/gu, (char) => encodeURIComponent(char));
}

/** The catalog of `needs` in `languages` (the built-in order is kept; regional label variants follow their base language). */
export function catalogOf(needs: CatalogNeeds, languages: readonly MessageLanguage[] = MESSAGE_LANGUAGES): MessageCatalog {
  const catalog: Record<string, string> = {};
  for (const language of MESSAGE_LANGUAGES) {
    if (!languages.includes(language)) continue;
    let lines = "";
    for (const key of needs.keys) lines += line(key, DEFAULT_MESSAGES[language][key]);
    for (const field of needs.fields) lines += line(FIELD_LABEL_KEY + field, FIELD_LABELS[language][field]);
    for (const kind of needs.kinds) lines += line(KIND_LABEL_KEY + kind, ADDRESS_KIND_LABELS[language][kind]);
    if (lines !== "") catalog[language] = lines + "\n";
    for (const [variant, labels] of Object.entries(FIELD_LABEL_VARIANTS)) {
      if (variant.split("-")[0] !== language) continue;
      let variantLines = "";
      for (const field of needs.fields) {
        const label = labels[field];
        if (label) variantLines += line(FIELD_LABEL_KEY + field, label);
      }
      if (variantLines !== "") catalog[variant] = variantLines + "\n";
    }
  }
  return catalog;
}

/**
 * One function's message catalog for its document (`splitConfig(config)[fn]`):
 * the default templates and labels its rules can need, in every built-in
 * language (or in `options.languages`).
 */
export function compileMessages(document: unknown, options: { languages?: readonly MessageLanguage[] } = {}): MessageCatalog {
  return catalogOf(catalogNeeds(document), options.languages);
}

/** The built-in languages the rules' translations use ("pt-br" → pt), in the built-in order. */
export function translationLanguages(document: unknown): MessageLanguage[] {
  const used = new Set<string>();
  const rules = isRecord(document) && Array.isArray(document.rules) ? document.rules : [];
  for (const rule of rules) {
    if (isRecord(rule) && isRecord(rule.translations)) {
      for (const code of Object.keys(rule.translations)) used.add(code.toLowerCase().split("-")[0]);
    }
  }
  return MESSAGE_LANGUAGES.filter((language) => used.has(language));
}

export interface FittedMessages {
  /** The `messages` metafield's value. */
  catalog: MessageCatalog;
  json: string;
  bytes: number;
  /** The built-in languages it holds. */
  languages: MessageLanguage[];
  /** The built-in languages left out so that it fits, in the order they were dropped. */
  dropped: MessageLanguage[];
}

/**
 * A function's catalog as the admin publishes it: `compileMessages`, and when
 * that would exceed `maxBytes` (Shopify's 10,000 bytes per metafield value),
 * built-in languages dropped from the end of the list until it fits: first
 * those no rule's translation uses, then (only if needed) those too; English
 * always stays (alone, every template and label of every kind fits).
 */
export function fitMessages(document: unknown, maxBytes: number = METAFIELD_BYTE_LIMIT): FittedMessages {
  const needs = catalogNeeds(document);
  const translated = translationLanguages(document);
  const languages: MessageLanguage[] = [...MESSAGE_LANGUAGES];
  const dropped: MessageLanguage[] = [];
  const measure = () => {
    const catalog = catalogOf(needs, languages);
    const json = JSON.stringify(catalog);
    return { catalog, json, bytes: utf8Length(json) };
  };
  let fitted = measure();
  for (const keepTranslated of [true, false]) {
    for (let i = languages.length - 1; i > 0 && fitted.bytes > maxBytes; i--) {
      const language = languages[i];
      if (language === "en" || (keepTranslated && translated.includes(language))) continue;
      languages.splice(i, 1);
      dropped.push(language);
      fitted = measure();
    }
  }
  return { ...fitted, languages, dropped };
}

let builtIn: MessageCatalog | undefined;

/** Every template and label in every built-in language: the admin's previews render with it. */
export function builtInCatalog(): MessageCatalog {
  return (builtIn ??= catalogOf({
    keys: ALL_KEYS,
    fields: [...ADDRESS_FIELDS],
    kinds: [...ADDRESS_KINDS],
  }));
}

// ---------------------------------------------------------------------------
// Previews

/** Example values for a preview, taken from the rule where it has them. */
function sampleArgs(rule: Rule): MessageArgs {
  const r = rule as Partial<Record<string, unknown>>;
  const num = (value: unknown) => (typeof value === "number" ? value : undefined);
  const args: MessageArgs = {
    min: num(r.min),
    max: num(r.max),
    multiple: num(r.multiple),
    product: "Example product",
    other: "Other product",
    quantity: 1,
    lines: 1,
    country: (Array.isArray(rule.countries) ? rule.countries[0] : rule.countries?.codes[0]) ?? "US",
    province: "CA",
  };
  args.limit = args.max ?? args.min;
  switch (rule.kind) {
    case "addressKind":
      args.field = rule.fields?.[0] ?? "address1";
      args.kind = rule.block[0];
      break;
    case "fieldPattern":
      args.field = rule.field;
      break;
    case "fieldLength":
    case "requiredFields":
    case "charset":
      args.field = rule.fields[0];
      args.length = args.max !== undefined ? args.max + 1 : 1;
      break;
    case "streetNumber":
      args.field = "address1";
      break;
    case "postalCode":
      args.field = "zip";
      break;
    case "destination":
      args.field = "countryCode";
      break;
    case "subtotal": {
      const [currency, limits] = Object.entries(rule.limits)[0] ?? ["USD", {}];
      args.currency = currency;
      args.min = limits.min;
      args.max = limits.max;
      args.limit = limits.max ?? limits.min;
      args.subtotal = limits.max !== undefined ? limits.max + 10 : Math.max(0, (limits.min ?? 10) - 5);
      args.money = true;
      break;
    }
    case "weight":
      args.unit = rule.unit;
      args.weight = rule.max !== undefined ? rule.max + 1 : Math.max(0, (rule.min ?? 1) / 2);
      break;
    case "distinctLines":
      args.lines = rule.max + 1;
      break;
    default:
      break;
  }
  return args;
}

/**
 * What the buyer would read for `rule` in `language` ("fr", "pt-br", or a
 * Shopify code such as "PT_BR"), with example values: the admin's message
 * preview. `key` chooses among a kind's messages (default: its main one);
 * `args` override the example values.
 */
export function previewMessage(rule: Rule, language: string, key?: MessageKey, args?: MessageArgs): string {
  const code = language.toLowerCase().replace(/_/g, "-");
  const base = code.split("-")[0];
  const languages = base !== code ? [code, base] : [code];
  const messageKey = key ?? mainMessageKey(rule);
  const catalog = builtInCatalog();
  return renderMessage(pickTemplate(rule, messageKey, languages, catalog), { ...sampleArgs(rule), ...args }, languages, catalog);
}
