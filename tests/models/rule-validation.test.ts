import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import {
  MAX_RULE_BYTES,
  MAX_TRANSLATIONS,
  checkBudget,
  checkPattern,
  validateDefinition,
  validateRuleInput,
} from "../../app/models/rule-validation.server";
import { KINDS, VALID_DEFINITIONS, ruleInput } from "./support/fixtures";

const errorsOf = async (result: ReturnType<typeof validateRuleInput>) => {
  const settled = await result;
  return settled.ok ? {} : settled.errors;
};
const pattern = (p: string, extra: Record<string, unknown> = {}) =>
  validateRuleInput({ name: "Zip", status: "active", definition: { kind: "fieldPattern", field: "zip", mode: "allow", pattern: p, ...extra } });

describe("rule validation", async () => {
  it("accepts every kind, from a JSON string or an object", async () => {
    for (const kind of KINDS) {
      expect((await validateRuleInput(ruleInput(kind))).ok, kind).toBe(true);
      expect((await validateRuleInput(ruleInput(kind, { definition: VALID_DEFINITIONS[kind] }))).ok, kind).toBe(true);
    }
  });

  it("trims strings and normalises country, currency and postal codes", async () => {
    const result = await validateRuleInput({
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

  it("stores the numeric part of the GIDs Shopify's resource picker returns", async () => {
    const result = await validateDefinition({
      kind: "dependency",
      select: { products: ["gid://shopify/Product/8123456789"], collections: [4412345] },
      requires: { variants: [" gid://shopify/ProductVariant/222 "] },
    });
    expect(result).toEqual({
      ok: true,
      value: { kind: "dependency", select: { products: ["8123456789"], collections: ["4412345"] }, requires: { variants: ["222"] } },
    });
    expect(await validateDefinition({ kind: "exclusive", select: { products: ["gid://shopify/Customer/1"] } })).toMatchObject({
      ok: false,
      errors: { "definition.select.products.0": "Use a numeric Shopify id." },
    });
  });

  it("keys schema errors by form path, with messages for merchants", async () => {
    const errors = await errorsOf(
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
    expect(await errorsOf(validateRuleInput({ name: "n", status: "active", definition: { kind: "teleport" } }))).toEqual({
      "definition.kind": "Choose a rule kind.",
    });
    expect(await errorsOf(validateRuleInput({ name: "n", status: "active", definition: "{not json" }))).toEqual({
      definition: "The rule settings are not valid JSON.",
    });
    expect(await errorsOf(validateRuleInput({ name: "n", status: "active", definition: null }))).toEqual({
      definition: "The rule settings are missing.",
    });
    expect(await errorsOf(validateRuleInput({ name: "n", status: "active", definition: { kind: "weight", max: 3, unit: "STONES" } }))).toEqual({
      "definition.unit": "Choose one of: GRAMS, KILOGRAMS, OUNCES, POUNDS.",
    });
  });

  it("checks what the schema cannot: min ≤ max, something to enforce, ranges in order", async () => {
    const definition = (d: Record<string, unknown>) => errorsOf(validateRuleInput({ name: "n", status: "active", definition: d }));
    expect(await definition({ kind: "cartQuantity" })).toEqual({ "definition.min": "Enter a minimum, a maximum, or both." });
    expect(await definition({ kind: "fieldLength", fields: ["address1"], min: 40, max: 35 })).toEqual({
      "definition.max": "The maximum must be at least the minimum.",
    });
    expect(await definition({ kind: "subtotal", limits: { EUR: { min: 100, max: 50 } } })).toEqual({
      "definition.limits.EUR.max": "The maximum must be at least the minimum.",
    });
    expect(await definition({ kind: "subtotal", limits: {} })).toHaveProperty(["definition.limits"]);
    expect(await definition({ kind: "postalCode", mode: "allow", codes: { FR: ["75999..75000"] } })).toEqual({
      "definition.codes.FR.0": "The range 75999..75000 starts after it ends.",
    });
    expect(await definition({ kind: "destination", mode: "allow" })).toHaveProperty(["definition.countries"]);
    expect(await definition({ kind: "dependency", select: {}, requires: {} })).toEqual({
      "definition.select": expect.any(String),
      "definition.requires": expect.any(String),
    });
    expect(await definition({ kind: "lineQuantity" })).toHaveProperty(["definition.min"]);
    expect(await definition({ kind: "lineQuantity", multiple: 6 })).toEqual({});
  });

  it("requires a schedule for a scheduled rule, in order, as local date-times", async () => {
    const scheduled = (start: unknown, end: unknown) =>
      validateRuleInput(ruleInput("weight", { status: "scheduled", scheduleStart: start, scheduleEnd: end }));
    expect(await errorsOf(scheduled("", ""))).toEqual({ scheduleStart: "A scheduled rule needs a start, an end, or both." });
    expect(await errorsOf(scheduled("2026-12-24T18:00:00", "2026-12-24T18:00:00"))).toEqual({ scheduleEnd: "The end must be after the start." });
    expect(await errorsOf(scheduled("24/12/2026", undefined))).toHaveProperty(["scheduleStart"]);
    expect(await errorsOf(scheduled("2026-02-30T10:00", undefined))).toEqual({ scheduleStart: "This date and time does not exist." });
    // An HTML datetime-local input leaves out the seconds.
    expect(await scheduled("2026-12-24T18:00", null)).toMatchObject({
      ok: true,
      value: { status: "scheduled", scheduleStart: "2026-12-24T18:00:00", scheduleEnd: null },
    });
    expect(await scheduled(undefined, "2027-01-01T00:00:00")).toMatchObject({ ok: true, value: { scheduleEnd: "2027-01-01T00:00:00" } });
  });

  it("ignores an id or schedule inside the definition: they belong to the stored rule", async () => {
    const result = await validateDefinition({ ...VALID_DEFINITIONS.weight, id: "forged", schedule: { start: "2026-01-01T00:00:00" } });
    expect(result).toEqual({ ok: true, value: VALID_DEFINITIONS.weight });
  });
});

describe("field patterns", async () => {
  it.each(["(a+)+$", "(a|a)*$", "(\\w+\\s?)*$", "^(\\d+)*x$"])("refuses the catastrophic pattern %s", async (source) => {
    const errors = await errorsOf(pattern(source));
    expect(errors["definition.pattern"]).toMatch(/^This pattern can take (exponential|polynomial) time on some inputs \(e\.g\. .+\); rewrite it/);
  });

  it("names exponential backtracking as such", async () => {
    expect(await checkPattern("(a+)+$")).toMatch(/exponential time/);
  });

  it("checks with the case-insensitive flag when the rule ignores case", async () => {
    expect(await checkPattern("^(?:[a-z]+|[A-Z]+)*$", true)).toMatch(/time on some inputs/);
  });

  it.each([
    ["(unclosed", /not a valid regular expression/],
    ["[z-a]", /not a valid regular expression/],
    // Valid without flags, invalid with the "u" flag QuickJS compiles with.
    ["\\-", /not a valid regular expression/],
    ["a{2", /not a valid regular expression/],
    ["\\p{Foo}", /not a valid regular expression/],
  ])("refuses %s, which the function cannot compile with the u flag", async (source, message) => {
    expect((await errorsOf(pattern(source)))["definition.pattern"]).toMatch(message);
  });

  it.each(["^\\d{5}$", "^[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}$", "\\bP\\.?O\\.? ?Box\\b", "^\\p{Script=Latin}+$", "^(?!.*\\bbox\\b).*$"])(
    "accepts the ordinary pattern %s",
    async (source) => {
      expect(await pattern(source, { ignoreCase: true })).toMatchObject({ ok: true });
    },
  );

  it("refuses an empty pattern through the schema", async () => {
    expect(await errorsOf(pattern(""))).toEqual({ "definition.pattern": "Enter a pattern." });
  });
});

describe("pattern checks off the event loop", () => {
  // Short, valid, and beyond what recheck can decide in seconds (it times out on each).
  const hostile = (letter: string) => `((${letter}{1,30}){1,30}){1,30}$`;

  it("keeps the event loop free while a hostile pattern is checked, and refuses it within the request's budget", async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const verdict = await checkPattern(hostile(`q${Date.now() % 1000}`), false, checkBudget(1_500));
    const elapsed = performance.now() - started;
    // Let the loop turn once more, so that a stall that lasted until now is recorded.
    await new Promise((resolve) => setTimeout(resolve, 50));
    delay.disable();
    // Refused: found slow, or not judged within the budget.
    expect(verdict).toMatch(/exponential|could not be checked for slow matching in the 1\.5 seconds a save has/);
    expect(elapsed).toBeLessThan(1_500 + 1_000);
    // recheck's synchronous check would hold the loop for the whole 1.5 s.
    expect(delay.max / 1e6).toBeLessThan(500);
  });

  it("spends no time on patterns once the budget is spent, and does not remember that verdict", async () => {
    const budget = checkBudget(0);
    expect(await checkPattern("^\\d{5}-fresh$", false, budget)).toMatch(/could not be checked/);
    expect(await checkPattern("^\\d{5}-fresh$", false)).toBeNull();
  });
});

describe("size caps", () => {
  it(`allows at most ${MAX_TRANSLATIONS} translations per rule`, async () => {
    const languages = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`, "Non."]));
    const rule = (n: number) => validateRuleInput({ name: "n", status: "inactive", definition: { kind: "streetNumber", translations: languages(n) } });
    expect((await rule(MAX_TRANSLATIONS)).ok).toBe(true);
    expect(await errorsOf(rule(MAX_TRANSLATIONS + 1))).toEqual({
      "definition.translations": `At most ${MAX_TRANSLATIONS} translations (one per language); this rule has ${MAX_TRANSLATIONS + 1}.`,
    });
  });

  it(`refuses a rule over ${MAX_RULE_BYTES.toLocaleString("en-US")} bytes, inactive or not`, async () => {
    const codes = (n: number) => Array.from({ length: n }, (_, i) => String(100000000 + i));
    const rule = (n: number) => validateRuleInput({ name: "Many", status: "inactive", definition: { kind: "postalCode", mode: "block", codes: { US: codes(n) } } });
    expect((await rule(700)).ok).toBe(true);
    const errors = await errorsOf(rule(1_000));
    expect(errors._form).toMatch(/^This rule takes 12,\d{3} bytes; a rule can take at most 10,000/);
  });
});
