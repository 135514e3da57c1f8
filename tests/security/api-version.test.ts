/**
 * Shopify's security check EOL_API_VERSION, as a test: every Admin API version
 * the app declares (ApiVersion in app/shopify.server.ts, api_version in
 * shopify.app.toml and in each extension's toml) is one the installed library
 * knows, and is still within Shopify's support window: 12 months from its
 * release (versions come out quarterly, on the first of January, April, July
 * and October) plus a 30-day grace period. The test runs on today's date, so it
 * starts failing when a version reaches its end of life: that is its purpose.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { ApiVersion } from "@shopify/shopify-api";
import { apiVersion } from "../../app/shopify.server";
import { ROOT } from "../support/paths";

const DAY = 24 * 3600 * 1000;
const GRACE_DAYS = 30;

/** When a stable version (YYYY-MM) stops being served: release + 12 months + 30 days. */
export function endOfLife(version: string): Date {
  const match = /^(\d{4})-(01|04|07|10)$/.exec(version);
  if (!match) throw new Error(`"${version}" is not a stable API version (YYYY-01, -04, -07 or -10)`);
  return new Date(Date.UTC(Number(match[1]) + 1, Number(match[2]) - 1, 1) + GRACE_DAYS * DAY);
}

/** Every `api_version` in a toml document, wherever it is. */
function tomlVersions(value: unknown, path: string[] = []): [string, string][] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    key === "api_version" && typeof v === "string" ? [[[...path, key].join("."), v] as [string, string]] : tomlVersions(v, [...path, key]),
  );
}

function declaredVersions(): [string, string][] {
  const tomls = ["shopify.app.toml", ...readdirSync(join(ROOT, "extensions")).map((d) => `extensions/${d}/shopify.extension.toml`)];
  return [
    ["app/shopify.server.ts apiVersion", apiVersion as string],
    ...tomls
      .filter((file) => existsSync(join(ROOT, file)))
      .flatMap((file) => tomlVersions(parseToml(readFileSync(join(ROOT, file), "utf8"))).map(([key, v]) => [`${file} ${key}`, v] as [string, string])),
  ];
}

describe("no end-of-life API version", () => {
  const declared = declaredVersions();
  const known = new Set<string>(Object.values(ApiVersion));

  it("reads the app's version and every toml's", () => {
    expect(declared.map(([where]) => where)).toEqual(
      expect.arrayContaining(["app/shopify.server.ts apiVersion", "shopify.app.toml webhooks.api_version", "extensions/checkout-guard-address/shopify.extension.toml api_version"]),
    );
  });

  it.each(declared)("%s (%s) is a stable version the library knows, still supported today", (_where, version) => {
    expect(version).not.toBe("unstable");
    expect(known.has(version)).toBe(true);
    expect(endOfLife(version).getTime()).toBeGreaterThan(Date.now());
  });

  it("computes Shopify's support window", () => {
    // Shopify's own example: 2024-01 is past its window.
    expect(endOfLife("2024-01").toISOString().slice(0, 10)).toBe("2025-01-31");
    expect(endOfLife("2026-04").toISOString().slice(0, 10)).toBe("2027-05-01");
    expect(() => endOfLife("2026-05")).toThrow(/not a stable API version/);
  });
});
