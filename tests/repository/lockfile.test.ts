/**
 * `npm ci` (what CI and the Docker image run) installs exactly the lock, so the
 * lock must hold every platform's optional binaries (esbuild, rollup, libsql…),
 * not only those of the machine that last wrote it: else `npm ci` refuses it on
 * another platform, and `npm install` rewrites it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/paths";

type LockPackage = { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { lockfileVersion: number; packages: Record<string, LockPackage> };
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as LockPackage;

/** Where Node would find `name` from the package at `from` (its own node_modules, then each parent's). */
function resolve(from: string, name: string): string | null {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (!base) return null;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent >= 0 ? base.slice(0, parent) : "";
  }
}

describe("package-lock.json", () => {
  it("is a lockfile npm ci accepts (version 3) and records package.json's dependencies as they are", () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[""];
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });

  it("holds every optional dependency of every package, for every platform", () => {
    const missing: string[] = [];
    let platformBinaries = 0;
    for (const [at, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (/^@(esbuild|rollup|libsql)\//.test(name)) platformBinaries++;
        if (!resolve(at, name)) missing.push(`${at || "(root)"} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(platformBinaries).toBeGreaterThan(40);
    for (const platform of ["linux-x64", "linux-arm64", "darwin-arm64", "darwin-x64", "win32-x64"]) {
      expect(Object.keys(lock.packages).some((key) => key.endsWith(`@esbuild/${platform}`)), `esbuild for ${platform}`).toBe(true);
    }
  });
});
