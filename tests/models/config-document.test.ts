import { describe, expect, it } from "vitest";
import { buildConfigDocument } from "../../app/models/config-document.server";
import { UNUSED_SCHEDULE_SLOT } from "../../extensions/checkout-guard/src/engine/input-variables";
import type { RuleDefinition, RuleRecord, RuleStatus } from "../../app/models/rules.server";
import { parseConfig } from "../../extensions/checkout-guard/src/engine/config";
import { validationErrors, type FunctionInput } from "../../extensions/checkout-guard/src/engine";
import { buildInput, type InputSpec } from "../../extensions/checkout-guard/runner/sample-input";
import { KINDS, VALID_DEFINITIONS } from "./support/fixtures";

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

/** Runs the engine the function runs on the document and input variables the admin built. */
function blocks(result: ReturnType<typeof built>, spec: InputSpec): string[] {
  const input = buildInput({
    ...spec,
    config: JSON.parse(result.json),
    productTags: result.inputVariables.productTags,
    collectionIds: result.inputVariables.collectionIds,
  });
  return validationErrors(input as unknown as FunctionInput).map((e) => e.message);
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

  it("turns schedules into clock slots and fills the input variables", () => {
    const rules = [
      scheduled({ kind: "cartQuantity", max: 5 }, "2026-12-20T00:00:00", "2027-01-02T00:00:00"),
      scheduled({ kind: "weight", max: 10, unit: "GRAMS" }, null, "2026-12-20T00:00:00"),
      scheduled({ kind: "distinctLines", max: 3 }, "2030-01-01T00:00:00", null, "inactive"),
      record({ kind: "exclusive", select: { tags: ["Pre-order", "Pre-order"], collections: ["77"] }, other: { collections: ["88"] } }),
      record({ kind: "dependency", select: { tags: ["Batteries"] }, requires: { collections: ["77"] } }),
    ];
    const result = built(rules);
    expect(result.document.clock).toEqual(["2026-12-20T00:00:00", "2027-01-02T00:00:00"]);
    expect(result.document.rules[0]).toMatchObject({ schedule: { start: "2026-12-20T00:00:00", end: "2027-01-02T00:00:00" } });
    expect(result.document.rules[1]).toMatchObject({ schedule: { end: "2026-12-20T00:00:00" } });
    expect(result.inputVariables).toEqual({
      productTags: ["Pre-order", "Batteries"],
      collectionIds: ["gid://shopify/Collection/77", "gid://shopify/Collection/88"],
      scheduleAt0: "2026-12-20T00:00:00",
      scheduleAt1: "2027-01-02T00:00:00",
      scheduleAt2: UNUSED_SCHEDULE_SLOT,
      scheduleAt3: UNUSED_SCHEDULE_SLOT,
      scheduleAt4: UNUSED_SCHEDULE_SLOT,
      scheduleAt5: UNUSED_SCHEDULE_SLOT,
      scheduleAt6: UNUSED_SCHEDULE_SLOT,
      scheduleAt7: UNUSED_SCHEDULE_SLOT,
    });
    expect(built([record(VALID_DEFINITIONS.weight)]).document).not.toHaveProperty("clock");
  });

  it("is what the function enforces: rules, tags and schedules reach the engine", () => {
    const result = built([
      record({ kind: "cartQuantity", min: 2, message: "At least {min} items." }),
      record({ kind: "exclusive", select: { tags: ["Pre-order"] }, message: "Pre-orders ship alone." }),
      scheduled({ kind: "distinctLines", max: 2, message: "Holiday limit." }, "2026-12-20T00:00:00", null),
    ]);
    expect(blocks(result, { lines: [{ quantity: 1 }] })).toEqual(["At least 2 items."]);
    expect(blocks(result, { lines: [{ quantity: 1, product: { tags: ["pre-order"] } }, { quantity: 1 }] })).toEqual(["Pre-orders ship alone."]);
    const threeLines = { lines: [{ quantity: 1 }, { quantity: 1 }, { quantity: 1 }] };
    expect(blocks(result, threeLines)).toEqual([]);
    expect(blocks(result, { ...threeLines, clock: [true] })).toEqual(["Holiday limit."]);
  });

  it("refuses more schedule dates than the function has slots", () => {
    const rules = Array.from({ length: 5 }, (_, i) =>
      scheduled(VALID_DEFINITIONS.cartQuantity, `2026-0${i + 1}-01T00:00:00`, `2026-0${i + 1}-15T00:00:00`),
    );
    const result = buildConfigDocument(rules);
    expect(result).toEqual({ ok: false, errors: { _form: expect.stringMatching(/use 10 different start and end dates; the function can follow at most 8/) } });
    expect(buildConfigDocument(rules.slice(0, 4)).ok).toBe(true);
  });

  it("refuses a document over 10,000 bytes, naming its size and the largest rules", () => {
    const big = (name: string, count: number) =>
      record({ kind: "postalCode", mode: "allow", codes: { DE: Array.from({ length: count }, (_, i) => String(10000 + i)) } }, { name });
    const result = buildConfigDocument([big("Small", 10), big("Germany A", 900), big("Germany B", 900)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors._form).toMatch(
      /^This configuration needs \d{2},\d{3} bytes; Shopify passes at most 10,000 bytes to the function\. Remove or shorten rules \(the largest: “Germany [AB]”, [\d,]+ bytes; “Germany [AB]”, [\d,]+ bytes; “Small”, \d+ bytes\)\.$/,
    );
    // Exactly at the limit is fine; one byte more is not.
    const fits = buildConfigDocument([big("Germany A", 900)]);
    expect(fits.ok && fits.bytes).toBeLessThanOrEqual(10_000);
  });

  it("measures the limit exactly: 10,000 bytes pass, 10,001 do not", () => {
    const rule = (index: number, length: number) =>
      record({ kind: "cartQuantity", min: 1, message: "x".repeat(length) }, { id: `r${String(index).padStart(4, "0")}` });
    // Messages hold at most 500 characters: fill with rules, then pad the last one to the exact size.
    const fill = (target: number) => {
      const rules: RuleRecord[] = [];
      while (built([...rules, rule(rules.length, 250)]).bytes <= target - 200) rules.push(rule(rules.length, 250));
      const withOne = built([...rules, rule(rules.length, 1)]).bytes;
      return [...rules, rule(rules.length, 1 + target - withOne)];
    };
    expect(buildConfigDocument(fill(10_000))).toMatchObject({ ok: true, bytes: 10_000 });
    expect(buildConfigDocument(fill(10_001))).toMatchObject({ ok: false, errors: { _form: expect.stringContaining("needs 10,001 bytes") } });
  });
});
