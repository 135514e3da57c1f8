/**
 * A local stand-in for Shopify, over real HTTP, for any shop:
 *
 * - POST /admin/api/<version>/graphql.json: every query is parsed and validated
 *   against tests/support/admin-api.graphql (Shopify's documented signatures),
 *   its variables coerced, then executed against per-shop state (validations
 *   and their metafields). The app's functions are those `shopify app deploy`
 *   deploys: one per function extension in extensions/ (its
 *   shopify.extension.toml), today the address, cart-totals, weight and
 *   products functions; the single function of earlier versions
 *   (checkout-guard) is retired: its Validations can exist, but none can be
 *   created. Invalid queries get GraphQL errors as Shopify sends
 *   them (HTTP 200, `errors`, no `data`). The X-Shopify-Access-Token header is
 *   checked: 401 with Shopify's body when missing, unknown, revoked or expired.
 * - POST /admin/oauth/access_token: token exchange (what the app's
 *   authenticate.admin does when it has no offline session): checks the client
 *   credentials and the session token, returns an access token with scope
 *   write_validations. With `expiring=1` the offline token expires after an
 *   hour and comes with a refresh token (90 days). The refresh_token grant
 *   returns a new pair; as Shopify documents, the refresh token used stays
 *   accepted until the app uses its replacement, which retires it (and any
 *   other replacement of it): rotation without losing a response in flight.
 *   After uninstall(shop), every refresh of the shop is refused
 *   (UNINSTALLED_REFRESH_ANSWERS).
 *
 * It replaces `fetch` (globalThis and @shopify/shopify-api's adapter, which
 * captured fetch when it was imported) so that requests the app makes to
 * https://<shop>.myshopify.com/admin/... reach it; app code is unchanged. Every
 * outbound request is recorded; one to any other non-local host is recorded as
 * `target: "elsewhere"` and fails like an unreachable host (privacy tests
 * assert there are none).
 *
 *   const mock = await startAdminApiMock();
 *   await seedOfflineSession(shop);                 // tests/support/session-token.ts
 *   mock.failNext("throttled", { times: 2 });       // then "userErrors" | "http429" | "unauthorized" | "network" | "serverError"
 *   mock.seedValidation(shop, LEGACY_FUNCTION)       // a Validation from before the test (here: of the retired single function)
 *   ...exercise the app...
 *   mock.state(shop).validations                     // what Shopify now holds
 *   mock.validationsOf(shop, "checkout-guard-cart")
 *   mock.metafieldValue(shop, validationId, "config")
 *   mock.requests.filter((r) => r.kind === "graphql")
 *   await mock.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import {
  buildSchema,
  execute,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
} from "graphql";
import { jwtVerify } from "jose";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { installFetch, redirectingFetch } from "./admin-api-redirect";
import { offlineAccessToken, offlineRefreshToken } from "./session-token";

const SDL = readFileSync(new URL("./admin-api.graphql", import.meta.url), "utf8");
const schema = buildSchema(SDL);

/** The app's id in the `app--<id>--…` namespaces Shopify stores `$app:` metafields under. */
export const MOCK_APP_ID = "1234567";
export const UNAUTHORIZED_BODY = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
export const THROTTLED_BODY = {
  errors: [
    {
      message: "Throttled",
      extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
    },
  ],
};

export interface MockFunction {
  id: string;
  handle: string;
  title: string;
  apiType: string;
  apiVersion: string;
}

export interface MockMetafield {
  id: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface MockValidation {
  id: string;
  title: string;
  enabled: boolean;
  blockOnFailure: boolean;
  functionId: string;
  /** Keyed by `${namespace}.${key}` (namespace resolved: `app--<id>--…`). */
  metafields: Map<string, MockMetafield>;
}

export interface MockShopState {
  shop: string;
  validations: Map<string, MockValidation>;
  /** Active validations of other apps, counted against Shopify's limit of 25. */
  otherActiveValidations: number;
  /** Access tokens issued by token exchange and still valid. */
  tokens: Set<string>;
  /** Whether the seeded token (offlineAccessToken(shop)) still works. */
  seededTokenValid: boolean;
  /** When each expiring access token expires (ms since epoch); absent: never. */
  tokenExpiry: Map<string, number>;
  /** Refresh tokens issued for the shop, by token. */
  refreshTokens: Map<string, MockRefreshToken>;
  /** Set by uninstall(): what the token endpoint answers every refresh of the shop. */
  uninstalled?: UninstalledRefreshAnswer;
}

/**
 * What the token endpoint answers a refresh for a shop that uninstalled the app
 * (its grant is revoked). Shopify's pages do not document this case: OAuth's
 * answer for a revoked grant (RFC 6749 §5.2), and the one developers report
 * from Shopify for a refresh token that is no longer active. Tests cover both.
 */
export const UNINSTALLED_REFRESH_ANSWERS = {
  invalid_grant: { status: 400, body: { error: "invalid_grant", error_description: "The refresh token is invalid, expired or revoked." } },
  inactive: { status: 401, body: { error: "invalid_request", error_description: "This request requires an active refresh_token" } },
} as const;
export type UninstalledRefreshAnswer = keyof typeof UNINSTALLED_REFRESH_ANSWERS;

export interface MockRefreshToken {
  token: string;
  expiresAt: number;
  /** The refresh token this one replaced (null: issued by token exchange). */
  parent: string | null;
  /** Retired: its replacement was used (or the grant was revoked). */
  retired: boolean;
}

/** An expiring offline token pair, as token exchange with expiring=1 issues it. */
export interface MockTokenPair {
  accessToken: string;
  refreshToken: string;
  expires: Date;
  refreshTokenExpires: Date;
}

/** Shopify's lifetimes: an hour for the access token, 90 days for the refresh token. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

export type FailureKind = "userErrors" | "throttled" | "http429" | "unauthorized" | "network" | "serverError";

export interface FailOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Only requests whose root fields include this one (e.g. "validationCreate", "metafieldsSet"). */
  operation?: string;
  /** Only requests for this shop. */
  shop?: string;
  /** userErrors: the error to return (default: Shopify's 25-validation limit). */
  message?: string;
  code?: string;
  field?: string[];
}

export interface RecordedGraphql {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | null;
  operationType: "query" | "mutation" | "subscription" | null;
  rootFields: string[];
  /** Parse, validation and variable-coercion errors (empty when Shopify would accept it). */
  errors: { message: string }[];
  valid: boolean;
}

export interface RecordedRequest {
  /** "shopify": reached the mock; "elsewhere": any other non-local host (blocked). */
  target: "shopify" | "elsewhere";
  url: string;
  method: string;
  path: string;
  shop: string | null;
  headers: Record<string, string>;
  body: string;
  /** token-exchange: the token exchange grant; token-refresh: the refresh_token grant. */
  kind: "graphql" | "token-exchange" | "token-refresh" | "other";
  apiVersion?: string;
  graphql?: RecordedGraphql;
  /** HTTP status answered; null when the connection was dropped or blocked. */
  status: number | null;
  /** The failure injected into this request, if any. */
  failure?: FailureKind;
  /** The JSON body answered, if any. */
  response?: unknown;
}

export interface AdminApiMock {
  url: string;
  requests: RecordedRequest[];
  /** The live state of a shop (created empty on first use); tests may change it. */
  state(shop: string): MockShopState;
  /** The (resolved-namespace) metafield value on a validation, or undefined. */
  metafieldValue(shop: string, validationId: string, key: string, namespace?: string): string | undefined;
  /** Makes the next matching request(s) fail. */
  failNext(kind: FailureKind, opts?: FailOptions): void;
  /**
   * Holds the next matching GraphQL request before Shopify executes it, until
   * released: a request in flight, to run something else meanwhile.
   */
  holdNext(opts?: { operation?: string; shop?: string }): HeldRequest;
  /**
   * Puts a Validation of `fn` (this app's, deployed or retired) in the shop, as
   * if created before the test: e.g. the single function's Validation of a shop
   * installed before the split. Metafields by key, in `$app:checkout-guard`.
   */
  seedValidation(shop: string, fn: MockFunction, opts?: { enabled?: boolean; title?: string; metafields?: Record<string, string> }): MockValidation;
  /** The shop's Validations of the function with this handle. */
  validationsOf(shop: string, handle: string): MockValidation[];
  /** Invalidates every access and refresh token of the shop (as an uninstall or a revoked grant). */
  revokeToken(shop: string): void;
  /** The shop uninstalls the app: every token revoked, and each refresh answered as `answer` (default invalid_grant). */
  uninstall(shop: string, answer?: UninstalledRefreshAnswer): void;
  /** An expiring token pair for the shop, as if token exchange (expiring=1) had issued it before the test. */
  issueExpiringToken(shop: string, opts?: { expiresIn?: number; refreshTokenExpiresIn?: number }): MockTokenPair;
  /** Every expiring access token of the shop expires now (as if its hour had passed). */
  expireAccessTokens(shop: string): void;
  /** A non-expiring offline token, as apps got before expiring tokens (refused with rejectNonExpiringTokens). */
  issueNonExpiringToken(shop: string): string;
  /** GraphQL requests only, optionally for one root field. */
  graphqlRequests(rootField?: string): RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export interface HeldRequest {
  /** Resolves when the held request has reached the mock. */
  arrived: Promise<void>;
  /** Lets it go on: it is executed and answered. */
  release(): void;
}

export interface MockOptions {
  /** The app's deployed functions (default: DEPLOYED_FUNCTIONS, one per function extension). */
  functions?: MockFunction[];
  /** Functions no longer deployed whose Validations may still exist (default: the legacy function). */
  retiredFunctions?: MockFunction[];
  scope?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Rejects non-expiring offline tokens, as Shopify does for public apps from 1 January 2027. */
  rejectNonExpiringTokens?: boolean;
}

/** Shopify's API type of a function, from its extension's target. */
const API_TYPES: Record<string, string> = { "cart.validations.generate.run": "cart_checkout_validation" };

/**
 * The app's functions as `shopify app deploy` deploys them: every function
 * extension under extensions/ (a shopify.extension.toml of type "function"),
 * by its handle, titled with its name, of the API type of its target. Ids are
 * stable per handle ("01JCHECKOUTGUARD" + the handle's last part, like a ULID).
 */
function deployedFunctions(): MockFunction[] {
  const dir = new URL("../../extensions/", import.meta.url);
  const functions: MockFunction[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const toml = new URL(`${folder}/shopify.extension.toml`, dir);
    if (!existsSync(toml)) continue;
    const config = parseToml(readFileSync(toml, "utf8")) as {
      api_version?: string;
      extensions?: { name: string; handle: string; type: string; targeting?: { target: string }[] }[];
    };
    for (const extension of config.extensions ?? []) {
      if (extension.type !== "function") continue;
      const target = extension.targeting?.[0]?.target ?? "";
      functions.push({
        id: `01JCHECKOUTGUARD${extension.handle.replace(/^checkout-guard-?/, "").replace(/[^a-z0-9]/gi, "").toUpperCase()}`.padEnd(26, "0").slice(0, 26),
        handle: extension.handle,
        title: extension.name,
        apiType: API_TYPES[target] ?? target,
        apiVersion: config.api_version ?? "2026-04",
      });
    }
  }
  return functions;
}

/** Every deployed function of the app (extensions/checkout-guard-<fn>). */
export const DEPLOYED_FUNCTIONS: readonly MockFunction[] = deployedFunctions();

/** The deployed function with this handle. */
export function deployedFunction(handle: string): MockFunction {
  const fn = DEPLOYED_FUNCTIONS.find((f) => f.handle === handle);
  if (!fn) throw new Error(`admin-api-mock: no function extension with handle ${handle} in extensions/`);
  return fn;
}

/** The address function (extensions/checkout-guard-address). */
export const ADDRESS_FUNCTION: MockFunction = deployedFunction("checkout-guard-address");

/** The cart-totals function (extensions/checkout-guard-cart). */
export const CART_FUNCTION: MockFunction = deployedFunction("checkout-guard-cart");

/**
 * The single function of the versions before the split (handle checkout-guard).
 * Retired by default: no longer deployed (validationCreate cannot use it,
 * shopifyFunctions does not list it), but a shop's Validation of it, from
 * before the upgrade, is still there (see seedValidation).
 */
export const LEGACY_FUNCTION: MockFunction = {
  id: "01JCHECKOUTGUARD0000000000",
  handle: "checkout-guard",
  title: "Checkout Guard",
  apiType: "cart_checkout_validation",
  apiVersion: "2026-04",
};

const MAX_ACTIVE_VALIDATIONS = 25;

/** `$app:foo` → `app--<id>--foo`, `$app` → `app--<id>`, as Shopify stores them. */
export function resolveNamespace(namespace: string | null | undefined): string {
  const ns = namespace ?? "$app";
  if (ns === "$app") return `app--${MOCK_APP_ID}`;
  if (ns.startsWith("$app:")) return `app--${MOCK_APP_ID}--${ns.slice(5)}`;
  return ns;
}

function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

function headerObject(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

let installed: { previous: typeof fetch; original: typeof fetch } | null = null;

export async function startAdminApiMock(options: MockOptions = {}): Promise<AdminApiMock> {
  const functions = options.functions ?? [...DEPLOYED_FUNCTIONS];
  const retired = options.retiredFunctions ?? [LEGACY_FUNCTION];
  const anyFunction = (id: string) => functions.find((f) => f.id === id) ?? retired.find((f) => f.id === id);
  const scope = options.scope ?? "write_validations";
  const apiKey = () => options.apiKey ?? process.env.SHOPIFY_API_KEY ?? "";
  const apiSecret = () => options.apiSecret ?? process.env.SHOPIFY_API_SECRET ?? "";

  const shops = new Map<string, MockShopState>();
  const requests: RecordedRequest[] = [];
  let failures: { kind: FailureKind; remaining: number; opts: FailOptions }[] = [];
  let holds: { opts: { operation?: string; shop?: string }; arrive: () => void; released: Promise<void> }[] = [];
  let counter = 1000;
  const nextId = () => ++counter;

  function state(shop: string): MockShopState {
    let s = shops.get(shop);
    if (!s) {
      s = { shop, validations: new Map(), otherActiveValidations: 0, tokens: new Set(), seededTokenValid: true, tokenExpiry: new Map(), refreshTokens: new Map() };
      // The seeded pair (tests/support/session-token.ts seedOfflineSession): an expiring token and its refresh token.
      s.tokenExpiry.set(offlineAccessToken(shop), Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000);
      const seededRefresh = offlineRefreshToken(shop);
      s.refreshTokens.set(seededRefresh, { token: seededRefresh, expiresAt: Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000, parent: null, retired: false });
      shops.set(shop, s);
    }
    return s;
  }

  function takeFailure(shop: string | null, rootFields: string[], mutation: boolean, kinds?: FailureKind[]) {
    const index = failures.findIndex(
      (f) =>
        (!kinds || kinds.includes(f.kind)) &&
        (!f.opts.shop || f.opts.shop === shop) &&
        (!f.opts.operation || rootFields.includes(f.opts.operation)) &&
        (f.kind !== "userErrors" || mutation),
    );
    if (index < 0) return null;
    const failure = failures[index];
    failure.remaining -= 1;
    if (failure.remaining <= 0) failures.splice(index, 1);
    return failure;
  }

  // --- GraphQL resolvers ---------------------------------------------------

  function functionView(fn: MockFunction) {
    return { ...fn, appKey: apiKey(), description: null, inputQuery: null, useCreationUi: true };
  }

  function metafieldView(m: MockMetafield) {
    return { ...m, compareDigest: digest(m.value), jsonValue: m.type === "json" ? JSON.parse(m.value) : m.value };
  }

  function connection<T extends { id: string }>(items: T[], args: { first?: number | null; after?: string | null; reverse?: boolean }) {
    let list = args.reverse ? [...items].reverse() : items;
    if (args.after) list = list.slice(list.findIndex((i) => i.id === args.after) + 1);
    const page = args.first == null ? list : list.slice(0, args.first);
    return {
      nodes: page,
      edges: page.map((node) => ({ cursor: node.id, node })),
      pageInfo: {
        hasNextPage: page.length < list.length,
        hasPreviousPage: Boolean(args.after),
        startCursor: page[0]?.id ?? null,
        endCursor: page[page.length - 1]?.id ?? null,
      },
    };
  }

  function validationView(v: MockValidation) {
    const fn = anyFunction(v.functionId)!;
    return {
      id: v.id,
      title: v.title,
      enabled: v.enabled,
      blockOnFailure: v.blockOnFailure,
      shopifyFunction: functionView(fn),
      metafield: ({ namespace, key }: { namespace?: string; key: string }) => {
        const m = v.metafields.get(`${resolveNamespace(namespace)}.${key}`);
        return m ? metafieldView(m) : null;
      },
      metafields: (args: { namespace?: string; keys?: string[]; first?: number; after?: string; reverse?: boolean }) => {
        let list = [...v.metafields.values()];
        if (args.namespace) list = list.filter((m) => m.namespace === resolveNamespace(args.namespace));
        if (args.keys) list = list.filter((m) => args.keys!.includes(`${m.namespace}.${m.key}`) || args.keys!.includes(m.key));
        return connection(list.map(metafieldView), args);
      },
    };
  }

  type MetafieldInput = { id?: string; namespace?: string; key?: string; type?: string; value?: string };
  type UserError = { field: string[]; message: string; code: string };

  /** Checks metafield inputs of validationCreate/validationUpdate; returns user errors. */
  function checkMetafieldInputs(inputs: MetafieldInput[], existing: Map<string, MockMetafield> | null): UserError[] {
    const errors: UserError[] = [];
    inputs.forEach((m, i) => {
      const at = (name: string) => ["validation", "metafields", String(i), name];
      const key = m.key ?? "";
      const prior = existing?.get(`${resolveNamespace(m.namespace)}.${key}`);
      if (!key) errors.push({ field: at("key"), message: "Key can't be blank", code: "BLANK" });
      else if (!/^[A-Za-z0-9_-]{2,64}$/.test(key)) errors.push({ field: at("key"), message: "Key is invalid", code: "INVALID" });
      if (m.value == null) errors.push({ field: at("value"), message: "Value can't be blank", code: "BLANK" });
      const type = m.type ?? prior?.type;
      if (!type) errors.push({ field: at("type"), message: "Type can't be blank", code: "BLANK" });
      else if (type === "json" && m.value != null) {
        try {
          JSON.parse(m.value);
        } catch {
          errors.push({ field: at("value"), message: "Value must be valid JSON.", code: "INVALID_VALUE" });
        }
      }
    });
    return errors;
  }

  function upsertMetafield(target: Map<string, MockMetafield>, m: { namespace?: string | null; key: string; type?: string | null; value: string }) {
    const namespace = resolveNamespace(m.namespace);
    const id = `${namespace}.${m.key}`;
    const now = new Date().toISOString();
    const prior = target.get(id);
    const next: MockMetafield = {
      id: prior?.id ?? `gid://shopify/Metafield/${nextId()}`,
      namespace,
      key: m.key,
      type: m.type ?? prior!.type,
      value: m.value,
      createdAt: prior?.createdAt ?? now,
      updatedAt: now,
    };
    target.set(id, next);
    return next;
  }

  function activeCount(s: MockShopState) {
    return s.otherActiveValidations + [...s.validations.values()].filter((v) => v.enabled).length;
  }

  function rootValue(s: MockShopState, forced: UserError[] | null) {
    return {
      validation: ({ id }: { id: string }) => {
        const v = s.validations.get(id);
        return v ? validationView(v) : null;
      },
      validations: (args: { first?: number; after?: string; reverse?: boolean }) =>
        connection([...s.validations.values()].map(validationView), args),
      shopifyFunction: ({ id }: { id: string }) => {
        const fn = functions.find((f) => f.id === id);
        return fn ? functionView(fn) : null;
      },
      shopifyFunctions: (args: { first?: number; after?: string; reverse?: boolean; apiType?: string }) =>
        connection(functions.filter((f) => !args.apiType || f.apiType === args.apiType).map(functionView), args),
      shop: () => ({
        id: `gid://shopify/Shop/${parseInt(digest(s.shop).slice(0, 8), 16)}`,
        name: s.shop.replace(/\.myshopify\.com$/, ""),
        myshopifyDomain: s.shop,
        ianaTimezone: "Europe/Paris",
      }),

      validationCreate: ({ validation: input }: { validation: Record<string, any> }) => {
        if (forced) return { validation: null, userErrors: forced };
        const errors: UserError[] = [];
        let fn: MockFunction | undefined;
        if (input.functionHandle && input.functionId) {
          errors.push({ field: ["validation"], message: "Only one of functionId or functionHandle can be provided.", code: "MULTIPLE_FUNCTION_IDENTIFIERS" });
        } else if (!input.functionHandle && !input.functionId) {
          errors.push({ field: ["validation"], message: "Either functionId or functionHandle must be provided.", code: "MISSING_FUNCTION_IDENTIFIER" });
        } else {
          fn = functions.find((f) => (input.functionHandle ? f.handle === input.functionHandle : f.id === input.functionId));
          if (!fn) errors.push({ field: ["validation", input.functionHandle ? "functionHandle" : "functionId"], message: "Extension not found.", code: "FUNCTION_NOT_FOUND" });
          else if (fn.apiType !== "cart_checkout_validation")
            errors.push({ field: ["validation", "functionHandle"], message: "Function does not implement the required interface for this cart & checkout validation.", code: "FUNCTION_DOES_NOT_IMPLEMENT" });
        }
        const metafields: MetafieldInput[] = input.metafields ?? [];
        errors.push(...checkMetafieldInputs(metafields, null));
        metafields.forEach((m, i) => {
          if (!m.namespace) errors.push({ field: ["validation", "metafields", String(i), "namespace"], message: "Namespace can't be blank", code: "BLANK" });
        });
        if (input.enable && activeCount(s) >= MAX_ACTIVE_VALIDATIONS)
          errors.push({ field: ["validation", "enable"], message: "Cannot have more than 25 active validation functions.", code: "MAX_VALIDATIONS_ACTIVATED" });
        if (errors.length > 0) return { validation: null, userErrors: errors };
        const v: MockValidation = {
          id: `gid://shopify/Validation/${nextId()}`,
          title: input.title ?? fn!.title,
          enabled: Boolean(input.enable),
          blockOnFailure: Boolean(input.blockOnFailure),
          functionId: fn!.id,
          metafields: new Map(),
        };
        for (const m of metafields) upsertMetafield(v.metafields, { namespace: m.namespace, key: m.key!, type: m.type, value: m.value! });
        s.validations.set(v.id, v);
        return { validation: validationView(v), userErrors: [] };
      },

      validationUpdate: ({ id, validation: input }: { id: string; validation: Record<string, any> }) => {
        if (forced) return { validation: null, userErrors: forced };
        const v = s.validations.get(id);
        if (!v) return { validation: null, userErrors: [{ field: ["id"], message: "Validation not found.", code: "NOT_FOUND" }] };
        const metafields: MetafieldInput[] = input.metafields ?? [];
        const errors = checkMetafieldInputs(metafields, v.metafields);
        // Omitting `enable` disables the validation (the input's default is false).
        const enable = Boolean(input.enable);
        if (enable && !v.enabled && activeCount(s) >= MAX_ACTIVE_VALIDATIONS)
          errors.push({ field: ["validation", "enable"], message: "Cannot have more than 25 active validation functions.", code: "MAX_VALIDATIONS_ACTIVATED" });
        if (errors.length > 0) return { validation: null, userErrors: errors };
        v.enabled = enable;
        v.blockOnFailure = Boolean(input.blockOnFailure);
        if (input.title != null) v.title = input.title;
        for (const m of metafields) upsertMetafield(v.metafields, { namespace: m.namespace, key: m.key!, type: m.type, value: m.value! });
        return { validation: validationView(v), userErrors: [] };
      },

      validationDelete: ({ id }: { id: string }) => {
        if (forced) return { deletedId: null, userErrors: forced };
        if (!s.validations.delete(id)) return { deletedId: null, userErrors: [{ field: ["id"], message: "Validation not found.", code: "NOT_FOUND" }] };
        return { deletedId: id, userErrors: [] };
      },

      metafieldsSet: ({ metafields }: { metafields: Record<string, any>[] }) => {
        if (forced) return { metafields: null, userErrors: forced.map((e) => ({ ...e, elementIndex: null })) };
        const errors: (UserError & { elementIndex: number | null })[] = [];
        if (metafields.length > 25)
          errors.push({ field: ["metafields"], message: "Exceeded the maximum metafields input limit of 25.", code: "LESS_THAN_OR_EQUAL_TO", elementIndex: null });
        metafields.forEach((m, i) => {
          const at = (name: string) => ["metafields", String(i), name];
          const owner = s.validations.get(m.ownerId);
          if (!owner) {
            errors.push({ field: at("ownerId"), message: "Owner does not exist.", code: "INVALID", elementIndex: i });
            return;
          }
          const prior = owner.metafields.get(`${resolveNamespace(m.namespace)}.${m.key}`);
          if (!/^[A-Za-z0-9_-]{2,64}$/.test(m.key)) errors.push({ field: at("key"), message: "Key is invalid", code: "INVALID", elementIndex: i });
          const type = m.type ?? prior?.type;
          if (!type) errors.push({ field: at("type"), message: "Type can't be blank", code: "BLANK", elementIndex: i });
          if (type === "json") {
            try {
              JSON.parse(m.value);
            } catch {
              errors.push({ field: at("value"), message: "Value must be valid JSON.", code: "INVALID_VALUE", elementIndex: i });
            }
          }
          if (m.compareDigest != null && m.compareDigest !== (prior ? digest(prior.value) : ""))
            errors.push({ field: at("compareDigest"), message: "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.", code: "STALE_OBJECT", elementIndex: i });
        });
        // Atomic, as Shopify documents: nothing is written when any entry fails.
        if (errors.length > 0) return { metafields: null, userErrors: errors };
        const written = metafields.map((m) => metafieldView(upsertMetafield(s.validations.get(m.ownerId)!.metafields, m as any)));
        return { metafields: written, userErrors: [] };
      },
    };
  }

  // --- HTTP ----------------------------------------------------------------

  function tokenValid(s: MockShopState, token: string | undefined) {
    if (!token) return false;
    const expiry = s.tokenExpiry.get(token);
    if (expiry === undefined && options.rejectNonExpiringTokens) return false;
    if (expiry !== undefined && expiry <= Date.now()) return false;
    return s.tokens.has(token) || (s.seededTokenValid && token === offlineAccessToken(s.shop));
  }

  /** A new offline access token, and with `expiring` its refresh token (replacing `parent`). */
  function issueOffline(s: MockShopState, expiring: boolean, parent: string | null = null, ttl = ACCESS_TOKEN_TTL_SECONDS, refreshTtl = REFRESH_TOKEN_TTL_SECONDS) {
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    s.tokens.add(accessToken);
    if (!expiring) return { access_token: accessToken, scope };
    const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
    s.tokenExpiry.set(accessToken, Date.now() + ttl * 1000);
    s.refreshTokens.set(refreshToken, { token: refreshToken, expiresAt: Date.now() + refreshTtl * 1000, parent, retired: false });
    return { access_token: accessToken, scope, expires_in: ttl, refresh_token: refreshToken, refresh_token_expires_in: refreshTtl };
  }

  /** The refresh_token grant: a new pair; using a replacement retires what it replaced. */
  function handleRefresh(s: MockShopState, body: Record<string, string>, res: ServerResponse) {
    if (s.uninstalled) {
      const { status, body: answer } = UNINSTALLED_REFRESH_ANSWERS[s.uninstalled];
      return send(res, status, answer);
    }
    const used = s.refreshTokens.get(body.refresh_token ?? "");
    if (!used || used.retired || used.expiresAt <= Date.now())
      return send(res, 400, { error: "invalid_grant", error_description: "The refresh token is invalid, expired or revoked." });
    if (used.parent) {
      for (const other of s.refreshTokens.values())
        if (other.token === used.parent || (other.parent === used.parent && other.token !== used.token)) other.retired = true;
    }
    return send(res, 200, issueOffline(s, true, used.token));
  }

  async function handleTokenExchange(rec: RecordedRequest, shop: string, res: ServerResponse) {
    let body: Record<string, string>;
    try {
      body = JSON.parse(rec.body);
    } catch {
      return send(res, 400, { error: "invalid_request", error_description: "The request body must be JSON." });
    }
    if (body.client_id !== apiKey() || body.client_secret !== apiSecret())
      return send(res, 401, { error: "invalid_client", error_description: "Client authentication failed." });
    if (body.grant_type === "refresh_token") {
      rec.kind = "token-refresh";
      return handleRefresh(state(shop), body, res);
    }
    if (body.grant_type !== "urn:ietf:params:oauth:grant-type:token-exchange")
      return send(res, 400, { error: "unsupported_grant_type" });
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(body.subject_token ?? "", new TextEncoder().encode(apiSecret()), { algorithms: ["HS256"], clockTolerance: 10 }));
    } catch {
      return send(res, 400, { error: "invalid_subject_token", error_description: "The session token is invalid or expired." });
    }
    if (payload.aud !== apiKey() || payload.dest !== `https://${shop}`)
      return send(res, 400, { error: "invalid_subject_token", error_description: "The session token was issued for another app or shop." });
    const s = state(shop);
    const online = body.requested_token_type === "urn:shopify:params:oauth:token-type:online-access-token";
    if (!online) return send(res, 200, issueOffline(s, body.expiring === "1"));
    const accessToken = `shpua_${randomBytes(16).toString("hex")}`;
    s.tokens.add(accessToken);
    return send(res, 200, {
      access_token: accessToken,
      scope,
      expires_in: 86399,
      associated_user_scope: scope,
      associated_user: {
        id: Number(payload.sub),
        first_name: "Test",
        last_name: "Staff",
        email: "staff@example.test",
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    });
  }

  function inspectQuery(query: string, variables: Record<string, unknown> | undefined, operationName: string | null) {
    const info: RecordedGraphql = { query, variables, operationName, operationType: null, rootFields: [], errors: [], valid: false };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      info.errors = [{ message: (error as GraphQLError).message }];
      return { info, document: null };
    }
    const operation = getOperationAST(document, operationName ?? undefined);
    if (operation) {
      info.operationType = operation.operation;
      info.rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === "Field" ? [s.name.value] : []));
      info.operationName = operationName ?? operation.name?.value ?? null;
    }
    const errors = validate(schema, document);
    info.errors = errors.map((e) => ({ message: e.message }));
    info.valid = errors.length === 0;
    return { info, document, validationErrors: errors };
  }

  async function handleGraphql(rec: RecordedRequest, shop: string, res: ServerResponse) {
    let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      payload = JSON.parse(rec.body);
    } catch {
      return send(res, 400, { errors: "Invalid JSON in request body" });
    }
    const { info, document, validationErrors } = inspectQuery(payload.query ?? "", payload.variables ?? undefined, payload.operationName ?? null);
    rec.graphql = info;

    const hold = holds.findIndex((h) => (!h.opts.shop || h.opts.shop === shop) && (!h.opts.operation || info.rootFields.includes(h.opts.operation)));
    if (hold >= 0) {
      const [held] = holds.splice(hold, 1);
      held.arrive();
      await held.released;
    }
    const s = state(shop);
    const failure = takeFailure(shop, info.rootFields, info.operationType === "mutation");
    if (failure) rec.failure = failure.kind;
    if (failure?.kind === "network") {
      rec.status = null;
      res.socket?.destroy();
      return;
    }
    if (failure?.kind === "unauthorized" || !tokenValid(s, rec.headers["x-shopify-access-token"])) {
      return send(res, 401, UNAUTHORIZED_BODY);
    }
    if (failure?.kind === "http429") {
      return send(res, 429, { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, { "Retry-After": "1.0" });
    }
    if (failure?.kind === "serverError") return send(res, 500, { errors: "Internal Server Error" });
    if (failure?.kind === "throttled") {
      return send(res, 200, {
        ...THROTTLED_BODY,
        extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 0, restoreRate: 100 } } },
      });
    }
    if (!document) return send(res, 200, { errors: info.errors });
    if (validationErrors && validationErrors.length > 0) {
      return send(res, 200, { errors: validationErrors.map((e) => e.toJSON()) });
    }
    const forced: UserError[] | null =
      failure?.kind === "userErrors"
        ? [{ field: failure.opts.field ?? ["validation", "enable"], message: failure.opts.message ?? "Cannot have more than 25 active validation functions.", code: failure.opts.code ?? "MAX_VALIDATIONS_ACTIVATED" }]
        : null;
    const result = await execute({
      schema,
      document,
      rootValue: rootValue(s, forced),
      variableValues: payload.variables,
      operationName: payload.operationName,
    });
    if (result.errors && !result.data) {
      // Variable coercion errors: the request is invalid as a whole.
      info.errors = result.errors.map((e) => ({ message: e.message }));
      info.valid = false;
      return send(res, 200, { errors: result.errors.map((e) => e.toJSON()) });
    }
    return send(res, 200, {
      data: result.data,
      ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
      extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } } },
    });
  }

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = headerObject(req.headers);
    const path = (req.url ?? "/").split("?")[0];
    const shop = headers["x-mock-shop"] ?? null;
    const rec: RecordedRequest = {
      target: "shopify",
      url: headers["x-mock-original-url"] ?? `${baseUrl}${req.url}`,
      method: req.method ?? "GET",
      path,
      shop,
      headers,
      body,
      kind: "other",
      status: null,
    };
    requests.push(rec);
    const originalEnd = res.end.bind(res);
    res.end = ((...args: Parameters<ServerResponse["end"]>) => {
      rec.status = res.statusCode;
      if (typeof args[0] === "string") {
        try {
          rec.response = JSON.parse(args[0]);
        } catch {
          // not JSON: nothing to record
        }
      }
      return originalEnd(...args);
    }) as ServerResponse["end"];
    try {
      const graphqlPath = path.match(/^\/admin\/api\/([^/]+)\/graphql\.json$/);
      if (!shop) return send(res, 400, { errors: "Unknown shop (requests must come through the fetch interceptor)" });
      if (req.method === "POST" && path === "/admin/oauth/access_token") {
        rec.kind = "token-exchange";
        const failure = takeFailure(shop, [], false, ["network", "serverError"]);
        if (failure) {
          rec.failure = failure.kind;
          if (failure.kind === "network") return void res.socket?.destroy();
          return send(res, 500, { errors: "Internal Server Error" });
        }
        return await handleTokenExchange(rec, shop, res);
      }
      if (req.method === "POST" && graphqlPath) {
        rec.kind = "graphql";
        rec.apiVersion = graphqlPath[1];
        return await handleGraphql(rec, shop, res);
      }
      return send(res, 404, { errors: "Not Found" });
    } catch (error) {
      return send(res, 500, { errors: `admin-api-mock: ${(error as Error).message}` });
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // --- fetch interception ----------------------------------------------------

  const previous = globalThis.fetch;
  const original = installed?.original ?? previous;
  const intercepted = redirectingFetch(baseUrl, original, async (request) => {
    const url = new URL(request.url);
    requests.push({
      target: "elsewhere",
      url: url.href,
      method: request.method,
      path: url.pathname,
      shop: null,
      headers: Object.fromEntries(request.headers.entries()),
      body: request.method === "GET" || request.method === "HEAD" ? "" : await request.text(),
      kind: "other",
      status: null,
    });
    throw new TypeError("fetch failed", { cause: new Error(`admin-api-mock: outbound request to ${url.host} blocked`) });
  });
  installFetch(intercepted);
  installed = { previous, original };

  return {
    url: baseUrl,
    requests,
    state,
    metafieldValue(shop, validationId, key, namespace = "$app:checkout-guard") {
      return state(shop).validations.get(validationId)?.metafields.get(`${resolveNamespace(namespace)}.${key}`)?.value;
    },
    failNext(kind, opts = {}) {
      failures.push({ kind, remaining: opts.times ?? 1, opts });
    },
    holdNext(opts = {}) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ opts, arrive, released });
      return { arrived, release };
    },
    validationsOf(shop, handle) {
      return [...state(shop).validations.values()].filter((v) => anyFunction(v.functionId)?.handle === handle);
    },
    seedValidation(shop, fn, opts = {}) {
      if (!anyFunction(fn.id)) throw new Error(`admin-api-mock: ${fn.handle} is not one of this app's functions`);
      const v: MockValidation = {
        id: `gid://shopify/Validation/${nextId()}`,
        title: opts.title ?? fn.title,
        enabled: opts.enabled ?? true,
        blockOnFailure: false,
        functionId: fn.id,
        metafields: new Map(),
      };
      for (const [key, value] of Object.entries(opts.metafields ?? {})) upsertMetafield(v.metafields, { namespace: "$app:checkout-guard", key, type: "json", value });
      state(shop).validations.set(v.id, v);
      return v;
    },
    revokeToken(shop) {
      const s = state(shop);
      s.tokens.clear();
      s.seededTokenValid = false;
      for (const refresh of s.refreshTokens.values()) refresh.retired = true;
    },
    uninstall(shop, answer = "invalid_grant") {
      const s = state(shop);
      s.tokens.clear();
      s.seededTokenValid = false;
      for (const refresh of s.refreshTokens.values()) refresh.retired = true;
      s.uninstalled = answer;
    },
    issueExpiringToken(shop, opts = {}) {
      const issued = issueOffline(state(shop), true, null, opts.expiresIn, opts.refreshTokenExpiresIn) as {
        access_token: string; expires_in: number; refresh_token: string; refresh_token_expires_in: number;
      };
      return {
        accessToken: issued.access_token,
        refreshToken: issued.refresh_token,
        expires: new Date(Date.now() + issued.expires_in * 1000),
        refreshTokenExpires: new Date(Date.now() + issued.refresh_token_expires_in * 1000),
      };
    },
    issueNonExpiringToken(shop) {
      return (issueOffline(state(shop), false) as { access_token: string }).access_token;
    },
    expireAccessTokens(shop) {
      const s = state(shop);
      for (const token of s.tokenExpiry.keys()) s.tokenExpiry.set(token, Date.now() - 1);
    },
    graphqlRequests(rootField) {
      return requests.filter((r) => r.kind === "graphql" && (!rootField || r.graphql?.rootFields.includes(rootField)));
    },
    reset() {
      shops.clear();
      requests.length = 0;
      failures = [];
      holds = [];
    },
    async close() {
      if (globalThis.fetch === intercepted) globalThis.fetch = previous;
      setAbstractFetchFunc(previous);
      installed = previous === original ? null : installed;
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A fresh shop domain per test, so tests sharing a mock or a database never collide. */
export function uniqueShop(prefix = "shop"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}.myshopify.com`;
}
