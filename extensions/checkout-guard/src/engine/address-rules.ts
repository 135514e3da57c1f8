/**
 * Address rules (kinds 1–8). Each rule is checked against one delivery
 * address, returning the findings (field at fault, message key, message
 * values) for that address. A check reads its rule where it runs, with plain
 * loops and lists: QuickJS charges a closure, a Set, an iterator or a callback
 * at every rule of every run. What several checks of a run share (address-kind
 * detections, compiled patterns) is kept in the run's AddressRun.
 *
 * Fields left blank are skipped by every rule but `requiredFields` (use it to
 * require a field): a pattern, length, character-set, street-number or
 * postal-code rule says what a filled-in field must look like.
 */
import { detectAddressKinds } from "./address-kind";
import type { AddressField, AddressKind, RuleOf } from "./config";
import { ADDRESS_KIND_FIELDS } from "./constants";
import { charsetAccepts } from "./charset";
import { postalCodeListed } from "./postal-codes";
import { charsetMessageKey } from "./messages";
import type { RuleFamily } from "./evaluate";
import type { Address, Finding } from "./types";

export type AddressRule = RuleOf<
  "addressKind" | "fieldPattern" | "fieldLength" | "requiredFields" | "charset" | "streetNumber" | "postalCode" | "destination"
>;

/** A rule's findings on one address (its country already upper-cased, or null). */
export type AddressCheck = (rule: AddressRule, address: Address, country: string | null, run: AddressRun) => Finding[];

const NONE: Finding[] = [];

/** `findings` with one more: the shared empty NONE is never written to (most checks find nothing). */
function adding(findings: Finding[], finding: Finding): Finding[] {
  if (findings === NONE) return [finding];
  findings.push(finding);
  return findings;
}

/** Trimmed value of a field, "" when absent. */
function valueOf(address: Address, field: AddressField): string {
  const value = address[field];
  return typeof value === "string" ? value.trim() : "";
}

/** Length in characters (code points), as a buyer counts them. */
function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A digit anywhere in address1 counts as a house number ("12", "12b", "5-7", "١٢"). */
const HAS_NUMBER = /\p{Nd}/u;

/**
 * What the address checks of one evaluation share: address-kind detection is
 * the costliest check, and several rules often read the same lines, so its
 * results are kept per text; a rule's pattern is compiled once however many
 * addresses it checks (null: invalid).
 */
export interface AddressRun {
  kinds: Map<string, AddressKind[]>;
  patterns: Map<string, RegExp | null>;
}

function detectCached(run: AddressRun, text: string): AddressKind[] {
  let kinds = run.kinds.get(text);
  if (kinds === undefined) {
    kinds = detectAddressKinds(text);
    run.kinds.set(text, kinds);
  }
  return kinds;
}

/**
 * USPS military mail goes to the states AA, AE and AP ("Armed Forces
 * Americas / Europe / Pacific", Shopify's US province codes, with the city
 * APO, FPO or DPO): the state says so whatever the street lines are ("UNIT
 * 2050" alone is also a civilian condo unit). Upper case: Shopify's codes are.
 */
const MILITARY_STATES: readonly string[] = ["AA", "AE", "AP"];
const isMilitaryState = (address: Address, country: string | null) =>
  country === "US" && MILITARY_STATES.includes(valueOf(address, "provinceCode"));

function addressKindFindings(rule: RuleOf<"addressKind">, address: Address, country: string | null, run: AddressRun): Finding[] {
  const blocked: readonly AddressKind[] = rule.block;
  const fields = rule.fields ?? ADDRESS_KIND_FIELDS;
  let findings = NONE;
  let military = false;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    const text = valueOf(address, field);
    if (text === "") continue;
    const kinds = detectCached(run, text);
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[k];
      if (!blocked.includes(kind)) continue;
      findings = adding(findings, { key: "addressKind", field, args: { field, kind } });
      if (kind === "military") military = true;
      break;
    }
  }
  // A military address whose street lines say nothing the patterns know: its state does.
  if (!military && blocked.includes("military") && isMilitaryState(address, country)) {
    return adding(findings, { key: "addressKind", field: "provinceCode", args: { field: "provinceCode", kind: "military" } });
  }
  return findings;
}

/** An invalid pattern makes the rule inert: it never blocks and never throws. */
function fieldPatternFindings(rule: RuleOf<"fieldPattern">, address: Address, _country: string | null, run: AddressRun): Finding[] {
  const text = valueOf(address, rule.field);
  if (text === "") return NONE;
  const flags = rule.ignoreCase ? "ui" : "u";
  const key = flags + "/" + rule.pattern;
  let regex = run.patterns.get(key);
  if (regex === undefined) {
    try {
      regex = new RegExp(rule.pattern, flags);
    } catch {
      regex = null;
    }
    run.patterns.set(key, regex);
  }
  if (regex === null) return NONE;
  return regex.test(text) === (rule.mode === "allow") ? NONE : [{ key: "fieldPattern", field: rule.field, args: { field: rule.field } }];
}

function fieldLengthFindings(rule: RuleOf<"fieldLength">, address: Address): Finding[] {
  const { min, max, fields } = rule;
  let findings = NONE;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    const text = valueOf(address, field);
    if (text === "") continue;
    // A text has between half its UTF-16 length and that length in characters:
    // count them (one step per character in QuickJS) only when that decides.
    if ((max === undefined || text.length <= max) && (min === undefined || text.length >= 2 * min)) continue;
    const length = charLength(text);
    if (max !== undefined && length > max) {
      findings = adding(findings, { key: "fieldLengthMax", field, args: { field, min, max, limit: max, length } });
    } else if (min !== undefined && length < min) {
      findings = adding(findings, { key: "fieldLengthMin", field, args: { field, min, max, limit: min, length } });
    }
  }
  return findings;
}

function requiredFieldsFindings(rule: RuleOf<"requiredFields">, address: Address): Finding[] {
  const fields = rule.fields;
  let findings = NONE;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    if (valueOf(address, field) === "") findings = adding(findings, { key: "requiredFields", field, args: { field } });
  }
  return findings;
}

function charsetFindings(rule: RuleOf<"charset">, address: Address): Finding[] {
  const fields = rule.fields;
  const accents = rule.accents !== false;
  let findings = NONE;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f];
    const text = valueOf(address, field);
    if (text !== "" && !charsetAccepts(text, rule.allow, accents)) findings = adding(findings, { key: charsetMessageKey(rule), field, args: { field } });
  }
  return findings;
}

function streetNumberFindings(address: Address): Finding[] {
  const text = valueOf(address, "address1");
  if (text === "" || HAS_NUMBER.test(text)) return NONE;
  return [{ key: "streetNumber", field: "address1", args: { field: "address1" } }];
}

function postalCodeFindings(rule: RuleOf<"postalCode">, address: Address, country: string | null): Finding[] {
  if (country === null) return NONE;
  const codes: Partial<Record<string, readonly string[]>> = rule.codes;
  const entries = Object.prototype.hasOwnProperty.call(codes, country) ? codes[country] : undefined;
  if (!entries) return NONE;
  const zip = valueOf(address, "zip");
  if (zip === "") return NONE;
  return postalCodeListed(entries, zip) === (rule.mode === "allow") ? NONE : [{ key: "postalCode", field: "zip", args: { field: "zip", country } }];
}

/** Whether the rule's provinces of a country list `province` (upper-cased, trimmed): a plain loop, no list built. */
function listsProvince(provinces: readonly string[], province: string): boolean {
  for (let i = 0; i < provinces.length; i++) if (provinces[i].trim().toUpperCase() === province) return true;
  return false;
}

// Lists scanned where the rule runs rather than Sets built: a rule names a few codes,
// and QuickJS charges far more to build a Set than to scan a short list. Country codes
// are upper-case two-letter codes (the schema's), so a country is a key of `provinces`.
function destinationFindings(rule: RuleOf<"destination">, address: Address, country: string | null): Finding[] {
  if (country === null) return NONE;
  const countries = rule.countries ?? [];
  const listed = rule.provinces?.[country];
  const province = valueOf(address, "provinceCode").toUpperCase();
  if (rule.mode === "allow") {
    // Allow mode: the listed countries, and the countries whose provinces are listed. An allow
    // list naming nothing would refuse every address: treat it as inert.
    if (listed === undefined && !countries.includes(country)) {
      if (countries.length === 0 && Object.keys(rule.provinces ?? {}).length === 0) return NONE;
      return [{ key: "destinationCountry", field: "countryCode", args: { field: "countryCode", country } }];
    }
    if (listed !== undefined && !listsProvince(listed, province)) {
      return [{ key: "destinationProvince", field: "provinceCode", args: { field: "provinceCode", country, province: province || undefined } }];
    }
    return NONE;
  }
  if (countries.includes(country)) return [{ key: "destinationCountry", field: "countryCode", args: { field: "countryCode", country } }];
  if (listed !== undefined && province !== "" && listsProvince(listed, province)) {
    return [{ key: "destinationProvince", field: "provinceCode", args: { field: "provinceCode", country, province } }];
  }
  return NONE;
}

/** A rule's findings on one address, by its kind. */
export const checkAddressRule: AddressCheck = (rule, address, country, run) => {
  switch (rule.kind) {
    case "addressKind":
      return addressKindFindings(rule, address, country, run);
    case "fieldPattern":
      return fieldPatternFindings(rule, address, country, run);
    case "fieldLength":
      return fieldLengthFindings(rule, address);
    case "requiredFields":
      return requiredFieldsFindings(rule, address);
    case "charset":
      return charsetFindings(rule, address);
    case "streetNumber":
      return streetNumberFindings(address);
    case "postalCode":
      return postalCodeFindings(rule, address, country);
    case "destination":
      return destinationFindings(rule, address, country);
    default:
      return NONE;
  }
};

/** The address function's rule family (see evaluate.ts). */
export const ADDRESS_RULES: RuleFamily = { address: checkAddressRule };
