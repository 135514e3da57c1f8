/**
 * Shopify's security check MISSING_TENANT_ISOLATION, as a test: every Prisma
 * query the app's server code sends (app/models, app/shopify-sync and the rest
 * of app/, generated clients aside) is found with the TypeScript parser and
 * must be scoped to one shop (tests/security/prisma-queries.ts says what that
 * means). The exceptions are listed with the reason; one that disappears must
 * leave the list too, so the list stays true.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "../../app/generated/prisma/sqlite/client";
import { analyzePrismaQueries, type QueryFinding } from "./prisma-queries";
import { ROOT } from "../support/paths";

const MODELS = Object.values(Prisma.ModelName);

/** Queries not filtered by shop, and why each is safe. Keyed "file: query". */
const UNSCOPED: Record<string, string> = {
  "app/session-storage.server.ts: session.upsert":
    "Stores the session Shopify just issued, by its id: `offline_<shop>` of the shop the session token or webhook HMAC proved (the library's own storage does the same).",
  "app/routes/healthz.tsx: $queryRaw": "SELECT 1 for the load balancer: reads no table.",
  "app/models/rules.server.ts: rule.findMany":
    "An import keeping its rule ids asks whether an id is taken in any shop (ids are primary keys across shops), selecting the id alone.",
  "app/shopify-sync/migrate-validations.server.ts: session.findMany":
    "npm run migrate:validations, run by the operator after a deploy, lists the installed shops (their domains) to republish each one with its own session.",
  "app/webhooks.server.ts: webhookDelivery.deleteMany":
    "PRIVACY.md's retention: delivery records of every shop older than 7 days are deleted, by date.",
  "app/webhooks.server.ts: webhookDelivery.findFirst":
    "The retention's look-up before that deleteMany (whether any record is past 7 days), so that most webhooks take no write lock for it.",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("every Prisma query of the app is scoped to one shop", () => {
  const files = sourceFiles(join(ROOT, "app"));
  const results = files.map((path) => analyzePrismaQueries(relative(ROOT, path), readFileSync(path, "utf8"), MODELS));
  const findings = results.flatMap((r) => r.findings);
  const key = (f: QueryFinding) => `${f.file}: ${f.query}`;

  it("finds the queries of the models, the sync and the routes", () => {
    const queried = (dir: string) => results.filter((r, i) => files[i].includes(`/app/${dir}/`)).reduce((n, r) => n + r.queries, 0);
    expect(queried("models")).toBeGreaterThan(20);
    expect(queried("shopify-sync")).toBeGreaterThan(5);
    expect(queried("routes")).toBeGreaterThan(0);
  });

  it("has no query that is not filtered by shop, beyond the listed exceptions", () => {
    const unexplained = findings.filter((f) => !(key(f) in UNSCOPED)).map((f) => `${f.file}:${f.line} ${f.query}: ${f.reason}`);
    expect(unexplained).toEqual([]);
  });

  it("lists no exception that is not in the code any more", () => {
    const found = new Set(findings.map(key));
    expect(Object.keys(UNSCOPED).filter((k) => !found.has(k))).toEqual([]);
  });
});

describe("the analysis itself", () => {
  const check = (source: string) => analyzePrismaQueries("fixture.ts", source, MODELS).findings.map((f) => `${f.query}: ${f.reason}`);

  it("flags what Shopify's example flags: a row selected by id alone", () => {
    expect(check(`export const load = (id: string) => prisma.rule.findUnique({ where: { id } });`)).toEqual([
      "rule.findUnique: its where does not pin shop",
    ]);
  });

  it("flags queries without where, creates without shop, unscoped upserts and raw SQL", () => {
    expect(
      check(`
        await db.rule.findMany();
        await db.configVersion.deleteMany({ where: { version: { lt: 3 } } });
        await tx.rule.create({ data: { name, position } });
        await db.functionSync.upsert({ where: { id }, create: { id }, update: {} });
        await db.$queryRaw\`SELECT * FROM "Rule"\`;
        await db.rule.count({ where: { OR: [{ shop }, { id }] } });
      `),
    ).toEqual([
      "rule.findMany: its where does not pin shop",
      "configVersion.deleteMany: its where does not pin shop",
      "rule.create: its data does not set shop",
      "functionSync.upsert: its where does not pin shop; its create does not set shop",
      "$queryRaw: its SQL does not name shop",
      "rule.count: its where does not pin shop",
    ]);
  });

  it("accepts shop in the where, through a variable, a spread, a compound key, AND; and in created data", () => {
    expect(
      check(`
        await db.rule.findFirst({ where: { id, shop } });
        const where = { shop: session.shop, status: "active" };
        await db.rule.findMany({ where, orderBy: { position: "asc" } });
        const base = { shop };
        await db.rule.updateMany({ where: { ...base, id: { in: ids } }, data: { status } });
        await db.functionSync.upsert({ where: { shop_function: { shop, function: fn } }, create: { shop, function: fn }, update: {} });
        await db.rule.deleteMany({ where: { AND: [{ shop }, { id }] } });
        await tx.rule.createMany({ data: rules.map((r) => ({ ...r, shop })) });
        await db.$executeRaw\`DELETE FROM "Rule" WHERE shop = \${shop}\`;
      `),
    ).toEqual([]);
  });
});
