/**
 * Shopify's checks DEPRECATED_SCRIPT_TAG_SCOPE and APP_PROXY_UNVERIFIED_SIGNATURE,
 * on the app's configuration: it asks for no script-tag scope, and it has no app
 * proxy (so no proxy request to verify). If either changes, this fails and the
 * check applies again (docs/security-checks.md).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { SCOPES } from "../../app/shopify.server";
import { ROOT } from "../support/paths";

const config = parseToml(readFileSync(join(ROOT, "shopify.app.toml"), "utf8")) as Record<string, any>;

it("asks for write_validations only: no deprecated write_script_tags", () => {
  const scopes = String(config.access_scopes?.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  expect(scopes).toEqual(["write_validations"]);
  expect(SCOPES).toEqual(["write_validations"]);
});

it("has no app proxy, and no route reads app proxy parameters", () => {
  expect(config.app_proxy).toBeUndefined();
  for (const file of readdirSync(join(ROOT, "app/routes"))) {
    const source = readFileSync(join(ROOT, "app/routes", file), "utf8");
    expect(source, file).not.toMatch(/logged_in_customer_id|path_prefix|appProxy/);
  }
});
