/**
 * Postal-code lists imported from a spreadsheet: rows of "country,code" (with
 * or without a header; comma, semicolon or tab), or one code per line for a
 * country chosen in the editor. Codes are normalised as the function compares
 * them (upper-cased, spaces removed) and checked with the rule schema's syntax:
 * exact "75001", prefix "75*", numeric range "75000..75999".
 */
import Papa from "papaparse";
import type { FieldErrors } from "./rule-validation.server";
import { t } from "../i18n.server";

export type PostalCodeCsvResult =
  | { ok: true; codes: Record<string, string[]> }
  | { ok: false; errors: FieldErrors };

/** A rule's list holds at most 1,000 entries per country (the schema's list limit). */
export const MAX_CODES_PER_COUNTRY = 1_000;
export const MAX_CSV_BYTES = 512 * 1024;
export const MAX_CSV_ROWS = 20_000;

const COUNTRY = /^[A-Z]{2}$/;
const ENTRY = /^(?:[A-Z0-9-]{1,12}\*?|\d{1,10}\.\.\d{1,10})$/;
const COUNTRY_HEADERS = ["country", "countrycode", "country_code", "pays", "land", "pais", "país", "paese"];
const CODE_HEADERS = ["code", "postalcode", "postal_code", "postcode", "zip", "zipcode", "zip_code", "cp", "plz", "cap"];

/**
 * Parses the CSV text. `country` is used for rows that have a code only.
 * Bad rows are reported by line number (1-based, as a spreadsheet shows them).
 */
export function parsePostalCodeCsv(csvText: string, country?: string): PostalCodeCsvResult {
  if (typeof csvText !== "string" || csvText.trim() === "") {
    return { ok: false, errors: { _form: t("server.csv.empty") } };
  }
  if (Buffer.byteLength(csvText, "utf8") > MAX_CSV_BYTES) {
    return { ok: false, errors: { _form: t("server.csv.tooLarge", { kb: MAX_CSV_BYTES / 1024 }) } };
  }
  const fallbackCountry = country?.trim().toUpperCase() || undefined;
  if (fallbackCountry !== undefined && !COUNTRY.test(fallbackCountry)) {
    return { ok: false, errors: { country: t("server.engine.countryCode") } };
  }

  const text = csvText.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", delimitersToGuess: [",", ";", "\t", "|"] });
  const rows = parsed.data.map((row) => row.map((cell) => String(cell ?? "").trim()));
  if (rows.length > MAX_CSV_ROWS) {
    return { ok: false, errors: { _form: t("server.csv.tooManyRows", { rows: rows.length, max: MAX_CSV_ROWS }) } };
  }
  // Papa counts rows without the skipped blank lines; recover spreadsheet line numbers.
  const lineNumbers = lineNumbersOfRows(text, parsed);

  let countryColumn = -1;
  let codeColumn = -1;
  let start = 0;
  const header = rows[0]?.map((cell) => cell.toLowerCase().replace(/[\s-]+/g, ""));
  if (header && header.some((cell) => CODE_HEADERS.includes(cell))) {
    countryColumn = header.findIndex((cell) => COUNTRY_HEADERS.includes(cell));
    codeColumn = header.findIndex((cell) => CODE_HEADERS.includes(cell));
    start = 1;
  } else if (rows[0]?.length === 1) {
    codeColumn = 0;
  } else {
    countryColumn = 0;
    codeColumn = 1;
  }
  if (countryColumn < 0 && fallbackCountry === undefined) {
    return { ok: false, errors: { country: t("server.csv.chooseCountry") } };
  }

  const codes: Record<string, Set<string>> = {};
  const bad: [number, string][] = [];
  for (let i = start; i < rows.length; i++) {
    const row = rows[i];
    const line = lineNumbers[i] ?? i + 1;
    const rowCountry = countryColumn >= 0 ? (row[countryColumn] ?? "").toUpperCase() : "";
    const code = (row[codeColumn] ?? "").replace(/\s+/g, "").toUpperCase();
    const place = rowCountry || fallbackCountry || "";
    if (!COUNTRY.test(place)) {
      bad.push([line, place ? t("server.csv.badCountry", { value: row[countryColumn] }) : t("server.csv.noCountry")]);
    } else if (code === "") {
      bad.push([line, t("server.csv.noCode")]);
    } else if (!ENTRY.test(code)) {
      bad.push([line, t("server.csv.badCode", { value: row[codeColumn] })]);
    } else {
      (codes[place] ??= new Set()).add(code);
    }
  }

  const errors: FieldErrors = {};
  for (const [line, message] of bad) errors[`line.${line}`] = message;
  for (const [place, set] of Object.entries(codes)) {
    if (set.size > MAX_CODES_PER_COUNTRY) {
      errors[`codes.${place}`] = t("server.csv.tooManyCodes", { count: set.size, country: place, max: MAX_CODES_PER_COUNTRY });
    }
  }
  if (bad.length > 0) {
    const shown = bad.slice(0, 10).map(([line, message]) => t("server.csv.atLine", { line, message })).join(" ");
    const more = bad.length > 10 ? t("server.csv.more", { count: bad.length - 10 }) : "";
    errors._form = t("server.csv.badRows", { count: bad.length, shown, more });
  } else if (Object.keys(errors).length > 0) {
    errors._form = Object.values(errors)[0];
  } else if (Object.keys(codes).length === 0) {
    errors._form = t("server.csv.noCodes");
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  return { ok: true, codes: Object.fromEntries(Object.entries(codes).map(([k, set]) => [k, [...set]])) };
}

/** 1-based line numbers of the parsed rows in the original text (blank lines skipped by Papa). */
function lineNumbersOfRows(text: string, parsed: Papa.ParseResult<string[]>): number[] {
  // Re-parse with blank lines kept to map each non-blank row to its line.
  const all = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: parsed.meta.delimiter });
  const numbers: number[] = [];
  let line = 1;
  for (const row of all.data) {
    const blank = row.every((cell) => String(cell ?? "").trim() === "");
    if (!blank) numbers.push(line);
    // A quoted cell may span lines; count the newlines it holds.
    line += 1 + row.reduce((n, cell) => n + (String(cell ?? "").match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  return numbers;
}
