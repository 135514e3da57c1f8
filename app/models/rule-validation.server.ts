/**
 * Server-side validation of a rule as the admin edits it: the same valibot
 * schema the checkout function parses its configuration with (so nothing the
 * admin saves can be refused at checkout), plus what a schema cannot say —
 * cross-field checks, regular-expression syntax in the dialect QuickJS runs,
 * catastrophic backtracking (ReDoS) found with `recheck`, and size caps.
 *
 * The ReDoS check runs off the event loop (recheck's async `check`: its native
 * agent, else Java, else a worker thread) under one time budget per request,
 * shared by every pattern of a save or import: a hostile pattern costs the
 * request that sent it at most that budget, and other requests are answered
 * meanwhile.
 *
 * Errors are keyed by form field path: "name", "status", "scheduleStart",
 * "definition.min", "definition.translations.fr", and "_form".
 */
import * as v from "valibot";
import { check, type Diagnostics } from "recheck";
import {
  RuleSchema,
  type Rule,
  type RuleKind,
} from "../../extensions/checkout-guard/src/engine/config";
import { currentLocale, t } from "../i18n.server";

export type FieldErrors = Record<string, string>;

export const RULE_STATUSES = ["active", "inactive", "scheduled"] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A rule's kind-specific settings: the document's Rule without `id` and `schedule`. */
export type RuleDefinition = DistributiveOmit<Rule, "id" | "schedule">;

/** Unvalidated rule fields, from a form or an imported file. */
export interface RuleInput {
  name: unknown;
  status: unknown;
  scheduleStart?: unknown;
  scheduleEnd?: unknown;
  definition: unknown;
}

/** A rule that passed every check, normalised (trimmed, upper-cased codes). */
export interface ValidRule {
  name: string;
  kind: RuleKind;
  status: RuleStatus;
  scheduleStart: string | null;
  scheduleEnd: string | null;
  definition: RuleDefinition;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const NAME_MAX_LENGTH = 100;
/** Languages a rule's message can be translated into: more than Shopify's checkout languages. */
export const MAX_TRANSLATIONS = 50;
/**
 * A rule's stored size (name and settings as JSON, UTF-8). Shopify passes at
 * most 10,000 bytes to a function, so a bigger rule could never be enforced;
 * the cap also holds for inactive rules, which are not in that document.
 */
export const MAX_RULE_BYTES = 10_000;

/** Validates every field of a rule; never throws. `budget` is the request's time for pattern checks. */
export async function validateRuleInput(input: RuleInput, budget: CheckBudget = checkBudget()): Promise<Validated<ValidRule>> {
  const errors: FieldErrors = {};
  const record = (input ?? {}) as Partial<RuleInput>;

  const name = typeof record.name === "string" ? record.name.trim() : "";
  if (name === "") errors.name = t("server.validation.enterName");
  else if (name.length > NAME_MAX_LENGTH) errors.name = t("server.validation.nameTooLong", { max: NAME_MAX_LENGTH });

  const status = typeof record.status === "string" ? record.status.trim() : "";
  if (!(RULE_STATUSES as readonly string[]).includes(status)) {
    errors.status = t("server.validation.chooseStatus");
  }

  const scheduleStart = parseLocalDateTime(record.scheduleStart, "scheduleStart", errors);
  const scheduleEnd = parseLocalDateTime(record.scheduleEnd, "scheduleEnd", errors);
  if (status === "scheduled" && scheduleStart === null && scheduleEnd === null && !errors.scheduleStart && !errors.scheduleEnd) {
    errors.scheduleStart = t("server.validation.scheduleNeeded");
  }
  if (scheduleStart && scheduleEnd && scheduleStart >= scheduleEnd) {
    errors.scheduleEnd = t("server.validation.endAfterStart");
  }

  const definition = await validateDefinition(record.definition, budget);
  if (!definition.ok) Object.assign(errors, definition.errors);

  if (Object.keys(errors).length > 0 || !definition.ok) return { ok: false, errors };
  const bytes = ruleBytes({ name, definition: definition.value });
  if (bytes > MAX_RULE_BYTES) {
    return {
      ok: false,
      errors: {
        _form: t("server.validation.ruleTooLarge", { bytes, max: MAX_RULE_BYTES, limit: 10_000 }),
      },
    };
  }
  return {
    ok: true,
    value: {
      name,
      kind: definition.value.kind,
      status: status as RuleStatus,
      scheduleStart,
      scheduleEnd,
      definition: definition.value,
    },
  };
}

/** A rule's stored size: its name and settings as JSON, in UTF-8 bytes. */
export function ruleBytes(rule: { name: string; definition: unknown }): number {
  return Buffer.byteLength(JSON.stringify({ name: rule.name, definition: rule.definition }), "utf8");
}

/**
 * Validates a definition (an object, or its JSON text as the editor posts it).
 * Errors are keyed "definition.<path>".
 */
export async function validateDefinition(raw: unknown, budget: CheckBudget = checkBudget()): Promise<Validated<RuleDefinition>> {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, errors: { definition: t("server.validation.settingsNotJson") } };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, errors: { definition: t("server.validation.settingsMissing") } };
  }
  // `id` and `schedule` belong to the stored rule, not to its definition.
  const { id: _id, schedule: _schedule, ...rest } = value as Record<string, unknown>;
  const candidate = normalizeDefinition(rest);

  const parsed = v.safeParse(RuleSchema, { ...candidate, id: "validation" });
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = v.getDotPath(issue);
      const key = path ? `definition.${path}` : "definition";
      errors[key] ??= friendlyMessage(issue);
    }
  }
  // Cross-field checks also run on an invalid definition, so the form shows every error at once.
  for (const [key, message] of Object.entries(crossFieldErrors(candidate as Loose))) errors[key] ??= message;
  const { kind, pattern, ignoreCase } = candidate as Loose;
  if (kind === "fieldPattern" && typeof pattern === "string" && pattern.length >= 1 && pattern.length <= 300) {
    const message = await checkPattern(pattern, ignoreCase === true, budget);
    if (message) errors["definition.pattern"] ??= message;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { id: _validationId, schedule: _none, ...definition } = parsed.output;
  return { ok: true, value: definition as RuleDefinition };
}

// ---------------------------------------------------------------------------
// Regular expressions

/** recheck's time per pattern; past it the pattern is refused, not trusted. Safe patterns take milliseconds. */
const RECHECK_TIMEOUT_MS = 2_500;
/** The time one request (a save, an import, a restore) may spend checking all its patterns. */
export const PATTERN_CHECK_BUDGET_MS = 3_000;
/** How long past its allowance a check may take to answer before it is abandoned. */
const ANSWER_GRACE_MS = 250;

/** A request's deadline for pattern checks, shared by every pattern it sends. */
export interface CheckBudget {
  readonly deadline: number;
  readonly totalMs: number;
}

export function checkBudget(ms: number = PATTERN_CHECK_BUDGET_MS): CheckBudget {
  return { deadline: Date.now() + ms, totalMs: ms };
}

/**
 * Checks a field pattern as the function will compile it (`new RegExp(p, "u")`,
 * plus "i" when ignoring case): syntax first, then super-linear backtracking.
 * Resolves to an error message, or null when the pattern is safe.
 */
export async function checkPattern(pattern: string, ignoreCase = false, budget: CheckBudget = checkBudget()): Promise<string | null> {
  const flags = ignoreCase ? "iu" : "u";
  // Verdicts are sentences in the request's language.
  const key = `${currentLocale()}:${flags}/${pattern}`;
  const cached = patternVerdicts.get(key);
  if (cached !== undefined) return cached;
  const { verdict, final } = await analysePattern(pattern, flags, budget);
  // Imports and restores re-check the same patterns. A pattern cut short by the request's budget
  // (not by its own allowance) has no verdict yet: the next request checks it again.
  if (final) {
    if (patternVerdicts.size >= PATTERN_CACHE_SIZE) patternVerdicts.delete(patternVerdicts.keys().next().value!);
    patternVerdicts.set(key, verdict);
  }
  return verdict;
}

const PATTERN_CACHE_SIZE = 500;
const patternVerdicts = new Map<string, string | null>();

const outOfTime = (budget: CheckBudget) => t("server.validation.patternOutOfTime", { seconds: budget.totalMs / 1000 });

async function analysePattern(pattern: string, flags: string, budget: CheckBudget): Promise<{ verdict: string | null; final: boolean }> {
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : "";
    return { verdict: detail ? t("server.validation.patternInvalidDetail", { detail }) : t("server.validation.patternInvalid"), final: true };
  }
  const remaining = budget.deadline - Date.now();
  if (remaining <= 0) return { verdict: outOfTime(budget), final: false };
  const allowance = Math.min(RECHECK_TIMEOUT_MS, remaining);
  const diagnostics = await checkOffThread(pattern, flags, allowance);
  if (diagnostics === null) return { verdict: outOfTime(budget), final: false };
  if (diagnostics === "failed") {
    return { verdict: t("server.validation.patternCheckFailed"), final: false };
  }
  if (diagnostics.status === "safe") return { verdict: null, final: true };
  if (diagnostics.status === "vulnerable") {
    const growth = diagnostics.complexity.type === "exponential" ? "patternExponential" : "patternPolynomial";
    return { verdict: t(`server.validation.${growth}`, { example: describeAttack(diagnostics.attack) }), final: true };
  }
  if (diagnostics.error.kind === "timeout" || diagnostics.error.kind === "cancel") {
    // Its whole allowance spent: too complex. Cut short by the request's budget: not judged yet.
    return allowance >= RECHECK_TIMEOUT_MS
      ? { verdict: t("server.validation.patternTooComplex"), final: true }
      : { verdict: outOfTime(budget), final: false };
  }
  return { verdict: t("server.validation.patternUncheckable", { reason: diagnostics.error.kind }), final: true };
}

/** The first check starts recheck's agent; concurrent first checks would each start one. */
let agentReady: Promise<unknown> | null = null;

/**
 * recheck's async check, abandoned (and cancelled) when it has not answered
 * within its allowance: null then, "failed" when recheck itself failed.
 */
async function checkOffThread(pattern: string, flags: string, allowanceMs: number): Promise<Diagnostics | null | "failed"> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), allowanceMs + ANSWER_GRACE_MS);
  });
  const run = async () => {
    agentReady ??= check("a", "").catch(() => undefined);
    await agentReady;
    // Seeds from a dynamic analysis of the pattern: on patterns with lookarounds (which
    // only the fuzzer can check) ~30× faster than the static seeder, so an ordinary
    // pattern is judged well inside the budget on a busy machine; hostile ones are still found.
    return check(pattern, flags, { timeout: allowanceMs, signal: controller.signal, seeder: "dynamic" });
  };
  try {
    const answer = await Promise.race([run(), late]);
    // Abandoned: recheck stops working on it (the agent cancels it, a worker is terminated).
    if (answer === null) controller.abort();
    return answer;
  } catch {
    controller.abort();
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}

/** recheck's attack string, told as a merchant can picture it. */
function describeAttack(attack: { pumps: { prefix: string; pump: string }[]; suffix: string }): string {
  const show = (text: string) => JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);
  const [first] = attack.pumps;
  if (!first) return show(attack.suffix);
  const prefix = first.prefix ? t("server.validation.attackPrefix", { text: show(first.prefix) }) : "";
  const suffix = attack.suffix ? t("server.validation.attackSuffix", { text: show(attack.suffix) }) : "";
  return t("server.validation.attackRepeated", { prefix, pump: show(first.pump), suffix });
}

// ---------------------------------------------------------------------------
// Helpers

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "YYYY-MM-DDTHH:MM[:SS]" (the seconds an HTML datetime-local input omits) → "YYYY-MM-DDTHH:MM:SS". */
function parseLocalDateTime(raw: unknown, field: string, errors: FieldErrors): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") {
    errors[field] = t("server.validation.dateFormat");
    return null;
  }
  const text = raw.trim();
  if (text === "") return null;
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) {
    errors[field] = t("server.validation.dateFormat");
    return null;
  }
  const [, y, mo, d, h, mi, s = "00"] = match;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  const valid =
    date.getUTCFullYear() === +y && date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d &&
    +h < 24 && +mi < 60 && +s < 60 && +y >= 2000;
  if (!valid) {
    errors[field] = t("server.validation.dateInvalid");
    return null;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const upper = (value: unknown) => (typeof value === "string" ? value.trim().toUpperCase() : value);
const upperList = (value: unknown) => (Array.isArray(value) ? value.map(upper) : value);
const upperKeys = (value: unknown, mapValue: (v: unknown) => unknown = (x) => x) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, val]) => [k.trim().toUpperCase(), mapValue(val)]));
};
const postalEntries = (value: unknown) =>
  Array.isArray(value) ? value.map((e) => (typeof e === "string" ? e.replace(/\s+/g, "").toUpperCase() : e)) : value;

/**
 * Forgiving about case and spacing where the function is too (country,
 * currency and postal codes), so "fr" or "75 001" is stored as "FR", "75001".
 */
function normalizeDefinition(definition: Record<string, unknown>): Record<string, unknown> {
  const out = { ...definition };
  if (out.kind === "destination") {
    out.countries = upperList(out.countries);
    if (out.provinces !== undefined) out.provinces = upperKeys(out.provinces, upperList);
  } else if (typeof out.countries === "object" && out.countries !== null && !Array.isArray(out.countries)) {
    const scope = out.countries as Record<string, unknown>;
    out.countries = { ...scope, codes: upperList(scope.codes) };
  }
  if (out.kind === "postalCode" && out.codes !== undefined) out.codes = upperKeys(out.codes, postalEntries);
  for (const key of ["select", "other", "requires"]) if (out[key] !== undefined) out[key] = normalizeSelector(out[key]);
  if (out.kind === "subtotal" && out.limits !== undefined) out.limits = upperKeys(out.limits);
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/** Shopify's resource picker returns GIDs; the document stores their numeric part. */
function normalizeSelector(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const key of ["products", "variants", "collections"]) {
    const list = out[key];
    if (Array.isArray(list)) {
      out[key] = list.map((id) => {
        if (typeof id === "number" && Number.isSafeInteger(id)) return String(id);
        if (typeof id !== "string") return id;
        const match = /^gid:\/\/shopify\/(?:Product|ProductVariant|Collection)\/(\d+)$/.exec(id.trim());
        return match ? match[1] : id.trim();
      });
    }
  }
  return out;
}

type Issue = v.BaseIssue<unknown>;

/**
 * The engine's own schema messages (engine/config.ts: in the functions' bundles,
 * so English only), in the request's language; "At most 300 characters." → maxChars, n = 300.
 */
const ENGINE_MESSAGES: [RegExp, string][] = [
  [/^Must not be empty\.$/, "mustNotBeEmpty"],
  [/^At most (\d+) characters\.$/, "maxChars"],
  [/^Use a two-letter ISO country code/, "countryCode"],
  [/^Use a three-letter ISO currency code/, "currencyCode"],
  [/^Use a numeric Shopify id\.$/, "numericId"],
  [/^Use a whole number\.$/, "wholeNumber"],
  [/^Must be (\d+) or more\.$/, "atLeast"],
  [/^Use a local date-time like/, "localDateTime"],
  [/^Use a language code such as/, "languageCode"],
  [/^Choose at least (\d+)\.$/, "chooseAtLeast"],
  [/^At most (\d+) entries\.$/, "maxEntries"],
  [/^Use 1 to (\d+) letters, digits/, "ruleId"],
  [/^Enter a pattern\.$/, "enterPattern"],
  [/^Use a code \("75001"\)/, "postalEntry"],
  [/^At most (\d+) rules\.$/, "maxRules"],
];

function engineMessage(issue: Issue): string {
  for (const [pattern, key] of ENGINE_MESSAGES) {
    const match = pattern.exec(issue.message);
    if (match) return t(`server.engine.${key}`, { n: match[1] === undefined ? undefined : Number(match[1]) });
  }
  // valibot's own wording ("Invalid value: Expected <=1000000 but received 2000000").
  if (issue.type === "max_value" && typeof issue.requirement === "number") return t("server.engine.atMost", { n: issue.requirement });
  return issue.message;
}

/** valibot's default messages are for developers; merchants read these. */
function friendlyMessage(issue: Issue): string {
  if (issue.kind !== "schema") return engineMessage(issue);
  const received = issue.received;
  switch (issue.type) {
    case "variant":
      return t("server.validation.chooseKind");
    case "strict_object":
      return issue.expected === "never" ? t("server.validation.unknownSetting", { name: received }) : t("server.validation.expectedGroup");
    case "number":
      return t("server.validation.enterNumber");
    case "string":
      return t("server.validation.enterText");
    case "boolean":
      return t("server.validation.chooseYesNo");
    case "array":
      return t("server.validation.expectedList");
    case "record":
    case "object":
      return t("server.validation.expectedGroup");
    case "picklist":
    case "literal":
      return t("server.validation.chooseOneOf", {
        options: String(issue.expected).replace(/"/g, "").replace(/ \| /g, ", ").replace(/^\(|\)$/g, ""),
      });
    default:
      return issue.message;
  }
}

type Selectorish = { products?: unknown; variants?: unknown; tags?: unknown; collections?: unknown };
/** A definition that may not have passed the schema: every read is guarded. */
type Loose = Record<string, unknown>;

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const len = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const obj = (value: unknown): Loose =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Loose) : {};
const selectorEmpty = (value: unknown) => {
  const s = obj(value) as Selectorish;
  return len(s.products) + len(s.variants) + len(s.tags) + len(s.collections) === 0;
};

function crossFieldErrors(rule: Loose): FieldErrors {
  const errors: FieldErrors = {};
  const minMax = (at: string, min: unknown, max: unknown, optional = false) => {
    if (min === undefined && max === undefined && !optional) errors[`${at}.min`] = t("server.validation.minOrMax");
    const low = num(min);
    const high = num(max);
    if (low !== undefined && high !== undefined && low > high) errors[`${at}.max`] = t("server.validation.maxAtLeastMin");
  };

  const translations = Object.keys(obj(rule.translations)).length;
  if (translations > MAX_TRANSLATIONS) {
    errors["definition.translations"] = t("server.validation.tooManyTranslations", { max: MAX_TRANSLATIONS, count: translations });
  }

  switch (rule.kind) {
    case "fieldLength":
    case "cartQuantity":
    case "productQuantity":
    case "weight":
      minMax("definition", rule.min, rule.max);
      break;
    case "lineQuantity":
      minMax("definition", rule.min, rule.max, true);
      if (rule.min === undefined && rule.max === undefined && rule.multiple === undefined) {
        errors["definition.min"] = t("server.validation.minMaxOrMultiple");
      }
      break;
    case "subtotal": {
      const entries = Object.entries(obj(rule.limits));
      if (entries.length === 0) errors["definition.limits"] = t("server.validation.addCurrencyLimit");
      for (const [currency, limit] of entries) minMax(`definition.limits.${currency}`, obj(limit).min, obj(limit).max);
      break;
    }
    case "postalCode": {
      const codes = Object.entries(obj(rule.codes));
      if (codes.length === 0) errors["definition.codes"] = t("server.validation.addPostalCodes");
      for (const [country, entries] of codes) {
        (Array.isArray(entries) ? entries : []).forEach((entry, i) => {
          const range = typeof entry === "string" ? /^(\d+)\.\.(\d+)$/.exec(entry) : null;
          if (range && Number(range[1]) > Number(range[2])) {
            errors[`definition.codes.${country}.${i}`] ??= t("server.validation.rangeBackwards", { range: entry });
          }
        });
      }
      break;
    }
    case "destination":
      if (len(rule.countries) === 0 && Object.keys(obj(rule.provinces)).length === 0) {
        errors["definition.countries"] = t("server.validation.chooseDestination");
      }
      break;
    case "exclusive":
      if (selectorEmpty(rule.select)) errors["definition.select"] = t("server.validation.chooseExclusive");
      break;
    case "dependency":
      if (selectorEmpty(rule.select)) errors["definition.select"] = t("server.validation.chooseDependent");
      if (selectorEmpty(rule.requires)) errors["definition.requires"] = t("server.validation.chooseRequired");
      break;
  }
  return errors;
}
