/**
 * Publishes the shop's latest saved configuration to Shopify: the Validation
 * (created once, by function handle) carries the configuration document and
 * the input variables in two `$app:checkout-guard` metafields, which is how
 * the function receives them.
 *
 * The database is the source of truth; Shopify is a copy. A failed publish
 * never undoes a save: it is recorded on ShopSync (lastError, lastAttemptAt)
 * for the status card, and publishing again (retrySync) sends the then-latest
 * version. Nothing here throws to the caller.
 */
import prisma, { type Database } from "../db.server";
import {
  CONFIG_METAFIELD_KEY,
  INPUT_VARIABLES_METAFIELD_KEY,
  METAFIELD_BYTE_LIMIT,
  METAFIELD_NAMESPACE,
  parseConfig,
} from "../../extensions/checkout-guard/src/engine/config";
import { inputVariablesFor } from "../../extensions/checkout-guard/src/engine/input-variables";
import { METAFIELDS_SET, VALIDATION_CREATE, VALIDATION_QUERY, VALIDATIONS_QUERY } from "./operations";

/** What `admin.graphql` from `authenticate.admin` (or `unauthenticated.admin`) is. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export type SyncOutcome = { ok: true; version: number } | { ok: false; error: string };

export interface SyncStatus {
  validationId: string | null;
  /** null: unknown (no Admin API access for this read, or Shopify could not be reached). */
  validationExists: boolean | null;
  /** Whether the Validation is enabled in Settings › Checkout, as last read. */
  enabled: boolean | null;
  /** The latest saved version is the one on the Validation. */
  inSync: boolean;
  savedVersion: number | null;
  syncedVersion: number | null;
  syncedAt: Date | null;
  lastError: string | null;
  /** Size of the latest saved configuration document. */
  bytesUsed: number | null;
  byteLimit: typeof METAFIELD_BYTE_LIMIT;
}

export interface SyncOptions {
  db?: Database;
  /** Rounds before giving up on throttling, server errors or network failures (default 4). */
  maxAttempts?: number;
  /** First backoff delay, doubled each round (default 1,000 ms), capped by maxDelayMs (default 8,000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected by tests so retries do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** The function extension's handle (extensions/checkout-guard/shopify.extension.toml). */
export const FUNCTION_HANDLE = "checkout-guard";
export const VALIDATION_TITLE = "Checkout Guard";

export const MESSAGES = {
  throttled: "Shopify is throttling requests; retry in a moment.",
  revoked: "The app's access was revoked (401): reopen the app to re-authorize.",
  nothingSaved: "There is no saved configuration to publish yet.",
} as const;

// ---------------------------------------------------------------------------

export async function publishConfiguration(graphql: AdminGraphql, shop: string, options: SyncOptions = {}): Promise<SyncOutcome> {
  const db = options.db ?? prisma;
  const startedAt = new Date();
  try {
    let published: number | null = null;
    // A save that lands while we publish gets its own publish too, but check
    // once more so the slower of two publishes cannot leave an older version.
    for (let round = 0; round < 3; round++) {
      const latest = await db.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
      if (!latest) return { ok: false, error: MESSAGES.nothingSaved };
      if (published !== null && latest.version <= published) break;
      const outcome = await publishVersion(graphql, shop, latest, db, options);
      if (!outcome.ok) {
        await recordFailure(db, shop, outcome.error, startedAt);
        return outcome;
      }
      published = outcome.version;
    }
    return { ok: true, version: published! };
  } catch (error) {
    // Only the database can get here; the rules are saved, the status shows it.
    const message = `Publishing failed: ${describe(error)}`;
    await recordFailure(db, shop, message, startedAt).catch(() => undefined);
    return { ok: false, error: message };
  }
}

/** Publishing again sends the latest saved version (which may be newer than the one that failed). */
export const retrySync = publishConfiguration;

export async function getSyncStatus(graphql: AdminGraphql | null, shop: string, options: SyncOptions = {}): Promise<SyncStatus> {
  const db = options.db ?? prisma;
  const [sync, latest] = await Promise.all([
    db.shopSync.findUnique({ where: { shop } }),
    db.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { version: true, document: true } }),
  ]);
  let validationExists: boolean | null = sync?.validationId ? null : false;
  let enabled: boolean | null = sync?.enabled ?? null;

  if (graphql && sync?.validationId) {
    // A page load should not wait on backoff: one attempt, else the last known state.
    const read = await request(graphql, VALIDATION_QUERY, { id: sync.validationId }, { ...options, maxAttempts: 1 });
    if (read.ok) {
      const validation = (read.data as { validation: { id: string; enabled: boolean } | null }).validation;
      validationExists = validation !== null;
      enabled = validation?.enabled ?? null;
      if (enabled !== null && enabled !== sync.enabled) {
        await db.shopSync.update({ where: { shop }, data: { enabled } }).catch(() => undefined);
      }
    }
  }

  const savedVersion = latest?.version ?? null;
  const syncedVersion = sync?.syncedVersion ?? null;
  return {
    validationId: sync?.validationId ?? null,
    validationExists,
    enabled,
    inSync: savedVersion !== null && syncedVersion === savedVersion && validationExists !== false,
    savedVersion,
    syncedVersion,
    syncedAt: sync?.syncedAt ?? null,
    lastError: sync?.lastError ?? null,
    bytesUsed: latest ? Buffer.byteLength(latest.document, "utf8") : (sync?.configBytes ?? null),
    byteLimit: METAFIELD_BYTE_LIMIT,
  };
}

// ---------------------------------------------------------------------------
// One version

type VersionRow = { version: number; document: string };

async function publishVersion(graphql: AdminGraphql, shop: string, row: VersionRow, db: Database, options: SyncOptions): Promise<SyncOutcome> {
  const bytes = Buffer.byteLength(row.document, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.document);
  } catch {
    return { ok: false, error: `Version ${row.version} is not valid JSON; it was not sent to Shopify.` };
  }
  const config = parseConfig(parsed);
  if (!config.ok) {
    const issue = config.issues[0];
    return { ok: false, error: `Version ${row.version} is not a valid configuration (${issue?.path || "document"}: ${issue?.message}); it was not sent to Shopify.` };
  }
  if (bytes > METAFIELD_BYTE_LIMIT) {
    return { ok: false, error: `Version ${row.version} needs ${bytes} bytes; Shopify passes at most ${METAFIELD_BYTE_LIMIT} bytes to the function.` };
  }
  const variables = JSON.stringify(inputVariablesFor(config.config));
  const metafields = [
    { namespace: METAFIELD_NAMESPACE, key: CONFIG_METAFIELD_KEY, type: "json", value: row.document },
    { namespace: METAFIELD_NAMESPACE, key: INPUT_VARIABLES_METAFIELD_KEY, type: "json", value: variables },
  ];

  const sync = await db.shopSync.findUnique({ where: { shop } });
  const attempts = Math.max(1, options.maxAttempts ?? 4);
  let last: Failure | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await wait(options, attempt - 1, last?.retryAfterMs);
    // Each round starts by finding the Validation again, so a create whose
    // answer was lost is found rather than made twice.
    const result = await writeOnce(graphql, shop, sync?.validationId ?? null, metafields, db);
    if (result.ok) {
      const now = new Date();
      await db.shopSync.upsert({
        where: { shop },
        create: { shop, validationId: result.validationId, enabled: result.enabled, syncedVersion: row.version, syncedAt: now, configBytes: bytes, lastError: null, lastAttemptAt: now },
        update: { validationId: result.validationId, enabled: result.enabled, syncedVersion: row.version, syncedAt: now, configBytes: bytes, lastError: null, lastAttemptAt: now },
      });
      return { ok: true, version: row.version };
    }
    last = result;
    if (!result.transient) break;
  }
  return { ok: false, error: last!.error };
}

type Written = { ok: true; validationId: string; enabled: boolean | null };
type Metafields = { namespace: string; key: string; type: string; value: string }[];

async function writeOnce(graphql: AdminGraphql, shop: string, storedId: string | null, metafields: Metafields, db: Database): Promise<Written | Failure> {
  let validation: { id: string; enabled: boolean } | null = null;
  if (storedId) {
    const read = await request(graphql, VALIDATION_QUERY, { id: storedId });
    if (!read.ok) return read;
    validation = (read.data as { validation: { id: string; enabled: boolean } | null }).validation;
  }
  if (!validation) {
    // Not created yet, or deleted in Shopify since: adopt ours if it exists, else create it.
    const list = await request(graphql, VALIDATIONS_QUERY, {});
    if (!list.ok) return list;
    const nodes = (list.data as { validations: { nodes: ValidationNode[] } }).validations.nodes;
    validation = nodes.find((n) => n.shopifyFunction?.handle === FUNCTION_HANDLE && n.shopifyFunction?.appKey === process.env.SHOPIFY_API_KEY) ?? null;
  }
  if (!validation) {
    const created = await request(graphql, VALIDATION_CREATE, {
      validation: { functionHandle: FUNCTION_HANDLE, title: VALIDATION_TITLE, enable: true, blockOnFailure: false, metafields },
    });
    if (!created.ok) return created;
    const payload = (created.data as { validationCreate: MutationPayload<{ validation: { id: string; enabled: boolean } | null }> }).validationCreate;
    if (payload.userErrors.length > 0 || !payload.validation) return refused("Shopify refused to create the Validation", payload.userErrors);
    // Stored at once: the next publish updates this Validation whatever happens now.
    await db.shopSync.upsert({
      where: { shop },
      create: { shop, validationId: payload.validation.id, enabled: payload.validation.enabled },
      update: { validationId: payload.validation.id, enabled: payload.validation.enabled },
    });
    return { ok: true, validationId: payload.validation.id, enabled: payload.validation.enabled };
  }

  const set = await request(graphql, METAFIELDS_SET, { metafields: metafields.map((m) => ({ ...m, ownerId: validation!.id })) });
  if (!set.ok) return set;
  const payload = (set.data as { metafieldsSet: MutationPayload<object> }).metafieldsSet;
  if (payload.userErrors.length > 0) return refused("Shopify refused the configuration", payload.userErrors);
  return { ok: true, validationId: validation.id, enabled: validation.enabled };
}

type ValidationNode = { id: string; enabled: boolean; shopifyFunction: { handle: string; appKey: string } | null };
type UserError = { field?: string[] | null; message: string; code?: string | null };
type MutationPayload<T> = T & { userErrors: UserError[] };

const HINTS: Record<string, string> = {
  MAX_VALIDATIONS_ACTIVATED: "Turn off another validation in Settings › Checkout, then retry.",
  FUNCTION_NOT_FOUND: "The Checkout Guard function is not deployed to this shop yet; deploy the app, then retry.",
};

function refused(what: string, errors: UserError[]): Failure {
  const list = errors.map((e) => `${e.message}${e.code ? ` (${e.code})` : ""}`).join("; ") || "no reason given";
  const hints = [...new Set(errors.flatMap((e) => (e.code && HINTS[e.code] ? [HINTS[e.code]] : [])))];
  return { ok: false, transient: false, error: `${what}: ${list}.${hints.length ? ` ${hints.join(" ")}` : ""}` };
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
    return { ok: false, transient: true, error: "Shopify sent an unreadable answer; retry in a moment." };
  }
  if (body.errors) return classifyGraphqlErrors(body.errors);
  if (body.data == null) return { ok: false, transient: true, error: "Shopify sent an empty answer; retry in a moment." };
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
  return { ok: false, transient: true, error: `Could not reach Shopify: ${message || "network error"}.` };
}

function classifyStatus(status: number, retryAfterMs?: number): Failure {
  if (status === 401 || (status >= 300 && status < 400)) return { ok: false, transient: false, error: MESSAGES.revoked };
  if (status === 403) return { ok: false, transient: false, error: "Shopify refused access (403): the app needs the write_validations permission; reopen the app to approve it." };
  if (status === 429) return { ok: false, transient: true, error: MESSAGES.throttled, retryAfterMs };
  if (status >= 500) return { ok: false, transient: true, error: `Shopify had a temporary error (${status}); retry in a moment.` };
  return { ok: false, transient: false, error: `Shopify answered with HTTP ${status}.` };
}

function classifyGraphqlErrors(errors: unknown): Failure {
  const list = Array.isArray(errors) ? (errors as { message?: string; extensions?: { code?: string } }[]) : [];
  if (list.some((e) => e?.extensions?.code === "THROTTLED" || e?.message === "Throttled")) {
    return { ok: false, transient: true, error: MESSAGES.throttled };
  }
  if (list.some((e) => e?.extensions?.code === "ACCESS_DENIED")) {
    return { ok: false, transient: false, error: "Shopify refused access: the app needs the write_validations permission; reopen the app to approve it." };
  }
  if (list.some((e) => e?.extensions?.code === "INTERNAL_SERVER_ERROR")) {
    return { ok: false, transient: true, error: "Shopify had a temporary error; retry in a moment." };
  }
  const text = list.map((e) => e?.message).filter(Boolean).join("; ") || (typeof errors === "string" ? errors : "unknown error");
  return { ok: false, transient: false, error: `Shopify rejected the request: ${text}` };
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

async function recordFailure(db: Database, shop: string, error: string, at: Date) {
  await db.shopSync.upsert({
    where: { shop },
    create: { shop, lastError: error, lastAttemptAt: at },
    update: { lastError: error, lastAttemptAt: at },
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error && cause.message && !error.message.includes(cause.message) ? ` (${cause.message})` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}
