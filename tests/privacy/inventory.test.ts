/**
 * PRIVACY.md, "Data we store", lists exactly the tables and columns of the
 * database: no column is stored without being declared, and none is declared
 * that does not exist. Checked against both the schema file and the generated
 * client's data model (what the running app actually uses).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { allModels } from "../../app/models/shop-data.server";
import { ROOT } from "../support/paths";

const privacy = readFileSync(`${ROOT}/PRIVACY.md`, "utf8");

/** `Model.column` of every row of the table in the "Data we store" section. */
function declaredColumns(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((s) => /^\d+\.\s+Data we store/.test(s));
  if (!section) throw new Error('PRIVACY.md has no "Data we store" section');
  return [...section.matchAll(/^\|\s*`([A-Za-z]+\.[A-Za-z]+)`\s*\|\s*(.*?)\s*\|\s*$/gm)].map((m) => {
    if (!m[2]) throw new Error(`${m[1]}: no purpose given`);
    return m[1];
  });
}

/** `Model.column` of every scalar field of every model in a schema.prisma. */
function schemaColumns(schema: string): string[] {
  const columns: string[] = [];
  for (const [, model, body] of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of body.split("\n")) {
      const field = line.trim().match(/^(\w+)\s+(\w+)/);
      if (field && !line.trim().startsWith("//") && !line.trim().startsWith("@@")) columns.push(`${model}.${field[1]}`);
    }
  }
  return columns;
}

describe("PRIVACY.md data inventory", () => {
  const declared = declaredColumns(privacy);

  it("declares each column once", () => {
    expect(declared.length).toBeGreaterThan(0);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it("equals prisma/schema.prisma, column for column", () => {
    const schema = schemaColumns(readFileSync(`${ROOT}/prisma/schema.prisma`, "utf8"));
    expect([...declared].sort()).toEqual([...schema].sort());
  });

  it("equals the PostgreSQL schema too", () => {
    const schema = schemaColumns(readFileSync(`${ROOT}/prisma/postgresql/schema.prisma`, "utf8"));
    expect([...declared].sort()).toEqual([...schema].sort());
  });

  it("equals the data model of the generated client the app runs with", () => {
    const runtime = allModels(prisma).flatMap((model) => model.columns.map((column) => `${model.name}.${column}`));
    expect([...declared].sort()).toEqual([...runtime].sort());
  });

  it("has the last-updated date at the top", () => {
    expect(privacy.split("\n").slice(0, 5).join("\n")).toMatch(/Last updated: 2026-12-03/);
  });

  it("names the publisher, the contact, the host and the supervisory authority", () => {
    for (const fact of [
      "Jonathan VARELA",
      "62 Rue de Dampierre, 17400 Saint-Jean-d'Angély",
      "la.forge.des.j@gmail.com",
      "HOSTINGER, UAB",
      "Švitrigailos str. 34, LT-03230 Vilnius",
      "CNIL",
      "write_validations",
    ]) {
      expect(privacy).toContain(fact);
    }
  });

  it("documents every compliance webhook the app subscribes to", () => {
    for (const topic of ["app/uninstalled", "app/scopes_update", "shop/redact", "customers/data_request", "customers/redact"]) {
      expect(privacy).toContain(`\`${topic}\``);
    }
  });
});
