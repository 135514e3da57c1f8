/**
 * The Docker image as the template builds it (Dockerfile): Node 24, `npm ci`
 * from the lock, the build made in the image, `npm run docker-start` (setup,
 * then the production server, which refuses to start without real secrets),
 * and no secret or local database baked in. These machines cannot pull a base
 * image, so the image itself is built where Docker Hub is reachable.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/paths";

const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
const dockerignore = readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n");
const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const instructions = dockerfile.split("\n").filter((line) => line.trim() && !line.startsWith("#"));

describe("Dockerfile", () => {
  it("builds on Node 24 from the lock and starts with the template's docker-start", () => {
    expect(instructions[0]).toMatch(/^FROM node:24[-.\w]*$/);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(instructions.at(-1)).toBe('CMD ["npm", "run", "docker-start"]');
    expect(scripts["docker-start"]).toBe("npm run setup && npm run start");
    // The production server, with the Node flags npm start passes (e.g. V8's young generation cap: docs/load.md).
    expect(scripts.start).toMatch(/^tsx (--[a-z-]+=\S+ )*app\/server\/production\.ts$/);
    expect(dockerfile).toMatch(/ENV NODE_ENV=production/);
  });

  it("copies every workspace's package.json before npm ci (else npm ci refuses the lock)", () => {
    const workspaces = readdirExtensions();
    for (const workspace of workspaces) expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
  });

  it("bakes in no secret, no local database and no development files", () => {
    expect(dockerfile).not.toMatch(/SHOPIFY_API_SECRET\s*=|ENV SHOPIFY_API_SECRET|ARG SHOPIFY_API_SECRET/);
    for (const ignored of [".env", "node_modules", "prisma/*.sqlite*", "build", ".git"]) expect(dockerignore).toContain(ignored);
  });
});

function readdirExtensions(): string[] {
  const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
  return Object.keys(lock.packages).filter((key) => key.startsWith("extensions/"));
}
