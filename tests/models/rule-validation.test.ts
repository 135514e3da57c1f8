import { describe, expect, it } from "vitest";
import { checkPattern, validateDefinition, validateRuleInput } from "../../app/models/rule-validation.server";
import { KINDS, VALID_DEFINITIONS, ruleInput } from "./support/fixtures";

const errorsOf = (result: ReturnType<typeof validateRuleInput>) => (result.ok ? {} : result.errors);
const pattern = (p: string, extra: Record<string, unknown> = {}) =>
  validateRuleInput({ name: "Zip", status: "active", definition: { kind: "fieldPattern", field: "zip", mode: "allow", pattern: p, ...extra } });

describe("rule validation", () => {
  it("accepts every kind, from a JSON string or an object", () => {
    for (const kind of KINDS) {
      expect(validateRuleInput(ruleInput(kind)).ok, kind).toBe(true);
      expect(validateRuleInput(ruleInput(kind, { definition: VALID_DEFINITIONS[kind] })).ok, kind).toBe(true);
    }
  });

  it("trims strings and normalises country, currency and postal codes", () => {
    const result = validateRuleInput({
      name: "  Islands  ",
      status: " active ",
      definition: {
        kind: "postalCode",
        mode: "block",
        codes: { fr: ["20 000", "97 1*"] },
        countries: { codes: ["fr"] },
        message: "  Not here.  ",
        translations: { fr: " Pas ici. " },
      },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Islands",
        kind: "postalCode",
        status: "active",
        scheduleStart: null,
        scheduleEnd: null,
        definition: {
          kind: "postalCode",
          mode: "block",
          codes: { FR: ["20000", "971*"] },
          countries: { codes: ["FR"] },
          message: "Not here.",
          translations: { fr: "Pas ici." },
        },
      },
    });
  });

  it("stores the numeric part of the GIDs Shopify's resource picker returns", () => {
    const result = validateDefinition({
      kind: "dependency",
      select: { products: ["gid://shopify/Product/8123456789"], collections: [4412345] },
      requires: { variants: [" gid://shopify/ProductVariant/222 "] },
    });
    expect(result).toEqual({
      ok: true,
      value: { kind: "dependency", select: { products: ["8123456789"], collections: ["4412345"] }, requires: { variants: ["222"] } },
    });
    expect(validateDefinition({ kind: "exclusive", select: { products: ["gid://shopify/Customer/1"] } })).toMatchObject({
      ok: false,
      errors: { "definition.select.products.0": "Use a numeric Shopify id." },
    });
  });

  it("keys schema errors by form path, with messages for merchants", () => {
    const errors = errorsOf(
      validateRuleInput({
        name: "x".repeat(101),
        status: "active",
        definition: { kind: "lineQuantity", min: "5", multiple: 0, colour: "red", translations: { FR: "Bonjour" } },
      }),
    );
    expect(errors).toEqual({
      name: "At most 100 characters.",
      "definition.min": "Enter a number.",
      "definition.multiple": "Must be 1 or more.",
      "definition.colour": 'Unknown setting "colour".',
      "definition.translations.FR": "Use a language code such as fr or pt-br.",
    });
    expect(errorsOf(validateRuleInput({ name: "n", status: "active", definition: { kind: "teleport" } }))).toEqual({
      "definition.kind": "Choose a rule kind.",
    });
    expect(errorsOf(validateRuleInput({ name: "n", status: "active", definition: "{not json" }))).toEqual({
      definition: "The rule settings are not valid JSON.",
    });
    expect(errorsOf(validateRuleInput({ name: "n", status: "active", definition: null }))).toEqual({
      definition: "The rule settings are missing.",
    });
    expect(errorsOf(validateRuleInput({ name: "n", status: "active", definition: { kind: "weight", max: 3, unit: "STONES" } }))).toEqual({
      "definition.unit": "Choose one of: GRAMS, KILOGRAMS, OUNCES, POUNDS.",
    });
  });

  it("checks what the schema cannot: min ≤ max, something to enforce, ranges in order", () => {
    const definition = (d: Record<string, unknown>) => errorsOf(validateRuleInput({ name: "n", status: "active", definition: d }));
    expect(definition({ kind: "cartQuantity" })).toEqual({ "definition.min": "Enter a minimum, a maximum, or both." });
    expect(definition({ kind: "fieldLength", fields: ["address1"], min: 40, max: 35 })).toEqual({
      "definition.max": "The maximum must be at least the minimum.",
    });
    expect(definition({ kind: "subtotal", limits: { EUR: { min: 100, max: 50 } } })).toEqual({
      "definition.limits.EUR.max": "The maximum must be at least the minimum.",
    });
    expect(definition({ kind: "subtotal", limits: {} })).toHaveProperty(["definition.limits"]);
    expect(definition({ kind: "postalCode", mode: "allow", codes: { FR: ["75999..75000"] } })).toEqual({
      "definition.codes.FR.0": "The range 75999..75000 starts after it ends.",
    });
    expect(definition({ kind: "destination", mode: "allow" })).toHaveProperty(["definition.countries"]);
    expect(definition({ kind: "dependency", select: {}, requires: {} })).toEqual({
      "definition.select": expect.any(String),
      "definition.requires": expect.any(String),
    });
    expect(definition({ kind: "lineQuantity" })).toHaveProperty(["definition.min"]);
    expect(definition({ kind: "lineQuantity", multiple: 6 })).toEqual({});
  });

  it("requires a schedule for a scheduled rule, in order, as local date-times", () => {
    const scheduled = (start: unknown, end: unknown) =>
      validateRuleInput(ruleInput("weight", { status: "scheduled", scheduleStart: start, scheduleEnd: end }));
    expect(errorsOf(scheduled("", ""))).toEqual({ scheduleStart: "A scheduled rule needs a start, an end, or both." });
    expect(errorsOf(scheduled("2026-12-24T18:00:00", "2026-12-24T18:00:00"))).toEqual({ scheduleEnd: "The end must be after the start." });
    expect(errorsOf(scheduled("24/12/2026", undefined))).toHaveProperty(["scheduleStart"]);
    expect(errorsOf(scheduled("2026-02-30T10:00", undefined))).toEqual({ scheduleStart: "This date and time does not exist." });
    // An HTML datetime-local input leaves out the seconds.
    expect(scheduled("2026-12-24T18:00", null)).toMatchObject({
      ok: true,
      value: { status: "scheduled", scheduleStart: "2026-12-24T18:00:00", scheduleEnd: null },
    });
    expect(scheduled(undefined, "2027-01-01T00:00:00")).toMatchObject({ ok: true, value: { scheduleEnd: "2027-01-01T00:00:00" } });
  });

  it("ignores an id or schedule inside the definition: they belong to the stored rule", () => {
    const result = validateDefinition({ ...VALID_DEFINITIONS.weight, id: "forged", schedule: { start: "2026-01-01T00:00:00" } });
    expect(result).toEqual({ ok: true, value: VALID_DEFINITIONS.weight });
  });
});

describe("field patterns", () => {
  it.each(["(a+)+$", "(a|a)*$", "(\\w+\\s?)*$", "^(\\d+)*x$"])("refuses the catastrophic pattern %s", (source) => {
    const errors = errorsOf(pattern(source));
    expect(errors["definition.pattern"]).toMatch(/^This pattern can take (exponential|polynomial) time on some inputs \(e\.g\. .+\); rewrite it/);
  });

  it("names exponential backtracking as such", () => {
    expect(checkPattern("(a+)+$")).toMatch(/exponential time/);
  });

  it("checks with the case-insensitive flag when the rule ignores case", () => {
    expect(checkPattern("^(?:[a-z]+|[A-Z]+)*$", true)).toMatch(/time on some inputs/);
  });

  it.each([
    ["(unclosed", /not a valid regular expression/],
    ["[z-a]", /not a valid regular expression/],
    // Valid without flags, invalid with the "u" flag QuickJS compiles with.
    ["\\-", /not a valid regular expression/],
    ["a{2", /not a valid regular expression/],
    ["\\p{Foo}", /not a valid regular expression/],
  ])("refuses %s, which the function cannot compile with the u flag", (source, message) => {
    expect(errorsOf(pattern(source))["definition.pattern"]).toMatch(message);
  });

  it.each(["^\\d{5}$", "^[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}$", "\\bP\\.?O\\.? ?Box\\b", "^\\p{Script=Latin}+$", "^(?!.*\\bbox\\b).*$"])(
    "accepts the ordinary pattern %s",
    (source) => {
      expect(pattern(source, { ignoreCase: true })).toMatchObject({ ok: true });
    },
  );

  it("refuses an empty pattern through the schema", () => {
    expect(errorsOf(pattern(""))).toEqual({ "definition.pattern": "Enter a pattern." });
  });
});
