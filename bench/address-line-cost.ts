/**
 * Cost per address line of address-kind detection on Shopify's engine (issue #12),
 * measured by `npm run bench:function` (or alone: `npm run bench:function -- --address-lines`).
 *
 * The address function runs one address rule on the address1 of D delivery groups,
 * D = 1 and D = 1 + LINES, each group's address1 a distinct real line (so the
 * per-text memo never hits), taken from tests/address-kind/real-corpus.tsv in three
 * classes: plain streets, tricky negatives (Box, Post, Station … streets) and positives.
 * The slope (cost(1 + LINES) − cost(1)) / LINES is the cost of one more address line:
 * - with an address-kind rule (blocking only GoPost, so that no line blocks and no
 *   message is written: detection runs in full whatever the kinds blocked);
 * - with a field-length rule on the same field, which reads the line but detects nothing.
 * Their difference is what detection alone costs per line.
 */
import { address, buildFunctionInput } from "../extensions/checkout-guard/runner/sample-input";
import { CONFIG_VERSION, type Rule } from "../extensions/checkout-guard/src/engine/config";
import { fnv1a, isTricky, loadRealCorpus } from "../extensions/checkout-guard/tests/address-kind/corpus";

/** Lines per class: enough for a stable slope, few enough for a short run. */
export const LINES = 40;

const RULES: Record<"addressKind" | "readOnly", Rule> = {
  addressKind: { id: "kind", kind: "addressKind", block: ["gopost"], fields: ["address1"] },
  readOnly: { id: "len", kind: "fieldLength", fields: ["address1"], max: 1000 },
};

export type LineClass = "plain" | "trickyNegative" | "positive";

/** 1 + LINES lines of each class, the same on every run (ordered by hash of the text). */
export function addressLineSamples(): Record<LineClass, string[]> {
  const { entries } = loadRealCorpus();
  const byHash = [...entries].sort((a, b) => fnv1a(a.text) - fnv1a(b.text));
  const pick = (test: (e: (typeof entries)[number]) => boolean) => byHash.filter(test).slice(0, LINES + 1).map((e) => e.text);
  return {
    plain: pick((e) => e.kinds.length === 0 && !isTricky(e.text)),
    trickyNegative: pick((e) => e.kinds.length === 0 && isTricky(e.text)),
    positive: pick((e) => e.kinds.length > 0 && !e.kinds.includes("gopost")),
  };
}

const input = (lines: string[], rule: Rule) => {
  const config = { v: CONFIG_VERSION, rules: [rule] };
  return buildFunctionInput("address", { step: "CHECKOUT_COMPLETION", config, addresses: lines.map((address1) => address({ address1 })) });
};

export interface AddressLineCost {
  lines: number;
  engine: string;
  /** Per class: instructions of one more address line with each rule, and their difference. */
  perLine: Record<LineClass, { withAddressKindRule: number; withReadOnlyRule: number; detection: number }>;
}

/** `run` measures one input on the address bundle (Shopify's engine, or the calibrated stand-in). */
export async function measureAddressLineCost(run: (input: unknown) => Promise<number>, engine: string): Promise<AddressLineCost> {
  const samples = addressLineSamples();
  const perLine = {} as AddressLineCost["perLine"];
  for (const cls of Object.keys(samples) as LineClass[]) {
    const lines = samples[cls];
    const slope = async (rule: Rule) => {
      const one = await run(input(lines.slice(0, 1), rule));
      const many = await run(input(lines, rule));
      return Math.round((many - one) / LINES);
    };
    const withAddressKindRule = await slope(RULES.addressKind);
    const withReadOnlyRule = await slope(RULES.readOnly);
    perLine[cls] = { withAddressKindRule, withReadOnlyRule, detection: withAddressKindRule - withReadOnlyRule };
  }
  return { lines: LINES, engine, perLine };
}

