/**
 * The functions carry no built-in message tables: each reads the templates and
 * labels of its rules from the message catalog its Validation carries
 * (`validation.messages`, engine/message-catalog.ts), which the admin publishes
 * with its document. Loading a function's bytecode costs Shopify's engine ~12
 * instructions per byte at every run; the tables were ~63 kB of it.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { buildFunctionBundle, functionFiles, type FunctionBundle } from "../../runner/build";
import { address, buildFunctionInput, manyLines } from "../../runner/sample-input";
import { runFunction } from "../../runner/wasm-runner";
import { CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../src/engine/functions";
import { fitMessages } from "../../src/engine/message-catalog";
import { ADDRESS_KIND_LABELS, DEFAULT_MESSAGES, FIELD_LABELS } from "../../src/engine/message-tables";

const bundles = {} as Record<CheckoutFunction, FunctionBundle>;
beforeAll(async () => {
  for (const fn of CHECKOUT_FUNCTION_NAMES) bundles[fn] = await buildFunctionBundle({ function: fn, outfile: null });
}, 60_000);

describe("no function bundle holds the built-in message tables", () => {
  test.each(CHECKOUT_FUNCTION_NAMES)("%s", (fn) => {
    const { code } = bundles[fn];
    expect(code).not.toContain("Veuillez");
    for (const table of Object.values(DEFAULT_MESSAGES)) {
      for (const template of Object.values(table)) expect(code, template).not.toContain(template.split("{")[0] || template);
    }
    // Other languages' labels (the English ones are the fallback for a Validation published before catalogs).
    for (const [language, labels] of [...Object.entries(FIELD_LABELS), ...Object.entries(ADDRESS_KIND_LABELS)]) {
      if (language === "en") continue;
      for (const label of Object.values(labels)) {
        const english = [...Object.values(FIELD_LABELS.en), ...Object.values(ADDRESS_KIND_LABELS.en)];
        if (!english.includes(label)) expect(code, `${language}: ${label}`).not.toContain(JSON.stringify(label));
      }
    }
    expect(code).not.toMatch(/message-tables|message-catalog/);
  });
});

describe("each function reads its catalog", () => {
  test.each(CHECKOUT_FUNCTION_NAMES)("%s: its input query selects validation.messages", (fn) => {
    const query = readFileSync(functionFiles(fn).inputQuery, "utf8");
    expect(query).toMatch(
      /validation\s*\{\s*metafield\(namespace: "\$app:checkout-guard", key: "config"\)\s*\{\s*jsonValue\s*\}\s*messages: metafield\(namespace: "\$app:checkout-guard", key: "messages"\)\s*\{\s*jsonValue\s*\}\s*\}/,
    );
  });

  const CASES: Record<CheckoutFunction, { rules: unknown[]; spec: object; french: string; fallback: string }> = {
    address: {
      rules: [{ id: "r", kind: "requiredFields", fields: ["zip"] }],
      spec: { addresses: [address({ zip: null })] },
      french: "Code postal : ce champ est obligatoire.",
      fallback: "Postal code: please check this field.",
    },
    cart: {
      rules: [{ id: "q", kind: "cartQuantity", max: 1 }],
      spec: { lines: manyLines(2) },
      french: "Votre panier peut contenir au maximum 1 articles (actuellement 3).",
      fallback: "Your cart doesn't meet this store's order limits.",
    },
    weight: {
      rules: [{ id: "w", kind: "weight", max: 0.2, unit: "KILOGRAMS" }],
      spec: { lines: manyLines(1) },
      french: "Le poids maximum de commande est de 0,2 kg (actuellement 0,25 kg).",
      fallback: "Your order's weight is outside this store's limits.",
    },
    productsLean: {
      rules: [{ id: "l", kind: "lineQuantity", max: 1 }],
      spec: { lines: [{ quantity: 2, product: { title: "Thé" } }] },
      french: "Thé : la quantité maximale est de 1.",
      fallback: "Thé can't be ordered this way. Please check your cart.",
    },
    products: {
      rules: [{ id: "l", kind: "lineQuantity", max: 1, select: { variants: ["9"] } }],
      spec: { lines: [{ quantity: 2, product: { title: "Thé" }, variantId: 9 }] },
      french: "Thé : la quantité maximale est de 1.",
      fallback: "Thé can't be ordered this way. Please check your cart.",
    },
  };

  const messagesOf = (output: unknown) =>
    (output as { operations: { validationAdd: { errors: { message: string }[] } }[] }).operations[0].validationAdd.errors.map((e) => e.message);

  test.each(CHECKOUT_FUNCTION_NAMES)("%s: the buyer's language from the catalog the admin publishes; without one, the family's English sentence", async (fn) => {
    const { rules, spec, french, fallback } = CASES[fn];
    const config = { v: 1, rules };
    const published = buildFunctionInput(fn, { ...spec, config, language: "FR" });
    expect((published.validation as { messages: unknown }).messages).toEqual({ jsonValue: fitMessages(config).catalog });
    const run = await runFunction(published, { bundle: bundles[fn].code });
    expect(run.error).toBeNull();
    expect(messagesOf(run.output)).toEqual([french]);

    const before = await runFunction(buildFunctionInput(fn, { ...spec, config, language: "FR", messages: null }), { bundle: bundles[fn].code });
    expect(before.error).toBeNull();
    expect(messagesOf(before.output)).toEqual([fallback]);
  });
});
