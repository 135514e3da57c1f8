/**
 * The simulator runs the shop's saved rules through the checkout functions'
 * compiled bundles in WebAssembly, each with its own document and on the
 * input its own query would receive, and reports exactly what checkout would:
 * and what Shopify holds after publishing (each Validation's metafields in the
 * mock), run through the same functions, blocks and allows the same samples
 * with the same messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputQuery, loadSchema, validateFixtureInput } from "@shopify/shopify-function-test-helpers";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { seedOfflineSession } from "../support/session-token";
import { runFunction } from "../../extensions/checkout-guard/runner/wasm-runner";
import { ensureBundle, functionFiles } from "../../extensions/checkout-guard/runner/build";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import { simulatorInput, type SimulatorRequest, type SimulatorResult } from "../../app/admin/simulator.server";
import { buildConfigDocument, type FunctionDocument } from "../../app/models/config-document.server";
import { listRules } from "../../app/models/rules.server";
import * as simulator from "../../app/routes/app.simulator";
import * as newRule from "../../app/routes/app.rules.new";
import { call, form, idFromLocation, ruleForm } from "./helpers";


let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
  for (const fn of CHECKOUT_FUNCTION_NAMES) await ensureBundle(fn);
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

type RuleSpec = [string, Record<string, unknown>, Record<string, string>?];
const RULES: RuleSpec[] = [
  ["No PO boxes", { kind: "addressKind", block: ["poBox"] }],
  ["Packs of 6", { kind: "lineQuantity", multiple: 6, select: { tags: ["wine"] } }],
  ["Minimum 20 USD", { kind: "subtotal", limits: { USD: { min: 20 } } }],
  ["Heavy parcels", { kind: "weight", max: 30, unit: "KILOGRAMS" }],
  ["Christmas cap", { kind: "cartQuantity", max: 3 }, { status: "scheduled", scheduleStart: "2026-12-20T00:00", scheduleEnd: "2026-12-27T00:00" }],
  ["Off", { kind: "streetNumber" }, { status: "inactive" }],
];

async function setup(rules: RuleSpec[] = RULES) {
  const shop = uniqueShop("sim");
  await seedOfflineSession(shop);
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
  return result.data as SimulatorResult;
}

describe("simulator", () => {
  it("counts the rules it will check, per checkout function", async () => {
    const shop = await setup();
    const page = await call(simulator, "loader", "/app/simulator", { shop });
    expect(page.data).toEqual({
      ruleCount: 5,
      functions: [
        { function: "address", title: "Checkout Guard: addresses", ruleCount: 1 },
        { function: "cart", title: "Checkout Guard: cart totals", ruleCount: 2 },
        { function: "weight", title: "Checkout Guard: cart weight", ruleCount: 1 },
        { function: "productsLean", title: "Checkout Guard: products by product, tag or collection", ruleCount: 1 },
        { function: "products", title: "Checkout Guard: products", ruleCount: 0 },
      ],
      problem: null,
      shop,
    });
  });

  it("runs every function's bundle and shows their errors together, the rules that blocked, and each one's instructions", async () => {
    const shop = await setup();
    const result = await simulate(shop, sample({ address: { "address.address1": "PO Box 123" }, lines: [line({ quantity: "4", tags: "wine" })] }));
    const poBox = {
      message: "Address: we can't deliver to this type of address (PO box). Please enter a street address.",
      target: "$.cart.deliveryGroups[0].deliveryAddress.address1",
    };
    const packs = { message: "Product 1: the quantity must be a multiple of 6.", target: "$.cart" };
    // What checkout shows: the address function's errors and the (lean) products function's, together.
    expect(result.errors).toEqual([poBox, packs]);
    expect(result.blockedBy.map((b) => [b.name, b.function])).toEqual([
      ["No PO boxes", "address"],
      ["Packs of 6", "productsLean"],
    ]);
    expect(result.functions.map((f) => [f.function, f.title, f.ruleCount, f.ran, f.errors])).toEqual([
      ["address", "Checkout Guard: addresses", 1, true, [poBox]],
      ["cart", "Checkout Guard: cart totals", 2, true, []],
      ["weight", "Checkout Guard: cart weight", 1, true, []],
      ["productsLean", "Checkout Guard: products by product, tag or collection", 1, true, [packs]],
      ["products", "Checkout Guard: products", 0, false, []],
    ]);
    for (const f of result.functions.filter((f) => f.ran)) {
      expect(f.instructions).toBeGreaterThan(10_000);
      expect(f.instructions).toBeLessThan(f.instructionLimit);
      expect(f.instructionLimit).toBe(11_000_000);
    }
  });

  it("does not run a function that has no rules, as checkout does not", async () => {
    const shop = await setup([["No PO boxes", { kind: "addressKind", block: ["poBox"] }]]);
    const result = await simulate(shop, sample({ address: { "address.address1": "PO Box 9" } }));
    expect(result.errors.map((e) => e.target)).toEqual(["$.cart.deliveryGroups[0].deliveryAddress.address1"]);
    expect(result.functions).toMatchObject([
      { function: "address", ran: true, ruleCount: 1 },
      { function: "cart", ran: false, ruleCount: 0, errors: [], instructions: null },
      { function: "weight", ran: false, ruleCount: 0, errors: [], instructions: null },
      { function: "productsLean", ran: false, ruleCount: 0, errors: [], instructions: null },
      { function: "products", ran: false, ruleCount: 0, errors: [], instructions: null },
    ]);
  });

  it("gives each function the input its own query would receive", async () => {
    const shop = await setup();
    const built = buildConfigDocument(await listRules(shop));
    if (!built.ok) throw new Error("not built");
    const request: SimulatorRequest = {
      address: { address1: "PO Box 5", city: "Springfield", zip: "62701", countryCode: "US", phone: "+15555550100", firstName: "Alex" },
      lines: [line({ quantity: "4", tags: "wine", collections: "gid://shopify/Collection/77", weight: "250" })],
      language: "FR",
      step: "CHECKOUT_COMPLETION",
      currency: "EUR",
      localTime: "2026-12-24T10:00",
    };
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const input = simulatorInput(request, fn, built.functions[fn]) as Record<string, any>;
      const files = functionFiles(fn);
      const schema = await loadSchema(files.schema);
      const query = await loadInputQuery(files.inputQuery);
      expect(validateFixtureInput(query, schema, input).errors, fn).toEqual([]);
      // Its own document as its Validation holds it, and its own schedule slots.
      expect(input.validation.metafield.jsonValue).toEqual(JSON.parse(built.functions[fn].json));
      if (fn === "address") {
        expect(input.cart).not.toHaveProperty("lines");
        expect(input.cart.deliveryGroups[0].deliveryAddress.address1).toBe("PO Box 5");
        expect(input.shop.localTime.at0).toBe(false);
      } else {
        expect(input.cart.deliveryGroups[0].deliveryAddress).toEqual({ countryCode: "US" });
        expect(input.cart.lines).toHaveLength(1);
        // Of each line, what its own query reads: the quantity alone for the cart totals, the weights, or the product.
        const line = input.cart.lines[0];
        if (fn === "cart") expect(line).toEqual({ quantity: 4 });
        if (fn === "weight") expect(line.merchandise).toMatchObject({ weight: 250, weightUnit: "GRAMS" });
        if (fn === "weight") expect(line.merchandise).not.toHaveProperty("product");
        // The lean products function: one tag and one collection slot, no variant id; the products function all four slots.
        if (fn === "productsLean") expect(line.merchandise).toEqual({ __typename: "ProductVariant", product: expect.objectContaining({ t0: true, c0: false }) });
        if (fn === "productsLean") expect(Object.keys(line.merchandise.product).sort()).toEqual(["c0", "id", "t0", "title"]);
        if (fn === "products") expect(line.merchandise).toHaveProperty("id");
        if (fn === "products") expect(line.merchandise.product).toMatchObject({ t0: false, t1: false, c0: false, c1: false });
        if (fn === "cart") {
          // The cart function's only boundaries are the Christmas cap's: slot 0 has passed, slot 1 has not.
          expect(built.functions.cart.document.clock).toEqual(["2026-12-20T00:00:00", "2026-12-27T00:00:00"]);
          expect([input.shop.localTime.at0, input.shop.localTime.at1]).toEqual([true, false]);
        } else {
          expect(input.shop.localTime.at0).toBe(false);
        }
      }
    }
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

  it("reads cart lines pasted as admin URLs, and refuses a line naming no product at its field, running nothing", async () => {
    const shop = await setup([
      ["One per buyer", { kind: "productQuantity", max: 1, select: { products: ["8123456789"] } }],
      ["Cases of 6", { kind: "lineQuantity", multiple: 6, select: { collections: ["789"] } }],
    ]);
    const admin = "https://admin.shopify.com/store/sim-shop";
    const blockedBy = async (over: Partial<ReturnType<typeof line>>) =>
      (await simulate(shop, sample({ lines: [line(over)] }))).blockedBy.map((b) => b.name);
    expect(await blockedBy({ productId: `${admin}/products/8123456789`, quantity: "2" })).toEqual(["One per buyer"]);
    expect(await blockedBy({ productId: "https://sim-shop.myshopify.com/admin/products/42", quantity: "2" })).toEqual([]);
    // A variant's admin URL names its product as well.
    expect(await blockedBy({ productId: "", variantId: `${admin}/products/8123456789/variants/4455`, quantity: "2" })).toEqual(["One per buyer"]);
    expect(await blockedBy({ productId: "gid://shopify/Product/42", collections: `${admin}/collections/789`, quantity: "4" })).toEqual(["Cases of 6"]);

    const refused = await call(simulator, "action", "/app/simulator", {
      shop,
      body: sample({
        lines: [line({ productId: "https://sim-shop.com/products/blue-hat" }), line({ collections: `790, ${admin}/products/1` })],
      }),
    });
    expect(refused.data).toMatchObject({ ok: false, error: expect.stringMatching(/see the fields marked/) });
    expect(refused.data).not.toHaveProperty("functions");
    expect(Object.keys(refused.data.fields)).toEqual(["line.0.productId", "line.1.collections"]);
    expect(refused.data.fields["line.0.productId"]).toMatch(/handle \("blue-hat"\), not by its id\. Open the product in your Shopify admin/);
    expect(refused.data.fields["line.1.collections"]).toMatch(/This is product 1, not a collection/);
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

describe("round trip: saved → published → run by the functions", () => {
  it("the metafields of the functions' Validations block and allow exactly as the simulator said", async () => {
    const shop = await setup();
    // What each Validation carries in Shopify, as the function will read it.
    // Checkout runs the functions that have a Validation: those with rules.
    const running = CHECKOUT_FUNCTION_NAMES.filter((fn) => mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle).length > 0);
    expect(running).toEqual(["address", "cart", "weight", "productsLean"]);
    const published = Object.fromEntries(
      running.map((fn) => {
        const [validation] = mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle);
        const document = JSON.parse(mock.metafieldValue(shop, validation.id, "config")!);
        const inputVariables = JSON.parse(mock.metafieldValue(shop, validation.id, "input-variables")!);
        const messages = JSON.parse(mock.metafieldValue(shop, validation.id, "messages")!);
        return [fn, { document, inputVariables, messages } as FunctionDocument];
      }),
    );

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

      const errors: unknown[] = [];
      for (const fn of running) {
        const run = await runFunction(simulatorInput(s, fn, published[fn]), { function: fn });
        expect(run.error).toBeNull();
        const output = run.output as { operations: { validationAdd: { errors: unknown[] } }[] };
        errors.push(...output.operations[0].validationAdd.errors);
      }
      expect(errors).toEqual(simulated.errors);
      if (simulated.errors.length) blocked++;
    }
    expect(blocked).toBe(3);
  });
});
