/**
 * The detector on real address lines (real-corpus.tsv, issue #12): public,
 * independently labelled data, each line with its source. The patterns were
 * tuned on the tuning part only; the held-out part (every round-6 source, whole
 * sources) measures them on sources whose lines nobody looked at while writing them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectAddressKinds } from "../../src/engine/address-kind";
import { ADDRESS_KINDS, type AddressKind } from "../../src/engine/config";
import { evaluate, fnv1a, HELD_OUT_ROUND, isHeldOut, isTricky, loadRealCorpus, MIN_SUPPORT_TO_JUDGE } from "./corpus";

const { sources, entries } = loadRealCorpus();
const tuning = entries.filter((e) => !e.heldOut);
const heldOut = entries.filter((e) => e.heldOut);

/** Issue #12's goals, per kind that has lines in the part. */
const GOAL = { precision: 0.995, recall: 0.97 };

/**
 * Held-out shortfalls, stated rather than hidden: these goals are not met (see
 * docs/address-kinds.md, "Current figures", for the misses). The test of each
 * is expected to fail; when a change meets one, vitest reports it and it moves
 * to the tests that must pass.
 */
const HELD_OUT_SHORTFALLS = new Map<AddressKind, string>([
  // round 6's held-out part, read once after its lines and rule were committed (docs/address-kinds.md)
  [
    "military",
    "recall 0.77 on the IRS's 2022 and 2024 APO/FPO organizations: 'Unit nnnn' alone (9, also a condo unit's line on a civil address), a unit after an installation's or unit's name ('MCB CAMP S D BUTLER UNIT 35023', 'HHB 210 FA BDE UNIT 15564': 5), a unit with a building, a USS without box or hull number",
  ],
]);

/**
 * Tuning-part shortfalls, stated likewise: round 5's held-out misses (read once) are
 * tuning lines now; the patterns were tuned on the ones a line can tell (OPC, CMR with
 * a letter, PSC Box n, the old "APO 205"), and these remain (docs/address-kinds.md).
 */
const TUNING_SHORTFALLS = new Map<AddressKind, string>([
  [
    "military",
    "recall 0.88: 'Unit nnnn' alone (8 lines; civil addresses write a condo unit so too: only the city, state or ZIP tells) and a unit with a building instead of a box ('18 FSS UNIT 5135 BLDG 859')",
  ],
]);

describe("real corpus: provenance", () => {
  it("every line names a source with a repository@commit:path or URL and how it was labelled", () => {
    const known = new Map(sources.map((s) => [s.key, s]));
    for (const e of entries) {
      const s = known.get(e.source);
      expect(s, `line ${e.line}`).toBeDefined();
      expect(s!.location).toMatch(/^(?:[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S+|https?:\/\/\S+)$/);
      expect(s!.labelling.length).toBeGreaterThan(20);
      expect(e.locator.trim(), `line ${e.line}`).not.toBe("");
    }
  });

  it("refuses a line without a known source, and a source without a location", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "real-corpus-"));
    const header = "#source\tx\towner/repo@" + "a".repeat(40) + ":data.txt\tlabelled by the source's own field\n";
    const file = (name: string, body: string) => {
      const p = path.join(dir, name);
      writeFileSync(p, body);
      return p;
    };
    expect(() => loadRealCorpus(file("ok.tsv", `${header}en\tpoBox\tPO Box 1\tx\tline 1\n`))).not.toThrow();
    expect(() => loadRealCorpus(file("unknown.tsv", `${header}en\tpoBox\tPO Box 1\ty\tline 1\n`))).toThrow(/unknown source/);
    expect(() => loadRealCorpus(file("nosource.tsv", `${header}en\tpoBox\tPO Box 1\n`))).toThrow(/5 tab-separated/);
    expect(() => loadRealCorpus(file("noloc.tsv", "#source\tx\tsomewhere\tlabelled\nen\t-\tMain St 1\tx\tline 1\n"))).toThrow(/repository@commit:path or URL/);
    expect(() => loadRealCorpus(file("badround.tsv", `${header.trimEnd()}\tround 7\nen\tpoBox\tPO Box 1\tx\tline 1\n`))).toThrow(/"round 2", "round 3", "round 4", "round 5" or "round 6"/);
    expect(() => loadRealCorpus(file("protoround.tsv", `${header.trimEnd()}\tconstructor\nen\tpoBox\tPO Box 1\tx\tline 1\n`))).toThrow(/"round 6"/);
    expect(loadRealCorpus(file("round4.tsv", `${header.trimEnd()}\tround 4\nen\tpoBox\tPO Box 1\tx\tline 1\n`)).sources[0].round).toBe(4);
    expect(loadRealCorpus(file("round5.tsv", `${header.trimEnd()}\tround 5\nen\tpoBox\tPO Box 1\tx\tline 1\n`)).entries[0].heldOut).toBe(false);
    expect(loadRealCorpus(file("round6.tsv", `${header.trimEnd()}\tround 6\nen\tpoBox\tPO Box 1\tx\tline 1\n`)).entries[0].heldOut).toBe(true);
  });

  it("has no duplicate lines", () => {
    const texts = entries.map((e) => e.text);
    expect(texts.length - new Set(texts).size).toBe(0);
  });
});

describe("real corpus: composition", () => {
  it("hundreds of lines, many languages, at least 40% tricky negatives", () => {
    expect(entries.length).toBeGreaterThanOrEqual(500);
    expect(new Set(entries.map((e) => e.lang)).size).toBeGreaterThanOrEqual(10);
    const trickyNegatives = entries.filter((e) => e.kinds.length === 0 && isTricky(e.text)).length;
    expect(trickyNegatives / entries.length).toBeGreaterThanOrEqual(0.4);
    expect(entries.filter((e) => e.kinds.length > 0).length).toBeGreaterThanOrEqual(150);
  });

  it("holds out every round-6 source, whole, chosen by its round alone", () => {
    expect(HELD_OUT_ROUND).toBe(6);
    const round6 = entries.filter((e) => e.round === 6);
    expect(round6.length).toBeGreaterThan(0);
    // every round-6 line is held out; rounds 1 to 5 (whose held-out parts had been looked at) are all tuning now
    for (const e of entries) expect(e.heldOut).toBe(e.round === 6);
    expect(heldOut.length).toBe(round6.length);
    // no source has lines in both parts
    const partOf = new Map<string, boolean>();
    for (const e of entries) {
      if (partOf.has(e.source)) expect(partOf.get(e.source), e.source).toBe(e.heldOut);
      partOf.set(e.source, e.heldOut);
    }
    // the rule looks at the round only, not at the key
    expect(isHeldOut("a", 6)).toBe(true);
    expect(isHeldOut("b", 6)).toBe(true);
    expect(isHeldOut("a", 5)).toBe(false);
    expect(isHeldOut("a", 4)).toBe(false);
    expect(isHeldOut("a", 1)).toBe(false);
    // FNV-1a's published test vectors: round 4's split and round 5's sampling used it, the same on any machine
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
  });

  it("the tricky-word test tells street words from plain lines", () => {
    for (const t of ["45 Boxwood Lane", "9 Post Road", "12 Rue du Camp Bas", "Station Road 3", "Unit 4, 2 High St"]) expect(isTricky(t), t).toBe(true);
    for (const t of ["1600 Pennsylvania Ave NW", "Linienstraße 40", "Kattenburgerplein 1"]) expect(isTricky(t), t).toBe(false);
  });
});

describe("real corpus: the goals", () => {
  const parts = { tuning, heldOut } as const;
  for (const [part, lines] of Object.entries(parts)) {
    const result = evaluate(lines, detectAddressKinds);
    for (const kind of ADDRESS_KINDS) {
      const c = result.perKind[kind];
      if (c.support === 0 && c.fp === 0) continue; // no line of this kind in the part: nothing to measure
      const shortfall = (part === "heldOut" ? HELD_OUT_SHORTFALLS : TUNING_SHORTFALLS).get(kind);
      const test = shortfall ? it.fails : it;
      // a kind with few lines in the part passes or fails on one line: the title says so
      const thin = c.support < MIN_SUPPORT_TO_JUDGE ? ` (only ${c.support} line${c.support === 1 ? "" : "s"}: too few to judge)` : "";
      test(`${part}: ${kind} precision ≥ ${GOAL.precision} and recall ≥ ${GOAL.recall}${thin}${shortfall ? ` (known shortfall: ${shortfall})` : ""}`, () => {
        expect(c.precision, `${kind} precision`).toBeGreaterThanOrEqual(GOAL.precision);
        expect(c.recall, `${kind} recall`).toBeGreaterThanOrEqual(GOAL.recall);
      });
    }
  }

  it("held-out errors are the ones documented, no more", () => {
    const misses = evaluate(heldOut, detectAddressKinds).misclassified.map((m) => m.text).sort();
    const documented = readFileSync(new URL("../../../../docs/address-kinds.md", import.meta.url), "utf8");
    for (const text of misses) expect(documented, `held-out miss ${JSON.stringify(text)} is not listed in docs/address-kinds.md`).toContain(`\`${text}\``);
    // round 6's held-out misses, all listed in the docs: 16 military lines
    expect(misses.length).toBeLessThanOrEqual(16);
  });
});
