/**
 * The message catalog (engine/message-catalog.ts, read by engine/messages.ts):
 * what the admin compiles for one function's document and publishes in its
 * Validation's `messages` metafield, so that no function carries the built-in
 * tables. Rendering through a compiled catalog must be exactly rendering with
 * the tables, as the functions did before: for every message key, language,
 * label and placeholder.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  ADDRESS_FIELDS,
  ADDRESS_KIND_FIELDS,
  ADDRESS_KINDS,
  METAFIELD_BYTE_LIMIT,
  WEIGHT_UNITS,
  type AddressField,
  type AddressKind,
  type Rule,
  type RuleKind,
} from "../../src/engine/config";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../src/engine/functions";
import { languageCandidates } from "../../src/engine/facts";
import {
  builtInCatalog,
  catalogNeeds,
  compileMessages,
  fieldsOfRule,
  fitMessages,
  messageKeysOfRule,
  translationLanguages,
} from "../../src/engine/message-catalog";
import {
  ADDRESS_KIND_LABELS,
  DEFAULT_MESSAGES,
  FIELD_LABELS,
  MESSAGE_KEYS_BY_KIND,
  addressKindLabel,
  defaultMessage,
  fieldLabel,
} from "../../src/engine/message-tables";
import {
  MESSAGE_LANGUAGES,
  PLACEHOLDERS,
  formatNumber,
  pickTemplate,
  renderMessage,
  type MessageCatalog,
  type Placeholder,
} from "../../src/engine/messages";
import type { MessageArgs, MessageKey } from "../../src/engine/types";
import { UNIT_SYMBOLS } from "../../src/engine/weight";

type AnyRule = Record<string, unknown> & { kind: RuleKind };

/**
 * The reference: rendering with the built-in tables, as engine/messages.ts did
 * before catalogs (translation, then the rule's message, then the default in
 * the first candidate that is a built-in language, else English; labels with
 * their regional variants).
 */
function renderWithTables(rule: AnyRule, key: MessageKey, languages: readonly string[], args: MessageArgs): string {
  let template: string | undefined;
  const translations = rule.translations as Record<string, unknown> | undefined;
  if (translations) {
    for (const language of languages) {
      const t = translations[language];
      if (typeof t === "string" && t.trim()) {
        template = t.trim();
        break;
      }
    }
  }
  if (template === undefined && typeof rule.message === "string" && rule.message.trim()) template = rule.message.trim();
  template ??= defaultMessage(key, languages);
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return whole;
    const value = args[name as Placeholder];
    if (value === undefined || value === null) return "";
    switch (name as Placeholder) {
      case "field":
        return fieldLabel(value as AddressField, languages);
      case "kind":
        return addressKindLabel(value as AddressKind, languages);
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
  });
}

/** What a function renders for a finding, with its catalog (evaluate.ts). */
const renderWithCatalog = (rule: AnyRule, key: MessageKey, languages: readonly string[], args: MessageArgs, catalog: MessageCatalog | null) =>
  renderMessage(pickTemplate(rule as unknown as Rule, key, languages, catalog), args, languages, catalog);

/** Shopify language codes a buyer can have: built-in ones, regional ones, others. */
const SHOPIFY_LANGUAGES = ["EN", "FR", "DE", "ES", "IT", "NL", "PT", "PT_BR", "PT_PT", "FR_CA", "EN_GB", "JA", "ZH_CN", "PL", ""];
const CANDIDATES = SHOPIFY_LANGUAGES.map(languageCandidates);

const ALL_PLACEHOLDERS = PLACEHOLDERS.map((p) => `{${p}}`).join(" ") + " {unknown} {money}";

const argsArb: fc.Arbitrary<MessageArgs> = fc.record(
  {
    min: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e5, noNaN: true })),
    max: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e5, noNaN: true })),
    limit: fc.double({ min: -10, max: 1e5, noNaN: true }),
    multiple: fc.integer({ min: 1, max: 24 }),
    quantity: fc.integer({ min: 0, max: 500 }),
    lines: fc.integer({ min: 0, max: 500 }),
    length: fc.integer({ min: 0, max: 300 }),
    subtotal: fc.double({ min: 0, max: 1e6, noNaN: true }),
    currency: fc.constantFrom("USD", "EUR", "BRL"),
    weight: fc.double({ min: 0, max: 1e4, noNaN: true }),
    unit: fc.constantFrom(...WEIGHT_UNITS),
    product: fc.constantFrom("Tea", "Café crème", "Box {max}"),
    other: fc.constantFrom("Other", "Ürün"),
    country: fc.constantFrom("US", "BR", "FR"),
    province: fc.constantFrom("CA", "SP"),
    money: fc.boolean(),
  },
  { requiredKeys: [] },
);

const messageArb = fc.oneof(
  fc.constant(undefined),
  fc.constant("   "),
  fc.constantFrom(ALL_PLACEHOLDERS, "«{field}» {kind} ?", "Max {max} {unit}", "100% sûr: {product}"),
);
const fieldsArb = fc.uniqueArray(fc.constantFrom(...ADDRESS_FIELDS), { minLength: 1, maxLength: 4 });
const commonArb = fc.record(
  {
    message: messageArb,
    translations: fc.dictionary(fc.constantFrom("fr", "de", "pt", "pt-br", "pt-pt", "ja", "en"), fc.constantFrom(ALL_PLACEHOLDERS, "  ", "Tradução {field}"), { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);
const bodyArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ kind: fc.constant("addressKind"), block: fc.uniqueArray(fc.constantFrom(...ADDRESS_KINDS), { minLength: 1 }), fields: fc.option(fc.uniqueArray(fc.constantFrom(...ADDRESS_KIND_FIELDS), { minLength: 1 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant("fieldPattern"), field: fc.constantFrom(...ADDRESS_FIELDS) }),
  fc.record({ kind: fc.constantFrom("fieldLength", "requiredFields"), fields: fieldsArb }),
  fc.record({ kind: fc.constant("charset"), fields: fieldsArb, allow: fc.constantFrom("latin", "ascii", "noEmoji"), accents: fc.option(fc.boolean(), { nil: undefined }) }),
  fc.record({ kind: fc.constantFrom("streetNumber", "postalCode", "destination") }),
  fc.record({ kind: fc.constantFrom("cartQuantity", "lineQuantity", "productQuantity", "subtotal", "distinctLines", "weight", "exclusive", "dependency") }),
);
const ruleArb: fc.Arbitrary<AnyRule> = fc.tuple(commonArb, bodyArb).map(([common, body]) => {
  const rule: Record<string, unknown> = { ...body };
  for (const [key, value] of Object.entries(common)) if (value !== undefined) rule[key] = value;
  return rule as AnyRule;
});
const documentArb: fc.Arbitrary<{ v: number; rules: AnyRule[] }> = fc
  .array(ruleArb, { minLength: 1, maxLength: 6 })
  .map((rules) => ({ v: 1, rules: rules.map((rule, i) => ({ ...rule, id: `r${i}` })) }));

/** Every finding a rule can report: its message keys, and each field and kind its findings can name. */
function findingsOf(rule: AnyRule): { key: MessageKey; field?: AddressField; kind?: AddressKind }[] {
  const fields: (AddressField | undefined)[] = fieldsOfRule(rule);
  const kinds: (AddressKind | undefined)[] = rule.kind === "addressKind" ? (rule.block as AddressKind[]) : [undefined];
  return messageKeysOfRule(rule).flatMap((key) =>
    (fields.length > 0 ? fields : [undefined]).flatMap((field) => kinds.map((kind) => ({ key, field, kind }))),
  );
}

describe("rendering through a function's compiled catalog is rendering with the built-in tables", () => {
  test("for every message key, language, field and address-kind label, and placeholder (the built-in catalog)", () => {
    const catalog = builtInCatalog();
    const keys = Object.keys(DEFAULT_MESSAGES.en) as MessageKey[];
    const template = { id: "t", kind: "requiredFields", message: ALL_PLACEHOLDERS } as AnyRule;
    const args: MessageArgs = { min: 2.5, max: 1000, limit: 3, multiple: 6, quantity: 7, lines: 8, length: 9, subtotal: 19.5, currency: "EUR", weight: 1.25, unit: "KILOGRAMS", product: "P", other: "O", country: "BR", province: "SP", money: true };
    let checked = 0;
    for (const languages of CANDIDATES) {
      for (const key of keys) {
        const rule = { id: "d", kind: "requiredFields" } as AnyRule;
        for (const field of ADDRESS_FIELDS) {
          for (const kind of ADDRESS_KINDS) {
            const withLabels = { ...args, field, kind };
            expect(renderWithCatalog(rule, key, languages, withLabels, catalog)).toBe(renderWithTables(rule, key, languages, withLabels));
            expect(renderWithCatalog(template, key, languages, withLabels, catalog)).toBe(renderWithTables(template, key, languages, withLabels));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(CANDIDATES.length * keys.length * ADDRESS_FIELDS.length * ADDRESS_KINDS.length);
  });

  test("for any document: each finding of each rule, in any buyer language, with any values (property)", () => {
    fc.assert(
      fc.property(documentArb, argsArb, (document, args) => {
        const catalog = compileMessages(document);
        for (const rule of document.rules) {
          for (const finding of findingsOf(rule)) {
            const values = { ...args, field: finding.field, kind: finding.kind };
            for (const languages of CANDIDATES) {
              expect(renderWithCatalog(rule, finding.key, languages, values, catalog)).toBe(renderWithTables(rule, finding.key, languages, values));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test("and through the catalog as published (fitted to 10,000 bytes), which is the compiled one today", () => {
    fc.assert(
      fc.property(documentArb, (document) => {
        const fitted = fitMessages(document);
        expect(fitted.dropped).toEqual([]);
        expect(fitted.catalog).toEqual(compileMessages(document));
        expect(fitted.json).toBe(JSON.stringify(fitted.catalog));
        expect(fitted.bytes).toBe(Buffer.byteLength(fitted.json));
      }),
      { numRuns: 100 },
    );
  });
});

describe("what a function's catalog holds", () => {
  const lines = (catalog: MessageCatalog, language: string) => (catalog[language] ?? "").split("\n").filter(Boolean).map((l) => l.split("=")[0]);

  test("the default templates of the rules without a message of their own, and the labels its rules can show, in every built-in language", () => {
    const catalog = compileMessages({
      v: 1,
      rules: [
        { id: "a", kind: "requiredFields", fields: ["zip", "lastName"] },
        { id: "b", kind: "addressKind", block: ["poBox"], fields: ["address1"], message: "{field}: no {kind}" },
        { id: "c", kind: "charset", fields: ["city"], allow: "latin", accents: false },
      ],
    });
    expect(Object.keys(catalog)).toEqual(["en", "fr", "de", "es", "it", "nl", "pt", "pt-pt", "pt-br"]);
    for (const language of MESSAGE_LANGUAGES) {
      // No addressKind template (the rule has its own message); one charset key, the one its rule reports.
      expect(lines(catalog, language)).toEqual(["requiredFields", "charsetAscii", "field.address1", "field.city", "field.zip", "field.lastName", "kind.poBox"]);
    }
    expect(catalog["pt-pt"]).toBe("\nfield.address1=Morada\nfield.lastName=Apelido\n");
    expect(catalog["pt-br"]).toBe("\nfield.zip=CEP\n");
    expect(catalog.en).toContain(`\nrequiredFields=${DEFAULT_MESSAGES.en.requiredFields}\n`);
    expect(catalog.en).toContain(`\nfield.zip=${FIELD_LABELS.en.zip}\n`);
    expect(catalog.en).toContain(`\nkind.poBox=${ADDRESS_KIND_LABELS.en.poBox}\n`);
  });

  test("is one ASCII string per language: non-ASCII characters and % are percent-encoded (cheaper to receive)", () => {
    const catalog = builtInCatalog();
    for (const text of Object.values(catalog)) {
      expect(text).toMatch(/^[\x20-\x7e\n]*$/);
      expect(text!.startsWith("\n") && text!.endsWith("\n")).toBe(true);
    }
    expect(catalog.fr).toContain("\nkind.poBox=bo%C3%AEte postale\n");
  });

  test("cart rules need no labels; rules that all have messages need no templates", () => {
    expect(compileMessages({ v: 1, rules: [{ id: "q", kind: "cartQuantity", max: 3 }] }).en).toBe(
      `\ncartQuantityMin=${DEFAULT_MESSAGES.en.cartQuantityMin}\ncartQuantityMax=${DEFAULT_MESSAGES.en.cartQuantityMax}\n`,
    );
    expect(compileMessages({ v: 1, rules: [{ id: "q", kind: "cartQuantity", max: 3, message: "Too many" }] })).toEqual({});
    expect(compileMessages({ v: 1, rules: [] })).toEqual({});
  });

  test("reads any JSON defensively (what is not a rule of a known kind needs nothing)", () => {
    for (const document of [null, 1, "x", [], {}, { rules: "x" }, { rules: [null, 1, { kind: "teleport" }, { kind: "toString" }, { kind: "__proto__" }] }]) {
      expect(compileMessages(document)).toEqual({});
    }
    expect(catalogNeeds({ rules: [{ kind: "requiredFields", fields: ["zip", "nope", 3] }] })).toEqual({ keys: ["requiredFields"], fields: ["zip"], kinds: [] });
  });

  test("every function's largest catalog fits Shopify's 10,000 bytes in every built-in language", () => {
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const keys = CHECKOUT_FUNCTIONS[fn].kinds.flatMap((kind) => MESSAGE_KEYS_BY_KIND[kind]);
      const rules = keys.map((key, i) => ({ id: `r${i}`, kind: CHECKOUT_FUNCTIONS[fn].kinds.find((k) => MESSAGE_KEYS_BY_KIND[k].includes(key))! }));
      const document = {
        v: 1,
        rules: [
          ...rules,
          { id: "all-fields", kind: "requiredFields", fields: [...ADDRESS_FIELDS] },
          { id: "all-kinds", kind: "addressKind", block: [...ADDRESS_KINDS] },
          ...["latin", "ascii", "noEmoji"].map((allow) => ({ id: allow, kind: "charset", fields: ["city"], allow })),
        ].filter((rule) => (CHECKOUT_FUNCTIONS[fn].kinds as readonly string[]).includes(rule.kind)),
      };
      const fitted = fitMessages(document);
      expect(fitted.dropped, fn).toEqual([]);
      expect(fitted.bytes, fn).toBeLessThanOrEqual(METAFIELD_BYTE_LIMIT);
    }
  });
});

describe("fitted to a byte budget", () => {
  const document = {
    v: 1,
    rules: [
      { id: "a", kind: "addressKind", block: [...ADDRESS_KINDS] },
      { id: "r", kind: "requiredFields", fields: [...ADDRESS_FIELDS] },
      { id: "t", kind: "streetNumber", translations: { "pt-br": "Número, por favor", de: "Hausnummer bitte" } },
    ],
  };
  const full = fitMessages(document);

  test("drops built-in languages from the end, keeping English and the languages of the rules' translations", () => {
    expect(translationLanguages(document)).toEqual(["de", "pt"]);
    const budget = full.bytes - 1;
    const fitted = fitMessages(document, budget);
    expect(fitted.dropped).toEqual(["nl"]);
    expect(fitted.languages).toEqual(["en", "fr", "de", "es", "it", "pt"]);
    expect(fitted.bytes).toBeLessThanOrEqual(budget);
    expect(fitted.catalog).toEqual(compileMessages(document, { languages: fitted.languages }));

    const tight = fitMessages(document, Math.floor(full.bytes / 2));
    expect(tight.dropped).toEqual(["nl", "it", "es", "fr"]);
    expect(Object.keys(tight.catalog)).toEqual(["en", "de", "pt", "pt-pt", "pt-br"]);
    expect(tight.bytes).toBeLessThanOrEqual(Math.floor(full.bytes / 2));
  });

  test("then the translations' languages too, from the end; English always stays", () => {
    const english = compileMessages(document, { languages: ["en"] });
    const fitted = fitMessages(document, JSON.stringify(english).length + 10);
    expect(fitted.dropped).toEqual(["nl", "it", "es", "fr", "pt", "de"]);
    expect(fitted.catalog).toEqual(english);
    expect(fitMessages(document, 10).catalog).toEqual(english);
  });

  test("a buyer whose language was dropped reads the English default, with the labels of the languages kept", () => {
    const fitted = fitMessages(document, Math.floor(full.bytes / 2)).catalog;
    const rule = document.rules[1] as AnyRule;
    expect(renderWithCatalog(rule, "requiredFields", ["fr"], { field: "city" }, fitted)).toBe("City: this field is required.");
    expect(renderWithCatalog(rule, "requiredFields", ["pt-br", "pt"], { field: "zip" }, fitted)).toBe("CEP: este campo é obrigatório.");
  });
});

describe("without a catalog (a Validation published before catalogs)", () => {
  test("a short English sentence per family of rules, and the English labels", () => {
    const rule = { id: "x", kind: "requiredFields" } as AnyRule;
    const render = (key: MessageKey, args: MessageArgs = {}) => renderWithCatalog(rule, key, ["fr"], args, null);
    expect(render("requiredFields", { field: "zip" })).toBe("Postal code: please check this field.");
    expect(render("addressKind", { field: "address1", kind: "poBox" })).toBe("Address: please check this field.");
    expect(render("cartQuantityMax")).toBe("Your cart doesn't meet this store's order limits.");
    expect(render("subtotalMin")).toBe("Your cart doesn't meet this store's order limits.");
    expect(render("weightMax")).toBe("Your order's weight is outside this store's limits.");
    expect(render("exclusiveOther", { product: "Tea" })).toBe("Tea can't be ordered this way. Please check your cart.");
    // A rule's own message still renders, its labels in English.
    expect(renderWithCatalog({ id: "m", kind: "addressKind", message: "{field}: no {kind}, {max}" } as AnyRule, "addressKind", ["de"], { field: "company", kind: "military", max: 1.5 }, null)).toBe(
      "Company: no military address (APO/FPO/DPO), 1,5",
    );
  });

  test("a catalog that lacks a key, or is not one, is the same as none; a malformed escape is shown as written", () => {
    const rule = { id: "x", kind: "requiredFields" } as AnyRule;
    for (const catalog of [{}, { en: 5 }, { en: "\nstreetNumber=x\n" }, { fr: "requiredFields=no newline before" }] as unknown as MessageCatalog[]) {
      expect(renderWithCatalog(rule, "requiredFields", ["fr"], { field: "zip" }, catalog)).toBe("Postal code: please check this field.");
    }
    expect(renderWithCatalog(rule, "requiredFields", ["en"], {}, { en: "\nrequiredFields=100%\n" })).toBe("100%");
  });
});
