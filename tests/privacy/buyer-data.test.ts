/**
 * "Checkout data is never stored, never logged" (PRIVACY.md, "Checkout data"):
 * a buyer's address goes through everything that can see one — the two
 * checkout functions in TypeScript, the same functions compiled and run in
 * WebAssembly, the admin's simulator, and the customer compliance webhooks —
 * while every write to
 * stdout/stderr and every console call is captured. Afterwards neither the
 * captured output nor any table of the database contains any of the buyer's
 * strings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cartValidationsGenerateRun as addressFunction } from "../../extensions/checkout-guard-address/src/index";
import { cartValidationsGenerateRun as cartFunction } from "../../extensions/checkout-guard-cart/src/index";
import { runFunction } from "../../extensions/checkout-guard/runner/wasm-runner";
import { buildFunctionInputs } from "../../extensions/checkout-guard/runner/sample-input";
import { CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import { listRules, saveRule } from "../../app/models/rules.server";
import { buildConfigDocument } from "../../app/models/config-document.server";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest, seedOfflineSession } from "../support/session-token";
import { deliver, samplePayload, webhookRequest } from "../support/webhook";
import { dumpDatabase } from "./helpers";

const SHOP = "buyer-data.myshopify.com";

/** A buyer, with strings found nowhere else. */
const BUYER = {
  firstName: "Zacharielle",
  lastName: "Quennebuyer",
  company: "Quennebuyer Holdings",
  address1: "PO Box 4711",
  address2: "Appartement Zorbuyer 9",
  city: "Villebuyerville",
  zip: "75991",
  provinceCode: "IDF",
  countryCode: "FR",
  phone: "+33698765431",
};
const BUYER_EMAIL = "zacharielle.quennebuyer@example.org";
const BUYER_STRINGS = [
  BUYER.firstName,
  BUYER.lastName,
  BUYER.company,
  "4711",
  BUYER.address2,
  BUYER.city,
  BUYER.zip,
  BUYER.phone,
  "698765431",
  BUYER_EMAIL,
];

const captured: string[] = [];
const restore: (() => void)[] = [];

function capture() {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = write));
  }
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.push(args.map((a) => (typeof a === "string" ? a : safeString(a))).join(" "));
      original.apply(console, args);
    };
    restore.push(() => (console[method] = original));
  }
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

let app: RemixApp;
let mock: AdminApiMock;

beforeAll(async () => {
  mock = await startAdminApiMock();
  app = await startRemixApp();
  await seedOfflineSession(SHOP);
  const rules = [
    { name: "No PO boxes", status: "active", definition: JSON.stringify({ kind: "addressKind", block: ["poBox"], fields: ["address1", "address2"] }) },
    { name: "Short second line", status: "active", definition: JSON.stringify({ kind: "fieldLength", fields: ["address2"], max: 5 }) },
    { name: "At most 5 items to France", status: "active", definition: JSON.stringify({ kind: "cartQuantity", max: 5, countries: { codes: ["FR"] } }) },
  ];
  for (const input of rules) {
    const saved = await saveRule(SHOP, input);
    if (!saved.ok) throw new Error(`fixture rule refused: ${JSON.stringify(saved.errors)}`);
  }
  capture();
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await app?.close();
  await mock?.close();
});

async function configDocument() {
  const built = buildConfigDocument(await listRules(SHOP));
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.document;
}

/** Each function's input for the buyer: the address function's holds the whole address, the cart function's its country. */
function buyerInputs(config: unknown) {
  return buildFunctionInputs({ addresses: [BUYER], lines: [{ quantity: 9 }], config, language: "FR", country: "FR" });
}

describe("a buyer's address goes through every part of the app", () => {
  it("the TypeScript functions evaluate it (and block the PO box, and the cart for its country)", async () => {
    const inputs = buyerInputs(await configDocument());
    expect(JSON.stringify(addressFunction(inputs.address as never))).toContain("deliveryAddress.address1");
    expect(JSON.stringify(cartFunction(inputs.cart as never))).toContain('"target":"$.cart"');
  });

  it("the WebAssembly builds evaluate it, printing nothing", async () => {
    const inputs = buyerInputs(await configDocument());
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const run = await runFunction(inputs[fn], { function: fn });
      expect(run.error, fn).toBeNull();
      expect(JSON.stringify(run.output), fn).toContain("validationAdd");
      expect(run.logs, fn).toEqual([]);
    }
  });

  it("the admin's simulator evaluates it", async () => {
    const form = new FormData();
    for (const [field, value] of Object.entries(BUYER)) form.append(`address.${field}`, value);
    form.append("line.quantity", "1");
    form.append("line.price", "10.00");
    form.append("step", "CHECKOUT_INTERACTION");
    form.append("language", "FR");
    const response = await app.handle(await adminRequest("/app/simulator?_data=routes%2Fapp.simulator", { shop: SHOP, body: form }));
    expect(response.status).toBe(200);
    // Blocked at the PO box line: the address really was evaluated.
    expect(JSON.stringify(await response.json())).toContain("$.cart.deliveryGroups[0].deliveryAddress.address1");
  });

  it("customers/data_request and customers/redact name the buyer", async () => {
    for (const topic of ["customers/data_request", "customers/redact"]) {
      const payload = samplePayload(topic, SHOP) as { customer: Record<string, unknown> };
      payload.customer = { id: 777, email: BUYER_EMAIL, phone: BUYER.phone };
      expect((await deliver(webhookRequest({ shop: SHOP, topic, payload }))).status).toBe(200);
    }
  });
});

describe("afterwards", () => {
  it("no table of the database holds any of the buyer's strings", async () => {
    const dump = await dumpDatabase();
    expect(dump).toContain("No PO boxes"); // the dump is real: the shop's rules are in it
    for (const value of BUYER_STRINGS) expect(dump, value).not.toContain(value);
  });

  it("nothing written to stdout, stderr or the console holds any of them", () => {
    const output = captured.join("\n");
    for (const value of BUYER_STRINGS) expect(output, value).not.toContain(value);
  });

  it("the capture works (a control line is found)", () => {
    console.log("privacy-capture-control-line");
    expect(captured.join("\n")).toContain("privacy-capture-control-line");
  });
});
