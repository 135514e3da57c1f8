/**
 * Runs a command with the defaults of .env.example for every variable that is
 * not already set: what Shopify's CLI or the host would otherwise provide.
 * Usage: tsx scripts/with-env-defaults.ts <command> [args…]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export function envDefaults(text: string): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) defaults[match[1]] = match[2];
  }
  return defaults;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const defaults = envDefaults(readFileSync(`${root}/.env.example`, "utf8"));
  const env = { ...defaults, ...process.env };
  for (const [key, value] of Object.entries(process.env)) if (value === "") env[key] = defaults[key] ?? "";
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error("usage: tsx scripts/with-env-defaults.ts <command> [args…]");
    process.exit(2);
  }
  const result = spawnSync(command, args, { stdio: "inherit", env, cwd: root, shell: false });
  process.exit(result.status ?? 1);
}
