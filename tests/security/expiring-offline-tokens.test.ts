/**
 * Shopify's security check EXPIRING_OFFLINE_TOKEN, as a test: the app asks for
 * expiring offline tokens (a first request's token exchange sends expiring=1),
 * and its session storage keeps what renews them (expiry, refresh token and its
 * expiry) in both databases' schemas. The refresh path itself is tested in
 * tests/sync/auth.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { authenticate } from "../../app/shopify.server";
import { startAdminApiMock, uniqueShop, type AdminApiMock } from "../support/admin-api-mock";
import { ROOT } from "../support/paths";
import { adminRequest } from "../support/session-token";

let mock: AdminApiMock;
beforeAll(async () => {
  // Shopify from 1 January 2027: non-expiring offline tokens are refused.
  mock = await startAdminApiMock({ rejectNonExpiringTokens: true });
});
afterAll(async () => {
  await mock.close();
});

it("a first request gets an expiring offline token, stored with its refresh token, and it works", async () => {
  const shop = uniqueShop();
  const { admin } = await authenticate.admin(await adminRequest("/app", { shop }));
  const response = await admin.graphql(`query { shop { myshopifyDomain } }`);
  expect((await response.json()).data.shop.myshopifyDomain).toBe(shop);

  const [exchange] = mock.requests.filter((r) => r.shop === shop && r.kind === "token-exchange");
  expect(JSON.parse(exchange.body).expiring).toBe("1");
  const stored = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } });
  expect(stored.expires).toBeInstanceOf(Date);
  expect(stored.refreshToken).toBeTruthy();
  expect(stored.refreshTokenExpires).toBeInstanceOf(Date);
});

it.each(["prisma/schema.prisma", "prisma/postgresql/schema.prisma"])("%s keeps the refresh metadata of a session", (file) => {
  const model = /model Session \{([\s\S]*?)\n\}/.exec(readFileSync(join(ROOT, file), "utf8"))?.[1] ?? "";
  expect(model).toMatch(/^\s*expires\s+DateTime\?/m);
  expect(model).toMatch(/^\s*refreshToken\s+String\?/m);
  expect(model).toMatch(/^\s*refreshTokenExpires\s+DateTime\?/m);
});
