/**
 * Calls the admin routes' loaders and actions as Remix does, with requests the
 * embedded admin would send (real session tokens, form posts), on this test
 * file's own database, with the Admin API mock answering the publishing.
 */
import { adminRequest, seedOfflineSession } from "../support/session-token";
import { uniqueShop } from "../support/admin-api-mock";
import { ruleFormData } from "../../app/components/rule-form-data";
import { definitionToForm } from "../../app/components/rule-kinds";
import type { RuleKind } from "../../extensions/checkout-guard/src/engine/config";

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
export interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

export interface Called<T = any> {
  status: number;
  /** The loader's or action's data (when it returned data rather than a Response). */
  data: T;
  response: Response | null;
  location: string | null;
}

/** Runs a loader (GET) or an action (POST) of a route module for `shop`. */
export async function call<T = any>(
  mod: RouteModule,
  fn: "loader" | "action",
  path: string,
  opts: { shop: string; body?: FormData | Record<string, unknown>; params?: Record<string, string> },
): Promise<Called<T>> {
  const request = await adminRequest(path, {
    shop: opts.shop,
    method: fn === "action" ? "POST" : "GET",
    body: fn === "action" ? (opts.body ?? new FormData()) : undefined,
  });
  const handler = mod[fn];
  if (!handler) throw new Error(`route has no ${fn}`);
  try {
    const result = await handler({ request, params: opts.params ?? {}, context: {} });
    if (result instanceof Response) {
      return { status: result.status, data: undefined as T, response: result, location: result.headers.get("Location") };
    }
    return { status: 200, data: result as T, response: null, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) {
      return { status: thrown.status, data: undefined as T, response: thrown, location: thrown.headers.get("Location") };
    }
    throw thrown;
  }
}

/** A form with several values per key, as the pages post them. */
export function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) (Array.isArray(v) ? v : [v]).forEach((x) => data.append(k, x));
  return data;
}

/** The editor's post for a rule: the same state → FormData path the browser takes. */
export function ruleForm(
  kind: RuleKind,
  definition: Record<string, unknown>,
  common: { name?: string; status?: string; scheduleStart?: string; scheduleEnd?: string } = {},
  edit?: (values: Record<string, string | string[]>) => void,
): FormData {
  const { values, translations, limits } = definitionToForm(kind, definition);
  edit?.(values);
  return ruleFormData({
    name: common.name ?? `Rule ${kind}`,
    status: common.status ?? "active",
    scheduleStart: common.scheduleStart ?? "",
    scheduleEnd: common.scheduleEnd ?? "",
    values,
    translations,
    limits,
  });
}

/** The id in a "/app/rules/<id>?…" redirect. */
export function idFromLocation(location: string | null): string {
  const match = /\/app\/rules\/([^/?]+)/.exec(location ?? "");
  if (!match) throw new Error(`not a rule redirect: ${location}`);
  return match[1];
}

/** A valid definition of every kind, using every kind of form input at least once. */
export const EXAMPLES: Record<RuleKind, Record<string, unknown>> = {
  addressKind: { kind: "addressKind", block: ["poBox", "parcelLocker"], fields: ["address1", "address2"] },
  fieldPattern: { kind: "fieldPattern", field: "zip", pattern: "^\\d{5}$", ignoreCase: true, mode: "allow", countries: { codes: ["US"] } },
  fieldLength: { kind: "fieldLength", fields: ["address1"], min: 3, max: 35 },
  requiredFields: { kind: "requiredFields", fields: ["phone", "company"], display: "banner" },
  charset: { kind: "charset", fields: ["address1", "city"], allow: "latin", accents: false },
  streetNumber: { kind: "streetNumber", countries: { not: true, codes: ["GB", "IE"] } },
  postalCode: { kind: "postalCode", mode: "block", codes: { FR: ["75001", "20*", "97000..97999"] } },
  destination: { kind: "destination", mode: "block", countries: ["RU"], provinces: { US: ["AK", "HI"] } },
  cartQuantity: { kind: "cartQuantity", min: 2, max: 50, stage: "cartAndCheckout" },
  lineQuantity: { kind: "lineQuantity", max: 48, multiple: 6, select: { tags: ["wine"], collections: ["123"] } },
  productQuantity: { kind: "productQuantity", max: 3, select: { products: ["111", "222"] } },
  subtotal: { kind: "subtotal", limits: { USD: { min: 20 }, EUR: { min: 18.5, max: 1000 } } },
  distinctLines: { kind: "distinctLines", max: 10 },
  weight: { kind: "weight", max: 30, unit: "KILOGRAMS", stage: "completion" },
  exclusive: { kind: "exclusive", select: { products: ["333"] }, other: { tags: ["preorder"] } },
  dependency: {
    kind: "dependency",
    select: { variants: ["444"] },
    requires: { products: ["555"] },
    message: "{product} needs its base.",
    translations: { fr: "{product} nécessite sa base." },
  },
};

/** Creates a rule as the editor does (POST /app/rules/new) and returns its id. */
export async function createRuleThroughEditor(
  shop: string,
  kind: RuleKind,
  name: string,
  definition: Record<string, unknown> = EXAMPLES[kind],
): Promise<string> {
  const newRule = await import("../../app/routes/app.rules.new");
  const result = await call(newRule, "action", "/app/rules/new", { shop, body: ruleForm(kind, definition, { name }) });
  return idFromLocation(result.location);
}

/** A new shop with an offline session, as after install; `prefix` names the suite in the shop's domain. */
export async function newShop(prefix: string): Promise<string> {
  const shop = uniqueShop(prefix);
  await seedOfflineSession(shop);
  return shop;
}
