/**
 * Evaluates the address-kind detector on the labelled corpus and writes
 * bench/results/address-kinds.json (precision, recall, counts per kind and
 * overall, and every misclassified line). `npm run report:address-kinds`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { detectAddressKinds } from "../extensions/checkout-guard/src/engine/address-kind";
import { CORPUS_PATH, evaluate, loadCorpus } from "../extensions/checkout-guard/tests/address-kind/corpus";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = fileURLToPath(new URL("../bench/results/address-kinds.json", import.meta.url));

const entries = loadCorpus();
const result = evaluate(entries, detectAddressKinds);
const round = (x: number) => Math.round(x * 10_000) / 10_000;

const report = {
  corpus: relative(root, CORPUS_PATH),
  entries: result.entries,
  positives: result.positives,
  negatives: result.negatives,
  byLanguage: Object.fromEntries(Object.entries(result.byLanguage).sort(([, a], [, b]) => b - a)),
  overall: { ...result.overall, precision: round(result.overall.precision), recall: round(result.overall.recall), f1: round(result.overall.f1) },
  perKind: Object.fromEntries(
    Object.entries(result.perKind).map(([k, c]) => [k, { ...c, precision: round(c.precision), recall: round(c.recall), f1: round(c.f1) }]),
  ),
  exactMatchLines: result.exactMatch,
  falsePositiveLines: result.falsePositiveLines,
  misclassified: result.misclassified,
};

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + "\n");

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + "%";
console.log(`address kinds: ${result.entries} lines (${result.positives} positive, ${result.negatives} negative), ${Object.keys(result.byLanguage).length} languages`);
console.log("kind             precision  recall   tp  fp  fn");
for (const [k, c] of Object.entries(result.perKind)) {
  console.log(`${k.padEnd(16)} ${pct(c.precision)}    ${pct(c.recall)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`);
}
const o = result.overall;
console.log(`${"overall".padEnd(16)} ${pct(o.precision)}    ${pct(o.recall)} ${String(o.tp).padStart(4)} ${String(o.fp).padStart(3)} ${String(o.fn).padStart(3)}`);
console.log(`exact-match lines: ${result.exactMatch}/${result.entries}; false-positive lines among negatives: ${result.falsePositiveLines}`);
for (const m of result.misclassified) {
  console.log(`  miss corpus.tsv:${m.line} [${m.lang}] ${JSON.stringify(m.text)} expected [${m.expected.join(",")}] got [${m.got.join(",")}]`);
}
console.log(`wrote ${relative(root, out)}`);
