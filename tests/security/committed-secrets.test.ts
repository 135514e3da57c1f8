/**
 * Shopify's security check COMMITTED_SECRET, as a test: no file that is or can be
 * committed (tracked, or untracked and not ignored) holds a credential — an
 * environment or key file, a Shopify token in its recognisable format, a private
 * key, or a secret-named setting with a real-looking value. The made-up values
 * of the tests and of the local demo are the documented exceptions.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/paths";

/** Values that look like secrets on purpose, and where they are documented. */
const LOCAL_DEFAULTS: Record<string, string> = {
  "test-api-secret": "vitest.config.ts: the secret tests sign session tokens and webhooks with",
  "checkout-guard-local-api-secret": "app/server/demo-environment.ts: npm run serve's made-up secret (.env.example), refused by npm start",
  "not-the-app-secret": "tests: a wrong secret, to forge signatures",
};

/** Files that hold credentials by their name; .env.example holds names only (checked below). */
const SECRET_FILE = /^(\.env(\..+)?|secrets\.json|credentials\.json|.*\.pem|.*\.key|id_(rsa|ed25519|ecdsa))$/;

const SHOPIFY_TOKEN = /\bshp(at|ca|pa|ss|ua|rt)_[0-9a-f]{32}\b/i;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const OTHER_TOKENS = /\b(AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|sk_live_[A-Za-z0-9]{16,}|xox[baprs]-[A-Za-z0-9-]{10,})\b/;
/**
 * A secret-named setting (`SHOPIFY_API_SECRET=…`, `apiSecretKey: "…"`) whose value
 * looks generated: 32+ hex digits (the format of Shopify's API secrets) or 32+
 * base64 characters mixing digits and both cases. As Shopify's check, this keys on
 * the value: names with placeholders or made-up words are not credentials.
 */
const SECRET_SETTING = /\b([A-Za-z_]*(secret|password|api_?key|token)[A-Za-z_]*)["']?\s*[:=]\s*["'`]?([A-Za-z0-9+/=_-]{32,})/gi;
const generated = (value: string) =>
  /^[A-Fa-f0-9]{32,}$/.test(value) ||
  (/^[A-Za-z0-9+/]{32,}={0,2}$/.test(value) && (value.match(/[0-9]/g)?.length ?? 0) >= 6 && /[a-z]/.test(value) && /[A-Z]/.test(value));

export interface SecretFinding {
  file: string;
  line: number;
  what: string;
}

export function scanForSecrets(file: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  if (SECRET_FILE.test(basename(file)) && basename(file) !== ".env.example") findings.push({ file, line: 0, what: "a credentials file" });
  text.split("\n").forEach((content, index) => {
    const line = index + 1;
    if (SHOPIFY_TOKEN.test(content)) findings.push({ file, line, what: "a Shopify token" });
    if (PRIVATE_KEY.test(content)) findings.push({ file, line, what: "a private key" });
    if (OTHER_TOKENS.test(content)) findings.push({ file, line, what: "an API token" });
    for (const match of content.matchAll(SECRET_SETTING)) {
      if (generated(match[3]) && !(match[3] in LOCAL_DEFAULTS)) findings.push({ file, line, what: `a value for ${match[1]}` });
    }
  });
  return findings;
}

function committable(): string[] {
  const list = (args: string[]) => execFileSync("git", ["ls-files", "-z", ...args], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  return [...new Set([...list([]), ...list(["--others", "--exclude-standard"])])];
}

describe("no committed secret", () => {
  const files = committable();

  it("looks at the whole repository", () => {
    expect(files).toContain("app/shopify.server.ts");
    expect(files).toContain(".env.example");
    expect(files.length).toBeGreaterThan(100);
  });

  it("no tracked or committable file holds a credential", () => {
    const findings: string[] = [];
    for (const file of files) {
      const path = join(ROOT, file);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue; // deleted in the work tree
      }
      if (!stat.isFile() || stat.size > 5_000_000) continue;
      const buffer = readFileSync(path);
      if (buffer.includes(0)) continue; // binary
      for (const f of scanForSecrets(file, buffer.toString("utf8"))) findings.push(`${f.file}:${f.line} ${f.what}`);
    }
    expect(findings).toEqual([]);
  });

  it(".env.example names what to set and holds no credential", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    expect(example).toMatch(/^SHOPIFY_API_SECRET=$/m);
    expect(example).toMatch(/^SHOPIFY_API_KEY=$/m);
  });

  it(".env files are ignored by git", () => {
    const ignored = execFileSync("git", ["check-ignore", ".env"], { cwd: ROOT, encoding: "utf8" });
    expect(ignored.trim()).toBe(".env");
  });
});

describe("the scan itself", () => {
  // Built at run time, so that this file holds no secret-looking literal.
  const hex = "0123456789abcdef".repeat(2);
  it("finds a Shopify token, a private key, a secret setting and a credentials file", () => {
    const text = [
      `const token = "shp${"at"}_${hex}";`,
      `-----BEGIN ${"RSA PRIVATE"} KEY-----`,
      `SHOPIFY_API_SECRET=${hex}`,
      `  apiSecretKey: "${"Zm9vYmFyYmF6cXV4" + "QUJDREVGR0hJSktMTU5PUDEyMzQ1Njc4OTA"}",`,
      `const refresh_token = "shp${"rt"}_${hex}";`,
    ].join("\n");
    expect(scanForSecrets("app/config.ts", text).map((f) => `${f.line} ${f.what}`)).toEqual([
      "1 a Shopify token",
      "2 a private key",
      "3 a value for SHOPIFY_API_SECRET",
      "4 a value for apiSecretKey",
      "5 a Shopify token",
    ]);
    expect(scanForSecrets(".env.production", "").map((f) => f.what)).toEqual(["a credentials file"]);
    expect(scanForSecrets(".env", "").map((f) => f.what)).toEqual(["a credentials file"]);
  });

  it("lets names, environment reads and the documented made-up values through", () => {
    const text = [
      `apiSecretKey: process.env.SHOPIFY_API_SECRET || "",`,
      `SHOPIFY_API_SECRET=`,
      `const secret = opts.secret ?? env("SHOPIFY_API_SECRET");`,
      `SHOPIFY_API_SECRET: "test-api-secret",`,
      `client_secret: apiSecret(),`,
    ].join("\n");
    expect(scanForSecrets("app/x.ts", text)).toEqual([]);
  });
});
