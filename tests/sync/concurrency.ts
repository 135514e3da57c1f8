/**
 * What the concurrent-publish suites check, on whichever database the app's
 * client opens (SQLite in concurrent-publish.test.ts, PostgreSQL in
 * concurrent-publish-postgres.test.ts): publishes racing each other, through
 * the sync and through the home page's Retry, end with exactly one Validation
 * per checkout function; an extra Validation of ours is shown and removed.
 */
import { expect } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import prisma, { type Database } from "../../app/db.server";
import { unauthenticated } from "../../app/shopify.server";
import { saveRule, type RuleInput } from "../../app/models/rules.server";
import { publishConfiguration, type AdminGraphql } from "../../app/shopify-sync/sync.server";
import { StatusCard } from "../../app/components/StatusCard";
import * as index from "../../app/routes/app._index";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";
import { CART_FUNCTION, type AdminApiMock } from "../support/admin-api-mock";
import { call, form, newShop } from "../admin/helpers";

export const noPoBoxes: RuleInput = { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } };
export const cartMax = (max: number): RuleInput => ({ name: `At most ${max} items`, status: "active", definition: { kind: "cartQuantity", max } });

export async function saved(shop: string, input: RuleInput, db: Database = prisma) {
  const result = await saveRule(shop, input, undefined, db);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** The Admin API client the app gets outside a request (the shop's offline session). */
export async function offlineGraphql(shop: string): Promise<AdminGraphql> {
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as AdminGraphql;
}

/**
 * Exactly one Validation per function with rules (none for the others), the
 * one FunctionSync names, holding the latest version; and the publishes left
 * no claim behind.
 */
export async function expectOneValidationPerFunction(mock: AdminApiMock, shop: string, needed: CheckoutFunction[], db: Database = prisma) {
  const latest = await db.configVersion.findFirstOrThrow({ where: { shop }, orderBy: { version: "desc" } });
  const rows = await db.functionSync.findMany({ where: { shop } });
  for (const fn of CHECKOUT_FUNCTION_NAMES) {
    const validations = mock.validationsOf(shop, CHECKOUT_FUNCTIONS[fn].handle);
    const row = rows.find((r) => r.function === fn);
    if (needed.includes(fn)) {
      expect(validations.map((v) => v.id), fn).toHaveLength(1);
      expect(row, fn).toMatchObject({ validationId: validations[0].id, syncedVersion: latest.version });
      const published = JSON.parse(mock.metafieldValue(shop, validations[0].id, "config")!);
      expect(published.rules.length, fn).toBeGreaterThan(0);
    } else {
      expect(validations, fn).toEqual([]);
    }
  }
  expect(mock.state(shop).validations.size).toBe(needed.length);
  expect(await db.publishClaim.count({ where: { shop } })).toBe(0);
}

const creates = (mock: AdminApiMock, shop: string) => mock.graphqlRequests("validationCreate").filter((r) => r.shop === shop && r.status === 200);

/** `n` publishes of one shop at once, spread over the given clients (one per app instance). */
export async function parallelPublishes(mock: AdminApiMock, instances: Database[], n: number) {
  const shop = await newShop("race");
  await saved(shop, noPoBoxes, instances[0]);
  const { version } = await saved(shop, cartMax(9), instances[0]);
  const graphql = await offlineGraphql(shop);

  const outcomes = await Promise.all(
    Array.from({ length: n }, (_, i) => publishConfiguration(graphql, shop, { db: instances[i % instances.length], sleep: async () => {} })),
  );

  expect(outcomes).toEqual(Array.from({ length: n }, () => ({ ok: true, version })));
  await expectOneValidationPerFunction(mock, shop, ["address", "cart"], instances[0]);
  // Created once each: the later publishes found them, none made a second one to delete.
  expect(creates(mock, shop)).toHaveLength(2);
  expect(mock.graphqlRequests("validationDelete").filter((r) => r.shop === shop)).toEqual([]);
}

/** `n` clicks on "Retry publishing" at once, through the home page's action. */
export async function parallelRetries(mock: AdminApiMock, n: number) {
  const shop = await newShop("retry-race");
  await saved(shop, noPoBoxes);
  await saved(shop, cartMax(9));

  const results = await Promise.all(Array.from({ length: n }, () => call(index, "action", "/app", { shop, body: form({ intent: "retry" }) })));

  for (const result of results) expect(result.data).toMatchObject({ intent: "retry", ok: true, sync: { ok: true } });
  await expectOneValidationPerFunction(mock, shop, ["address", "cart"]);
  expect(creates(mock, shop)).toHaveLength(2);
}

/** The status card's text, as the home page renders it from its loader's data. */
export function statusCardText(status: Parameters<typeof StatusCard>[0]["status"]): string {
  const html = renderToStaticMarkup(
    createElement(AppProvider, { i18n: en }, createElement(StatusCard, { status, onRetry: () => undefined, onRemoveExtras: () => undefined, retrying: false, removing: false })),
  );
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/\b(Success|Critical|Warning|Attention|Info) (?=\S)/g, "");
}

/**
 * A Validation of our cart function that is not the stored one (left by a
 * race before this fix, or by hand): the home page shows it, with what it
 * still enforces, and its button removes it and only it.
 */
export async function orphanShownAndRemoved(mock: AdminApiMock) {
  const shop = await newShop("orphan");
  await saved(shop, cartMax(9));
  expect((await call(index, "action", "/app", { shop, body: form({ intent: "retry" }) })).data.sync).toMatchObject({ ok: true });
  const [stored] = mock.validationsOf(shop, CART_FUNCTION.handle);
  const orphan = mock.seedValidation(shop, CART_FUNCTION, { metafields: { config: JSON.stringify({ v: 1, rules: [] }) } });

  const page = await call(index, "loader", "/app", { shop });
  expect(page.data.status.extraValidations).toEqual([
    { id: orphan.id, function: "cart", title: CHECKOUT_FUNCTIONS.cart.title, enabled: true },
  ]);
  expect(page.data.status.inSync).toBe(false);
  const text = statusCardText(page.data.status);
  expect(text).toContain(`Another validation of “${CHECKOUT_FUNCTIONS.cart.title}” (${orphan.id}, on) runs at checkout besides the one the app publishes to`);
  expect(text).toContain("Remove extra validations");

  const removed = await call(index, "action", "/app", { shop, body: form({ intent: "removeExtras" }) });
  expect(removed.data).toMatchObject({ intent: "removeExtras", ok: true, sync: { ok: true } });
  expect(mock.validationsOf(shop, CART_FUNCTION.handle).map((v) => v.id)).toEqual([stored.id]);
  const after = await call(index, "loader", "/app", { shop });
  expect(after.data.status).toMatchObject({ extraValidations: [], inSync: true });
  expect(statusCardText(after.data.status)).not.toContain("Remove extra validations");
}
