/**
 * Publishes the shop's latest saved configuration to Shopify. The checkout
 * rules run in four Shopify Functions (engine/functions.ts: address, cart
 * totals, weight, products; handles checkout-guard-<name>). Each has its own
 * Validation, created once by function handle, which carries that function's
 * configuration document, input variables and message catalog in three
 * `$app:checkout-guard` metafields
 * (`config`, `input-variables`, `messages`): that is how the function
 * receives them. A function with no rules in the saved configuration gets no
 * Validation (an existing one is deleted), so checkout does not run it.
 *
 * Before the split there was one function (handle checkout-guard) and one
 * Validation per shop. Its Validation is deleted once every function's
 * Validations are written, and its stored id (FunctionSync "legacy", moved
 * there by the migration) is then forgotten.
 *
 * One publish of a shop at a time, across app instances: each first claims
 * the shop (claim.server.ts) and waits while another holds it, so the second
 * of two publishes finds the Validations the first created. Validations of our
 * functions other than the one each function uses (left by a race before the
 * claim, or made by hand) are shown by getSyncStatus and deleted by the next
 * publish or by removeExtraValidations. Every database write of a publish
 * commits only while it holds the claim and the shop's data exists
 * (whileClaimed), so a publish in flight when the shop is erased writes
 * nothing of it afterwards; "Delete all data" removes the Validations under
 * the claim before erasing (removeValidationsThenErase).
 *
 * The database is the source of truth; Shopify is a copy. A failed publish
 * never undoes a save: it is recorded on ShopSync (lastError, lastAttemptAt)
 * for the status card, and publishing again (retrySync) sends the then-latest
 * version. Nothing here throws to the caller (but the erasure that
 * removeValidationsThenErase runs reports its own errors).
 */
import prisma, { type Database } from "../db.server";
import {
  CONFIG_METAFIELD_KEY,
  INPUT_VARIABLES_METAFIELD_KEY,
  MESSAGES_METAFIELD_KEY,
  METAFIELD_BYTE_LIMIT,
  METAFIELD_NAMESPACE,
  parseConfig,
} from "../../extensions/checkout-guard/src/engine/config";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import { functionDocuments, functionLimitProblems, type FunctionDocument, type FunctionDocuments } from "../models/config-document.server";
import { METAFIELDS_SET, VALIDATION_CREATE, VALIDATION_DELETE, VALIDATIONS_QUERY } from "./operations";
import { acquireClaim, ClaimLost, releaseClaim, renewClaim, whileClaimed, type Claim, type ClaimOptions } from "./claim.server";
import { cachedValidations, rememberValidations, syncStamp } from "./validations-cache";
import { BoundedMemo } from "../server/memo";
import { t } from "../i18n.server";

/** What `admin.graphql` from `authenticate.admin` (or `unauthenticated.admin`) is. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export type SyncOutcome = { ok: true; version: number } | { ok: false; error: string };

/** One checkout function's Validation, for the status card. */
export interface FunctionSyncStatus {
  function: CheckoutFunction;
  /** The Validation's title, as the merchant sees it in Settings › Checkout. */
  title: string;
  handle: string;
  /** The latest saved configuration has rules for this function, so it needs a Validation. */
  needed: boolean;
  /** Rules of this function in the latest saved configuration (active and scheduled). */
  ruleCount: number;
  validationId: string | null;
  /** null: unknown (no Admin API access for this read, or Shopify could not be reached). */
  validationExists: boolean | null;
  /** Whether the Validation is enabled in Settings › Checkout, as last read. */
  enabled: boolean | null;
  /** The latest saved version is the one published for this function (or, with no rules, there is no Validation). */
  inSync: boolean;
  syncedVersion: number | null;
  syncedAt: Date | null;
  /** Size of this function's document in the latest saved version (0 without rules; null before any save). */
  bytesUsed: number | null;
  /** Size of this function's message catalog (the `messages` metafield) in the latest saved version (null as bytesUsed). */
  messageBytes: number | null;
  /** Built-in languages left out of that catalog so that it fits (its buyers in those languages read English defaults). */
  droppedLanguages: string[];
}

/** A Validation of one of our functions besides the one that function uses: it runs at checkout too. */
export interface ExtraValidation {
  id: string;
  function: CheckoutFunction;
  /** The function's Validation title, to name it. */
  title: string;
  enabled: boolean;
}

export interface SyncStatus {
  savedVersion: number | null;
  /** Every function is in sync, no extra Validation runs, and the Validation from before the split is gone. */
  inSync: boolean;
  lastError: string | null;
  lastAttemptAt: Date | null;
  /** Per function: Shopify passes at most this many bytes of each metafield value to a function. */
  byteLimit: typeof METAFIELD_BYTE_LIMIT;
  functions: FunctionSyncStatus[];
  /** The single Validation from before the split is still to be deleted (by the next publish). */
  legacyPending: boolean;
  /** Validations of our functions that no function uses (empty when unknown). */
  extraValidations: ExtraValidation[];
}

export interface SyncOptions extends ClaimOptions {
  db?: Database;
  /** Rounds before giving up on throttling, server errors or network failures (default 4). */
  maxAttempts?: number;
  /** First backoff delay, doubled each round (default 1,000 ms), capped by maxDelayMs (default 8,000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected by tests so retries do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** The FunctionSync row of the single function's Validation from before the split. */
export const LEGACY_FUNCTION = "legacy";
/** The handle of that function (the former extensions/checkout-guard). */
export const LEGACY_FUNCTION_HANDLE = "checkout-guard";

/** Outcomes the pages show, in the language of the request being answered (app/i18n.server.ts). */
export const MESSAGES = {
  get throttled() {
    return t("server.sync.throttled");
  },
  get revoked() {
    return t("server.sync.revoked");
  },
  get nothingSaved() {
    return t("server.sync.nothingSaved");
  },
  get busy() {
    return t("server.sync.busy");
  },
  get erased() {
    return t("server.sync.erased");
  },
  get busyErasing() {
    return t("server.sync.busyErasing");
  },
};

/** The app's client id: Shopify reports it as `shopifyFunction.appKey` of the app's Validations. */
const appKey = () => process.env.SHOPIFY_API_KEY;

// ---------------------------------------------------------------------------

export async function publishConfiguration(graphql: AdminGraphql, shop: string, options: SyncOptions = {}): Promise<SyncOutcome> {
  const db = options.db ?? prisma;
  const startedAt = new Date();
  let claim: Claim | null = null;
  try {
    // Nothing saved (or the shop erased): nothing to send, and no claim row to leave.
    if (!(await db.configVersion.findFirst({ where: { shop }, select: { version: true } }))) return { ok: false, error: MESSAGES.nothingSaved };
    claim = await acquireClaim(db, shop, options);
    // Another instance is publishing; it does not record our outcome on its status either.
    if (!claim) return { ok: false, error: MESSAGES.busy };
    return await publishClaimed(graphql, claim, startedAt, options);
  } catch (error) {
    if (error instanceof ClaimLost) return { ok: false, error: MESSAGES.erased };
    // Only the database can get here; the rules are saved, the status shows it.
    const message = t("server.sync.publishFailed", { reason: describe(error) });
    if (claim) await recordFailure(claim, message, startedAt).catch(() => undefined);
    return { ok: false, error: message };
  } finally {
    if (claim) await releaseClaim(claim).catch(() => undefined);
  }
}

async function publishClaimed(graphql: AdminGraphql, claim: Claim, startedAt: Date, options: SyncOptions): Promise<SyncOutcome> {
  const { db, shop } = claim;
  let published: number | null = null;
  // A save that lands while we publish waits for our claim and publishes
  // after us, but check once more so that we end on the latest version.
  for (let round = 0; round < 3; round++) {
    const latest = await db.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
    if (!latest) return { ok: false, error: MESSAGES.nothingSaved };
    if (published !== null && latest.version <= published) break;
    const outcome = await publishVersion(graphql, claim, latest, options);
    if (!outcome.ok) {
      await recordFailure(claim, outcome.error, startedAt);
      return outcome;
    }
    published = outcome.version;
  }
  const now = new Date();
  await whileClaimed(claim, (tx) =>
    tx.shopSync.upsert({
      where: { shop },
      create: { shop, lastError: null, lastAttemptAt: now },
      update: { lastError: null, lastAttemptAt: now },
    }),
  );
  return { ok: true, version: published! };
}

/** Publishing again sends the latest saved version (which may be newer than the one that failed). */
export const retrySync = publishConfiguration;

/**
 * Whether the shop's saved configuration has never been published to the two
 * functions: it has a saved version, and either still has the Validation from
 * before the split or no function's Validation was ever written. The app's
 * home page publishes such a shop when it opens (after a deploy that split
 * the function, before `npm run migrate:validations` reached it).
 */
export async function needsSplitPublish(shop: string, db: Database = prisma): Promise<boolean> {
  const [latest, rows] = await Promise.all([
    db.configVersion.findFirst({ where: { shop }, select: { version: true } }),
    db.functionSync.findMany({ where: { shop } }),
  ]);
  if (!latest) return false;
  if (rows.some((row) => row.function === LEGACY_FUNCTION)) return true;
  return !rows.some((row) => (CHECKOUT_FUNCTION_NAMES as string[]).includes(row.function) && row.syncedVersion !== null);
}

/** Publishes the shop when needsSplitPublish says so (not again within a minute of a failed attempt); null when nothing was needed. */
export async function publishIfNeverSplit(graphql: AdminGraphql, shop: string, options: SyncOptions = {}): Promise<SyncOutcome | null> {
  const db = options.db ?? prisma;
  if (!(await needsSplitPublish(shop, db))) return null;
  const sync = await db.shopSync.findUnique({ where: { shop } });
  if (sync?.lastError && sync.lastAttemptAt && Date.now() - sync.lastAttemptAt.getTime() < 60_000) return null;
  return publishConfiguration(graphql, shop, options);
}

export interface StatusOptions extends SyncOptions {
  /**
   * Use an answer about the shop's Validations read up to this long ago, unless
   * a publish or removal (by any instance) wrote since: validations-cache.ts.
   * Default 0: read them live.
   */
  validationsMaxAgeMs?: number;
}

export async function getSyncStatus(graphql: AdminGraphql | null, shop: string, options: StatusOptions = {}): Promise<SyncStatus> {
  const db = options.db ?? prisma;
  const [sync, rows, latest] = await Promise.all([
    db.shopSync.findUnique({ where: { shop } }),
    db.functionSync.findMany({ where: { shop } }),
    db.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { id: true, version: true } }),
  ]);
  const stored = new Map(rows.map((row) => [row.function, row]));
  const documents = latest ? await versionDocuments(db, shop, latest.id) : null;

  const ours = graphql ? await ourValidations(graphql, shop, syncStamp(sync, rows), options) : null;

  const savedVersion = latest?.version ?? null;
  const functions: FunctionSyncStatus[] = [];
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const row = stored.get(fn);
    const ruleCount = documents?.[fn].document.rules.length ?? 0;
    const needed = ruleCount > 0;
    let validationExists: boolean | null = row?.validationId ? null : false;
    let enabled: boolean | null = row?.enabled ?? null;
    let validationId = row?.validationId ?? null;
    if (ours) {
      const found = findValidation(ours, fn, validationId);
      validationExists = found !== null;
      enabled = found?.enabled ?? null;
      validationId = found?.id ?? validationId;
      if (row && found && found.enabled !== row.enabled) {
        await db.functionSync.update({ where: { shop_function: { shop, function: fn } }, data: { enabled: found.enabled } }).catch(() => undefined);
      }
    }
    const syncedVersion = row?.syncedVersion ?? null;
    functions.push({
      function: fn,
      title: CHECKOUT_FUNCTIONS[fn].title,
      handle: CHECKOUT_FUNCTIONS[fn].handle,
      needed,
      ruleCount,
      validationId,
      validationExists,
      enabled,
      inSync: savedVersion !== null && syncedVersion === savedVersion && (needed ? validationExists !== false : validationExists !== true),
      syncedVersion,
      syncedAt: row?.syncedAt ?? null,
      bytesUsed: documents ? (needed ? documents[fn].bytes : 0) : null,
      messageBytes: documents ? (needed ? documents[fn].messageBytes : 0) : null,
      droppedLanguages: documents && needed ? documents[fn].droppedLanguages : [],
    });
  }

  const legacyPending = stored.has(LEGACY_FUNCTION) || (ours?.some(isLegacy) ?? false);
  const extraValidations = ours ? extrasOf(ours, (fn) => stored.get(fn)?.validationId ?? null) : [];
  return {
    savedVersion,
    inSync: savedVersion !== null && functions.every((f) => f.inSync) && !legacyPending && extraValidations.length === 0,
    lastError: sync?.lastError ?? null,
    lastAttemptAt: sync?.lastAttemptAt ?? null,
    byteLimit: METAFIELD_BYTE_LIMIT,
    functions,
    legacyPending,
    extraValidations,
  };
}

/** This app's Validations in the shop, live or as remembered (validations-cache.ts); null when Shopify could not tell. */
async function ourValidations(graphql: AdminGraphql, shop: string, stamp: string, options: StatusOptions): Promise<ValidationNode[] | null> {
  const maxAgeMs = options.validationsMaxAgeMs ?? 0;
  if (maxAgeMs > 0) {
    const cached = cachedValidations<ValidationNode[]>(shop, stamp, maxAgeMs);
    if (cached) return cached;
  }
  // A page load should not wait on backoff: one attempt, else the last known state.
  const live = await listValidations(graphql, { ...options, maxAttempts: 1 });
  if (!live.ok) return null;
  const ours = live.nodes.filter(isOurs);
  if (maxAgeMs > 0) rememberValidations(shop, stamp, ours);
  return ours;
}

/** Every Validation of one of our functions other than the one that function uses (findValidation's). */
function extrasOf(ours: ValidationNode[], storedId: (fn: CheckoutFunction) => string | null): ExtraValidation[] {
  return CHECKOUT_FUNCTION_NAMES.flatMap((fn) => {
    const used = findValidation(ours, fn, storedId(fn));
    return ours
      .filter((node) => runs(node, fn) && node.id !== used?.id)
      .map((node) => ({ id: node.id, function: fn, title: CHECKOUT_FUNCTIONS[fn].title, enabled: node.enabled }));
  });
}

export type RemovalOutcome = { ok: true; removed: number } | { ok: false; error: string };

/**
 * The status card's "Remove extra validations": under the shop's claim,
 * deletes each Validation of our functions other than the one the function
 * uses (the stored one, else the one a publish would adopt).
 */
export async function removeExtraValidations(graphql: AdminGraphql, shop: string, options: SyncOptions = {}): Promise<RemovalOutcome> {
  const db = options.db ?? prisma;
  let claim: Claim | null = null;
  try {
    claim = await acquireClaim(db, shop, options);
    if (!claim) return { ok: false, error: MESSAGES.busy };
    const list = await listValidations(graphql, options);
    if (!list.ok) return list;
    const stored = await db.functionSync.findMany({ where: { shop }, select: { function: true, validationId: true } });
    const storedId = (fn: string) => stored.find((r) => r.function === fn)?.validationId ?? null;
    return await deleteValidations(graphql, claim, extrasOf(list.nodes.filter(isOurs), storedId));
  } catch (error) {
    if (error instanceof ClaimLost) return { ok: false, error: MESSAGES.erased };
    return { ok: false, error: t("server.sync.removeExtrasFailed", { reason: describe(error) }) };
  } finally {
    if (claim) await releaseClaim(claim).catch(() => undefined);
  }
}

export type UnpublishOutcome<T> =
  | { ok: true; erased: T; validations: { removed: number } | { error: string } }
  /** shopifyFailed: Shopify could not be reached or refused (erasing anyway is the merchant's choice). */
  | { ok: false; error: string; shopifyFailed: boolean };

/**
 * "Delete all data": under the shop's claim (after any publish in flight),
 * deletes every Validation of this app in Shopify, so that checkout stops
 * applying the rules, then runs `erase` (which deletes the claim with the
 * rest). When Shopify cannot be reached or refuses, nothing is erased unless
 * `force`: then the data is erased and the outcome says which error left the
 * Validations in place.
 */
export async function removeValidationsThenErase<T>(
  graphql: AdminGraphql,
  shop: string,
  erase: () => Promise<T>,
  options: SyncOptions & { force?: boolean } = {},
): Promise<UnpublishOutcome<T>> {
  const db = options.db ?? prisma;
  const claim = await acquireClaim(db, shop, options);
  if (!claim) return { ok: false, error: MESSAGES.busyErasing, shopifyFailed: false };
  try {
    const removed = await removeAllValidations(graphql, claim, options);
    if (!removed.ok && !options.force) return { ok: false, error: removed.error, shopifyFailed: true };
    const erased = await erase();
    return { ok: true, erased, validations: removed.ok ? { removed: removed.removed } : { error: removed.error } };
  } finally {
    await releaseClaim(claim).catch(() => undefined);
  }
}

/**
 * Deletes these Validations, stopping at the first failure. Recorded as a change
 * even after a partial removal, so that every instance reads the Validations
 * again (validations-cache.ts).
 */
async function deleteValidations(graphql: AdminGraphql, claim: Claim, nodes: readonly { id: string }[]): Promise<RemovalOutcome> {
  try {
    for (const node of nodes) {
      const deleted = await deleteValidation(graphql, claim, node.id);
      if (!deleted.ok) return deleted;
    }
  } finally {
    if (nodes.length > 0) await markValidationsChanged(claim);
  }
  return { ok: true, removed: nodes.length };
}

async function removeAllValidations(graphql: AdminGraphql, claim: Claim, options: SyncOptions): Promise<RemovalOutcome> {
  try {
    const list = await listValidations(graphql, { ...options, maxAttempts: options.maxAttempts ?? 2 });
    if (!list.ok) return list;
    // The erasure that follows deletes the sync rows again; their mark counts when it does not run (a failure, not forced).
    return await deleteValidations(graphql, claim, list.nodes.filter(isOurs));
  } catch (error) {
    return { ok: false, error: t("server.sync.removeFailed", { reason: describe(error) }) };
  }
}

/** A version's rows never change: its documents are worked out once per id (a page load need not read and parse 200 rules again). */
const documentsByVersion = new BoundedMemo<Promise<FunctionDocuments | null>>(64);

/** The functions' documents of the stored version with this id (null when it cannot be read). */
function versionDocuments(db: Database, shop: string, id: string): Promise<FunctionDocuments | null> {
  const documents = documentsByVersion.get(id, async () => {
    const row = await db.configVersion.findFirst({ where: { id, shop }, select: { document: true } });
    return row ? documentsOf(row.document) : null;
  });
  // A failed read is not remembered.
  return documents.catch((error) => {
    documentsByVersion.forget(id);
    throw error;
  });
}

/** The functions' documents of a stored combined document, or null when it cannot be read. */
function documentsOf(json: string): FunctionDocuments | null {
  try {
    const parsed = parseConfig(JSON.parse(json));
    return parsed.ok ? functionDocuments(parsed.config) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// One version

type VersionRow = { version: number; document: string; rules: string };
type ValidationNode = { id: string; enabled: boolean; shopifyFunction: { handle: string; appKey: string } | null };
type FunctionRow = { function: string; validationId: string | null };

const isOurs = (node: ValidationNode) => node.shopifyFunction?.appKey === appKey();
const isLegacy = (node: ValidationNode) => node.shopifyFunction?.handle === LEGACY_FUNCTION_HANDLE;
const runs = (node: ValidationNode, fn: CheckoutFunction) => node.shopifyFunction?.handle === CHECKOUT_FUNCTIONS[fn].handle;

/** This app's Validation of `fn`: the stored one, else one of this function (adopted). */
function findValidation(ours: ValidationNode[], fn: CheckoutFunction, storedId: string | null): ValidationNode | null {
  return (storedId ? ours.find((n) => n.id === storedId && runs(n, fn)) : undefined) ?? ours.find((n) => runs(n, fn)) ?? null;
}

async function publishVersion(graphql: AdminGraphql, claim: Claim, row: VersionRow, options: SyncOptions): Promise<SyncOutcome> {
  const { db, shop } = claim;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.document);
  } catch {
    return { ok: false, error: t("server.sync.versionNotJson", { version: row.version }) };
  }
  const config = parseConfig(parsed);
  if (!config.ok) {
    const issue = config.issues[0];
    return { ok: false, error: t("server.sync.versionInvalid", { version: row.version, path: issue?.path || "document", message: issue?.message }) };
  }
  const documents = functionDocuments(config.config);
  const problems = functionLimitProblems(documents, ruleNames(row.rules));
  if (problems.length > 0) return { ok: false, error: t("server.sync.versionTooLarge", { version: row.version, problems: problems.join(" ") }) };

  const attempts = Math.max(1, options.maxAttempts ?? 4);
  let last: Failure | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await wait(options, attempt - 1, last?.retryAfterMs);
    // Each round starts by reading the Validations again, so a create whose
    // answer was lost is found rather than made twice.
    const stored = await db.functionSync.findMany({ where: { shop }, select: { function: true, validationId: true } });
    const result = await writeOnce(graphql, claim, row.version, documents, stored);
    if (result.ok) return { ok: true, version: row.version };
    last = result;
    if (!result.transient) break;
  }
  return { ok: false, error: last!.error };
}

/** Rule names by id, from a version's rules snapshot (for messages). */
function ruleNames(snapshot: string): Map<string, string> {
  try {
    const rules = JSON.parse(snapshot) as { id?: string; name?: string }[];
    return new Map(rules.flatMap((r) => (r.id && r.name ? [[r.id, r.name] as [string, string]] : [])));
  } catch {
    return new Map();
  }
}

type Done = { ok: true };

/**
 * One round: read the Validations, write each function's (or delete it when
 * the function has no rules), then delete the Validation from before the split.
 * Each function's outcome is recorded as soon as it is known.
 */
async function writeOnce(graphql: AdminGraphql, claim: Claim, version: number, documents: FunctionDocuments, stored: FunctionRow[]): Promise<Done | Failure> {
  const { shop } = claim;
  const list = await listValidations(graphql);
  if (!list.ok) return list;
  const ours = list.nodes.filter(isOurs);
  const legacy = ours.filter(isLegacy);
  const storedId = (fn: string) => stored.find((r) => r.function === fn)?.validationId ?? null;
  // Migrating: the new Validations take the old one's on/off state, which the merchant chose.
  const enable = legacy.length > 0 ? legacy.some((v) => v.enabled) : true;

  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const document = documents[fn];
    const found = findValidation(ours, fn, storedId(fn));
    const now = new Date();
    if (document.document.rules.length > 0) {
      const written = found ? await setMetafields(graphql, claim, found, document) : await createValidation(graphql, claim, fn, document, enable);
      if (!written.ok) return written;
      const data = { validationId: written.validation.id, enabled: written.validation.enabled, syncedVersion: version, syncedAt: now, configBytes: document.bytes };
      await whileClaimed(claim, (tx) => tx.functionSync.upsert({ where: { shop_function: { shop, function: fn } }, create: { shop, function: fn, ...data }, update: data }));
      // Extra Validations of this function (from a race before the claim, or made by hand) would run it again with what they hold.
      for (const extra of ours.filter((n) => runs(n, fn) && n.id !== written.validation.id)) {
        const deleted = await deleteValidation(graphql, claim, extra.id);
        if (!deleted.ok) return deleted;
      }
    } else {
      // No rules for this function: checkout need not run it.
      for (const node of ours.filter((n) => runs(n, fn))) {
        const deleted = await deleteValidation(graphql, claim, node.id);
        if (!deleted.ok) return deleted;
      }
      const data = { validationId: null, enabled: null, syncedVersion: version, syncedAt: now, configBytes: 0 };
      await whileClaimed(claim, (tx) => tx.functionSync.upsert({ where: { shop_function: { shop, function: fn } }, create: { shop, function: fn, ...data }, update: data }));
    }
  }

  // Every function with rules is written: the single function's Validation would only repeat their errors.
  // The stored id is deleted even when the list does not show it (Shopify answers NOT_FOUND if it is gone).
  const legacyIds = new Set(legacy.map((node) => node.id));
  const storedLegacy = storedId(LEGACY_FUNCTION);
  if (storedLegacy && !ours.some((node) => node.id === storedLegacy && !isLegacy(node))) legacyIds.add(storedLegacy);
  for (const id of legacyIds) {
    const deleted = await deleteValidation(graphql, claim, id);
    if (!deleted.ok) return deleted;
  }
  await whileClaimed(claim, (tx) => tx.functionSync.deleteMany({ where: { shop, function: LEGACY_FUNCTION } }));
  return { ok: true };
}

type Written = { ok: true; validation: { id: string; enabled: boolean } };

function metafieldsOf(document: FunctionDocument) {
  return [
    { namespace: METAFIELD_NAMESPACE, key: CONFIG_METAFIELD_KEY, type: "json", value: document.json },
    { namespace: METAFIELD_NAMESPACE, key: INPUT_VARIABLES_METAFIELD_KEY, type: "json", value: document.variablesJson },
    { namespace: METAFIELD_NAMESPACE, key: MESSAGES_METAFIELD_KEY, type: "json", value: document.messagesJson },
  ];
}

async function createValidation(graphql: AdminGraphql, claim: Claim, fn: CheckoutFunction, document: FunctionDocument, enable: boolean): Promise<Written | Failure> {
  const { db, shop } = claim;
  const { handle, title } = CHECKOUT_FUNCTIONS[fn];
  await renewClaim(claim);
  const created = await request(graphql, VALIDATION_CREATE, {
    validation: { functionHandle: handle, title, enable, blockOnFailure: false, metafields: metafieldsOf(document) },
  });
  if (!created.ok) return created;
  const payload = (created.data as { validationCreate: MutationPayload<{ validation: { id: string; enabled: boolean } | null }> }).validationCreate;
  if (payload.userErrors.length > 0 || !payload.validation) return refused(t("server.sync.refusedCreate", { title }), payload.userErrors);
  // Stored at once: the next publish updates this Validation whatever happens now.
  const data = { validationId: payload.validation.id, enabled: payload.validation.enabled };
  try {
    await whileClaimed(claim, (tx) => tx.functionSync.upsert({ where: { shop_function: { shop, function: fn } }, create: { shop, function: fn, ...data }, update: data }));
  } catch (error) {
    // Erased (or taken over) while Shopify created it: a Validation nobody
    // stores would keep enforcing these rules unseen. Keep it only if the new
    // holder adopted it.
    if (error instanceof ClaimLost) {
      const row = await db.functionSync.findUnique({ where: { shop_function: { shop, function: fn } } }).catch(() => null);
      if (row?.validationId !== payload.validation.id) await deleteValidationOnce(graphql, payload.validation.id).catch(() => undefined);
    }
    throw error;
  }
  return { ok: true, validation: payload.validation };
}

async function setMetafields(graphql: AdminGraphql, claim: Claim, validation: ValidationNode, document: FunctionDocument): Promise<Written | Failure> {
  await renewClaim(claim);
  const set = await request(graphql, METAFIELDS_SET, { metafields: metafieldsOf(document).map((m) => ({ ...m, ownerId: validation.id })) });
  if (!set.ok) return set;
  const payload = (set.data as { metafieldsSet: MutationPayload<object> }).metafieldsSet;
  if (payload.userErrors.length > 0) return refused(t("server.sync.refusedConfiguration"), payload.userErrors);
  return { ok: true, validation: { id: validation.id, enabled: validation.enabled } };
}

/** Deletes a Validation while holding the claim; one Shopify no longer has is as good as deleted. */
async function deleteValidation(graphql: AdminGraphql, claim: Claim, id: string): Promise<Done | Failure> {
  await renewClaim(claim);
  return deleteValidationOnce(graphql, id);
}

async function deleteValidationOnce(graphql: AdminGraphql, id: string): Promise<Done | Failure> {
  const deleted = await request(graphql, VALIDATION_DELETE, { id });
  if (!deleted.ok) return deleted;
  const payload = (deleted.data as { validationDelete: MutationPayload<{ deletedId: string | null }> }).validationDelete;
  const errors = payload.userErrors.filter((e) => e.code !== "NOT_FOUND");
  if (errors.length > 0) return refused(t("server.sync.refusedDelete"), errors);
  return { ok: true };
}

/** Every Validation of the shop (all pages). */
async function listValidations(graphql: AdminGraphql, options?: SyncOptions): Promise<{ ok: true; nodes: ValidationNode[] } | Failure> {
  const nodes: ValidationNode[] = [];
  let after: string | null = null;
  // 25 can be active, more may exist; 20 pages of 50 is far beyond any shop.
  for (let page = 0; page < 20; page++) {
    const answer = await request(graphql, VALIDATIONS_QUERY, { after }, options);
    if (!answer.ok) return answer;
    const connection = (answer.data as { validations: { nodes: ValidationNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }).validations;
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return { ok: true, nodes };
}

type UserError = { field?: string[] | null; message: string; code?: string | null };
type MutationPayload<T> = T & { userErrors: UserError[] };

/** What to do about a refusal, by Shopify's error code: server.sync.hints.<code>. */
const HINTS = ["MAX_VALIDATIONS_ACTIVATED", "FUNCTION_NOT_FOUND"];

/** Shopify's own reasons (`message`) are in English, as its API gives them. */
function refused(what: string, errors: UserError[]): Failure {
  const list = errors.map((e) => `${e.message}${e.code ? ` (${e.code})` : ""}`).join("; ") || t("server.sync.noReason");
  const hints = [...new Set(errors.flatMap((e) => (e.code && HINTS.includes(e.code) ? [t(`server.sync.hints.${e.code}`)] : [])))];
  return { ok: false, transient: false, error: `${t("server.sync.refused", { what, list })}${hints.length ? ` ${hints.join(" ")}` : ""}` };
}

// ---------------------------------------------------------------------------
// Requests and what their failures mean

type Failure = { ok: false; error: string; transient: boolean; retryAfterMs?: number };
type Answer = { ok: true; data: unknown } | Failure;

/** One GraphQL request (or a few when `maxAttempts` > 1 and the failure is transient). */
async function request(graphql: AdminGraphql, query: string, variables: Record<string, unknown>, options?: SyncOptions): Promise<Answer> {
  const attempts = Math.max(1, options?.maxAttempts ?? 1);
  let answer: Answer = { ok: false, error: "not sent", transient: true };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await wait(options ?? {}, attempt - 1, (answer as Failure).retryAfterMs);
    answer = await requestOnce(graphql, query, variables);
    if (answer.ok || !answer.transient) return answer;
  }
  return answer;
}

async function requestOnce(graphql: AdminGraphql, query: string, variables: Record<string, unknown>): Promise<Answer> {
  let response: Response;
  try {
    response = await graphql(query, { variables });
  } catch (thrown) {
    return classifyThrown(thrown);
  }
  if (!response.ok) return classifyStatus(response.status, retryAfter(response.headers.get("Retry-After")));
  let body: { data?: unknown; errors?: unknown };
  try {
    body = await response.json();
  } catch {
    return { ok: false, transient: true, error: t("server.sync.unreadable") };
  }
  if (body.errors) return classifyGraphqlErrors(body.errors);
  if (body.data == null) return { ok: false, transient: true, error: t("server.sync.empty") };
  return { ok: true, data: body.data };
}

/**
 * `admin.graphql` throws rather than returns on failure: a Response (401, 429,
 * 5xx: authenticate.admin's client), an HttpResponseError with `response.code`
 * (unauthenticated.admin's client), a GraphqlQueryError with the GraphQL
 * errors, or an HttpRequestError when Shopify could not be reached.
 */
function classifyThrown(thrown: unknown): Failure {
  if (thrown instanceof Response) return classifyStatus(thrown.status, retryAfter(thrown.headers.get("Retry-After")));
  const error = thrown as { response?: { code?: unknown; retryAfter?: unknown }; body?: { errors?: { graphQLErrors?: unknown } } };
  if (typeof error?.response?.code === "number") {
    const seconds = typeof error.response.retryAfter === "number" ? error.response.retryAfter : undefined;
    return classifyStatus(error.response.code, seconds === undefined ? undefined : seconds * 1000);
  }
  if (Array.isArray(error?.body?.errors?.graphQLErrors)) return classifyGraphqlErrors(error.body!.errors!.graphQLErrors);
  const message = describe(thrown)
    .replace(/^Http request error, no response available:\s*/i, "")
    .replace(/^GraphQL Client:\s*/i, "");
  return { ok: false, transient: true, error: t("server.sync.unreachable", { reason: message || t("server.sync.networkError") }) };
}

function classifyStatus(status: number, retryAfterMs?: number): Failure {
  if (status === 401 || (status >= 300 && status < 400)) return { ok: false, transient: false, error: MESSAGES.revoked };
  if (status === 403) return { ok: false, transient: false, error: t("server.sync.forbidden403") };
  if (status === 429) return { ok: false, transient: true, error: MESSAGES.throttled, retryAfterMs };
  if (status >= 500) return { ok: false, transient: true, error: t("server.sync.temporary", { status }) };
  return { ok: false, transient: false, error: t("server.sync.http", { status }) };
}

function classifyGraphqlErrors(errors: unknown): Failure {
  const list = Array.isArray(errors) ? (errors as { message?: string; extensions?: { code?: string } }[]) : [];
  if (list.some((e) => e?.extensions?.code === "THROTTLED" || e?.message === "Throttled")) {
    return { ok: false, transient: true, error: MESSAGES.throttled };
  }
  if (list.some((e) => e?.extensions?.code === "ACCESS_DENIED")) {
    return { ok: false, transient: false, error: t("server.sync.forbidden") };
  }
  if (list.some((e) => e?.extensions?.code === "INTERNAL_SERVER_ERROR")) {
    return { ok: false, transient: true, error: t("server.sync.temporaryNoStatus") };
  }
  const text = list.map((e) => e?.message).filter(Boolean).join("; ") || (typeof errors === "string" ? errors : t("server.sync.unknownError"));
  return { ok: false, transient: false, error: t("server.sync.rejected", { text }) };
}

function retryAfter(header: string | null): number | undefined {
  const seconds = header ? Number.parseFloat(header) : Number.NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

async function wait(options: SyncOptions, retry: number, retryAfterMs?: number) {
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 8000;
  const backoff = Math.min(base * 2 ** (retry - 1), max);
  const delay = Math.min(Math.max(backoff, retryAfterMs ?? 0), max);
  await (options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(delay);
}

/** Touches the shop's ShopSync row: the stamp under which instances remember its Validations changes (validations-cache.ts). */
async function markValidationsChanged(claim: Claim) {
  const now = new Date();
  await whileClaimed(claim, (tx) => tx.shopSync.upsert({ where: { shop: claim.shop }, create: { shop: claim.shop }, update: { updatedAt: now } }), { requireSaved: false });
}

async function recordFailure(claim: Claim, error: string, at: Date) {
  await whileClaimed(claim, (tx) =>
    tx.shopSync.upsert({
      where: { shop: claim.shop },
      create: { shop: claim.shop, lastError: error, lastAttemptAt: at },
      update: { lastError: error, lastAttemptAt: at },
    }),
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error && cause.message && !error.message.includes(cause.message) ? ` (${cause.message})` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}
