/**
 * The simulator: a sample address and cart, run through the compiled function
 * bundle in WebAssembly (the runner in extensions/checkout-guard/runner) with
 * the shop's saved configuration, exactly as checkout would run it.
 *
 * What the merchant types is a made-up buyer, but it is treated like buyer data
 * anyway: used for this one run, never stored, never logged.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runFunction } from "../../extensions/checkout-guard/runner/wasm-runner";
import { ensureBundle } from "../../extensions/checkout-guard/runner/build";
import { buildInput, type LineSpec, type JourneyStep, type WeightUnit } from "../../extensions/checkout-guard/runner/sample-input";
import { evaluate, type FunctionInput, type Config, type InputVariables } from "../../extensions/checkout-guard/src/engine";
import { ADDRESS_FIELDS, WEIGHT_UNITS } from "../../extensions/checkout-guard/src/engine/config";

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

export interface SimulatorResult {
  ok: true;
  /** What the function returned to Shopify: the messages checkout shows, and where. */
  errors: { message: string; target: string }[];
  /** Which rules blocked (same engine, read for attribution). */
  blockedBy: { ruleId: string; name: string; message: string; target: string }[];
  instructions: number;
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

const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const num = (value: string, fallback: number) => {
  const n = Number(value.replace(",", "."));
  return value !== "" && Number.isFinite(n) ? n : fallback;
};
const numericId = (value: string) => value.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, "");

/** The function input Shopify would build for this sample (same shape as the input query's result). */
export function simulatorInput(request: SimulatorRequest, document: Config, variables: InputVariables) {
  const hasAddress = Object.values(request.address).some((v) => v);
  const lines: LineSpec[] = request.lines
    .filter((l) => LINE_FIELDS.some((f) => f !== "weightUnit" && l[f]))
    .map((line, index) => {
      const quantity = Math.max(1, Math.round(num(line.quantity, 1)));
      return {
        quantity,
        amount: Number((num(line.price, 10) * quantity).toFixed(2)),
        variantId: numericId(line.variantId) || 2000 + index,
        weight: num(line.weight, 0),
        weightUnit: (WEIGHT_UNITS as readonly string[]).includes(line.weightUnit) ? (line.weightUnit as WeightUnit) : "GRAMS",
        product: {
          id: numericId(line.productId) || 1000 + index,
          tags: list(line.tags),
          collections: list(line.collections).map(numericId),
        },
      };
    });
  const localTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(request.localTime) ? `${request.localTime}:00` : request.localTime;
  return buildInput({
    step: (SIMULATOR_STEPS as string[]).includes(request.step) ? (request.step as JourneyStep) : "CHECKOUT_INTERACTION",
    currency: request.currency.toUpperCase(),
    language: request.language.toUpperCase().replace(/-/g, "_"),
    country: request.address.countryCode?.toUpperCase() || "US",
    addresses: hasAddress
      ? [Object.fromEntries(Object.entries(request.address).map(([k, v]) => [k, v ? v : null]))]
      : [],
    lines,
    config: document,
    // Shopify answers the input query for the tags and collections the admin wrote in the input variables.
    productTags: variables.productTags,
    collectionIds: variables.collectionIds,
    date: localTime.slice(0, 10) || undefined,
    clock: (document.clock ?? []).map((at) => localTime !== "" && localTime >= at),
  });
}

/** dist/function.js, as `npm run function:build` writes it (built on demand in development). */
async function functionBundle(): Promise<string> {
  const file = process.env.CHECKOUT_GUARD_FUNCTION_BUNDLE ?? path.resolve(process.cwd(), "extensions/checkout-guard/dist/function.js");
  if (existsSync(file)) return readFileSync(file, "utf8");
  return (await ensureBundle()).code;
}

export async function simulate(
  request: SimulatorRequest,
  document: Config,
  variables: InputVariables,
  ruleNames: Map<string, string>,
): Promise<SimulatorResult | { ok: false; error: string }> {
  const input = simulatorInput(request, document, variables);
  const run = await runFunction(input, { bundle: await functionBundle(), exportName: "cartValidationsGenerateRun" });
  if (run.error) return { ok: false, error: `The function failed: ${run.error}` };
  const output = run.output as { operations?: { validationAdd?: { errors?: { message: string; target: string }[] } }[] };
  const errors = output.operations?.flatMap((op) => op.validationAdd?.errors ?? []) ?? [];
  const { violations } = evaluate(document, input as unknown as FunctionInput);
  return {
    ok: true,
    errors,
    blockedBy: violations.map((v) => ({
      ruleId: v.ruleId,
      name: ruleNames.get(v.ruleId) ?? v.ruleId,
      message: v.message,
      target: v.target,
    })),
    instructions: run.executeInstructions,
  };
}
