import { describe, expect, it } from "vitest";
import { buildConfigDocument as buildGuarded } from "../../app/models/config-document.server";
import { readFileSync } from "node:fs";
import { Kind, parse } from "graphql";
import { inputVariablesFor, UNUSED_SCHEDULE_SLOT } from "../../extensions/checkout-guard/src/engine/input-variables";
import { functionFiles } from "../../extensions/checkout-guard/runner/build";
import type { RuleDefinition, RuleRecord, RuleStatus } from "../../app/models/rules.server";
import { parseConfig } from "../../extensions/checkout-guard/src/engine/config";
import { CHECKOUT_FUNCTION_NAMES, CHECKOUT_FUNCTIONS, functionOfRule, functionsOfRules, publishedDocument, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine";
import { ENTRIES } from "../../extensions/checkout-guard/tests/entries";
import { buildFunctionInput, listsFromVariables, type InputSpec } from "../../extensions/checkout-guard/runner/sample-input";
import { KINDS, VALID_DEFINITIONS } from "./support/fixtures";

/**
 * The document, its split and its byte limits, without the cost guard: what
 * the rules cost Shopify is tested in function-cost.test.ts, with the fitted
 * cost model (by which a single weight or product rule can be over the guard's
 * share at 200 lines).
 */
const buildConfigDocument = (rules: Parameters<typeof buildGuarded>[0]) => buildGuarded(rules, { costGuard: false });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let next = 0;
function record(definition: Record<string, unknown>, fields: Partial<RuleRecord> = {}): RuleRecord {
  const id = `rule${++next}`;
  return {
    id,
    name: `Rule ${next}`,
    kind: definition.kind as RuleRecord["kind"],
    status: "active",
    scheduleStart: null,
    scheduleEnd: null,
    position: next,
    definition: definition as RuleDefinition,
    updatedAt: new Date(0),
    ...fields,
  };
}
const scheduled = (definition: Record<string, unknown>, start: string | null, end: string | null, status: RuleStatus = "scheduled") =>
  record(definition, { status, scheduleStart: start, scheduleEnd: end });

function built(rules: RuleRecord[]) {
  const result = buildConfigDocument(rules);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/**
 * Runs each function's entry on the document and input variables the admin
 * built for it, and returns the messages of all of them (what checkout shows).
 * `clock` answers for the boundaries of the whole configuration.
 */
function blocks(result: ReturnType<typeof built>, spec: InputSpec): string[] {
  return CHECKOUT_FUNCTION_NAMES.flatMap((fn) => {
    const published = result.functions[fn];
    const input = buildFunctionInput(fn, {
      ...spec,
      config: JSON.parse(published.json),
      ...listsFromVariables(published.inputVariables),
      clock: (published.document.clock ?? []).map((at) => spec.clock?.[(result.document.clock ?? []).indexOf(at)] ?? false),
    });
    return ENTRIES[fn](input).operations[0].validationAdd!.errors.map((e) => e.message);
  });
}

describe("the configuration document", () => {
  it("holds the active and scheduled rules only, in order, with their ids, as the function's schema wants", () => {
    const rules = KINDS.map((kind, i) => record(VALID_DEFINITIONS[kind], { status: i % 3 === 0 ? "inactive" : "active" }));
    const result = built(rules);
    expect(parseConfig(result.document).ok).toBe(true);
    expect(result.document.rules.map((r) => r.id)).toEqual(rules.filter((r) => r.status !== "inactive").map((r) => r.id));
    expect(result.json).toBe(JSON.stringify(result.document));
    expect(result.bytes).toBe(new TextEncoder().encode(result.json).length);
  });

  it("leaves out defaults and empty lists, and counts UTF-8 bytes", () => {
    const rule = record({
      kind: "addressKind",
      block: ["poBox", "poBox", "military"],
      fields: ["company", "address2", "address1"],
      stage: "checkout",
      display: "field",
      translations: {},
      countries: { not: false, codes: ["DE", "DE"] },
      message: "Pas de boîte postale — merci.",
    });
    const result = built([rule]);
    expect(result.document).toEqual({
      v: 1,
      rules: [{ id: rule.id, kind: "addressKind", block: ["poBox", "military"], countries: { codes: ["DE"] }, message: "Pas de boîte postale — merci." }],
    });
    expect(result.bytes).toBe(Buffer.byteLength(result.json, "utf8"));
    expect(result.bytes).toBeGreaterThan(result.json.length);

    const kept = built([
      record({ kind: "charset", fields: ["city"], allow: "latin", accents: false, ignoreCase: undefined, stage: "completion", display: "banner" }),
      record({ kind: "lineQuantity", max: 5, select: { products: [], tags: [] } }),
    ]).document.rules;
    expect(kept[0]).toMatchObject({ accents: false, stage: "completion", display: "banner" });
    expect(kept[1]).not.toHaveProperty("select");
  });

  it("turns schedules into clock slots and fills each function's input variables", () => {
    const rules = [
      scheduled({ kind: "cartQuantity", max: 5 }, "2026-12-20T00:00:00", "2027-01-02T00:00:00"),
      scheduled({ kind: "weight", max: 10, unit: "GRAMS" }, null, "2026-12-20T00:00:00"),
      scheduled({ kind: "distinctLines", max: 3 }, "2030-01-01T00:00:00", null, "inactive"),
      record({ kind: "exclusive", select: { tags: ["Pre-order", "Pre-order"], collections: ["77"] }, other: { collections: ["88"] } }),
      record({ kind: "dependency", select: { tags: ["Batteries"] }, requires: { collections: ["77"] } }),
      scheduled({ kind: "streetNumber" }, "2026-11-01T00:00:00", null),
    ];
    const result = built(rules);
    expect(result.document.clock).toEqual(["2026-11-01T00:00:00", "2026-12-20T00:00:00", "2027-01-02T00:00:00"]);
    expect(result.document.rules[0]).toMatchObject({ schedule: { start: "2026-12-20T00:00:00", end: "2027-01-02T00:00:00" } });
    expect(result.document.rules[1]).toMatchObject({ schedule: { end: "2026-12-20T00:00:00" } });

    const unused = (from: number) => Object.fromEntries(Array.from({ length: 8 - from }, (_, i) => [`scheduleAt${from + i}`, UNUSED_SCHEDULE_SLOT]));
    // The cart-totals function: its own boundaries, no tags or collections.
    expect(result.functions.cart.document.clock).toEqual(["2026-12-20T00:00:00", "2027-01-02T00:00:00"]);
    expect(result.functions.cart.inputVariables).toEqual({ scheduleAt0: "2026-12-20T00:00:00", scheduleAt1: "2027-01-02T00:00:00", ...unused(2) });
    // The weight function: the one boundary of its rule.
    expect(result.functions.weight.document.clock).toEqual(["2026-12-20T00:00:00"]);
    expect(result.functions.weight.inputVariables).toEqual({ scheduleAt0: "2026-12-20T00:00:00", ...unused(1) });
    // The products functions: no schedule, and the distinct tag and collection lists their rules select on, one per slot.
    // The exclusive rule uses two collection lists: the products function's; the dependency the lean one's.
    expect(result.functions.products.document).not.toHaveProperty("clock");
    expect(result.functions.products.inputVariables).toEqual({
      tags0: ["Pre-order"],
      tags1: [],
      collections0: ["gid://shopify/Collection/77"],
      collections1: ["gid://shopify/Collection/88"],
      ...unused(0),
    });
    expect(result.functions.productsLean.document.rules.map((r) => r.kind)).toEqual(["dependency"]);
    expect(result.functions.productsLean.inputVariables).toEqual({ tags0: ["Batteries"], collections0: ["gid://shopify/Collection/77"], ...unused(0) });
    // The address function: only the schedule slots its query declares, for its own boundary.
    expect(result.functions.address.document.clock).toEqual(["2026-11-01T00:00:00"]);
    expect(result.functions.address.inputVariables).toEqual({
      scheduleAt0: "2026-11-01T00:00:00",
      scheduleAt1: UNUSED_SCHEDULE_SLOT,
      scheduleAt2: UNUSED_SCHEDULE_SLOT,
      scheduleAt3: UNUSED_SCHEDULE_SLOT,
      scheduleAt4: UNUSED_SCHEDULE_SLOT,
      scheduleAt5: UNUSED_SCHEDULE_SLOT,
      scheduleAt6: UNUSED_SCHEDULE_SLOT,
      scheduleAt7: UNUSED_SCHEDULE_SLOT,
    });
    expect(result.functions.address.variablesJson).toBe(JSON.stringify(result.functions.address.inputVariables));
    expect(built([record(VALID_DEFINITIONS.weight)]).document).not.toHaveProperty("clock");
  });

  it("gives each function exactly the variables its input query declares", () => {
    const config = built(KINDS.map((kind) => record(VALID_DEFINITIONS[kind]))).document;
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const query = parse(readFileSync(functionFiles(fn).inputQuery, "utf8"));
      const operation = query.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      const declared = operation?.kind === Kind.OPERATION_DEFINITION ? (operation.variableDefinitions ?? []).map((v) => v.variable.name.value) : [];
      expect(Object.keys(inputVariablesFor(fn, config)).sort(), fn).toEqual(declared.sort());
    }
  });

  it("splits into one document per function: each function's rules, in the merchant's order", () => {
    const rules = new Map(KINDS.map((kind) => [kind, record(VALID_DEFINITIONS[kind])]));
    const of = (...kinds: (typeof KINDS)[number][]) => kinds.map((kind) => rules.get(kind)!);
    const shuffled = of("lineQuantity", "addressKind", "weight", "dependency", "requiredFields", "subtotal", "cartQuantity", "exclusive");
    const result = built(shuffled);
    const ids = (fn: CheckoutFunction) => result.functions[fn].document.rules.map((r) => r.id);
    expect(ids("address")).toEqual(of("addressKind", "requiredFields").map((r) => r.id));
    expect(ids("cart")).toEqual(of("subtotal", "cartQuantity").map((r) => r.id));
    expect(ids("weight")).toEqual(of("weight").map((r) => r.id));
    // By tag and by collection: the lean products function; the dependency requires a variant.
    expect(ids("productsLean")).toEqual(of("lineQuantity", "exclusive").map((r) => r.id));
    expect(ids("products")).toEqual(of("dependency").map((r) => r.id));
    const functions = functionsOfRules(result.document.rules);
    for (const fn of CHECKOUT_FUNCTION_NAMES) {
      const published = result.functions[fn];
      expect(published.document.rules.map((r) => r.id)).toEqual(result.document.rules.filter((_, i) => functions[i] === fn).map((r) => r.id));
      expect(parseConfig(published.document).ok).toBe(true);
      expect(published.json).toBe(JSON.stringify(publishedDocument(fn, published.document)));
      expect(published.bytes).toBe(Buffer.byteLength(published.json));
      // Each rule exactly as in the combined document.
      for (const rule of published.document.rules) expect(result.document.rules).toContainEqual(rule);
    }
    // A function without rules gets an empty document (and, when publishing, no Validation).
    for (const fn of ["cart", "weight", "products"] as const) expect(built(of("addressKind")).functions[fn].document).toEqual({ v: 1, rules: [] });
    expect(built(of("weight")).functions.products.document).toEqual({ v: 1, rules: [] });
  });

  it("is what the functions enforce: rules, tags and schedules reach each function's engine", () => {
    const result = built([
      record({ kind: "cartQuantity", min: 2, message: "At least {min} items." }),
      scheduled({ kind: "streetNumber", message: "A house number, please." }, "2026-11-01T00:00:00", null),
      record({ kind: "exclusive", select: { tags: ["Pre-order"] }, message: "Pre-orders ship alone." }),
      scheduled({ kind: "distinctLines", max: 2, message: "Holiday limit." }, "2026-12-20T00:00:00", null),
    ]);
    expect(result.document.clock).toEqual(["2026-11-01T00:00:00", "2026-12-20T00:00:00"]);
    expect(blocks(result, { lines: [{ quantity: 1 }] })).toEqual(["At least 2 items."]);
    expect(blocks(result, { lines: [{ quantity: 1, product: { tags: ["pre-order"] } }, { quantity: 1 }] })).toEqual(["Pre-orders ship alone."]);
    const threeLines = { lines: [{ quantity: 1 }, { quantity: 1 }, { quantity: 1 }], addresses: [{ address1: "Main Street", countryCode: "US" }] };
    expect(blocks(result, threeLines)).toEqual([]);
    // Each function follows its own boundaries, in its own slots.
    expect(blocks(result, { ...threeLines, clock: [false, true] })).toEqual(["Holiday limit."]);
    expect(blocks(result, { ...threeLines, clock: [true, false] })).toEqual(["A house number, please."]);
    expect(blocks(result, { ...threeLines, clock: [true, true] })).toEqual(["A house number, please.", "Holiday limit."]);
  });

  it("refuses more schedule dates than the function has slots", () => {
    const rules = Array.from({ length: 5 }, (_, i) =>
      scheduled(VALID_DEFINITIONS.cartQuantity, `2026-0${i + 1}-01T00:00:00`, `2026-0${i + 1}-15T00:00:00`),
    );
    const result = buildConfigDocument(rules);
    expect(result).toEqual({ ok: false, errors: { _form: expect.stringMatching(/use 10 different start and end dates; the function can follow at most 8/) } });
    expect(buildConfigDocument(rules.slice(0, 4)).ok).toBe(true);
  });

  it("refuses more distinct tag or collection lists than the products function has slots, naming the rules left over", () => {
    const byTags = (name: string, tags: string[]) => record({ kind: "lineQuantity", max: 2, select: { tags } }, { name });
    // The same list in another order, with a repeat, shares a slot.
    const two = [byTags("Wine", ["wine", "beer"]), byTags("Beer too", ["beer", "wine", "beer"]), byTags("Glass", ["glass"])];
    expect(buildConfigDocument(two).ok).toBe(true);
    const result = buildConfigDocument([...two, byTags("Fragile", ["fragile"])]);
    expect(result).toEqual({
      ok: false,
      errors: { _form: expect.stringMatching(/^Product rules can select on at most 2 different lists of tags, and these rules use 3: “?Fragile”? would not be checked\./) },
    });
    const byCollections = (name: string, collections: string[]) => record({ kind: "productQuantity", max: 2, select: { collections } }, { name });
    const collections = buildConfigDocument([byCollections("A", ["1"]), byCollections("B", ["2"]), byCollections("C", ["3", "1"])]);
    expect(!collections.ok && collections.errors._form).toMatch(/at most 2 different lists of collections, and these rules use 3: “?C”? would not/);
  });

  const germany = (name: string, count: number, from = 10000) =>
    record({ kind: "postalCode", mode: "allow", codes: { DE: Array.from({ length: count }, (_, i) => String(from + i)) } }, { name });

  it("refuses address rules over 10,000 bytes, naming the function, its size and its largest rules", () => {
    const result = buildConfigDocument([germany("Small", 10), record(VALID_DEFINITIONS.cartQuantity, { name: "Cart" }), germany("Germany A", 900), germany("Germany B", 900)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors._form).toMatch(
      /^The address rules need \d{2},\d{3} bytes; Shopify passes at most 10,000 bytes to each checkout function\. Remove or shorten address rules \(the largest: “Germany [AB]”, [\d,]+ bytes; “Germany [AB]”, [\d,]+ bytes; “Small”, \d+ bytes\)\.$/,
    );
    const fits = buildConfigDocument([germany("Germany A", 900)]);
    expect(fits.ok && fits.functions.address.bytes).toBeLessThanOrEqual(10_000);
  });

  it("refuses product rules over 10,000 bytes, naming the function's rules", () => {
    const products = (n: number, from: number) => Array.from({ length: n }, (_, i) => String(from + i));
    const limited = (name: string, from: number) => record({ kind: "productQuantity", max: 3, select: { products: products(400, from) } }, { name });
    const result = buildConfigDocument([limited("Limited A", 8_000_000_000), limited("Limited B", 9_000_000_000), germany("Germany", 10)]);
    // By product: the lean products function's rules.
    const label = CHECKOUT_FUNCTIONS.productsLean.rules;
    expect(label).toMatch(/^product rules/);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors._form).toMatch(
      new RegExp(`^The ${escape(label)} need [\\d,]+ bytes; .* Remove or shorten ${escape(label)} \\(the largest: “Limited [AB]”`),
    );
  });

  it("names in its refusals each function's rules as the merchant knows them", () => {
    const big = (kind: "cartQuantity" | "weight", i: number) => record({ kind, min: 1, ...(kind === "weight" ? { unit: "GRAMS" } : {}), message: `${i} ${"x".repeat(490)}` });
    for (const kind of ["cartQuantity", "weight"] as const) {
      const result = buildConfigDocument(Array.from({ length: 25 }, (_, i) => big(kind, i)));
      const label = CHECKOUT_FUNCTIONS[functionOfRule({ kind })].rules;
      expect(!result.ok && result.errors._form, kind).toMatch(new RegExp(`^The ${escape(label)} need`));
    }
  });

  it("applies the limit to each function's document: together they may exceed 10,000 bytes", () => {
    const products = Array.from({ length: 400 }, (_, i) => String(8_000_000_000 + i));
    const result = built([germany("Germany", 900), record({ kind: "productQuantity", max: 3, select: { products } })]);
    expect(result.functions.address.bytes).toBeGreaterThan(5_000);
    expect(result.functions.productsLean.bytes).toBeGreaterThan(5_000);
    expect(result.bytes).toBeGreaterThan(10_000);
  });

  it("publishes each function's rules without their ids, and the products functions' list slots unless they would not fit", () => {
    const result = built([
      record({ kind: "cartQuantity", max: 9 }),
      record({ kind: "lineQuantity", max: 2, select: { tags: ["wine"], collections: ["7"] } }),
      record({ kind: "dependency", select: { products: ["1"] }, requires: { products: ["2", "1"] } }),
    ]);
    const cart = JSON.parse(result.functions.cart.json);
    expect(cart).toEqual({ v: 1, rules: [{ kind: "cartQuantity", max: 9 }] });
    // The lists' keys in slot order and the GIDs the one pass over the lines looks for, each once.
    expect(JSON.parse(result.functions.productsLean.json)).toMatchObject({
      rules: [{ kind: "lineQuantity", max: 2, select: { tags: ["wine"], collections: ["7"] } }, { kind: "dependency" }],
      slots: { tags: ["wine"], collections: ["7"], products: ["gid://shopify/Product/1", "gid://shopify/Product/2"], variants: [] },
    });
    expect(result.functions.productsLean.json).not.toContain('"id"');
    // Slots that would take a document over 10,000 bytes are left out: the function works them out.
    const products = Array.from({ length: 300 }, (_, i) => String(8_000_000_000 + i));
    const large = built([record({ kind: "productQuantity", max: 3, select: { products } })]).functions.productsLean;
    expect(large.bytes).toBeLessThanOrEqual(10_000);
    expect(JSON.stringify(publishedDocument("productsLean", { ...large.document, rules: large.document.rules.slice(0, 0) }))).toContain('"slots"');
    expect(JSON.parse(large.json)).not.toHaveProperty("slots");
  });

  it("measures each function's limit exactly: 10,000 bytes pass, 10,001 do not", () => {
    const rule = (index: number, length: number) =>
      record({ kind: "cartQuantity", min: 1, message: "x".repeat(length) }, { id: `r${String(index).padStart(4, "0")}` });
    // An address rule beside them does not count towards the cart function's bytes.
    const address = record({ kind: "streetNumber", message: "y".repeat(400) }, { id: "addr" });
    const cartBytes = (rules: RuleRecord[]) => {
      const result = buildConfigDocument([address, ...rules]);
      return result.ok ? result.functions.cart.bytes : Infinity;
    };
    // Messages hold at most 500 characters: fill with rules, then pad the last one to the exact size.
    const fill = (target: number) => {
      const rules: RuleRecord[] = [];
      while (cartBytes([...rules, rule(rules.length, 250)]) <= target - 200) rules.push(rule(rules.length, 250));
      const withOne = cartBytes([...rules, rule(rules.length, 1)]);
      return [address, ...rules, rule(rules.length, 1 + target - withOne)];
    };
    const exact = buildConfigDocument(fill(10_000));
    expect(exact.ok && exact.functions.cart.bytes).toBe(10_000);
    expect(exact.ok && exact.bytes).toBeGreaterThan(10_000);
    expect(buildConfigDocument(fill(10_001))).toMatchObject({
      ok: false,
      errors: { _form: expect.stringContaining(`The ${CHECKOUT_FUNCTIONS.cart.rules} need 10,001 bytes`) },
    });
  });
});
