/**
 * The rule editor's posted form → the RuleInput the rules model validates.
 * Shared: the action reads the post with it, and the editor uses it to preview
 * the message of the rule as it is being typed.
 *
 * Only shape is handled here (numbers, checkboxes, comma lists, one-line-per-
 * country maps); the rules themselves are validated by the model with the
 * function's own schema. A value that cannot be read (a number field holding
 * "abc") is passed on as written, so the model refuses the rule too and nothing
 * is saved; this module's message, more precise, replaces the model's at that field.
 */
import { parseRefList, refListError } from "../admin/shopify-ids";
import { translate, type Translate } from "../i18n";
import { KIND_FIELDS, SELECTOR_PARTS, isAddressKind, isRuleKind, type FormValues, type LimitRow, type TranslationRow } from "./rule-kinds";

export type FieldErrors = Record<string, string>;

export interface ParsedRuleForm {
  input: {
    name: unknown;
    status: unknown;
    scheduleStart?: unknown;
    scheduleEnd?: unknown;
    definition: unknown;
  };
  errors: FieldErrors;
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};
const splitList = (value: string) =>
  value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
/** `datetime-local` inputs post "2026-12-24T18:00"; the model stores seconds too. */
const localDateTime = (value: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value);

function parseNumber(value: string, integer: boolean): number | string | undefined {
  if (value === "") return undefined;
  const normalized = value.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return value;
  const n = Number(normalized);
  if (integer && !Number.isInteger(n)) return value;
  return n;
}

/** "FR: 75001, 75*" lines → { FR: ["75001", "75*"] }; null when a line has no country. */
function parseCodeMap(value: string, item: "postal" | "province"): Record<string, string[]> | null {
  const map: Record<string, string[]> = {};
  for (const raw of value.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([A-Za-z]{2})\s*:\s*(.*)$/.exec(line);
    if (!match) return null;
    const country = match[1].toUpperCase();
    const entries = match[2]
      .split(/[,;]/)
      .map((s) => (item === "postal" ? s.replace(/\s+/g, "").toUpperCase() : s.trim().toUpperCase()))
      .filter(Boolean);
    map[country] = [...(map[country] ?? []), ...entries];
  }
  return map;
}

/** `t`: the language of the errors (the server passes the request's; the form's preview ignores them). */
export function parseRuleForm(form: FormData, t: Translate = translate("en")): ParsedRuleForm {
  const errors: FieldErrors = {};
  const kind = text(form, "definition.kind");
  const input: ParsedRuleForm["input"] = {
    name: text(form, "name"),
    status: text(form, "status"),
    scheduleStart: localDateTime(text(form, "scheduleStart")) || null,
    scheduleEnd: localDateTime(text(form, "scheduleEnd")) || null,
    definition: { kind },
  };
  if (!isRuleKind(kind)) {
    errors["definition.kind"] = t("server.validation.chooseKind");
    return { input, errors };
  }
  const definition: Record<string, unknown> = { kind };
  const set = (name: string, value: unknown) => {
    if (value !== undefined) definition[name] = value;
  };

  for (const field of KIND_FIELDS[kind]) {
    const path = `definition.${field.name}`;
    switch (field.type) {
      case "int":
      case "number": {
        const value = parseNumber(text(form, path), field.type === "int");
        if (typeof value === "string") errors[path] = t(field.type === "int" ? "server.form.enterWholeNumber" : "server.validation.enterNumber");
        set(field.name, value);
        break;
      }
      case "text":
        // Patterns keep their spaces: they are significant.
        set(field.name, (form.get(path) as string | null) ?? "");
        break;
      case "bool": {
        const value = text(form, path) === "true";
        if (value !== field.default) set(field.name, value);
        break;
      }
      case "choice":
        set(field.name, text(form, path) || field.default);
        break;
      case "multi": {
        const values = form.getAll(path).filter((v): v is string => typeof v === "string" && v !== "");
        if (values.length || !field.optional) set(field.name, values);
        break;
      }
      case "list": {
        const items = splitList(text(form, path)).map((s) => (field.item === "country" ? s.toUpperCase() : s));
        if (items.length) set(field.name, items);
        break;
      }
      case "codeMap": {
        const raw = text(form, path);
        const map = parseCodeMap(raw, field.item);
        if (map === null) {
          errors[path] = t("server.form.codeLines");
          set(field.name, raw);
        } else if (Object.keys(map).length || field.required) {
          set(field.name, map);
        }
        break;
      }
      case "selector": {
        const selector: Record<string, string[]> = {};
        for (const part of SELECTOR_PARTS) {
          const partPath = `${path}.${part.key}`;
          let items: string[];
          if (part.item === "tag") items = splitList(text(form, partPath));
          else {
            // Admin URLs, GIDs or ids → numeric ids; a refused entry stays as written, so the model refuses it too.
            const list = parseRefList(text(form, partPath), part.item, t);
            const error = refListError(list);
            if (error) errors[partPath] = error;
            items = list.ids;
          }
          if (items.length) selector[part.key] = items;
        }
        if (Object.keys(selector).length || field.required) set(field.name, selector);
        break;
      }
      case "limits": {
        const currencies = form.getAll("limits.currency").map(String);
        const mins = form.getAll("limits.min").map(String);
        const maxes = form.getAll("limits.max").map(String);
        const limits: Record<string, Record<string, unknown>> = {};
        currencies.forEach((raw, i) => {
          const currency = raw.trim().toUpperCase();
          const min = parseNumber((mins[i] ?? "").trim(), false);
          const max = parseNumber((maxes[i] ?? "").trim(), false);
          if (!currency && min === undefined && max === undefined) return;
          const row: Record<string, unknown> = {};
          if (min !== undefined) row.min = min;
          if (max !== undefined) row.max = max;
          if (typeof min === "string") errors[`${path}.${currency}.min`] = t("server.form.enterAmount");
          if (typeof max === "string") errors[`${path}.${currency}.max`] = t("server.form.enterAmount");
          limits[currency] = row;
        });
        definition[field.name] = limits;
        break;
      }
    }
  }

  // Common fields, omitted when they hold the function's default (the document stays compact).
  const stage = text(form, "definition.stage");
  if (stage && stage !== "checkout") definition.stage = stage;
  if (isAddressKind(kind)) {
    const display = text(form, "definition.display");
    if (display && display !== "field") definition.display = display;
  }
  if (kind !== "destination") {
    const mode = text(form, "definition.countries.mode");
    const codes = splitList(text(form, "definition.countries.codes")).map((s) => s.toUpperCase());
    if (mode === "in" || mode === "notIn") {
      definition.countries = mode === "notIn" ? { not: true, codes } : { codes };
    }
  }
  const message = text(form, "definition.message");
  if (message) definition.message = message;
  const languages = form.getAll("translations.language").map(String);
  const texts = form.getAll("translations.text").map(String);
  const translations: Record<string, string> = {};
  languages.forEach((raw, i) => {
    const language = raw.trim().toLowerCase().replace(/_/g, "-");
    const body = (texts[i] ?? "").trim();
    if (!language && !body) return;
    // Kept even when incomplete, so the model refuses the rule as well.
    if (!language) errors["definition.translations"] = t("server.form.translationLanguage");
    translations[language] = body;
  });
  if (Object.keys(translations).length) definition.translations = translations;

  input.definition = definition;
  return { input, errors };
}

/** The editor's state as the FormData the browser posts (and the tests post). */
export function ruleFormData(state: {
  name: string;
  status: string;
  scheduleStart: string;
  scheduleEnd: string;
  values: FormValues;
  translations: TranslationRow[];
  limits: LimitRow[];
}): FormData {
  const form = new FormData();
  form.set("name", state.name);
  form.set("status", state.status);
  if (state.status === "scheduled") {
    form.set("scheduleStart", state.scheduleStart);
    form.set("scheduleEnd", state.scheduleEnd);
  }
  for (const [name, value] of Object.entries(state.values)) {
    if (Array.isArray(value)) value.forEach((v) => form.append(name, v));
    else form.set(name, value);
  }
  for (const row of state.translations) {
    form.append("translations.language", row.language);
    form.append("translations.text", row.text);
  }
  for (const row of state.limits) {
    form.append("limits.currency", row.currency);
    form.append("limits.min", row.min);
    form.append("limits.max", row.max);
  }
  return form;
}

/** The error for a field: its own, or the first one inside it ("definition.codes.FR.2"). */
export function errorAt(errors: FieldErrors | undefined, path: string): string | undefined {
  if (!errors) return undefined;
  if (errors[path]) return errors[path];
  const inner = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return inner ? `${inner.slice(path.length + 1)}: ${errors[inner]}` : undefined;
}
