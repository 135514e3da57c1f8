/**
 * The change history: every committed configuration of a shop (its rules and
 * the document written to the metafield), newest first, and restore, which
 * writes a version's rules back as the current rules and so records a new
 * version (history is never rewritten). Each save prunes the oldest versions
 * past MAX_VERSIONS or MAX_HISTORY_BYTES (rules.server.ts).
 */
import prisma, { type Database } from "../db.server";
import { utf8Bytes } from "./config-document.server";
import { checkBudget, validateRuleList, writeRuleSet, type CheckBudget, type RuleRecord, type RuleSnapshot, type Saved } from "./rules.server";
import { t } from "../i18n.server";

export interface VersionSummary {
  version: number;
  createdAt: Date;
  ruleCount: number;
  /** Rules in the document (active and scheduled). */
  enforcedCount: number;
  /** Size of the document, against Shopify's 10,000-byte limit. */
  bytes: number;
}

export interface VersionDetail extends VersionSummary {
  rules: RuleSnapshot[];
  /** The configuration document's JSON, as published. */
  document: string;
}

export async function listVersions(shop: string, db: Database = prisma): Promise<VersionSummary[]> {
  const rows = await db.configVersion.findMany({ where: { shop }, orderBy: { version: "desc" } });
  return rows.map((row) => summarize(row));
}

export async function getVersion(shop: string, version: number, db: Database = prisma): Promise<VersionDetail | null> {
  if (!Number.isInteger(version)) return null;
  const row = await db.configVersion.findFirst({ where: { shop, version } });
  if (!row) return null;
  return { ...summarize(row), rules: parseSnapshot(row.rules), document: row.document };
}

/** The newest version of a shop: what the sync publishes. */
export async function getLatestVersion(shop: string, db: Database = prisma): Promise<VersionDetail | null> {
  const row = await db.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  if (!row) return null;
  return { ...summarize(row), rules: parseSnapshot(row.rules), document: row.document };
}

/**
 * Makes a version's rules the current rules. They are validated again (the
 * rule model may have tightened since), all or nothing, errors keyed
 * "rules.<i>.<field>".
 */
export async function restoreVersion(
  shop: string,
  version: number,
  db: Database = prisma,
  budget: CheckBudget = checkBudget(),
): Promise<Saved<RuleRecord[]>> {
  const detail = await getVersion(shop, version, db);
  if (!detail) return { ok: false, errors: { _form: t("server.rules.versionNotFound") } };
  const valid = await validateRuleList(detail.rules, budget);
  if (!valid.ok) return valid;
  return writeRuleSet(shop, valid.value, { mode: "replace", keepIds: true }, db);
}

// ---------------------------------------------------------------------------

type VersionRow = { version: number; createdAt: Date; rules: string; document: string };

function summarize(row: VersionRow): VersionSummary {
  const rules = parseSnapshot(row.rules);
  let enforcedCount = 0;
  try {
    enforcedCount = (JSON.parse(row.document) as { rules?: unknown[] }).rules?.length ?? 0;
  } catch {
    enforcedCount = 0;
  }
  return { version: row.version, createdAt: row.createdAt, ruleCount: rules.length, enforcedCount, bytes: utf8Bytes(row.document) };
}

function parseSnapshot(json: string): RuleSnapshot[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? (value as RuleSnapshot[]) : [];
  } catch {
    return [];
  }
}
