/**
 * The configuration documents the checkout functions read from their
 * Validations' metafields, built from the shop's saved rules.
 *
 * The database keeps one combined document per version (history, restore and
 * export stay whole); publishing splits it (engine/functions.ts, splitConfig):
 * each function's Validation gets that function's rules (address, cart totals,
 * weight, products), with the schedule boundaries its rules use and the input
 * variables its own query declares, as published (publishedDocument: without
 * rule ids, the products functions' list slots worked out). Shopify drops a
 * metafield value over 10,000 bytes before it reaches a function, separately
 * for each function's metafields, so each document is compact (defaults and
 * empty lists omitted) and a configuration where one would not fit is refused
 * here, naming the function and its largest rules, before anything is saved.
 * So is one that a function is predicted to run over 80% of Shopify's
 * instruction limit for (function-cost.server.ts): checkout would stop
 * applying its rules on large carts.
 *
 * Each function's Validation also carries its message catalog (`messages`,
 * engine/message-catalog.ts): the built-in templates and labels of its rules
 * in every built-in language. It never refuses a configuration: when it would
 * not fit, built-in languages are left out (from the end of the list; English
 * and the languages the rules' translations use are kept), and the status
 * card says which.
 */
import {
  ADDRESS_KIND_FIELDS,
  CONFIG_VERSION,
  METAFIELD_BYTE_LIMIT,
  SCHEDULE_SLOTS,
  parseConfig,
  type Config,
  type Rule,
  type Selector,
} from "../../extensions/checkout-guard/src/engine/config";
import {
  CHECKOUT_FUNCTION_NAMES,
  listSlotsOf,
  publishedDocument,
  splitConfig,
  type CheckoutFunction,
} from "../../extensions/checkout-guard/src/engine/functions";
import { costGuardError } from "./function-cost.server";
import { t } from "../i18n.server";
import { inputVariablesFor, type FunctionInputVariables } from "../../extensions/checkout-guard/src/engine/input-variables";
import { fitMessages } from "../../extensions/checkout-guard/src/engine/message-catalog";
import { COLLECTION_LIST_SLOTS, TAG_LIST_SLOTS } from "../../extensions/checkout-guard/src/engine/constants";
import { listKey, listsOfRule, selectionLists } from "../../extensions/checkout-guard/src/engine/selection-slots";
import type { MessageCatalog, MessageLanguage } from "../../extensions/checkout-guard/src/engine/messages";
import type { FieldErrors, RuleRecord } from "./rules.server";

/** What one function's Validation carries: its document and its input variables, as sent. */
export interface FunctionDocument<F extends CheckoutFunction = CheckoutFunction> {
  function: F;
  /** Its rules, in the merchant's order, and the schedule boundaries they use. */
  document: Config;
  /** The `config` metafield's value: `document` as published (publishedDocument: no rule ids, list slots worked out). */
  json: string;
  bytes: number;
  inputVariables: FunctionInputVariables[F];
  /** The `input-variables` metafield's value. */
  variablesJson: string;
  variableBytes: number;
  /**
   * The `messages` metafield's value: the default templates and labels its
   * rules can need, in every built-in language (engine/message-catalog.ts),
   * fitted to Shopify's 10,000 bytes.
   */
  messages: MessageCatalog;
  messagesJson: string;
  messageBytes: number;
  /** Built-in languages left out of `messages` so that it fits: buyers in those languages read the English defaults. */
  droppedLanguages: MessageLanguage[];
}

export type FunctionDocuments = { [F in CheckoutFunction]: FunctionDocument<F> };

export type ConfigDocumentResult =
  | {
      ok: true;
      /** The combined document, stored with the version. */
      document: Config;
      json: string;
      bytes: number;
      /** What each function's Validation gets. */
      functions: FunctionDocuments;
    }
  | { ok: false; errors: FieldErrors };

type DocumentRule = Pick<RuleRecord, "id" | "name" | "status" | "scheduleStart" | "scheduleEnd" | "definition">;

export interface BuildOptions {
  /**
   * Refuse a configuration predicted over the safe share of Shopify's
   * instruction limit (default true: what is saved). The simulator turns it
   * off to run a configuration saved before the guard, or before a new fit of
   * the cost model.
   */
  costGuard?: boolean;
}

export function buildConfigDocument(rules: readonly DocumentRule[], options: BuildOptions = {}): ConfigDocumentResult {
  const included = rules.filter((rule) => rule.status === "active" || rule.status === "scheduled");

  const boundaries = new Set<string>();
  for (const rule of included) {
    if (rule.status !== "scheduled") continue;
    if (rule.scheduleStart) boundaries.add(rule.scheduleStart);
    if (rule.scheduleEnd) boundaries.add(rule.scheduleEnd);
  }
  const clock = [...boundaries].sort();
  if (clock.length > SCHEDULE_SLOTS) {
    return {
      ok: false,
      errors: {
        _form: t("server.config.tooManyDates", { count: clock.length, max: SCHEDULE_SLOTS }),
      },
    };
  }

  const documentRules = included.map(compactRule);
  const document = { v: CONFIG_VERSION, rules: documentRules, ...(clock.length > 0 ? { clock } : {}) } as Config;
  // The document must be one the functions accept; a failure here is a bug, not a merchant error.
  const check = parseConfig(document);
  if (!check.ok) {
    const first = check.issues[0];
    return { ok: false, errors: { _form: t("server.config.notBuilt", { path: first?.path, message: first?.message }) } };
  }

  const functions = functionDocuments(document);
  const names = new Map(included.map((rule, i) => [documentRules[i].id, rule.name]));
  const problems = [...selectionSlotProblems(documentRules, names), ...functionLimitProblems(functions, names)];
  if (problems.length > 0) return { ok: false, errors: { _form: problems.join(" ") } };
  if (options.costGuard ?? true) {
    const tooCostly = costGuardError(documentRules.map((rule) => ({ ...rule, name: names.get(rule.id) ?? rule.id })));
    if (tooCostly) return { ok: false, errors: { _form: tooCostly } };
  }

  const json = JSON.stringify(document);
  return { ok: true, document, json, bytes: utf8Bytes(json), functions };
}

/**
 * Splits a combined document into what each function's Validation carries,
 * measured. `messageByteLimit` (default Shopify's 10,000 bytes) is what each
 * message catalog is fitted to.
 */
export function functionDocuments(config: Config, options: { messageByteLimit?: number } = {}): FunctionDocuments {
  const split = splitConfig(config);
  const one = <F extends CheckoutFunction>(fn: F): FunctionDocument<F> => {
    const document = split[fn];
    const json = JSON.stringify(publishedDocument(fn, document));
    const inputVariables = inputVariablesFor(fn, document);
    const variablesJson = JSON.stringify(inputVariables);
    const messages = fitMessages(document, options.messageByteLimit ?? METAFIELD_BYTE_LIMIT);
    return {
      function: fn,
      document,
      json,
      bytes: utf8Bytes(json),
      inputVariables,
      variablesJson,
      variableBytes: utf8Bytes(variablesJson),
      messages: messages.catalog,
      messagesJson: messages.json,
      messageBytes: messages.bytes,
      droppedLanguages: messages.dropped,
    };
  };
  return Object.fromEntries(CHECKOUT_FUNCTION_NAMES.map((fn) => [fn, one(fn)])) as FunctionDocuments;
}

/**
 * Why a function's metafields would not reach it (over 10,000 bytes), one
 * sentence per problem, naming the function and, given the rule names, its
 * largest rules. Empty when everything fits.
 */
export function functionLimitProblems(functions: FunctionDocuments, names?: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const { document, json, bytes, variableBytes } = functions[fn];
    const label = t(`functions.${fn}`);
    if (bytes > METAFIELD_BYTE_LIMIT) {
      // Each rule as published (the metafield's rules, in the document's order).
      const published = (JSON.parse(json) as { rules: unknown[] }).rules;
      const largest = document.rules
        .map((rule, i) => ({ name: names?.get(rule.id) ?? rule.id, bytes: utf8Bytes(JSON.stringify(published[i])) }))
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 3)
        .map((r) => t("server.config.largestRule", { name: r.name, bytes: r.bytes }))
        .join("; ");
      problems.push(
        t("server.config.functionTooLarge", { rules: label, bytes, limit: METAFIELD_BYTE_LIMIT, largest }),
      );
    }
    if (variableBytes > METAFIELD_BYTE_LIMIT) {
      problems.push(
        listSlotsOf(fn).tags > 0
          ? t("server.config.tagsTooLarge", { rules: label, bytes: variableBytes, limit: METAFIELD_BYTE_LIMIT })
          : t("server.config.variablesTooLarge", { rules: label, bytes: variableBytes, limit: METAFIELD_BYTE_LIMIT }),
      );
    }
  }
  return problems;
}

/**
 * The products functions' input queries answer a fixed number of tag lists and
 * collection lists (engine/selection-slots.ts). A document's product rules may
 * use as many of each as the products function has slots, which can then hold
 * any of them (the lean one holds only the first; engine/functions.ts): one
 * sentence per kind of list over that, naming the rules past the last slot.
 */
function selectionSlotProblems(rules: readonly Rule[], names?: ReadonlyMap<string, string>): string[] {
  const lists = selectionLists(rules);
  const problems: string[] = [];
  for (const [kind, found, slots] of [
    ["tags", lists.tags, TAG_LIST_SLOTS],
    ["collections", lists.collections, COLLECTION_LIST_SLOTS],
  ] as const) {
    if (found.length <= slots) continue;
    const answered = new Set(found.slice(0, slots).map(listKey));
    const beyond = rules
      .filter((rule) => listsOfRule(rule, kind).some((list) => !answered.has(listKey(list))))
      .map((rule) => names?.get(rule.id) ?? rule.id);
    problems.push(t(`server.config.${kind}Slots`, { count: found.length, max: slots, rules: beyond.join(", ") }));
  }
  return problems;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

// ---------------------------------------------------------------------------

/** The rule as the function reads it: id first, defaults left out, lists deduplicated. */
function compactRule(rule: DocumentRule): Rule {
  const { kind, ...settings } = rule.definition as Record<string, unknown> & { kind: string };
  const out: Record<string, unknown> = { id: rule.id, kind };
  for (const [key, value] of Object.entries(settings)) {
    const compact = compactValue(kind, key, value);
    if (compact !== undefined) out[key] = compact;
  }
  if (rule.status === "scheduled") {
    out.schedule = {
      ...(rule.scheduleStart ? { start: rule.scheduleStart } : {}),
      ...(rule.scheduleEnd ? { end: rule.scheduleEnd } : {}),
    };
  }
  return out as Rule;
}

/** undefined: leave the key out, because the function's default is the same. */
function compactValue(kind: string, key: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (key) {
    case "stage":
      return value === "checkout" ? undefined : value;
    case "display":
      return value === "field" ? undefined : value;
    case "ignoreCase":
      return value === false ? undefined : value;
    case "accents":
      return value === true ? undefined : value;
    case "translations":
      return isEmptyObject(value) ? undefined : value;
    case "fields":
      if (kind === "addressKind" && sameSet(value as string[], ADDRESS_KIND_FIELDS)) return undefined;
      return unique(value as string[]);
    case "countries":
      if (kind === "destination") return (value as string[]).length === 0 ? undefined : unique(value as string[]);
      {
        const scope = value as { not?: boolean; codes: string[] };
        return { ...(scope.not ? { not: true } : {}), codes: unique(scope.codes) };
      }
    case "provinces":
      return isEmptyObject(value) ? undefined : mapValues(value as Record<string, string[]>, unique);
    case "codes":
      return mapValues(value as Record<string, string[]>, unique);
    case "block":
      return unique(value as string[]);
    case "select":
    case "other":
    case "requires": {
      const selector = compactSelector(value as Selector);
      // Optional selectors of quantity rules: empty means every line, as absent does.
      if (isEmptyObject(selector) && key === "select" && (kind === "lineQuantity" || kind === "productQuantity")) return undefined;
      if (isEmptyObject(selector) && key === "other") return undefined;
      return selector;
    }
    default:
      return value;
  }
}

/**
 * Tag and collection lists sorted as well: the same list then reads the same in
 * every rule, so the function finds its slot by joining it (listKey), with no
 * sorting at checkout.
 */
function compactSelector(selector: Selector): Selector {
  const out: Selector = {};
  for (const key of ["products", "variants", "tags", "collections"] as const) {
    const list = selector[key];
    if (list && list.length > 0) out[key] = key === "tags" || key === "collections" ? unique(list).sort() : unique(list);
  }
  return out;
}

const unique = <T>(list: readonly T[]): T[] => [...new Set(list)];
const isEmptyObject = (value: unknown) => typeof value === "object" && value !== null && Object.keys(value).length === 0;
const sameSet = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
};
const mapValues = <T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([k, val]) => [k, f(val)]));
