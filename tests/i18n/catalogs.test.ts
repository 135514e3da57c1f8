/**
 * The catalogs (app/locales): English and French have the same messages, each
 * with the same placeholders, and every plural form their language needs
 * (Intl.PluralRules: French has "many"); the rule editor's English labels
 * (app/components/rule-kinds.ts) each have a French translation, and no
 * translation is left for a label that no longer exists.
 */
import { describe, expect, it } from "vitest";
import en from "../../app/locales/en.json";
import fr from "../../app/locales/fr.json";
import frLabels from "../../app/locales/labels/fr.json";
import { CATALOGS, LOCALES, label } from "../../app/i18n";
import {
  FIELD_NAMES,
  KIND_FIELDS,
  KIND_INFO,
  QUICK_STARTS,
  SELECTOR_PARTS,
  STAGE_OPTIONS,
  STATUS_OPTIONS,
  fieldLabel,
} from "../../app/components/rule-kinds";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: object, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, flatten(value as object, path));
  }
  return out;
}

/** "{{count, number}} of {{limit}}" → ["count", "limit"]. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]))].sort();

/** Messages by key without the plural suffix: each form's placeholders, merged. */
function messages(catalog: object) {
  const byKey = new Map<string, { forms: Set<string>; placeholders: Set<string> }>();
  for (const [key, text] of Object.entries(flatten(catalog))) {
    const base = key.replace(PLURAL, "");
    const entry = byKey.get(base) ?? { forms: new Set(), placeholders: new Set() };
    const form = PLURAL.exec(key)?.[1];
    if (form) entry.forms.add(form);
    for (const p of placeholders(text)) entry.placeholders.add(p);
    byKey.set(base, entry);
    expect(text.trim(), key).not.toBe("");
  }
  return byKey;
}

describe("catalogs", () => {
  it("English and French have the same messages with the same placeholders", () => {
    const english = messages(en);
    const french = messages(fr);
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, entry] of english) {
      // `count` chooses the plural form; a language may not need to say it in every form ("une règle").
      const without = (set: Set<string>) => [...set].filter((p) => p !== "count").sort();
      expect(without(french.get(key)!.placeholders), key).toEqual(without(entry.placeholders));
    }
  });

  it("each plural message has every form its language needs, and only those", () => {
    for (const locale of LOCALES) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      for (const [key, entry] of messages(CATALOGS[locale])) {
        if (entry.forms.size === 0) continue;
        expect([...entry.forms].sort(), `${locale}: ${key}`).toEqual(needed);
      }
    }
  });

  it("every label of the rule editor has a French translation, and every translation a label", () => {
    const labels = new Set<string>();
    for (const info of Object.values(KIND_INFO)) labels.add(info.label).add(info.description);
    for (const name of Object.values(FIELD_NAMES)) labels.add(name);
    for (const fields of Object.values(KIND_FIELDS)) {
      for (const field of fields) {
        labels.add(field.label);
        if ("help" in field && field.help) labels.add(field.help);
        if ("options" in field) for (const option of field.options) labels.add(option.label);
      }
    }
    for (const part of SELECTOR_PARTS) labels.add(part.label);
    for (const option of [...STAGE_OPTIONS, ...STATUS_OPTIONS]) labels.add(option.label);
    for (const quick of QUICK_STARTS) labels.add(quick.label);
    for (const field of ["name", "status", "scheduleStart", "scheduleEnd", "message", "translations", "stage", "display", "countries"]) {
      labels.add(fieldLabel("addressKind", field));
    }
    expect(Object.keys(frLabels).sort()).toEqual([...labels].sort());
    for (const text of labels) {
      expect(label("en", text)).toBe(text);
      expect(label("fr", text), text).not.toBe(text === "Active" || text === "Inactive" ? "" : text);
    }
  });
});
