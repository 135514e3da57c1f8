/**
 * Each function's message catalog (engine/message-catalog.ts): built and
 * measured with its document (app/models/config-document.server.ts),
 * published in a third `$app:checkout-guard` metafield of its Validation,
 * `messages`, beside `config` and `input-variables`, and read back by the
 * status. When a catalog would not fit Shopify's 10,000 bytes, built-in
 * languages are left out (English and the languages of the rules'
 * translations kept), and the status card says which.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import prisma from "../../app/db.server";
import { unauthenticated } from "../../app/shopify.server";
import { saveRule, type RuleInput } from "../../app/models/rules.server";
import { functionDocuments } from "../../app/models/config-document.server";
import { getSyncStatus, publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { StatusCard, type StatusView } from "../../app/components/StatusCard";
import { ADDRESS_FIELDS, ADDRESS_KINDS, METAFIELD_BYTE_LIMIT, parseConfig, type Config } from "../../extensions/checkout-guard/src/engine/config";
import { CHECKOUT_FUNCTIONS, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import { compileMessages, fitMessages } from "../../extensions/checkout-guard/src/engine/message-catalog";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { seedOfflineSession } from "../support/session-token";

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock.close();
});

async function offlineGraphql(shop: string): Promise<AdminGraphql> {
  await seedOfflineSession(shop);
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as AdminGraphql;
}

async function saved(shop: string, input: RuleInput) {
  const result = await saveRule(shop, input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

async function latestConfig(shop: string): Promise<Config> {
  const row = await prisma.configVersion.findFirstOrThrow({ where: { shop }, orderBy: { version: "desc" } });
  const parsed = parseConfig(JSON.parse(row.document));
  if (!parsed.ok) throw new Error("stored document invalid");
  return parsed.config;
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("the messages metafield of each function's Validation", () => {
  it("is published beside config and input-variables: the catalog of that function's rules, as measured", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"], message: "No {kind} please" } });
    await saved(shop, { name: "Phone", status: "active", definition: { kind: "requiredFields", fields: ["phone"] } });
    await saved(shop, { name: "At most 9", status: "active", definition: { kind: "cartQuantity", max: 9 } });
    const { version } = await saved(shop, { name: "Five kinds at most", status: "active", definition: { kind: "distinctLines", max: 5, message: "Max {max}" } });

    expect(await publishConfiguration(graphql, shop, { sleep: async () => undefined })).toEqual({ ok: true, version });

    const documents = functionDocuments(await latestConfig(shop));
    for (const fn of ["address", "cart"] as CheckoutFunction[]) {
      const [validation] = mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle);
      const published = mock.metafieldValue(shop, validation.id, "messages");
      expect(published, fn).toBe(documents[fn].messagesJson);
      expect(JSON.parse(published!), fn).toEqual(compileMessages(documents[fn].document));
      expect(documents[fn].messageBytes, fn).toBe(bytes(published!));
      expect(documents[fn].droppedLanguages, fn).toEqual([]);
      // The other two are still there.
      expect(mock.metafieldValue(shop, validation.id, "config"), fn).toBe(documents[fn].json);
      expect(mock.metafieldValue(shop, validation.id, "input-variables"), fn).toBe(documents[fn].variablesJson);
    }
    // Only what each function's rules can show: the address function's labels and the phone rule's default…
    const address = JSON.parse(mock.metafieldValue(shop, mock.validationsOf(shop, CHECKOUT_FUNCTIONS.address.handle)[0].id, "messages")!);
    expect(address.en).toContain("\nrequiredFields=");
    expect(address.en).not.toContain("\naddressKind=");
    expect(address.fr).toContain("\nfield.phone=T%C3%A9l%C3%A9phone\n");
    expect(address.fr).toContain("\nkind.poBox=bo%C3%AEte postale\n");
    // …and the cart rule's defaults, none for the rule with its own message.
    const cart = JSON.parse(mock.metafieldValue(shop, mock.validationsOf(shop, CHECKOUT_FUNCTIONS.cart.handle)[0].id, "messages")!);
    expect(cart.de).toContain("\ncartQuantityMax=");
    expect(cart.de).not.toContain("\ndistinctLines=");
    expect(cart.de).not.toContain("field.");

    const status = await getSyncStatus(graphql, shop);
    const address_ = status.functions.find((f) => f.function === "address")!;
    expect(address_.messageBytes).toBe(documents.address.messageBytes);
    expect(address_.droppedLanguages).toEqual([]);
    expect(status.functions.find((f) => f.function === "weight")).toMatchObject({ needed: false, messageBytes: 0, droppedLanguages: [] });
  });

  it("is published again with the document when the rules change", async () => {
    const shop = uniqueShop();
    const graphql = await offlineGraphql(shop);
    await saved(shop, { name: "Phone", status: "active", definition: { kind: "requiredFields", fields: ["phone"] } });
    await publishConfiguration(graphql, shop, { sleep: async () => undefined });
    await saved(shop, { name: "City", status: "active", definition: { kind: "requiredFields", fields: ["city"], message: "{field}?" } });
    await publishConfiguration(graphql, shop, { sleep: async () => undefined });
    const [validation] = mock.validationsOf(shop, CHECKOUT_FUNCTIONS.address.handle);
    const catalog = JSON.parse(mock.metafieldValue(shop, validation.id, "messages")!);
    expect(catalog.it).toContain("\nfield.city=Citt%C3%A0\n");
    expect(catalog.it).toContain("\nfield.phone=Telefono\n");
  });
});

describe("a catalog over the byte limit", () => {
  const config = {
    v: 1,
    rules: [
      { id: "k", kind: "addressKind", block: [...ADDRESS_KINDS] },
      { id: "r", kind: "requiredFields", fields: [...ADDRESS_FIELDS] },
      { id: "n", kind: "streetNumber", message: "Number?", translations: { nl: "Huisnummer?" } },
      { id: "q", kind: "cartQuantity", max: 3 },
    ],
  } as Config;

  it("fits: the address function's catalog leaves out built-in languages from the end, keeping English and the translations' languages", () => {
    const full = functionDocuments(config).address;
    expect(full.droppedLanguages).toEqual([]);
    expect(full.messageBytes).toBeLessThanOrEqual(METAFIELD_BYTE_LIMIT);

    const limit = Math.floor(full.messageBytes * 0.6);
    const documents = functionDocuments(config, { messageByteLimit: limit });
    const address = documents.address;
    expect(address.droppedLanguages).toEqual(["pt", "it", "es"]);
    expect(Object.keys(address.messages)).toEqual(["en", "fr", "de", "nl"]);
    expect(address.messageBytes).toBeLessThanOrEqual(limit);
    expect(address.messageBytes).toBe(bytes(address.messagesJson));
    expect(address.messages).toEqual(fitMessages(address.document, limit).catalog);
    // Each function is fitted on its own: the cart function's small catalog keeps every language.
    expect(documents.cart.droppedLanguages).toEqual([]);
    // The document itself is untouched.
    expect(address.json).toBe(full.json);
  });

  it("is said on the status card, naming the languages left out", () => {
    const view: StatusView = {
      savedVersion: 3,
      inSync: true,
      lastError: null,
      byteLimit: 10_000,
      legacyPending: false,
      functions: [
        {
          function: "address",
          title: CHECKOUT_FUNCTIONS.address.title,
          needed: true,
          ruleCount: 3,
          validationExists: true,
          enabled: true,
          inSync: true,
          syncedVersion: 3,
          syncedAt: "2026-12-03T10:15:00.000Z",
          bytesUsed: 512,
          droppedLanguages: ["pt", "it", "es"],
        },
        {
          function: "cart",
          title: CHECKOUT_FUNCTIONS.cart.title,
          needed: true,
          ruleCount: 1,
          validationExists: true,
          enabled: true,
          inSync: true,
          syncedVersion: 3,
          syncedAt: "2026-12-03T10:15:00.000Z",
          bytesUsed: 100,
          droppedLanguages: [],
        },
      ],
    };
    const text = renderToStaticMarkup(
      <AppProvider i18n={en}>
        <StatusCard status={view} onRetry={() => undefined} retrying={false} />
      </AppProvider>,
    )
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ");
    expect(text).toContain("Built-in messages in Portuguese, Italian, and Spanish are left out");
    expect(text).toContain("buyers in those languages read the English defaults");
    expect(text.match(/Built-in messages in/g)).toHaveLength(1);
  });
});
