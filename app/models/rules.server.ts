/**
 * The shop's rules: the admin's source of truth. Every query is scoped by
 * shop; an id of another shop's rule behaves as an unknown id.
 *
 * Every mutation validates everything first, then writes in one transaction
 * that also rebuilds the configuration document (refusing one over Shopify's
 * 10,000 bytes, in which case nothing is saved) and records a new
 * ConfigVersion: the rules snapshot and the document the sync publishes.
 */
import prisma, { type Database } from "../db.server";
import type { Prisma } from "../generated/prisma/sqlite/client";
import type { RuleKind } from "../../extensions/checkout-guard/src/engine/config";
import { buildConfigDocument } from "./config-document.server";
import { retryOnConflict } from "./transactions.server";
import {
  NAME_MAX_LENGTH,
  RULE_STATUSES,
  validateRuleInput,
  type FieldErrors,
  type RuleDefinition,
  type RuleInput,
  type RuleStatus,
  type ValidRule,
} from "./rule-validation.server";

export type { FieldErrors, RuleDefinition, RuleInput, RuleStatus } from "./rule-validation.server";
export { RULE_STATUSES, checkPattern, validateRuleInput, validateDefinition } from "./rule-validation.server";
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

export type Saved<T> = { ok: true; value: T; version: number } | { ok: false; errors: FieldErrors };

/** A rule as a configuration version and an export file keep it. */
export interface RuleSnapshot {
  id?: string;
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

export const RULE_NOT_FOUND = "Rule not found";
/** 200 rules fit in far less; a bigger file is not an export of this app. */
const MAX_IMPORT_CHARS = 5_000_000;
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

/** Creates a rule (no id, appended last) or updates one of the shop's rules. */
export async function saveRule(shop: string, input: RuleInput, id?: string, db: Database = prisma): Promise<Saved<RuleRecord>> {
  if (id !== undefined && !(await getRule(shop, id, db))) return notFound();
  const valid = validateRuleInput(input);
  if (!valid.ok) return valid;

  return commit(shop, db, async (tx) => {
    if (id !== undefined) {
      const updated = await tx.rule.updateMany({ where: { id, shop }, data: ruleData(valid.value) });
      if (updated.count === 0) throw new Refused({ _form: RULE_NOT_FOUND });
      return (records) => records.find((r) => r.id === id)!;
    }
    const created = await tx.rule.create({
      data: { shop, position: await nextPosition(tx, shop), ...ruleData(valid.value) },
    });
    return (records) => records.find((r) => r.id === created.id)!;
  });
}

export async function deleteRules(shop: string, ids: string[], db: Database = prisma): Promise<Saved<RuleRecord[]>> {
  const wanted = uniqueIds(ids);
  if (wanted.length === 0) return { ok: false, errors: { _form: "Choose at least one rule." } };
  return commit(shop, db, async (tx) => {
    const deleted = await tx.rule.deleteMany({ where: { shop, id: { in: wanted } } });
    // All or nothing: an id that is not this shop's aborts the whole deletion.
    if (deleted.count !== wanted.length) throw new Refused({ _form: RULE_NOT_FOUND });
    return (records) => records;
  });
}

export async function setRulesStatus(
  shop: string,
  ids: string[],
  status: RuleStatus,
  db: Database = prisma,
): Promise<Saved<RuleRecord[]>> {
  const wanted = uniqueIds(ids);
  if (wanted.length === 0) return { ok: false, errors: { _form: "Choose at least one rule." } };
  if (!(RULE_STATUSES as readonly string[]).includes(status)) {
    return { ok: false, errors: { status: "Choose active, inactive or scheduled." } };
  }
  return commit(shop, db, async (tx) => {
    const rows = await tx.rule.findMany({ where: { shop, id: { in: wanted } } });
    if (rows.length !== wanted.length) throw new Refused({ _form: RULE_NOT_FOUND });
    if (status === "scheduled") {
      const unscheduled = rows.filter((r) => !r.scheduleStart && !r.scheduleEnd).map((r) => `“${r.name}”`);
      if (unscheduled.length > 0) {
        throw new Refused({ _form: `Set a start or end date before scheduling ${unscheduled.join(", ")}.` });
      }
    }
    await tx.rule.updateMany({ where: { shop, id: { in: wanted } }, data: { status } });
    return (records) => records;
  });
}

/** Copies a rule right after the original, inactive so that it does not enforce twice. */
export async function duplicateRule(shop: string, id: string, db: Database = prisma): Promise<Saved<RuleRecord>> {
  const original = await getRule(shop, id, db);
  if (!original) return notFound();
  return commit(shop, db, async (tx) => {
    const row = await tx.rule.findFirst({ where: { id, shop } });
    if (!row) throw new Refused({ _form: RULE_NOT_FOUND });
    await tx.rule.updateMany({ where: { shop, position: { gt: row.position } }, data: { position: { increment: 1 } } });
    const copy = await tx.rule.create({
      data: {
        shop,
        position: row.position + 1,
        name: `Copy of ${row.name}`.slice(0, NAME_MAX_LENGTH),
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
    return { ok: false, errors: { _form: "The new order is not a list of rules." } };
  }
  return commit(shop, db, async (tx) => {
    const rows = await tx.rule.findMany({ where: { shop }, select: { id: true, position: true } });
    const own = new Set(rows.map((r) => r.id));
    if (orderedIds.some((id) => !own.has(id))) throw new Refused({ _form: RULE_NOT_FOUND });
    if (new Set(orderedIds).size !== orderedIds.length || orderedIds.length !== rows.length) {
      throw new Refused({ _form: "The new order must list every rule exactly once." });
    }
    const current = new Map(rows.map((r) => [r.id, r.position]));
    for (const [position, id] of orderedIds.entries()) {
      if (current.get(id) !== position) await tx.rule.updateMany({ where: { id, shop }, data: { position } });
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
  opts: { mode: "replace" | "append" },
  db: Database = prisma,
): Promise<Saved<RuleRecord[]>> {
  const parsed = parseRuleSet(json);
  if (!parsed.ok) return parsed;
  const mode = opts?.mode === "append" ? "append" : opts?.mode === "replace" ? "replace" : null;
  if (!mode) return { ok: false, errors: { mode: "Choose whether to replace or append." } };
  return writeRuleSet(shop, parsed.value, { mode, keepIds: false }, db);
}

// ---------------------------------------------------------------------------
// Shared with the change history

/** Validates a rule list (export file rules or a version's snapshot); errors keyed "rules.<i>.<field>". */
export function validateRuleList(rules: unknown): { ok: true; value: (ValidRule & { id?: string })[] } | { ok: false; errors: FieldErrors } {
  if (!Array.isArray(rules)) return { ok: false, errors: { _form: "The file has no list of rules." } };
  if (rules.length > MAX_RULES) {
    return { ok: false, errors: { _form: `The file has ${rules.length} rules; a shop can have at most ${MAX_RULES}.` } };
  }
  const errors: FieldErrors = {};
  const value: (ValidRule & { id?: string })[] = [];
  rules.forEach((rule, i) => {
    if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
      errors[`rules.${i}`] = "This rule is not an object.";
      return;
    }
    const result = validateRuleInput(rule as RuleInput);
    if (!result.ok) {
      for (const [key, message] of Object.entries(result.errors)) errors[`rules.${i}.${key}`] = message;
      return;
    }
    const id = (rule as { id?: unknown }).id;
    value.push({ ...result.value, ...(typeof id === "string" ? { id } : {}) });
  });
  if (Object.keys(errors).length > 0) {
    const count = new Set(Object.keys(errors).map((k) => k.split(".")[1])).size;
    errors._form = `${count} of ${rules.length} rules are not valid; nothing was saved.`;
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
  return records.map(({ id, name, status, scheduleStart, scheduleEnd, definition }) => ({
    id,
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
          const latest = await tx.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { version: true } });
          const pick = await change(tx);
          const records = await renumber(tx, shop);
          if (records.length > MAX_RULES) {
            throw new Refused({ _form: `A shop can have at most ${MAX_RULES} rules; this would make ${records.length}.` });
          }
          const built = buildConfigDocument(records);
          if (!built.ok) throw new Refused(built.errors);
          const version = (latest?.version ?? 0) + 1;
          await tx.configVersion.create({
            data: { shop, version, rules: JSON.stringify(toSnapshot(records)), document: built.json },
          });
          await tx.configVersion.deleteMany({ where: { shop, version: { lte: version - MAX_VERSIONS } } });
          return { ok: true as const, value: pick(records), version };
        },
        // Serializable: the rules read and the version written belong to one snapshot, so a
        // save racing shop/redact cannot write back rules the redact has just erased.
        { maxWait: 10_000, timeout: 30_000, isolationLevel: "Serializable" },
      ),
    );
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** Positions 0..n-1 in the merchant's order, so gaps from deletions never accumulate. */
async function renumber(tx: Tx, shop: string): Promise<RuleRecord[]> {
  const rows = await tx.rule.findMany({ where: { shop }, orderBy: RULE_ORDER });
  const records: RuleRecord[] = [];
  for (const [position, row] of rows.entries()) {
    if (row.position !== position) await tx.rule.updateMany({ where: { id: row.id, shop }, data: { position } });
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

function parseRuleSet(json: unknown): { ok: true; value: (ValidRule & { id?: string })[] } | { ok: false; errors: FieldErrors } {
  let value = json;
  if (typeof value === "string") {
    if (value.length > MAX_IMPORT_CHARS) return { ok: false, errors: { _form: "This file is too large to be a rule export." } };
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, errors: { _form: "This file is not valid JSON." } };
    }
  }
  const file = value as Partial<RuleSetExport> | null;
  if (typeof file !== "object" || file === null || file.format !== EXPORT_FORMAT) {
    return { ok: false, errors: { _form: `This file is not a Checkout Guard rule export (expected "format": "${EXPORT_FORMAT}").` } };
  }
  if (file.version !== EXPORT_VERSION) {
    return {
      ok: false,
      errors: { _form: `This export has format version ${String(file.version)}; this app reads version ${EXPORT_VERSION}.` },
    };
  }
  // Rules in a file are new rules; ids (if any) are not trusted.
  const rules = Array.isArray(file.rules)
    ? file.rules.map((rule) => (typeof rule === "object" && rule !== null ? { ...rule, id: undefined } : rule))
    : file.rules;
  return validateRuleList(rules);
}

const uniqueIds = (ids: unknown): string[] =>
  Array.isArray(ids) ? [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))] : [];

const notFound = (): { ok: false; errors: FieldErrors } => ({ ok: false, errors: { _form: RULE_NOT_FOUND } });
