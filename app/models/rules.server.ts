/**
 * The shop's rules: the admin's source of truth. Every query is scoped by
 * shop; an id of another shop's rule behaves as an unknown id.
 *
 * Every mutation validates everything first, then writes in one transaction
 * that also rebuilds the configuration document (refusing one over Shopify's
 * 10,000 bytes, in which case nothing is saved) and records a new
 * ConfigVersion: the rules snapshot and the document the sync publishes.
 *
 * Edits are optimistic: a rule's `updatedAt` is its version. A save, delete or
 * status change that carries the version the staff member loaded is a
 * conditional write (WHERE updatedAt = loaded), so a second editor working
 * from a stale page gets a conflict naming what changed, and the first
 * editor's save stands. Position changes keep `updatedAt`: moving other rules
 * is not an edit of this one.
 *
 * Sizes are capped (a rule, a shop's rules, a shop's history; see
 * docs/configuration.md): each save prunes the oldest versions beyond them.
 */
import prisma, { type Database } from "../db.server";
import type { Prisma } from "../generated/prisma/sqlite/client";
import type { RuleKind } from "../../extensions/checkout-guard/src/engine/config";
import { buildConfigDocument } from "./config-document.server";
import { retryOnConflict } from "./transactions.server";
import { fieldLabel } from "../components/rule-kinds";
import { currentLocale, label, t } from "../i18n.server";
import { formatDateTime } from "../i18n";
import {
  NAME_MAX_LENGTH,
  RULE_STATUSES,
  checkBudget,
  validateRuleInput,
  type CheckBudget,
  type FieldErrors,
  type RuleDefinition,
  type RuleInput,
  type RuleStatus,
  type ValidRule,
} from "./rule-validation.server";

export type { CheckBudget, FieldErrors, RuleDefinition, RuleInput, RuleStatus } from "./rule-validation.server";
export {
  MAX_RULE_BYTES,
  MAX_TRANSLATIONS,
  PATTERN_CHECK_BUDGET_MS,
  RULE_STATUSES,
  checkBudget,
  checkPattern,
  validateRuleInput,
  validateDefinition,
} from "./rule-validation.server";
export { parsePostalCodeCsv, type PostalCodeCsvResult } from "./postal-code-csv.server";

export interface RuleRecord {
  id: string;
  name: string;
  kind: RuleKind;
  status: RuleStatus;
  scheduleStart: string | null;
  scheduleEnd: string | null;
  position: number;
  definition: RuleDefinition;
  updatedAt: Date;
}

export type Saved<T> = { ok: true; value: T; version: number } | { ok: false; errors: FieldErrors; conflict?: RuleConflict };

/** A rule's version as the editor carries it: its `updatedAt`, ISO 8601. */
export const versionOf = (rule: { updatedAt: Date }): string => rule.updatedAt.toISOString();

/** The versions a change was made from, by rule id; a rule not listed is changed whatever its version. */
export type ExpectedVersions = Record<string, string>;

/** Why a change from a stale page was refused: what another save changed in the rule since. */
export interface RuleConflict {
  ruleId: string;
  /** The rule's name now. */
  name: string;
  /** When it was last saved (who is not recorded). */
  changedAt: string;
  /** Its version now: the page reloaded carries it. */
  currentVersion: string;
  /**
   * What differs: between the rule as the staff member loaded it and as stored
   * now ("loaded"), or, when that version has left the history, between what
   * they sent and what is stored ("sent").
   */
  comparedWith: "loaded" | "sent";
  changes: { field: string; label: string; before: string; now: string }[];
}

/** A rule as a configuration version and an export file keep it. */
export interface RuleSnapshot {
  id?: string;
  /** Its version (versions only): lets a conflict show the rule as the stale page loaded it. */
  updatedAt?: string;
  name: string;
  status: RuleStatus;
  scheduleStart: string | null;
  scheduleEnd: string | null;
  definition: RuleDefinition;
}

/** Matches the document's limit (ConfigSchema: at most 200 rules). */
export const MAX_RULES = 200;
/** Versions kept per shop for the change history; older ones are pruned. */
export const MAX_VERSIONS = 100;
/** A shop's rules, as one version stores them (JSON, UTF-8): a save past it is refused. */
export const MAX_SHOP_RULES_BYTES = 500_000;
/** A shop's history (every kept version's rules and document): the oldest versions past it are pruned. */
export const MAX_HISTORY_BYTES = 5_000_000;

/** "Rule not found", in the request's language. */
export const ruleNotFound = () => t("server.rules.notFound");
/** Past a shop's rules cap even pretty-printed: a bigger file is not an export of this app. */
const MAX_IMPORT_CHARS = 2_000_000;
export const EXPORT_FORMAT = "checkout-guard.rules";
export const EXPORT_VERSION = 1;

export interface RuleSetExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  rules: Omit<RuleSnapshot, "id">[];
}

type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------
// Queries

export async function listRules(shop: string, db: Database = prisma): Promise<RuleRecord[]> {
  const rows = await db.rule.findMany({ where: { shop }, orderBy: RULE_ORDER });
  return rows.map(toRecord);
}

export async function getRule(shop: string, id: string, db: Database = prisma): Promise<RuleRecord | null> {
  if (typeof id !== "string" || id === "") return null;
  const row = await db.rule.findFirst({ where: { id, shop } });
  return row ? toRecord(row) : null;
}

export async function exportRuleSet(shop: string, db: Database = prisma): Promise<RuleSetExport> {
  const rules = await listRules(shop, db);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    rules: rules.map(({ name, status, scheduleStart, scheduleEnd, definition }) => ({
      name,
      status,
      scheduleStart,
      scheduleEnd,
      definition,
    })),
  };
}

// ---------------------------------------------------------------------------
// Mutations

export interface SaveOptions {
  /** The version the change was made from (`versionOf`): a conditional update, refused with a conflict when stale. */
  expected?: string;
  /** The request's time for pattern checks. */
  budget?: CheckBudget;
}

/** Creates a rule (no id, appended last) or updates one of the shop's rules. */
export async function saveRule(
  shop: string,
  input: RuleInput,
  id?: string,
  db: Database = prisma,
  { expected, budget = checkBudget() }: SaveOptions = {},
): Promise<Saved<RuleRecord>> {
  if (id !== undefined && !(await getRule(shop, id, db))) return notFound();
  const valid = await validateRuleInput(input, budget);
  if (!valid.ok) return valid;

  return commit(shop, db, async (tx) => {
    if (id !== undefined) {
      await updateIfUnchanged(tx, shop, id, expected, ruleData(valid.value), valid.value);
      return (records) => records.find((r) => r.id === id)!;
    }
    const created = await tx.rule.create({
      data: { shop, position: await nextPosition(tx, shop), ...ruleData(valid.value) },
    });
    return (records) => records.find((r) => r.id === created.id)!;
  });
}

export async function deleteRules(
  shop: string,
  ids: string[],
  db: Database = prisma,
  expected: ExpectedVersions = {},
): Promise<Saved<RuleRecord[]>> {
  const wanted = uniqueIds(ids);
  if (wanted.length === 0) return { ok: false, errors: { _form: t("server.rules.chooseRule") } };
  return commit(shop, db, async (tx) => {
    // A rule edited since the page was loaded is not deleted from under its editor.
    for (const id of wanted) if (id in expected) await updateIfUnchanged(tx, shop, id, expected[id], {});
    const deleted = await tx.rule.deleteMany({ where: { shop, id: { in: wanted } } });
    // All or nothing: an id that is not this shop's aborts the whole deletion.
    if (deleted.count !== wanted.length) throw new Refused({ _form: ruleNotFound() });
    return (records) => records;
  });
}

export async function setRulesStatus(
  shop: string,
  ids: string[],
  status: RuleStatus,
  db: Database = prisma,
  expected: ExpectedVersions = {},
): Promise<Saved<RuleRecord[]>> {
  const wanted = uniqueIds(ids);
  if (wanted.length === 0) return { ok: false, errors: { _form: t("server.rules.chooseRule") } };
  if (!(RULE_STATUSES as readonly string[]).includes(status)) {
    return { ok: false, errors: { status: t("server.validation.chooseStatus") } };
  }
  return commit(shop, db, async (tx) => {
    const rows = await tx.rule.findMany({ where: { shop, id: { in: wanted } } });
    if (rows.length !== wanted.length) throw new Refused({ _form: ruleNotFound() });
    if (status === "scheduled") {
      const unscheduled = rows.filter((r) => !r.scheduleStart && !r.scheduleEnd).map((r) => `“${r.name}”`);
      if (unscheduled.length > 0) {
        throw new Refused({ _form: t("server.rules.scheduleFirst", { names: unscheduled.join(", ") }) });
      }
    }
    for (const id of wanted) {
      if (id in expected) await updateIfUnchanged(tx, shop, id, expected[id], { status });
      else await tx.rule.updateMany({ where: { shop, id }, data: { status } });
    }
    return (records) => records;
  });
}

/** Copies a rule right after the original, inactive so that it does not enforce twice. */
export async function duplicateRule(shop: string, id: string, db: Database = prisma): Promise<Saved<RuleRecord>> {
  const original = await getRule(shop, id, db);
  if (!original) return notFound();
  return commit(shop, db, async (tx) => {
    const row = await tx.rule.findFirst({ where: { id, shop } });
    if (!row) throw new Refused({ _form: ruleNotFound() });
    const after = await tx.rule.findMany({ where: { shop, position: { gt: row.position } }, select: { id: true, position: true, updatedAt: true } });
    for (const r of after) await tx.rule.updateMany({ where: { id: r.id, shop }, data: { position: r.position + 1, updatedAt: r.updatedAt } });
    const copy = await tx.rule.create({
      data: {
        shop,
        position: row.position + 1,
        name: t("server.rules.copyOf", { name: row.name }).slice(0, NAME_MAX_LENGTH),
        kind: row.kind,
        status: "inactive",
        scheduleStart: row.scheduleStart,
        scheduleEnd: row.scheduleEnd,
        definition: row.definition,
      },
    });
    return (records) => records.find((r) => r.id === copy.id)!;
  });
}

/** `orderedIds` must list every rule of the shop exactly once. */
export async function reorderRules(shop: string, orderedIds: string[], db: Database = prisma): Promise<Saved<RuleRecord[]>> {
  if (!Array.isArray(orderedIds) || orderedIds.some((id) => typeof id !== "string")) {
    return { ok: false, errors: { _form: t("server.rules.orderNotList") } };
  }
  return commit(shop, db, async (tx) => {
    const rows = await tx.rule.findMany({ where: { shop }, select: { id: true, position: true, updatedAt: true } });
    const own = new Set(rows.map((r) => r.id));
    if (orderedIds.some((id) => !own.has(id))) throw new Refused({ _form: ruleNotFound() });
    if (new Set(orderedIds).size !== orderedIds.length || orderedIds.length !== rows.length) {
      throw new Refused({ _form: t("server.rules.orderEveryRule") });
    }
    const current = new Map(rows.map((r) => [r.id, r]));
    for (const [position, id] of orderedIds.entries()) {
      const row = current.get(id)!;
      if (row.position !== position) await tx.rule.updateMany({ where: { id, shop }, data: { position, updatedAt: row.updatedAt } });
    }
    return (records) => records;
  });
}

/**
 * Imports an export file (the object, or its JSON text): every rule is
 * validated first and errors are keyed "rules.<i>.<field>"; nothing is saved
 * on any error. "replace" deletes the shop's current rules, "append" adds after them.
 */
export async function importRuleSet(
  shop: string,
  json: unknown,
  opts: { mode: "replace" | "append"; budget?: CheckBudget },
  db: Database = prisma,
): Promise<Saved<RuleRecord[]>> {
  const parsed = await parseRuleSet(json, opts?.budget ?? checkBudget());
  if (!parsed.ok) return parsed;
  const mode = opts?.mode === "append" ? "append" : opts?.mode === "replace" ? "replace" : null;
  if (!mode) return { ok: false, errors: { mode: t("server.rules.chooseMode") } };
  return writeRuleSet(shop, parsed.value, { mode, keepIds: false }, db);
}

// ---------------------------------------------------------------------------
// Shared with the change history

/**
 * Validates a rule list (export file rules or a version's snapshot); errors keyed "rules.<i>.<field>".
 * Its patterns share one time budget: the request's.
 */
export async function validateRuleList(
  rules: unknown,
  budget: CheckBudget = checkBudget(),
): Promise<{ ok: true; value: (ValidRule & { id?: string })[] } | { ok: false; errors: FieldErrors }> {
  if (!Array.isArray(rules)) return { ok: false, errors: { _form: t("server.rules.noRuleList") } };
  if (rules.length > MAX_RULES) {
    return { ok: false, errors: { _form: t("server.rules.tooManyInFile", { count: rules.length, max: MAX_RULES }) } };
  }
  const errors: FieldErrors = {};
  const value: (ValidRule & { id?: string })[] = [];
  for (const [i, rule] of rules.entries()) {
    if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
      errors[`rules.${i}`] = t("server.rules.notObject");
      continue;
    }
    const result = await validateRuleInput(rule as RuleInput, budget);
    if (!result.ok) {
      for (const [key, message] of Object.entries(result.errors)) errors[`rules.${i}.${key}`] = message;
      continue;
    }
    const id = (rule as { id?: unknown }).id;
    value.push({ ...result.value, ...(typeof id === "string" ? { id } : {}) });
  }
  if (Object.keys(errors).length > 0) {
    const count = new Set(Object.keys(errors).map((k) => k.split(".")[1])).size;
    errors._form = t("server.rules.invalidInFile", { count, total: rules.length });
    return { ok: false, errors };
  }
  return { ok: true, value };
}

/**
 * Writes a validated rule list in one committed version. With `keepIds` (a
 * restore) a rule keeps its former id when no other rule holds it, so links
 * to it stay valid.
 */
export async function writeRuleSet(
  shop: string,
  rules: (ValidRule & { id?: string })[],
  { mode, keepIds }: { mode: "replace" | "append"; keepIds: boolean },
  db: Database = prisma,
): Promise<Saved<RuleRecord[]>> {
  return commit(shop, db, async (tx) => {
    if (mode === "replace") await tx.rule.deleteMany({ where: { shop } });
    let position = await nextPosition(tx, shop);
    // Ids are primary keys across shops: look for any holder (ids only, nothing read) before reusing one.
    const taken = keepIds
      ? new Set((await tx.rule.findMany({ where: { id: { in: rules.flatMap((r) => (r.id ? [r.id] : [])) } }, select: { id: true } })).map((r) => r.id))
      : new Set<string>();
    const ids: string[] = [];
    for (const rule of rules) {
      const keep = keepIds && rule.id && /^[A-Za-z0-9_-]{1,40}$/.test(rule.id) && !taken.has(rule.id) ? rule.id : undefined;
      const created = await tx.rule.create({ data: { ...(keep ? { id: keep } : {}), shop, position: position++, ...ruleData(rule) } });
      taken.add(created.id);
      ids.push(created.id);
    }
    return (records) => ids.map((id) => records.find((r) => r.id === id)!);
  });
}

export function toSnapshot(records: readonly RuleRecord[]): RuleSnapshot[] {
  return records.map(({ id, updatedAt, name, status, scheduleStart, scheduleEnd, definition }) => ({
    id,
    updatedAt: updatedAt.toISOString(),
    name,
    status,
    scheduleStart,
    scheduleEnd,
    definition,
  }));
}

// ---------------------------------------------------------------------------
// Internals

const RULE_ORDER = [{ position: "asc" as const }, { createdAt: "asc" as const }, { id: "asc" as const }];

/** Thrown inside a transaction to roll it back and report why. */
class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super("refused");
  }
}

/** Thrown inside a transaction: the rule changed since the version the change was made from. */
class Stale extends Error {
  constructor(readonly row: RuleRow, readonly expected: string, readonly sent?: ValidRule) {
    super("stale");
  }
}

/**
 * Writes `data` to a rule only if it is still at the version `expected` (no
 * `expected`: whatever its version), in one conditional UPDATE; the new
 * version is always later than the one replaced, even within a millisecond.
 */
async function updateIfUnchanged(tx: Tx, shop: string, id: string, expected: string | undefined, data: Prisma.RuleUpdateManyMutationInput, sent?: ValidRule) {
  if (expected === undefined) {
    const updated = await tx.rule.updateMany({ where: { id, shop }, data });
    if (updated.count === 0) throw new Refused({ _form: ruleNotFound() });
    return;
  }
  const loaded = parseVersion(expected);
  if (!loaded) throw new Refused({ _form: t("server.rules.noLoadedVersion") });
  const updated = await tx.rule.updateMany({
    where: { id, shop, updatedAt: loaded },
    data: { ...data, updatedAt: new Date(Math.max(Date.now(), loaded.getTime() + 1)) },
  });
  if (updated.count === 1) return;
  const row = await tx.rule.findFirst({ where: { id, shop } });
  if (!row) throw new Refused({ _form: ruleNotFound() });
  throw new Stale(row, expected, sent);
}

function parseVersion(text: string): Date | null {
  const date = new Date(text);
  return text !== "" && !Number.isNaN(date.getTime()) ? date : null;
}

type PickValue<T> = (records: RuleRecord[]) => T;

/**
 * Runs `change` and records the resulting configuration as the next version,
 * in one transaction. The version number doubles as an optimistic lock: two
 * concurrent commits for a shop cannot both insert version n+1 (unique
 * [shop, version]), so the loser retries on the winner's rules.
 */
async function commit<T>(shop: string, db: Database, change: (tx: Tx) => Promise<PickValue<T>>): Promise<Saved<T>> {
  try {
    return await retryOnConflict(() =>
      db.$transaction(
        async (tx) => {
          const latest = await tx.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { version: true, rules: true } });
          const pick = await change(tx);
          const records = await renumber(tx, shop);
          if (records.length > MAX_RULES) {
            throw new Refused({ _form: t("server.rules.tooManyRules", { max: MAX_RULES, count: records.length }) });
          }
          const rules = JSON.stringify(toSnapshot(records));
          const bytes = utf8Length(rules);
          // A shop already past the cap (rules saved before it) can still shrink.
          if (bytes > MAX_SHOP_RULES_BYTES && bytes > utf8Length(latest?.rules ?? "")) {
            throw new Refused({
              _form: t("server.rules.shopTooLarge", { bytes, max: MAX_SHOP_RULES_BYTES }),
            });
          }
          const built = buildConfigDocument(records);
          if (!built.ok) throw new Refused(built.errors);
          const version = (latest?.version ?? 0) + 1;
          await tx.configVersion.create({ data: { shop, version, rules, document: built.json } });
          await pruneHistory(tx, shop, version);
          return { ok: true as const, value: pick(records), version };
        },
        // Serializable: the rules read and the version written belong to one snapshot, so a
        // save racing shop/redact cannot write back rules the redact has just erased.
        { maxWait: 10_000, timeout: 30_000, isolationLevel: "Serializable" },
      ),
    );
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    if (error instanceof Stale) return describeConflict(shop, db, error);
    throw error;
  }
}

/**
 * Keeps the newest MAX_VERSIONS versions, and of those no more than
 * MAX_HISTORY_BYTES (the newest version is always kept).
 */
async function pruneHistory(tx: Tx, shop: string, newest: number) {
  await tx.configVersion.deleteMany({ where: { shop, version: { lte: newest - MAX_VERSIONS } } });
  const kept = await tx.configVersion.findMany({
    where: { shop },
    orderBy: { version: "desc" },
    select: { version: true, rules: true, document: true },
  });
  let total = 0;
  for (const [i, v] of kept.entries()) {
    total += utf8Length(v.rules) + utf8Length(v.document);
    if (i > 0 && total > MAX_HISTORY_BYTES) {
      await tx.configVersion.deleteMany({ where: { shop, version: { lte: v.version } } });
      return;
    }
  }
}

const utf8Length = (text: string) => Buffer.byteLength(text, "utf8");

/** The conflict a stale change meets: what another save changed, compared with the rule as the page loaded it. */
async function describeConflict(shop: string, db: Database, stale: Stale): Promise<Saved<never>> {
  const now = toRecord(stale.row);
  const loaded = await findLoadedSnapshot(shop, db, now.id, stale.expected);
  const before = loaded ?? (stale.sent ? { ...stale.sent } : null);
  const changes = before ? diffRule(now.kind, before, now) : [];
  const conflict: RuleConflict = {
    ruleId: now.id,
    name: now.name,
    changedAt: now.updatedAt.toISOString(),
    currentVersion: versionOf(now),
    comparedWith: loaded ? "loaded" : "sent",
    changes,
  };
  const when = formatDateTime(currentLocale(), now.updatedAt);
  const fields = changes.map((c) => c.label).join(", ");
  const what = changes.length ? t(loaded ? "server.rules.conflictChanged" : "server.rules.conflictDiffers", { fields }) : "";
  return {
    ok: false,
    errors: { _form: t("server.rules.conflict", { name: now.name, when, what }) },
    conflict,
  };
}

/** The rule as stored at version `expected`, from the newest configuration version that holds it. */
async function findLoadedSnapshot(shop: string, db: Database, id: string, expected: string): Promise<RuleSnapshot | null> {
  const versions = await db.configVersion.findMany({ where: { shop }, orderBy: { version: "desc" }, select: { rules: true } });
  for (const v of versions) {
    let rules: RuleSnapshot[];
    try {
      rules = JSON.parse(v.rules) as RuleSnapshot[];
    } catch {
      continue;
    }
    const match = Array.isArray(rules) ? rules.find((r) => r?.id === id && r.updatedAt === expected) : undefined;
    if (match) return match;
  }
  return null;
}

type Comparable = Pick<RuleSnapshot, "name" | "status" | "scheduleStart" | "scheduleEnd" | "definition">;

function diffRule(kind: RuleKind, before: Comparable, now: Comparable): RuleConflict["changes"] {
  const show = (value: unknown) => {
    if (value === undefined || value === null || value === "") return t("server.rules.none");
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  };
  const changes: RuleConflict["changes"] = [];
  const compare = (field: string, key: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changes.push({ field, label: label(fieldLabel(kind, key)), before: show(a), now: show(b) });
  };
  for (const key of ["name", "status", "scheduleStart", "scheduleEnd"] as const) compare(key, key, before[key], now[key]);
  const a = (before.definition ?? {}) as Record<string, unknown>;
  const b = (now.definition ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) compare(`definition.${key}`, key, a[key], b[key]);
  return changes;
}

/** Positions 0..n-1 in the merchant's order, so gaps from deletions never accumulate. */
async function renumber(tx: Tx, shop: string): Promise<RuleRecord[]> {
  const rows = await tx.rule.findMany({ where: { shop }, orderBy: RULE_ORDER });
  const records: RuleRecord[] = [];
  for (const [position, row] of rows.entries()) {
    if (row.position !== position) await tx.rule.updateMany({ where: { id: row.id, shop }, data: { position, updatedAt: row.updatedAt } });
    records.push(toRecord({ ...row, position }));
  }
  return records;
}

async function nextPosition(tx: Tx, shop: string): Promise<number> {
  const last = await tx.rule.findFirst({ where: { shop }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? -1) + 1;
}

function ruleData(rule: ValidRule) {
  return {
    name: rule.name,
    kind: rule.kind,
    status: rule.status,
    scheduleStart: rule.scheduleStart,
    scheduleEnd: rule.scheduleEnd,
    definition: JSON.stringify(rule.definition),
  };
}

type RuleRow = {
  id: string;
  name: string;
  kind: string;
  status: string;
  scheduleStart: string | null;
  scheduleEnd: string | null;
  position: number;
  definition: string;
  updatedAt: Date;
};

function toRecord(row: RuleRow): RuleRecord {
  let definition: RuleDefinition;
  try {
    definition = JSON.parse(row.definition) as RuleDefinition;
  } catch {
    // Only a hand-edited database gets here; the editor shows the rule and refuses to save it as is.
    definition = { kind: row.kind } as RuleDefinition;
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as RuleKind,
    status: row.status as RuleStatus,
    scheduleStart: row.scheduleStart,
    scheduleEnd: row.scheduleEnd,
    position: row.position,
    definition,
    updatedAt: row.updatedAt,
  };
}

async function parseRuleSet(
  json: unknown,
  budget: CheckBudget,
): Promise<{ ok: true; value: (ValidRule & { id?: string })[] } | { ok: false; errors: FieldErrors }> {
  let value = json;
  if (typeof value === "string") {
    if (value.length > MAX_IMPORT_CHARS) return { ok: false, errors: { _form: t("server.rules.fileTooLarge") } };
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, errors: { _form: t("server.rules.fileNotJson") } };
    }
  }
  const file = value as Partial<RuleSetExport> | null;
  if (typeof file !== "object" || file === null || file.format !== EXPORT_FORMAT) {
    return { ok: false, errors: { _form: t("server.rules.notExport", { format: EXPORT_FORMAT }) } };
  }
  if (file.version !== EXPORT_VERSION) {
    return {
      ok: false,
      errors: { _form: t("server.rules.exportVersion", { version: String(file.version), supported: EXPORT_VERSION }) },
    };
  }
  // Rules in a file are new rules; ids (if any) are not trusted.
  const rules = Array.isArray(file.rules)
    ? file.rules.map((rule) => (typeof rule === "object" && rule !== null ? { ...rule, id: undefined } : rule))
    : file.rules;
  return validateRuleList(rules, budget);
}

const uniqueIds = (ids: unknown): string[] =>
  Array.isArray(ids) ? [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))] : [];

const notFound = (): { ok: false; errors: FieldErrors } => ({ ok: false, errors: { _form: ruleNotFound() } });
