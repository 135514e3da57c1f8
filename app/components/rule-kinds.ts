/**
 * The rule editor's model, shared by the browser (rendering the form) and the
 * server (turning the posted form back into a rule definition): one table per
 * kind, so the fields the form shows and the fields the action reads never drift.
 *
 * Form keys are the definition's paths ("definition.min", "definition.select.tags"),
 * the same keys the server's validation errors use, so an error lands at its field.
 */
import {
  ADDRESS_FIELDS,
  ADDRESS_KIND_FIELDS,
  ADDRESS_KINDS,
  ADDRESS_RULE_KINDS,
  WEIGHT_UNITS,
  type RuleKind,
  CART_RULE_KINDS,
} from "../../extensions/checkout-guard/src/engine/config";
import { translate, type Translate } from "../i18n";

export const RULE_KINDS: readonly RuleKind[] = [...ADDRESS_RULE_KINDS, ...CART_RULE_KINDS];

export const isRuleKind = (value: unknown): value is RuleKind =>
  typeof value === "string" && (RULE_KINDS as readonly string[]).includes(value);

export const isAddressKind = (kind: RuleKind) => (ADDRESS_RULE_KINDS as readonly string[]).includes(kind);

export const KIND_INFO: Record<RuleKind, { label: string; description: string }> = {
  addressKind: {
    label: "Address type",
    description: "Block PO boxes, private mailboxes, parcel lockers, military and GoPost addresses.",
  },
  fieldPattern: {
    label: "Field pattern",
    description: "A field must match (or must not match) a regular expression, e.g. a postal-code format.",
  },
  fieldLength: { label: "Field length", description: "Minimum and/or maximum characters per address field." },
  requiredFields: { label: "Required fields", description: "Fields that must be filled in, such as phone or company." },
  charset: { label: "Character set", description: "Latin letters only, ASCII only, or no emoji in address fields." },
  streetNumber: { label: "Street number", description: "The address must contain a house number." },
  postalCode: {
    label: "Postal codes",
    description: "Allow or block postal codes per country: exact codes, prefixes and ranges; CSV import.",
  },
  destination: { label: "Destination", description: "Allowed or blocked countries, and provinces or states within them." },
  cartQuantity: { label: "Cart quantity", description: "Minimum and/or maximum total number of items in the cart." },
  lineQuantity: {
    label: "Line quantity",
    description: "Minimum, maximum and pack size per cart line, for all or chosen products.",
  },
  productQuantity: {
    label: "Product quantity",
    description: "Minimum and/or maximum per product, summed over its variants.",
  },
  subtotal: { label: "Order subtotal", description: "Minimum and/or maximum cart subtotal, per currency." },
  distinctLines: { label: "Distinct items", description: "Maximum number of different lines in the cart." },
  weight: { label: "Order weight", description: "Minimum and/or maximum total weight of the order." },
  exclusive: {
    label: "Exclusive products",
    description: "Chosen products must be bought alone, or two groups may not be combined.",
  },
  dependency: { label: "Required companion", description: "A chosen product requires another chosen product in the cart." },
};

export const FIELD_NAMES: Record<(typeof ADDRESS_FIELDS)[number], string> = {
  address1: "Address line 1",
  address2: "Address line 2",
  city: "City",
  company: "Company",
  zip: "Postal code",
  provinceCode: "Province/state",
  countryCode: "Country",
  phone: "Phone",
  firstName: "First name",
  lastName: "Last name",
};

export const ADDRESS_KIND_NAMES: Record<(typeof ADDRESS_KINDS)[number], string> = {
  poBox: "PO boxes",
  privateMailbox: "private mailboxes (PMB)",
  parcelLocker: "parcel lockers",
  military: "military (APO/FPO/DPO)",
  gopost: "USPS GoPost",
};

type Option = { value: string; label: string };
const options = <T extends string>(values: readonly T[], names: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: names[value].charAt(0).toUpperCase() + names[value].slice(1) }));

/** One input of a kind's form. `name` is the path inside the definition. */
export type FieldSpec =
  | { type: "int" | "number"; name: string; label: string; help?: string; suffix?: string }
  | { type: "text"; name: string; label: string; help?: string; monospace?: boolean }
  | { type: "bool"; name: string; label: string; default: boolean; help?: string }
  | { type: "choice"; name: string; label: string; options: Option[]; default: string }
  /** Checkboxes; `optional`: none checked means "absent" (the function's default). */
  | { type: "multi"; name: string; label: string; options: Option[]; optional?: boolean; help?: string }
  /** Comma-separated list. */
  | { type: "list"; name: string; label: string; item: "tag" | "country"; help?: string }
  /** One line per country: "FR: 75001, 75*, 75000..75999". */
  | { type: "codeMap"; name: string; label: string; item: "postal" | "province"; help?: string; required?: boolean }
  /** Which cart lines: product, variant and collection ids and product tags. */
  | { type: "selector"; name: string; label: string; help?: string; required?: boolean }
  /** Subtotal limits, one row per currency. */
  | { type: "limits"; name: string; label: string };

const addressFieldOptions = options(ADDRESS_FIELDS, FIELD_NAMES);
const allowBlock = (allowLabel: string, blockLabel: string): FieldSpec => ({
  type: "choice",
  name: "mode",
  label: "Mode",
  options: [
    { value: "block", label: blockLabel },
    { value: "allow", label: allowLabel },
  ],
  default: "block",
});
const minMaxInt = (what: string): FieldSpec[] => [
  { type: "int", name: "min", label: `Minimum ${what}` },
  { type: "int", name: "max", label: `Maximum ${what}` },
];

export const KIND_FIELDS: Record<RuleKind, FieldSpec[]> = {
  addressKind: [
    { type: "multi", name: "block", label: "Block", options: options(ADDRESS_KINDS, ADDRESS_KIND_NAMES) },
    {
      type: "multi",
      name: "fields",
      label: "Fields checked",
      options: options(ADDRESS_KIND_FIELDS, FIELD_NAMES),
      optional: true,
      help: "None checked: address line 1, address line 2 and company.",
    },
  ],
  fieldPattern: [
    { type: "choice", name: "field", label: "Field", options: addressFieldOptions, default: "zip" },
    {
      type: "text",
      name: "pattern",
      label: "Regular expression",
      monospace: true,
      help: "JavaScript syntax, e.g. ^\\d{5}$ for five digits. Checked for errors and slow patterns when you save.",
    },
    { type: "bool", name: "ignoreCase", label: "Ignore upper/lower case", default: false },
    allowBlock("The field must match (allow only matching values)", "The field must not match (block matching values)"),
  ],
  fieldLength: [
    { type: "multi", name: "fields", label: "Fields", options: addressFieldOptions },
    ...minMaxInt("characters"),
  ],
  requiredFields: [{ type: "multi", name: "fields", label: "Fields that must be filled in", options: addressFieldOptions }],
  charset: [
    { type: "multi", name: "fields", label: "Fields", options: addressFieldOptions },
    {
      type: "choice",
      name: "allow",
      label: "Allowed characters",
      options: [
        { value: "latin", label: "Latin letters" },
        { value: "ascii", label: "ASCII only (no accents)" },
        { value: "noEmoji", label: "Anything but emoji" },
      ],
      default: "latin",
    },
    { type: "bool", name: "accents", label: "Accept accented letters (é, ß, ø …) with Latin", default: true },
  ],
  streetNumber: [],
  postalCode: [
    allowBlock("Allow only the listed codes (in listed countries)", "Block the listed codes"),
    {
      type: "codeMap",
      name: "codes",
      label: "Postal codes",
      item: "postal",
      required: true,
      help: 'One line per country: "FR: 75001, 75*, 75000..75999" (exact codes, prefixes ending in *, numeric ranges).',
    },
  ],
  destination: [
    allowBlock("Allow only these destinations", "Block these destinations"),
    { type: "list", name: "countries", label: "Countries", item: "country", help: "Two-letter codes, comma-separated: FR, BE, CH" },
    {
      type: "codeMap",
      name: "provinces",
      label: "Provinces or states",
      item: "province",
      help: 'One line per country: "US: AK, HI". Province codes as Shopify stores them.',
    },
  ],
  cartQuantity: minMaxInt("items"),
  lineQuantity: [
    ...minMaxInt("quantity per line"),
    { type: "int", name: "multiple", label: "Multiple of (pack size)" },
    { type: "selector", name: "select", label: "Lines checked", help: "Leave empty to check every line." },
  ],
  productQuantity: [
    ...minMaxInt("quantity per product"),
    { type: "selector", name: "select", label: "Products checked", help: "Leave empty to check every product." },
  ],
  subtotal: [{ type: "limits", name: "limits", label: "Limits per currency" }],
  distinctLines: [{ type: "int", name: "max", label: "Maximum number of different lines" }],
  weight: [
    { type: "number", name: "min", label: "Minimum weight" },
    { type: "number", name: "max", label: "Maximum weight" },
    {
      type: "choice",
      name: "unit",
      label: "Unit",
      options: WEIGHT_UNITS.map((u) => ({ value: u, label: u.toLowerCase() })),
      default: "KILOGRAMS",
    },
  ],
  exclusive: [
    { type: "selector", name: "select", label: "Products bought alone", required: true },
    {
      type: "selector",
      name: "other",
      label: "…may not be combined with (optional)",
      help: "Leave empty: the products above must be the only items in the cart.",
    },
  ],
  dependency: [
    { type: "selector", name: "select", label: "When the cart contains", required: true },
    { type: "selector", name: "requires", label: "…it must also contain", required: true },
  ],
};

/** A selector's lists: products, variants and collections as admin URLs, GIDs or ids (app/admin/shopify-ids.ts); tags as text. */
export const SELECTOR_PARTS = [
  { key: "products", label: "Products", item: "product" },
  { key: "variants", label: "Variants", item: "variant" },
  { key: "collections", label: "Collections", item: "collection" },
  { key: "tags", label: "Product tags", item: "tag" },
] as const;

export const STAGE_OPTIONS: Option[] = [
  { value: "checkout", label: "Checkout steps only (never blocks cart edits)" },
  { value: "cartAndCheckout", label: "Cart and checkout" },
  { value: "completion", label: "Only when the order is placed" },
];

export const STATUS_OPTIONS: Option[] = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
  { value: "scheduled", label: "Scheduled" },
];

/** What the editor calls a rule's field: "name", "status" or a definition key ("max", "translations"). */
export function fieldLabel(kind: RuleKind, field: string): string {
  const common: Record<string, string> = {
    name: "Name",
    status: "Status",
    scheduleStart: "Schedule start",
    scheduleEnd: "Schedule end",
    message: "Message",
    translations: "Translations",
    stage: "When it applies",
    display: "Where the message shows",
    countries: "Countries",
  };
  const spec = KIND_FIELDS[kind]?.find((f) => f.name === field);
  return spec?.label ?? common[field] ?? field;
}

// ---------------------------------------------------------------------------
// Form values: a flat map of form keys to a string or a list of strings.

export type FormValues = Record<string, string | string[]>;
export type TranslationRow = { language: string; text: string };
export type LimitRow = { currency: string; min: string; max: string };

const key = (name: string) => `definition.${name}`;
const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const obj = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const arr = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export const codeMapToText = (value: unknown): string =>
  Object.entries(obj(value))
    .map(([country, codes]) => `${country}: ${arr(codes).join(", ")}`)
    .join("\n");

/** Everything the editor shows for a definition (the reverse of the server's parse). */
export function definitionToForm(kind: RuleKind, definition: Record<string, unknown>) {
  const values: FormValues = { [key("kind")]: kind };
  values[key("stage")] = str(definition.stage) || "checkout";
  values[key("display")] = str(definition.display) || "field";
  values[key("message")] = str(definition.message);
  if (kind !== "destination") {
    const scope = obj(definition.countries);
    values[key("countries.mode")] = scope.codes ? (scope.not ? "notIn" : "in") : "";
    values[key("countries.codes")] = arr(scope.codes).join(", ");
  }
  let limits: LimitRow[] = [];
  for (const field of KIND_FIELDS[kind]) {
    const value = definition[field.name];
    switch (field.type) {
      case "int":
      case "number":
      case "text":
        values[key(field.name)] = str(value);
        break;
      case "bool":
        values[key(field.name)] = String(typeof value === "boolean" ? value : field.default);
        break;
      case "choice":
        values[key(field.name)] = str(value) || field.default;
        break;
      case "multi":
        values[key(field.name)] = arr(value);
        break;
      case "list":
        values[key(field.name)] = arr(value).join(", ");
        break;
      case "codeMap":
        values[key(field.name)] = codeMapToText(value);
        break;
      case "selector":
        for (const part of SELECTOR_PARTS) values[key(`${field.name}.${part.key}`)] = arr(obj(value)[part.key]).join(", ");
        break;
      case "limits":
        limits = Object.entries(obj(value)).map(([currency, l]) => ({
          currency,
          min: str(obj(l).min),
          max: str(obj(l).max),
        }));
        break;
    }
  }
  const translations: TranslationRow[] = Object.entries(obj(definition.translations)).map(([language, text]) => ({
    language,
    text: str(text),
  }));
  return { values, translations, limits };
}

/** Starting values of a new rule of `kind`; `preset` picks a quick start. */
export function newRuleDefaults(kind: RuleKind, preset?: string | null) {
  const definition: Record<string, unknown> = {};
  let name = KIND_INFO[kind].label;
  switch (kind) {
    case "addressKind":
      definition.block = preset === "poBox" ? ["poBox"] : ["poBox", "privateMailbox", "parcelLocker"];
      if (preset === "poBox") name = "Block PO boxes";
      break;
    case "fieldLength":
      definition.fields = ["address1", "address2"];
      definition.max = 35;
      break;
    case "requiredFields":
      definition.fields = ["phone"];
      break;
    case "charset":
      definition.fields = ["address1", "address2", "city"];
      break;
    case "cartQuantity":
      definition.min = 2;
      if (preset === "minQuantity") name = "Minimum order quantity";
      break;
    case "lineQuantity":
      definition.multiple = 6;
      break;
    case "subtotal":
      definition.limits = { USD: { min: 20 } };
      if (preset === "minSubtotal") name = "Minimum order subtotal";
      break;
    case "distinctLines":
      definition.max = 20;
      break;
    case "weight":
      definition.max = 30;
      definition.unit = "KILOGRAMS";
      break;
    case "destination":
      definition.mode = "block";
      break;
    default:
      break;
  }
  if (kind === "streetNumber" && preset === "streetNumber") name = "Require a house number";
  return { name, ...definitionToForm(kind, definition) };
}

/** Quick starts offered to a merchant without rules. */
export const QUICK_STARTS = [
  { label: "Block PO boxes", kind: "addressKind", preset: "poBox" },
  { label: "Minimum order quantity", kind: "cartQuantity", preset: "minQuantity" },
  { label: "Minimum order subtotal", kind: "subtotal", preset: "minSubtotal" },
  { label: "Require a house number", kind: "streetNumber", preset: "streetNumber" },
] as const;

// ---------------------------------------------------------------------------
// One-line summaries for the rules list, in the staff member's language
// (summary.* in app/locales; the labels through `label`). English by default.

/** What a summary is written with: message keys, the editor's labels, "a, b and c". */
export interface Words {
  t: Translate;
  label: (text: string) => string;
}
const ENGLISH: Words = { t: translate("en"), label: (text) => text };

export function summarize(kind: RuleKind, definition: Record<string, unknown>, words: Words = ENGLISH): string {
  const { t, label } = words;
  const join = (items: string[]) => (items.length <= 1 ? items.join("") : t("summary.and", { first: items.slice(0, -1).join(", "), last: items.at(-1) }));
  const fieldName = (f: unknown) => label(FIELD_NAMES[f as keyof typeof FIELD_NAMES] ?? str(f));
  const fieldList = (fields: unknown) => arr(fields).map(fieldName).join(", ");
  const range = (min: unknown, max: unknown, unit = "") => {
    const u = unit ? ` ${unit}` : "";
    if (min !== undefined && max !== undefined) return t("summary.between", { min, max, unit: u });
    if (min !== undefined) return t("summary.atLeast", { min, unit: u });
    if (max !== undefined) return t("summary.atMost", { max, unit: u });
    return t("summary.noLimit");
  };
  const selectorText = (value: unknown, all = t("summary.everyLine")) => {
    const s = obj(value);
    const parts: string[] = [];
    for (const k of ["products", "variants", "collections"]) {
      const count = arr(s[k]).length;
      if (count) parts.push(t(`summary.${k}`, { count }));
    }
    const tags = arr(s.tags);
    if (tags.length) parts.push(t("summary.tags", { count: tags.length, tags: tags.join(", ") }));
    return parts.length ? parts.join(", ") : all;
  };
  const d = definition;
  switch (kind) {
    case "addressKind": {
      const kinds = arr(d.block).map((k) => {
        const name = ADDRESS_KIND_NAMES[k as keyof typeof ADDRESS_KIND_NAMES];
        // The names are lower-case in English sentences; the labels are their capitalised form.
        return name ? label(name.charAt(0).toUpperCase() + name.slice(1)).replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase()) : k;
      });
      const fields = arr(d.fields).length ? fieldList(d.fields) : t("summary.addressLinesAndCompany");
      return t("summary.addressKind", { kinds: join(kinds), fields });
    }
    case "fieldPattern":
      return t(d.mode === "allow" ? "summary.mustMatch" : "summary.mustNotMatch", {
        field: fieldName(d.field),
        pattern: `/${str(d.pattern)}/${d.ignoreCase ? "i" : ""}`,
      });
    case "fieldLength":
      return t("summary.fieldsRange", { fields: fieldList(d.fields), range: range(d.min, d.max, t("summary.characters")) });
    case "requiredFields":
      return t("summary.requires", { fields: fieldList(d.fields) });
    case "charset": {
      const allow = d.allow === "ascii" ? "asciiOnly" : d.allow === "noEmoji" ? "noEmoji" : d.accents === false ? "latinNoAccents" : "latin";
      return t("summary.fieldsRange", { fields: fieldList(d.fields), range: t(`summary.${allow}`) });
    }
    case "streetNumber":
      return t("summary.streetNumber");
    case "postalCode": {
      const codes = obj(d.codes);
      const count = Object.values(codes).reduce<number>((n, list) => n + arr(list).length, 0);
      return t(d.mode === "allow" ? "summary.allowsOnlyCodes" : "summary.blocksCodes", { count, countries: Object.keys(codes).join(", ") });
    }
    case "destination": {
      const countries = arr(d.countries);
      const provinces = Object.entries(obj(d.provinces)).map(([c, p]) => `${c}: ${arr(p).join(", ")}`);
      const what = [...(countries.length ? [countries.join(", ")] : []), ...provinces].join("; ") || t("summary.nothingListed");
      return t(d.mode === "allow" ? "summary.shipsOnlyTo" : "summary.blocks", { what });
    }
    case "cartQuantity":
      return t("summary.cartItems", { range: range(d.min, d.max) });
    case "lineQuantity": {
      const parts = [range(d.min, d.max)];
      if (d.multiple !== undefined) parts.push(t("summary.multipleOf", { multiple: d.multiple }));
      return t("summary.perLine", { lines: selectorText(d.select), limits: parts.join(", ") });
    }
    case "productQuantity":
      return t("summary.perProduct", { products: selectorText(d.select, t("summary.everyProduct")), range: range(d.min, d.max) });
    case "subtotal":
      return Object.entries(obj(d.limits))
        .map(([currency, l]) => `${currency} ${range(obj(l).min, obj(l).max)}`)
        .join("; ") || t("summary.noLimits");
    case "distinctLines":
      return t("summary.distinctLines", { max: str(d.max) });
    case "weight":
      return t("summary.weight", { range: range(d.min, d.max, label(str(d.unit).toLowerCase())) });
    case "exclusive":
      return d.other
        ? t("summary.notCombined", { select: selectorText(d.select), other: selectorText(d.other) })
        : t("summary.alone", { select: selectorText(d.select) });
    case "dependency":
      return t("summary.dependency", { select: selectorText(d.select), requires: selectorText(d.requires) });
  }
}

/** Countries a rule applies to, for the list's Scope column. */
export function scopeText(kind: RuleKind, definition: Record<string, unknown>, { t }: Words = ENGLISH): string {
  if (kind === "destination") return t("summary.allCountries");
  const scope = obj(definition.countries);
  const codes = arr(scope.codes);
  if (!codes.length) return t("summary.allCountries");
  return scope.not ? t("summary.notIn", { codes: codes.join(", ") }) : codes.join(", ");
}
