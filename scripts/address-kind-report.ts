/**
 * Evaluates the address-kind detector and writes bench/results/address-kinds.json
 * (`npm run report:address-kinds`):
 * - on real address lines (tests/address-kind/real-corpus.tsv: public, independently
 *   labelled sources), separately on the tuning part and on the held-out part that
 *   the patterns were never tuned on (every round-6 source, whole), against
 *   issue #12's goals; a kind with fewer than MIN_SUPPORT_TO_JUDGE lines in a part is
 *   reported as too few to judge, whatever its figures;
 * - on our own corpus (corpus.tsv), written next to the patterns: in-sample figures.
 * Precision, recall and counts per kind and overall, and every misclassified line.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { detectAddressKinds } from "../extensions/checkout-guard/src/engine/address-kind";
import { ADDRESS_KINDS } from "../extensions/checkout-guard/src/engine/config";
import {
  CORPUS_PATH,
  evaluate,
  isTricky,
  loadCorpus,
  loadRealCorpus,
  MIN_SUPPORT_TO_JUDGE,
  REAL_CORPUS_PATH,
  type CorpusEntry,
  type Counts,
  type Evaluation,
} from "../extensions/checkout-guard/tests/address-kind/corpus";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = fileURLToPath(new URL("../bench/results/address-kinds.json", import.meta.url));
const GOAL = { precision: 0.995, recall: 0.97 };

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const rounded = (c: Counts) => ({ ...c, precision: round(c.precision), recall: round(c.recall), f1: round(c.f1) });

function summary(entries: CorpusEntry[], result: Evaluation) {
  return {
    entries: result.entries,
    positives: result.positives,
    negatives: result.negatives,
    trickyNegatives: entries.filter((e) => e.kinds.length === 0 && isTricky(e.text)).length,
    byLanguage: Object.fromEntries(Object.entries(result.byLanguage).sort(([, a], [, b]) => b - a)),
    overall: rounded(result.overall),
    perKind: Object.fromEntries(Object.entries(result.perKind).map(([k, c]) => [k, rounded(c)])),
    exactMatchLines: result.exactMatch,
    falsePositiveLines: result.falsePositiveLines,
    misclassified: result.misclassified,
  };
}

/**
 * Per kind: goal met, not met, met on too few lines to judge (fewer than
 * MIN_SUPPORT_TO_JUDGE of the kind), or nothing to measure (no line of the kind).
 */
const goals = (result: Evaluation) =>
  Object.fromEntries(
    ADDRESS_KINDS.map((k) => {
      const c = result.perKind[k];
      if (c.support === 0 && c.fp === 0) return [k, "no lines"];
      if (c.precision < GOAL.precision || c.recall < GOAL.recall) return [k, "not met"];
      return [k, c.support >= MIN_SUPPORT_TO_JUDGE ? "met" : `too few lines to judge (${c.support} < ${MIN_SUPPORT_TO_JUDGE})`];
    }),
  );

const real = loadRealCorpus();
const tuning = real.entries.filter((e) => !e.heldOut);
const heldOut = real.entries.filter((e) => e.heldOut);
const tuningResult = evaluate(tuning, detectAddressKinds);
const heldOutResult = evaluate(heldOut, detectAddressKinds);
const ours = loadCorpus();
const oursResult = evaluate(ours, detectAddressKinds);

const report = {
  goal: { ...GOAL, minSupportToJudge: MIN_SUPPORT_TO_JUDGE, note: "issue #12: per kind, on real address lines, on both parts" },
  real: {
    corpus: relative(root, REAL_CORPUS_PATH),
    sources: real.sources.length,
    split: "held out: every line of every round-6 source (whole sources); everything else (all round-1 to round-5 lines, including their earlier held-out parts, read once each) is the tuning part",
    sourcesPerRound: Object.fromEntries([1, 2, 3, 4, 5, 6].map((r) => [`round${r}`, real.sources.filter((s) => s.round === r).length])),
    entries: real.entries.length,
    trickyNegativeShare: round(real.entries.filter((e) => e.kinds.length === 0 && isTricky(e.text)).length / real.entries.length),
    tuning: { ...summary(tuning, tuningResult), goals: goals(tuningResult) },
    heldOut: { ...summary(heldOut, heldOutResult), goals: goals(heldOutResult) },
  },
  ours: { corpus: relative(root, CORPUS_PATH), note: "written next to the patterns: in-sample", ...summary(ours, oursResult) },
};

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + "\n");

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + "%";
function print(title: string, entries: CorpusEntry[], result: Evaluation, withGoals: boolean) {
  console.log(`\n${title}: ${result.entries} lines (${result.positives} positive, ${result.negatives} negative), ${Object.keys(result.byLanguage).length} languages`);
  console.log(`kind             precision  recall   tp  fp  fn${withGoals ? "  goal" : ""}`);
  const g = goals(result);
  for (const [k, c] of Object.entries(result.perKind)) {
    console.log(`${k.padEnd(16)} ${pct(c.precision)}    ${pct(c.recall)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}${withGoals ? `  ${g[k]}` : ""}`);
  }
  const o = result.overall;
  console.log(`${"overall".padEnd(16)} ${pct(o.precision)}    ${pct(o.recall)} ${String(o.tp).padStart(4)} ${String(o.fp).padStart(3)} ${String(o.fn).padStart(3)}`);
  for (const m of result.misclassified) {
    const e = entries.find((x) => x.line === m.line);
    const where = e && "source" in e ? ` (${(e as { source: string }).source})` : "";
    console.log(`  miss line ${m.line} [${m.lang}] ${JSON.stringify(m.text)} expected [${m.expected.join(",")}] got [${m.got.join(",")}]${where}`);
  }
}
console.log(`goal per kind: precision ≥ ${GOAL.precision}, recall ≥ ${GOAL.recall}; real corpus: ${real.entries.length} lines from ${real.sources.length} sources`);
print("real, tuning part", tuning, tuningResult, true);
print("real, held-out part (every round-6 source, never tuned on)", heldOut, heldOutResult, true);
print("ours (in-sample)", ours, oursResult, false);
console.log(`\nwrote ${relative(root, out)}`);
