/**
 * The persistence behaviour every database must show, registered once for
 * SQLite (tests/models/rules.test.ts) and once for PostgreSQL
 * (tests/models/postgresql.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { Database } from "../../../app/db.server";
import {
  deleteRules,
  duplicateRule,
  exportRuleSet,
  getRule,
  importRuleSet,
  listRules,
  reorderRules,
  saveRule,
  setRulesStatus,
  versionOf,
  type RuleRecord,
  type Saved,
} from "../../../app/models/rules.server";
import { getVersion, listVersions, restoreVersion } from "../../../app/models/history.server";
import { parseConfig } from "../../../extensions/checkout-guard/src/engine/config";
import { KINDS, VALID_DEFINITIONS, ruleInput } from "./fixtures";

let shops = 0;
const newShop = (name: string) => `${name}-${++shops}-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;

export function saved<T>(result: Saved<T>): T {
  if (!result.ok) throw new Error(`expected a successful save, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

export function ruleStoreScenarios(getDb: () => Database) {
  const counts = async (shop: string) => {
    const db = getDb();
    return { rules: await db.rule.count({ where: { shop } }), versions: await db.configVersion.count({ where: { shop } }) };
  };

  describe("saving", () => {
    it("saves every rule kind with a valid definition, one version per save", async () => {
      const db = getDb();
      const shop = newShop("kinds");
      for (const [i, kind] of KINDS.entries()) {
        const result = await saveRule(shop, ruleInput(kind), undefined, db);
        expect(result, kind).toMatchObject({ ok: true, version: i + 1 });
        const rule = saved(result);
        expect(rule).toMatchObject({ kind, name: `${kind} rule`, status: "active", position: i, scheduleStart: null, scheduleEnd: null });
        expect(rule.definition).toEqual(VALID_DEFINITIONS[kind]);
      }
      const rules = await listRules(shop, db);
      expect(rules.map((r) => r.kind)).toEqual(KINDS);
      const latest = await getVersion(shop, KINDS.length, db);
      const document = parseConfig(JSON.parse(latest!.document));
      expect(document.ok).toBe(true);
      if (document.ok) expect(document.config.rules.map((r) => r.id)).toEqual(rules.map((r) => r.id));
    });

    it("refuses invalid fields at their form paths and saves nothing", async () => {
      const db = getDb();
      const shop = newShop("invalid");
      const result = await saveRule(
        shop,
        {
          name: "   ",
          status: "sometimes",
          definition: { kind: "cartQuantity", min: 10, max: 2, translations: { fr: "  " } },
        },
        undefined,
        db,
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(Object.keys(result.errors).sort()).toEqual(["definition.max", "definition.translations.fr", "name", "status"]);
      expect(await counts(shop)).toEqual({ rules: 0, versions: 0 });
    });

    it("updates a rule in place, and an invalid update leaves it as it was", async () => {
      const db = getDb();
      const shop = newShop("update");
      const rule = saved(await saveRule(shop, ruleInput("cartQuantity"), undefined, db));
      const updated = await saveRule(shop, ruleInput("weight", { name: "Heavy" }), rule.id, db);
      expect(updated).toMatchObject({ ok: true, version: 2, value: { id: rule.id, kind: "weight", name: "Heavy" } });
      const refused = await saveRule(shop, { name: "Heavy", status: "active", definition: { kind: "weight", unit: "STONES" } }, rule.id, db);
      expect(refused.ok).toBe(false);
      expect(await getRule(shop, rule.id, db)).toMatchObject({ kind: "weight", definition: VALID_DEFINITIONS.weight });
      expect((await counts(shop)).versions).toBe(2);
    });

    it("refuses a save that makes a function's document too big, naming the function and the size, and saves nothing", async () => {
      const db = getDb();
      const shop = newShop("budget");
      const codes = Array.from({ length: 900 }, (_, i) => String(10000 + i * 7));
      saved(await saveRule(shop, { name: "Corsica", status: "active", definition: { kind: "postalCode", mode: "block", codes: { FR: codes } } }, undefined, db));
      const before = await counts(shop);
      const more = Array.from({ length: 900 }, (_, i) => String(20000 + i * 7));
      const result = await saveRule(shop, { name: "Islands", status: "active", definition: { kind: "postalCode", mode: "block", codes: { IT: more } } }, undefined, db);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors._form).toMatch(/^The address rules need \d{2},\d{3} bytes; Shopify passes at most 10,000 bytes to each checkout function\./);
      expect(result.errors._form).toContain("“Islands”");
      expect(await counts(shop)).toEqual(before);
      // The same rule, inactive, is not in the document: it can be kept.
      expect((await saveRule(shop, { name: "Islands", status: "inactive", definition: { kind: "postalCode", mode: "block", codes: { IT: more } } }, undefined, db)).ok).toBe(true);
    });
  });

  describe("concurrency", () => {
    it("gives concurrent saves of a shop distinct versions, each with every rule saved before it", async () => {
      const db = getDb();
      const shop = newShop("concurrent");
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => saveRule(shop, ruleInput("cartQuantity", { name: `Rule ${i}` }), undefined, db)),
      );
      expect(results.map((r) => r.ok && r.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      const versions = await listVersions(shop, db);
      // Each version's snapshot has one rule more than the one before: no save was lost.
      for (const summary of versions) expect(summary.ruleCount).toBe(summary.version);
      expect((await listRules(shop, db)).map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });

  describe("optimistic edits", () => {
    it("applies a change made from the current version and refuses one from a stale version, keeping the first", async () => {
      const db = getDb();
      const shop = newShop("stale");
      const rule = saved(await saveRule(shop, ruleInput("cartQuantity", { name: "Limits" }), undefined, db));
      const loaded = versionOf(rule);
      const first = saved(await saveRule(shop, ruleInput("cartQuantity", { name: "First edit" }), rule.id, db, { expected: loaded }));
      expect(versionOf(first) > loaded).toBe(true);
      const before = await counts(shop);

      const second = await saveRule(shop, ruleInput("weight", { name: "Second edit" }), rule.id, db, { expected: loaded });
      expect(second).toMatchObject({
        ok: false,
        conflict: { ruleId: rule.id, comparedWith: "loaded", currentVersion: versionOf(first), changes: [{ field: "name", before: "Limits", now: "First edit" }] },
      });
      expect(await getRule(shop, rule.id, db)).toMatchObject({ name: "First edit", kind: "cartQuantity" });
      expect(await counts(shop)).toEqual(before);

      // Status changes and deletions from a stale list are refused the same way.
      expect(await setRulesStatus(shop, [rule.id], "inactive", db, { [rule.id]: loaded })).toMatchObject({ ok: false, conflict: { ruleId: rule.id } });
      expect(await deleteRules(shop, [rule.id], db, { [rule.id]: loaded })).toMatchObject({ ok: false, conflict: { ruleId: rule.id } });
      expect(await getRule(shop, rule.id, db)).toMatchObject({ name: "First edit", status: "active" });
      expect(await counts(shop)).toEqual(before);
      saved(await setRulesStatus(shop, [rule.id], "inactive", db, { [rule.id]: versionOf(first) }));
    });

    it("lets exactly one of simultaneous saves from the same version win (a conditional update, not read-then-write)", async () => {
      const db = getDb();
      const shop = newShop("race");
      const rule = saved(await saveRule(shop, ruleInput("cartQuantity"), undefined, db));
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => saveRule(shop, ruleInput("cartQuantity", { name: `Edit ${i}` }), rule.id, db, { expected: versionOf(rule) })),
      );
      const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) if (!r.ok) expect(r.conflict?.changes.map((c) => c.field)).toEqual(["name"]);
      expect((await getRule(shop, rule.id, db))!.name).toBe(`Edit ${winners[0]}`);
      expect((await counts(shop)).versions).toBe(2);
    });
  });

  describe("list operations", () => {
    it("deletes, sets statuses, duplicates and reorders, keeping positions 0..n-1", async () => {
      const db = getDb();
      const shop = newShop("ops");
      const [a, b, c] = [
        saved(await saveRule(shop, ruleInput("cartQuantity", { name: "A" }), undefined, db)),
        saved(await saveRule(shop, ruleInput("weight", { name: "B" }), undefined, db)),
        saved(await saveRule(shop, ruleInput("subtotal", { name: "C" }), undefined, db)),
      ];
      const copy = await duplicateRule(shop, a.id, db);
      expect(copy).toMatchObject({ ok: true, version: 4, value: { name: "Copy of A", status: "inactive", position: 1, kind: "cartQuantity" } });
      expect((await listRules(shop, db)).map((r) => r.name)).toEqual(["A", "Copy of A", "B", "C"]);

      const deleted = saved(await deleteRules(shop, [b.id], db));
      expect(deleted.map((r) => [r.name, r.position])).toEqual([["A", 0], ["Copy of A", 1], ["C", 2]]);

      const inactive = saved(await setRulesStatus(shop, [a.id, c.id], "inactive", db));
      expect(inactive.map((r) => r.status)).toEqual(["inactive", "inactive", "inactive"]);
      const scheduled = await setRulesStatus(shop, [a.id], "scheduled", db);
      expect(scheduled).toMatchObject({ ok: false, errors: { _form: expect.stringContaining("“A”") } });

      const copyId = saved(copy).id;
      const reordered = saved(await reorderRules(shop, [c.id, a.id, copyId], db));
      expect(reordered.map((r) => [r.name, r.position])).toEqual([["C", 0], ["A", 1], ["Copy of A", 2]]);
      expect((await reorderRules(shop, [c.id, a.id], db)).ok).toBe(false);
      expect((await reorderRules(shop, [c.id, a.id, a.id], db)).ok).toBe(false);
      expect((await listVersions(shop, db)).map((v) => v.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    });
  });

  describe("shop isolation", () => {
    it("gives shop B no way to read or change shop A's rules, by any id", async () => {
      const db = getDb();
      const shopA = newShop("a");
      const shopB = newShop("b");
      const ruleA = saved(await saveRule(shopA, ruleInput("cartQuantity", { name: "A's rule" }), undefined, db));
      saved(await saveRule(shopA, ruleInput("subtotal", { name: "A's second rule" }), undefined, db));
      const ruleB = saved(await saveRule(shopB, ruleInput("weight", { name: "B's rule" }), undefined, db));
      const snapshot = async () => ({ rules: await listRules(shopA, db), versions: await listVersions(shopA, db) });
      const before = await snapshot();
      const notFound = { ok: false, errors: { _form: "Rule not found" } };

      expect(await getRule(shopB, ruleA.id, db)).toBeNull();
      expect(await saveRule(shopB, ruleInput("weight", { name: "Hijacked" }), ruleA.id, db)).toEqual(notFound);
      expect(await deleteRules(shopB, [ruleA.id], db)).toEqual(notFound);
      expect(await deleteRules(shopB, [ruleB.id, ruleA.id], db)).toEqual(notFound);
      expect(await setRulesStatus(shopB, [ruleA.id], "inactive", db)).toEqual(notFound);
      expect(await duplicateRule(shopB, ruleA.id, db)).toEqual(notFound);
      expect(await reorderRules(shopB, [ruleA.id], db)).toEqual(notFound);
      expect(await reorderRules(shopB, [ruleA.id, ruleB.id], db)).toEqual(notFound);
      expect((await exportRuleSet(shopB, db)).rules.map((r) => r.name)).toEqual(["B's rule"]);
      expect(await getVersion(shopB, 1, db)).toMatchObject({ rules: [{ name: "B's rule" }] });
      expect(await restoreVersion(shopB, 2, db)).toMatchObject({ ok: false });

      expect(await snapshot()).toEqual(before);
      expect((await listRules(shopB, db)).map((r) => r.name)).toEqual(["B's rule"]);
      expect((await listVersions(shopB, db)).length).toBe(1);
    });
  });

  describe("history and import", () => {
    it("records each version's rules and document, and restores one as a new version", async () => {
      const db = getDb();
      const shop = newShop("history");
      const first = saved(await saveRule(shop, ruleInput("cartQuantity", { name: "First" }), undefined, db));
      saved(await saveRule(shop, ruleInput("weight", { name: "Second", status: "inactive" }), undefined, db));
      saved(await deleteRules(shop, [first.id], db));

      const v2 = await getVersion(shop, 2, db);
      expect(v2!.rules.map((r) => [r.name, r.status])).toEqual([["First", "active"], ["Second", "inactive"]]);
      expect(JSON.parse(v2!.document).rules.map((r: { id: string }) => r.id)).toEqual([first.id]);
      expect(v2).toMatchObject({ ruleCount: 2, enforcedCount: 1 });

      const restored = await restoreVersion(shop, 2, db);
      expect(restored).toMatchObject({ ok: true, version: 4 });
      const rules = await listRules(shop, db);
      expect(rules.map((r) => r.name)).toEqual(["First", "Second"]);
      // The restored rule keeps its id, so links to it still work.
      expect(rules[0].id).toBe(first.id);
      expect((await getVersion(shop, 4, db))!.document).toBe(v2!.document);
      expect(await restoreVersion(shop, 99, db)).toMatchObject({ ok: false });
    });

    it("exports and imports a rule set, all or nothing", async () => {
      const db = getDb();
      const shop = newShop("export");
      for (const kind of KINDS) saved(await saveRule(shop, ruleInput(kind), undefined, db));
      saved(
        await saveRule(
          shop,
          ruleInput("weight", { name: "Holidays", status: "scheduled", scheduleStart: "2026-12-20T00:00", scheduleEnd: "2027-01-02T00:00:00" }),
          undefined,
          db,
        ),
      );
      const exported = await exportRuleSet(shop, db);
      expect(exported).toMatchObject({ format: "checkout-guard.rules", version: 1 });
      expect(exported.rules.at(-1)).toMatchObject({ status: "scheduled", scheduleStart: "2026-12-20T00:00:00", scheduleEnd: "2027-01-02T00:00:00" });

      const target = newShop("import");
      saved(await saveRule(target, ruleInput("distinctLines", { name: "Existing" }), undefined, db));
      const appended = await importRuleSet(target, JSON.stringify(exported), { mode: "append" }, db);
      expect(appended).toMatchObject({ ok: true });
      expect((await listRules(target, db)).map((r) => r.name)).toEqual(["Existing", ...exported.rules.map((r) => r.name)]);

      const replaced = saved(await importRuleSet(target, exported, { mode: "replace" }, db));
      expect(replaced.length).toBe(exported.rules.length);
      const reexported = await exportRuleSet(target, db);
      expect(reexported.rules).toEqual(exported.rules);

      const versions = (await listVersions(target, db)).length;
      const broken = structuredClone(exported) as { rules: { definition: Record<string, unknown>; name: unknown }[] };
      broken.rules[2].definition.min = -1;
      broken.rules[5].name = "";
      const refused = await importRuleSet(target, broken, { mode: "replace" }, db);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.errors).toMatchObject({ "rules.2.definition.min": expect.any(String), "rules.5.name": expect.any(String) });
        expect(refused.errors._form).toMatch(/^2 of 17 rules are not valid/);
      }
      expect((await listRules(target, db)).map((r) => r.name)).toEqual(exported.rules.map((r) => r.name));
      expect((await listVersions(target, db)).length).toBe(versions);
    });
  });
}

export type { RuleRecord };
