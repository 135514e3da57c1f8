/**
 * The simulator runs the shop's saved rules through the compiled function in
 * WebAssembly and reports exactly what checkout would: and what Shopify holds
 * after publishing (the metafields in the mock), run through the same function,
 * blocks and allows the same samples with the same messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { seedOfflineSession } from "../support/session-token";
import { runFunction } from "../../extensions/checkout-guard/runner/wasm-runner";
import { ensureBundle } from "../../extensions/checkout-guard/runner/build";
import { simulatorInput, type SimulatorRequest } from "../../app/admin/simulator.server";
import * as simulator from "../../app/routes/app.simulator";
import * as newRule from "../../app/routes/app.rules.new";
import { call, form, idFromLocation, ruleForm } from "./helpers";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
  await ensureBundle();
});
afterAll(async () => {
  await mock?.close();
});

const street = {
  "address.firstName": "Alex",
  "address.lastName": "Doe",
  "address.address1": "123 Main Street",
  "address.city": "Springfield",
  "address.zip": "62701",
  "address.provinceCode": "IL",
  "address.countryCode": "US",
};
const line = (over: Partial<Record<string, string>> = {}) => ({
  productId: "111",
  variantId: "211",
  quantity: "1",
  price: "10.00",
  weight: "",
  weightUnit: "GRAMS",
  tags: "",
  collections: "",
  ...over,
});
/** The simulator's post: as the page sends it (address fields, one column per line field). */
function sample(opts: { address?: Record<string, string>; lines?: ReturnType<typeof line>[]; language?: string; step?: string; currency?: string; localTime?: string }) {
  const entries: Record<string, string | string[]> = {
    ...street,
    ...opts.address,
    language: opts.language ?? "EN",
    step: opts.step ?? "CHECKOUT_INTERACTION",
    currency: opts.currency ?? "USD",
    localTime: opts.localTime ?? "2026-06-15T12:00",
  };
  const lines = opts.lines ?? [line()];
  for (const key of Object.keys(line())) entries[`line.${key}`] = lines.map((l) => l[key as keyof typeof l]!);
  return form(entries);
}

async function setup() {
  const shop = uniqueShop("sim");
  await seedOfflineSession(shop);
  const rules: [string, Record<string, unknown>, Record<string, string>?][] = [
    ["No PO boxes", { kind: "addressKind", block: ["poBox"] }],
    ["Packs of 6", { kind: "lineQuantity", multiple: 6, select: { tags: ["wine"] } }],
    ["Minimum 20 USD", { kind: "subtotal", limits: { USD: { min: 20 } } }],
    ["Christmas cap", { kind: "cartQuantity", max: 3 }, { status: "scheduled", scheduleStart: "2026-12-20T00:00", scheduleEnd: "2026-12-27T00:00" }],
    ["Off", { kind: "streetNumber" }, { status: "inactive" }],
  ];
  for (const [name, definition, common] of rules) {
    const created = await call(newRule, "action", "/app/rules/new", {
      shop,
      body: ruleForm(definition.kind as never, definition, { name, ...common }),
    });
    idFromLocation(created.location);
  }
  return shop;
}

async function simulate(shop: string, body: FormData) {
  const result = await call(simulator, "action", "/app/simulator", { shop, body });
  expect(result.status).toBe(200);
  expect(result.data.ok, JSON.stringify(result.data)).toBe(true);
  return result.data as { errors: { message: string; target: string }[]; blockedBy: { name: string }[] };
}

describe("simulator", () => {
  it("counts the rules it will check", async () => {
    const shop = await setup();
    const page = await call(simulator, "loader", "/app/simulator", { shop });
    expect(page.data).toEqual({ ruleCount: 4, problem: null });
  });

  it("allows an ordinary address and cart", async () => {
    const shop = await setup();
    const result = await simulate(shop, sample({ lines: [line({ quantity: "3" })] }));
    expect(result.errors).toEqual([]);
    expect(result.blockedBy).toEqual([]);
  });

  it("blocks a PO box at the address field with the exact message, in the buyer's language", async () => {
    const shop = await setup();
    const sampleForm = sample({ address: { "address.address1": "PO Box 123" }, lines: [line({ quantity: "3" })] });
    const en = await simulate(shop, sampleForm);
    expect(en.errors).toEqual([
      {
        message: "Address: we can't deliver to this type of address (PO box). Please enter a street address.",
        target: "$.cart.deliveryGroups[0].deliveryAddress.address1",
      },
    ]);
    expect(en.blockedBy.map((b) => b.name)).toEqual(["No PO boxes"]);
    sampleForm.set("language", "FR");
    const fr = await simulate(shop, sampleForm);
    expect(fr.errors[0].message).toBe(
      "Adresse : nous ne livrons pas ce type d'adresse (boîte postale). Veuillez saisir une adresse postale avec rue.",
    );
  });

  it("checks cart rules on tags, subtotals and the step", async () => {
    const shop = await setup();
    const wine = await simulate(shop, sample({ lines: [line({ quantity: "4", tags: "wine" })] }));
    expect(wine.errors).toEqual([{ message: "Product 1: the quantity must be a multiple of 6.", target: "$.cart" }]);
    const small = await simulate(shop, sample({ lines: [line({ quantity: "1", price: "5" })] }));
    expect(small.errors.map((e) => e.message)).toEqual(["The minimum order subtotal is 20.00 USD (currently 5.00 USD)."]);
    // Another currency is not checked; the cart page is never blocked by checkout-stage rules.
    expect((await simulate(shop, sample({ currency: "EUR", lines: [line({ price: "5" })] }))).errors).toEqual([]);
    expect((await simulate(shop, sample({ step: "CART_INTERACTION", lines: [line({ price: "5" })] }))).errors).toEqual([]);
  });

  it("follows schedules with the shop's local time", async () => {
    const shop = await setup();
    const cart = [line({ quantity: "5" })];
    expect((await simulate(shop, sample({ lines: cart, localTime: "2026-12-19T23:59" }))).errors).toEqual([]);
    const during = await simulate(shop, sample({ lines: cart, localTime: "2026-12-24T10:00" }));
    expect(during.blockedBy.map((b) => b.name)).toEqual(["Christmas cap"]);
    expect((await simulate(shop, sample({ lines: cart, localTime: "2026-12-27T00:00" }))).errors).toEqual([]);
  });

  it("stores nothing of the sample", async () => {
    const shop = await setup();
    const prisma = (await import("../../app/db.server")).default;
    const before = JSON.stringify(await Promise.all([prisma.rule.findMany(), prisma.configVersion.findMany(), prisma.shopSync.findMany()]));
    await simulate(shop, sample({ address: { "address.address1": "PO Box 987654", "address.lastName": "Zebulon" } }));
    const after = JSON.stringify(await Promise.all([prisma.rule.findMany(), prisma.configVersion.findMany(), prisma.shopSync.findMany()]));
    expect(after).toBe(before);
    expect(after).not.toContain("Zebulon");
  });
});

describe("round trip: saved → published → run by the function", () => {
  it("the metafields Shopify holds block and allow exactly as the simulator said", async () => {
    const shop = await setup();
    const [validation] = [...mock.state(shop).validations.values()];
    const config = JSON.parse(mock.metafieldValue(shop, validation.id, "config")!);
    const variables = JSON.parse(mock.metafieldValue(shop, validation.id, "input-variables")!);

    const samples: SimulatorRequest[] = [
      { address: { address1: "123 Main Street", countryCode: "US" }, lines: [line({ quantity: "3" })], language: "EN", step: "CHECKOUT_INTERACTION", currency: "USD", localTime: "2026-06-15T12:00" },
      { address: { address1: "P.O. Box 5", countryCode: "US" }, lines: [line({ quantity: "3" })], language: "DE", step: "CHECKOUT_INTERACTION", currency: "USD", localTime: "2026-06-15T12:00" },
      { address: { address1: "1 Rue de Rivoli", countryCode: "FR" }, lines: [line({ quantity: "4", tags: "wine", price: "2" })], language: "FR", step: "CHECKOUT_COMPLETION", currency: "USD", localTime: "2026-12-24T12:00" },
      { address: {}, lines: [line({ quantity: "1", price: "3" })], language: "PT_BR", step: "CHECKOUT_INTERACTION", currency: "USD", localTime: "2026-06-15T12:00" },
    ];
    let blocked = 0;
    for (const s of samples) {
      const body = new FormData();
      for (const [k, v] of Object.entries(s.address)) body.set(`address.${k}`, v ?? "");
      for (const l of s.lines) for (const [k, v] of Object.entries(l)) body.append(`line.${k}`, v);
      for (const k of ["language", "step", "currency", "localTime"] as const) body.set(k, s[k]);
      const simulated = await simulate(shop, body);

      const run = await runFunction(simulatorInput(s, config, variables));
      expect(run.error).toBeNull();
      const output = run.output as { operations: { validationAdd: { errors: unknown[] } }[] };
      expect(output.operations[0].validationAdd.errors).toEqual(simulated.errors);
      if (simulated.errors.length) blocked++;
    }
    expect(blocked).toBe(3);
  });
});
