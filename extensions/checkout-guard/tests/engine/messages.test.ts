import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { ADDRESS_FIELDS, ADDRESS_KINDS, type Rule } from "../../src/engine/config";
import { MESSAGE_LANGUAGES, PLACEHOLDERS, formatNumber, renderMessage } from "../../src/engine/messages";
import { ADDRESS_KIND_LABELS, DEFAULT_MESSAGES, FIELD_LABELS, MESSAGE_KEYS_BY_KIND, PLACEHOLDERS_BY_KIND } from "../../src/engine/message-tables";
import { previewMessage } from "../../src/engine/message-catalog";
import { languageCandidates } from "../../src/engine/facts";
import { line as lineOf, messagesFor } from "./build";

const REQUIRED = ["en", "fr", "de", "es", "it", "nl", "pt"];

describe("built-in defaults", () => {
  test("exist for every message of every kind in seven languages", () => {
    expect([...MESSAGE_LANGUAGES].sort()).toEqual([...REQUIRED].sort());
    const keys = Object.values(MESSAGE_KEYS_BY_KIND).flat();
    for (const language of REQUIRED) {
      const table = DEFAULT_MESSAGES[language as keyof typeof DEFAULT_MESSAGES];
      expect(Object.keys(table).sort()).toEqual([...new Set(keys)].sort());
      for (const key of keys) expect(table[key].trim().length).toBeGreaterThan(5);
      for (const field of ADDRESS_FIELDS) expect(FIELD_LABELS[language as keyof typeof FIELD_LABELS][field]).toBeTruthy();
      for (const kind of ADDRESS_KINDS) expect(ADDRESS_KIND_LABELS[language as keyof typeof ADDRESS_KIND_LABELS][kind]).toBeTruthy();
    }
  });

  test("translations use the same placeholders as English", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of REQUIRED) {
      const table = DEFAULT_MESSAGES[language as keyof typeof DEFAULT_MESSAGES];
      for (const [key, english] of Object.entries(DEFAULT_MESSAGES.en)) {
        expect(new Set(names(table[key as keyof typeof table])), `${language}.${key}`).toEqual(new Set(names(english)));
      }
    }
  });

  test("defaults only use the placeholders their kind fills", () => {
    for (const [kind, keys] of Object.entries(MESSAGE_KEYS_BY_KIND)) {
      const allowed = new Set<string>(PLACEHOLDERS_BY_KIND[kind as keyof typeof PLACEHOLDERS_BY_KIND]);
      for (const key of keys) {
        for (const [, name] of DEFAULT_MESSAGES.en[key].matchAll(/\{(\w+)\}/g)) expect(allowed.has(name), `${key} {${name}}`).toBe(true);
      }
    }
  });
});

describe("language selection", () => {
  const rule = (extra: object) => ({ id: "r", kind: "requiredFields", fields: ["phone"], ...extra });
  const spec = (language: string) => ({ addresses: [{ phone: null }], language });

  test("Shopify codes become candidates, most specific first", () => {
    expect(languageCandidates("PT_BR")).toEqual(["pt-br", "pt"]);
    expect(languageCandidates("EN")).toEqual(["en"]);
    expect(languageCandidates("")).toEqual([]);
  });

  test("the rule's translation for the regional code, then the base language", () => {
    const translated = rule({ message: "Phone needed", translations: { "pt-br": "Telefone (BR)", pt: "Telefone (PT)" } });
    expect(messagesFor([translated], spec("PT_BR"))).toEqual(["Telefone (BR)"]);
    expect(messagesFor([translated], spec("PT_PT"))).toEqual(["Telefone (PT)"]);
  });

  test("then the rule's own message", () => {
    expect(messagesFor([rule({ message: "Phone needed", translations: { fr: "Téléphone requis" } })], spec("DE"))).toEqual(["Phone needed"]);
  });

  test("then the built-in default in the buyer's language, then English", () => {
    expect(messagesFor([rule({})], spec("DE"))).toEqual(["Telefon: Dieses Feld ist erforderlich."]);
    expect(messagesFor([rule({})], spec("PT_BR"))).toEqual(["Telefone: este campo é obrigatório."]);
    expect(messagesFor([rule({})], spec("JA"))).toEqual(["Phone: this field is required."]);
  });

  test("field labels follow the buyer's language, even in a custom message", () => {
    const custom = rule({ message: "«{field}» ?" });
    expect(messagesFor([custom], spec("FR"))).toEqual(["«Téléphone» ?"]);
    expect(messagesFor([{ id: "n", kind: "requiredFields", fields: ["lastName"], message: "{field}" }], { addresses: [{ lastName: "" }], language: "PT_PT" })).toEqual([
      "Apelido",
    ]);
  });

  test("every language has its own default for a cart rule", () => {
    const seen = new Set<string>();
    for (const language of ["EN", "FR", "DE", "ES", "IT", "NL", "PT_BR"]) {
      const [message] = messagesFor([{ id: "d", kind: "distinctLines", max: 1 }], { lines: [lineOf(), lineOf()], language });
      seen.add(message);
    }
    expect(seen.size).toBe(7);
  });
});


describe("rendering", () => {
  test("fills placeholders; known ones without value render empty; unknown ones stay", () => {
    expect(renderMessage("{min}-{max} {foo}", { min: 2 }, ["en"])).toBe("2- {foo}");
  });

  test("formats numbers: integers plain, up to two decimals, money with two, decimal comma", () => {
    expect(formatNumber(3, ["en"])).toBe("3");
    expect(formatNumber(2.5, ["en"])).toBe("2.5");
    expect(formatNumber(2.0349, ["en"])).toBe("2.03");
    expect(formatNumber(20, ["en"], 2)).toBe("20.00");
    expect(formatNumber(19.5, ["de"], 2)).toBe("19,50");
    expect(formatNumber(19.5, ["pt-br", "pt"], 2)).toBe("19,50");
  });

  test("custom templates get every value of their kind", () => {
    const rule = { id: "l", kind: "lineQuantity", min: 2, max: 10, multiple: 2, message: "{product}|{quantity}|{min}|{max}|{multiple}|{limit}" };
    expect(messagesFor([rule], { lines: [lineOf({ title: "Tea", quantity: 12 })] })).toEqual(["Tea|12|2|10|2|10"]);
    const weight = { id: "w", kind: "weight", max: 1, unit: "KILOGRAMS", message: "{weight}{unit}>{max}{unit}" };
    expect(messagesFor([weight], { lines: [lineOf({ weight: 1500 })] })).toEqual(["1.5kg>1kg"]);
  });
});

describe("previewMessage (admin)", () => {
  test("shows the rule's message for a language with sample values", () => {
    const rule = { id: "l", kind: "lineQuantity", max: 6, message: "Max {max} per line", translations: { fr: "{max} maximum pour {product}" } } as Rule;
    expect(previewMessage(rule, "en")).toBe("Max 6 per line");
    expect(previewMessage(rule, "FR")).toBe("6 maximum pour Example product");
  });

  test("uses the kind's built-in default when there is no message", () => {
    const rule = { id: "c", kind: "charset", fields: ["city"], allow: "noEmoji" } as Rule;
    expect(previewMessage(rule, "de")).toBe("Stadt: Bitte Emojis entfernen.");
    const subtotal = { id: "s", kind: "subtotal", limits: { EUR: { min: 30 } } } as Rule;
    expect(previewMessage(subtotal, "fr", "subtotalMin")).toBe("Le sous-total minimum de commande est de 30,00 EUR (actuellement 25,00 EUR).");
  });
});

test("placeholders are found by a scan exactly where the former regular expression found them", () => {
  // The reference: every `{letters}` that names a placeholder is filled (here with nothing), anything else stays.
  const reference = (template: string) =>
    template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? "" : whole));
  const piece = fc.oneof(fc.constantFrom("{", "}", "{field}", "{min}", "{foo}", "{ x}", "{{", "}}", "{min", "max}", "a", " "), fc.string({ maxLength: 3 }));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const template = parts.join("");
      expect(renderMessage(template, {}, [])).toBe(reference(template));
    }),
    { numRuns: 5000 },
  );
});

test("whole numbers are formatted as the general path formats them, in every language", () => {
  const general = (value: number) => {
    const text = (Math.round(value * 100) / 100).toFixed(2).replace(/\.?0+$/, "");
    return text === "-0" ? "0" : text;
  };
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(["en"], ["fr"], ["pt-br", "pt"], []), (value, languages) => {
      expect(formatNumber(value, languages)).toBe(general(value));
    }),
    { numRuns: 2000 },
  );
});
