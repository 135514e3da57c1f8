/**
 * Postal-code lists: "75001" exact, "75*" prefix, "75000..75999" numeric
 * range. Codes are compared upper-cased with white space removed (entries
 * are stored that way: the configuration schema enforces it).
 *
 * A range matches a code whose leading run of digits (the whole code for
 * "75001", "12345" for the US ZIP+4 "12345-6789") has as many digits as the
 * range's bounds (between the shorter and the longer bound) and lies between
 * them, inclusive. "01000..01999" thus matches "01500" but not "1500".
 *
 * The list is scanned once per address, without building any structure: a
 * cart usually has one delivery address, and in QuickJS building a set costs
 * more than one scan.
 */
export function normalizePostalCode(code: string): string {
  return code.replace(/\s+/g, "").toUpperCase();
}

const LEADING_DIGITS = /^\d+/;

// The bounds' lengths are read from the entry before cutting it: a code of another
// length is out of range without slicing, and its value is worked out once per code.
function inRange(entry: string, dots: number, length: number, value: number): boolean {
  const highLength = entry.length - dots - 2;
  const shorter = dots < highLength ? dots : highLength;
  const longer = dots < highLength ? highLength : dots;
  if (length < shorter || length > longer) return false;
  const a = Number(entry.slice(0, dots));
  const b = Number(entry.slice(dots + 2));
  return a <= b ? value >= a && value <= b : value >= b && value <= a;
}

/** Whether `rawCode` is listed in `entries` (exact code, prefix or range). */
export function postalCodeListed(entries: readonly string[], rawCode: string): boolean {
  const code = normalizePostalCode(rawCode);
  if (code === "") return false;
  const digits = LEADING_DIGITS.exec(code)?.[0] ?? null;
  const value = digits === null ? 0 : Number(digits);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === code) return true;
    const last = entry.length - 1;
    if (entry[last] === "*") {
      if (code.startsWith(entry.slice(0, last))) return true;
    } else if (digits !== null && last >= 3) {
      const dots = entry.indexOf("..");
      if (dots > 0 && inRange(entry, dots, digits.length, value)) return true;
    }
  }
  return false;
}
