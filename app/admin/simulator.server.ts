/**
 * The simulator: a sample address and cart, run through the checkout
 * functions' compiled bundles in WebAssembly (the runner in
 * extensions/checkout-guard/runner), each with its own configuration document
 * and on the input its own query would receive, exactly as checkout runs them:
 * the address, cart-totals, weight and products functions (engine/functions.ts).
 * Checkout shows the errors of all of them together; a function without rules
 * has no Validation, so checkout does not run it, and neither does the simulator.
 *
 * What the merchant types is a made-up buyer, but it is treated like buyer data
 * anyway: used for this one run, never stored, never logged.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { instructionLimitFor, runFunction } from "../../extensions/checkout-guard/runner/wasm-runner";
import { ensureBundle } from "../../extensions/checkout-guard/runner/build";
import { buildFunctionInput, listsFromVariables, type LineSpec, type JourneyStep, type WeightUnit } from "../../extensions/checkout-guard/runner/sample-input";
import { evaluate, type FunctionInput } from "../../extensions/checkout-guard/src/engine";
import { ADDRESS_FIELDS, WEIGHT_UNITS } from "../../extensions/checkout-guard/src/engine/config";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import type { FunctionDocument, FunctionDocuments } from "../models/config-document.server";
import { idText, parseRef, parseRefList, refListError, splitRefs, type IdKind } from "./shopify-ids";
import { currentLocale, t } from "../i18n.server";
import { translate } from "../i18n";

export const SIMULATOR_STEPS: JourneyStep[] = ["CHECKOUT_INTERACTION", "CART_INTERACTION", "CHECKOUT_COMPLETION"];

export interface SimulatorLine {
  productId: string;
  variantId: string;
  quantity: string;
  price: string;
  weight: string;
  weightUnit: string;
  tags: string;
  collections: string;
}

export interface SimulatorRequest {
  address: Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;
  lines: SimulatorLine[];
  language: string;
  step: string;
  currency: string;
  /** The shop's local time, for scheduled rules: YYYY-MM-DDTHH:MM(:SS). */
  localTime: string;
}

export interface SimulatorFunctionRun {
  function: CheckoutFunction;
  title: string;
  /** This function's rules in the saved configuration (active and scheduled). */
  ruleCount: number;
  /** false: it has no rules, so it has no Validation and checkout does not run it. */
  ran: boolean;
  /** What this function returned to Shopify. */
  errors: { message: string; target: string }[];
  /** WebAssembly instructions of the run (the closest figure to what Shopify counts against its limit); null when not run. */
  instructions: number | null;
  /** Shopify's instruction limit for this cart (11 million up to 200 lines, more for larger carts). */
  instructionLimit: number;
}

export interface SimulatorResult {
  ok: true;
  /** What checkout shows: the messages of the functions together, and where. */
  errors: { message: string; target: string }[];
  /** Which rules blocked (same engine, read for attribution). */
  blockedBy: { ruleId: string; name: string; message: string; target: string; function: CheckoutFunction }[];
  functions: SimulatorFunctionRun[];
}

const LINE_FIELDS = ["productId", "variantId", "quantity", "price", "weight", "weightUnit", "tags", "collections"] as const;

/** The simulator's posted form. */
export function readSimulatorForm(form: FormData): SimulatorRequest {
  const get = (name: string) => String(form.get(name) ?? "").trim();
  const address: SimulatorRequest["address"] = {};
  for (const field of ADDRESS_FIELDS) address[field] = get(`address.${field}`);
  const columns = Object.fromEntries(LINE_FIELDS.map((f) => [f, form.getAll(`line.${f}`).map((v) => String(v).trim())]));
  const count = Math.max(...LINE_FIELDS.map((f) => columns[f].length), 0);
  const lines: SimulatorLine[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(Object.fromEntries(LINE_FIELDS.map((f) => [f, columns[f][i] ?? ""])) as unknown as SimulatorLine);
  }
  return { address, lines, language: get("language") || "EN", step: get("step"), currency: get("currency") || "USD", localTime: get("localTime") };
}

/** A line's product, variant and collections, as admin URLs, GIDs or ids (app/admin/shopify-ids.ts). */
const LINE_IDS = { productId: "product", variantId: "variant", collections: "collection" } as const satisfies Partial<Record<keyof SimulatorLine, IdKind>>;

/** Messages for the line fields that name no product, variant or collection, keyed "line.<index>.<field>". */
export function simulatorLineErrors(request: SimulatorRequest): Record<string, string> {
  const errors: Record<string, string> = {};
  // In the language of the request being answered (app/i18n.server.ts).
  const tr = translate(currentLocale());
  request.lines.forEach((line, index) => {
    for (const [field, kind] of Object.entries(LINE_IDS) as [keyof typeof LINE_IDS, IdKind][]) {
      const list = parseRefList(line[field], kind, tr);
      const error = refListError(list) ?? (field !== "collections" && splitRefs(line[field]).length > 1 ? idText(tr).onlyOne(kind) : undefined);
      if (error) errors[`line.${index}.${field}`] = error;
    }
  });
  return errors;
}

/** The numeric id a line field names; undefined when empty (or unreadable: simulatorLineErrors refuses those first). */
const lineRef = (value: string, kind: IdKind) => {
  const read = value ? parseRef(value, kind) : null;
  return read?.ok ? read.ref : undefined;
};

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const num = (value: string, fallback: number) => {
  const n = Number(value.replace(",", "."));
  return value !== "" && Number.isFinite(n) ? n : fallback;
};

/** The input Shopify would send `fn` for this sample: its own query's result, with its own document and input variables. */
export function simulatorInput(request: SimulatorRequest, fn: CheckoutFunction, published: FunctionDocument) {
  const hasAddress = Object.values(request.address).some((v) => v);
  const lines: LineSpec[] = request.lines
    .filter((l) => LINE_FIELDS.some((f) => f !== "weightUnit" && l[f]))
    .map((line, index) => {
      const quantity = Math.max(1, Math.round(num(line.quantity, 1)));
      const variant = lineRef(line.variantId, "variant");
      // A variant's admin URL names its product too.
      const productId = lineRef(line.productId, "product")?.id ?? variant?.productId;
      return {
        quantity,
        amount: Number((num(line.price, 10) * quantity).toFixed(2)),
        variantId: variant?.id ?? 2000 + index,
        weight: num(line.weight, 0),
        weightUnit: (WEIGHT_UNITS as readonly string[]).includes(line.weightUnit) ? (line.weightUnit as WeightUnit) : "GRAMS",
        product: {
          id: productId ?? 1000 + index,
          tags: list(line.tags),
          collections: parseRefList(line.collections, "collection").refs.map((r) => r.id),
        },
      };
    });
  const localTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(request.localTime) ? `${request.localTime}:00` : request.localTime;
  return buildFunctionInput(fn, {
    step: (SIMULATOR_STEPS as string[]).includes(request.step) ? (request.step as JourneyStep) : "CHECKOUT_INTERACTION",
    currency: request.currency.toUpperCase(),
    language: request.language.toUpperCase().replace(/-/g, "_"),
    country: request.address.countryCode?.toUpperCase() || "US",
    addresses: hasAddress
      ? [Object.fromEntries(Object.entries(request.address).map(([k, v]) => [k, v ? v : null]))]
      : [],
    lines,
    config: published.document,
    // The message catalog its Validation carries.
    messages: published.messages,
    // Shopify answers the input query for the tag and collection lists the admin wrote in this function's input variables.
    ...listsFromVariables(published.inputVariables),
    // This function's own schedule slots.
    clock: (published.document.clock ?? []).map((at) => localTime !== "" && localTime >= at),
  });
}

/** A function's dist/function.js, as `npm run function:build` writes it (built on demand in development). */
async function functionBundle(fn: CheckoutFunction): Promise<string> {
  // From the working directory: the server build does not sit next to the extensions.
  const file = path.resolve(process.cwd(), "extensions", CHECKOUT_FUNCTIONS[fn].handle, "dist", "function.js");
  if (existsSync(file)) return readFileSync(file, "utf8");
  return (await ensureBundle(fn)).code;
}

type Output = { operations?: { validationAdd?: { errors?: { message: string; target: string }[] } }[] };

export async function simulate(
  request: SimulatorRequest,
  functions: FunctionDocuments,
  ruleNames: Map<string, string>,
): Promise<SimulatorResult | { ok: false; error: string }> {
  const runs: SimulatorFunctionRun[] = [];
  const blockedBy: SimulatorResult["blockedBy"] = [];
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const published = functions[fn];
    const ruleCount = published.document.rules.length;
    const run: SimulatorFunctionRun = {
      function: fn,
      title: CHECKOUT_FUNCTIONS[fn].title,
      ruleCount,
      ran: false,
      errors: [],
      instructions: null,
      instructionLimit: instructionLimitFor(request.lines.length),
    };
    runs.push(run);
    if (ruleCount === 0) continue;
    const input = simulatorInput(request, fn, published);
    const result = await runFunction(input, { bundle: await functionBundle(fn), exportName: "cartValidationsGenerateRun" });
    if (result.error) return { ok: false, error: t("simulator.functionFailed", { function: fn, error: result.error }) };
    run.ran = true;
    run.instructions = result.executeInstructions;
    run.errors = (result.output as Output).operations?.flatMap((op) => op.validationAdd?.errors ?? []) ?? [];
    const { violations } = evaluate(published.document, input as unknown as FunctionInput);
    for (const v of violations) {
      blockedBy.push({ ruleId: v.ruleId, name: ruleNames.get(v.ruleId) ?? v.ruleId, message: v.message, target: v.target, function: fn });
    }
  }
  return { ok: true, errors: runs.flatMap((r) => r.errors), blockedBy, functions: runs };
}
