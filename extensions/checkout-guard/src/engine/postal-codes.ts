/**
 * Postal-code lists: "75001" exact, "75*" prefix, "75000..75999" numeric
 * range. Codes are compared upper-cased with white space removed.
 *
 * A range matches a code whose leading run of digits (the whole code for
 * "75001", "12345" for the US ZIP+4 "12345-6789") has as many digits as the
 * range's bounds (between the shorter and the longer bound) and lies between
 * them, inclusive. "01000..01999" thus matches "01500" but not "1500".
 */
export interface PostalList {
  exact: Set<string>;
  prefixes: string[];
  ranges: { low: number; high: number; minDigits: number; maxDigits: number }[];
}

export function normalizePostalCode(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

export function compilePostalList(entries: readonly string[]): PostalList {
  const list: PostalList = { exact: new Set(), prefixes: [], ranges: [] };
  for (const raw of entries) {
    const entry = normalizePostalCode(raw);
    const range = /^(\d+)\.\.(\d+)$/.exec(entry);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      list.ranges.push({
        low: Math.min(a, b),
        high: Math.max(a, b),
        minDigits: Math.min(range[1].length, range[2].length),
        maxDigits: Math.max(range[1].length, range[2].length),
      });
    } else if (entry.endsWith("*")) {
      list.prefixes.push(entry.slice(0, -1));
    } else if (entry !== "") {
      list.exact.add(entry);
    }
  }
  return list;
}

export function postalListHas(list: PostalList, rawCode: string): boolean {
  const code = normalizePostalCode(rawCode);
  if (code === "") return false;
  if (list.exact.has(code)) return true;
  for (const prefix of list.prefixes) if (code.startsWith(prefix)) return true;
  if (list.ranges.length > 0) {
    const digits = /^\d+/.exec(code)?.[0];
    if (digits) {
      const value = Number(digits);
      for (const r of list.ranges) {
        if (digits.length >= r.minDigits && digits.length <= r.maxDigits && value >= r.low && value <= r.high) return true;
      }
    }
  }
  return false;
}
