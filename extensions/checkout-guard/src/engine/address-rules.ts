/**
 * Address rules (kinds 1–8). Each rule is compiled once per evaluation into a
 * check of one delivery address, which returns the findings (field at fault,
 * message key, message values) for that address.
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

/** Checks one address (its country already upper-cased, or null). */
export type AddressCheck = (address: Address, country: string | null) => Finding[];

const NONE: Finding[] = [];

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
 * Address-kind detection is the costliest check; several rules often read the
 * same lines. Results are memoized per text for one evaluation (the cache is
 * created by `compileAddressRules` and dropped with it).
 */
export type KindCache = Map<string, AddressKind[]>;

function detectCached(cache: KindCache, text: string): AddressKind[] {
  let kinds = cache.get(text);
  if (kinds === undefined) {
    kinds = detectAddressKinds(text);
    cache.set(text, kinds);
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

function addressKindCheck(rule: RuleOf<"addressKind">, cache: KindCache): AddressCheck {
  const blocked = new Set<AddressKind>(rule.block);
  const fields = rule.fields ?? ADDRESS_KIND_FIELDS;
  const blocksMilitary = blocked.has("military");
  return (address, country) => {
    const findings: Finding[] = [];
    let military = false;
    for (const field of fields) {
      const text = valueOf(address, field);
      if (text === "") continue;
      const kind = detectCached(cache, text).find((k) => blocked.has(k));
      if (kind) findings.push({ key: "addressKind", field, args: { field, kind } });
      if (kind === "military") military = true;
    }
    // A military address whose street lines say nothing the patterns know: its state does.
    if (blocksMilitary && !military && isMilitaryState(address, country)) {
      findings.push({ key: "addressKind", field: "provinceCode", args: { field: "provinceCode", kind: "military" } });
    }
    return findings;
  };
}

/** An invalid pattern makes the rule inert: it never blocks and never throws. */
function fieldPatternCheck(rule: RuleOf<"fieldPattern">): AddressCheck {
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern, "u" + (rule.ignoreCase ? "i" : ""));
  } catch {
    return () => NONE;
  }
  const mustMatch = rule.mode === "allow";
  return (address) => {
    const text = valueOf(address, rule.field);
    if (text === "") return NONE;
    return regex.test(text) === mustMatch ? NONE : [{ key: "fieldPattern", field: rule.field, args: { field: rule.field } }];
  };
}

function fieldLengthCheck(rule: RuleOf<"fieldLength">): AddressCheck {
  const { min, max } = rule;
  return (address) => {
    const findings: Finding[] = [];
    for (const field of rule.fields) {
      const text = valueOf(address, field);
      if (text === "") continue;
      // A text has between half its UTF-16 length and that length in characters:
      // count them (one step per character in QuickJS) only when that decides.
      if ((max === undefined || text.length <= max) && (min === undefined || text.length >= 2 * min)) continue;
      const length = charLength(text);
      if (max !== undefined && length > max) {
        findings.push({ key: "fieldLengthMax", field, args: { field, min, max, limit: max, length } });
      } else if (min !== undefined && length < min) {
        findings.push({ key: "fieldLengthMin", field, args: { field, min, max, limit: min, length } });
      }
    }
    return findings;
  };
}

function requiredFieldsCheck(rule: RuleOf<"requiredFields">): AddressCheck {
  return (address) => {
    const findings: Finding[] = [];
    for (const field of rule.fields) {
      if (valueOf(address, field) === "") findings.push({ key: "requiredFields", field, args: { field } });
    }
    return findings;
  };
}

function charsetCheck(rule: RuleOf<"charset">): AddressCheck {
  const key = charsetMessageKey(rule);
  const accents = rule.accents !== false;
  return (address) => {
    const findings: Finding[] = [];
    for (const field of rule.fields) {
      const text = valueOf(address, field);
      if (text !== "" && !charsetAccepts(text, rule.allow, accents)) findings.push({ key, field, args: { field } });
    }
    return findings;
  };
}

function streetNumberCheck(): AddressCheck {
  return (address) => {
    const text = valueOf(address, "address1");
    if (text === "" || HAS_NUMBER.test(text)) return NONE;
    return [{ key: "streetNumber", field: "address1", args: { field: "address1" } }];
  };
}

function postalCodeCheck(rule: RuleOf<"postalCode">): AddressCheck {
  const codes: Partial<Record<string, readonly string[]>> = rule.codes;
  const allow = rule.mode === "allow";
  return (address, country) => {
    if (country === null) return NONE;
    const entries = Object.prototype.hasOwnProperty.call(codes, country) ? codes[country] : undefined;
    if (!entries) return NONE;
    const zip = valueOf(address, "zip");
    if (zip === "") return NONE;
    return postalCodeListed(entries, zip) === allow ? NONE : [{ key: "postalCode", field: "zip", args: { field: "zip", country } }];
  };
}

/** Upper-cased (and trimmed) codes; a plain loop (see destinationCheck). */
function upperCodes(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < codes.length; i++) out.push(codes[i].trim().toUpperCase());
  return out;
}

// Lists and a prototype-free table rather than Sets and a Map: a rule names a few
// codes, and QuickJS charges far more to build a Set than to scan a short list.
function destinationCheck(rule: RuleOf<"destination">): AddressCheck {
  const provinces: Record<string, readonly string[]> = Object.create(null);
  const countries = upperCodes(rule.countries ?? []);
  const allow = rule.mode === "allow";
  for (const code in rule.provinces) {
    const country = code.toUpperCase();
    provinces[country] = upperCodes(rule.provinces[code]);
    // Allow mode: the listed countries, and the countries whose provinces are listed.
    if (allow && !countries.includes(country)) countries.push(country);
  }
  // An allow list naming nothing would refuse every address: treat it as inert.
  if (allow && countries.length === 0) return () => NONE;
  return (address, country) => {
    if (country === null) return NONE;
    const province = valueOf(address, "provinceCode").toUpperCase();
    const listed = provinces[country];
    if (allow) {
      if (!countries.includes(country)) return [{ key: "destinationCountry", field: "countryCode", args: { field: "countryCode", country } }];
      if (listed && !listed.includes(province)) {
        return [{ key: "destinationProvince", field: "provinceCode", args: { field: "provinceCode", country, province: province || undefined } }];
      }
      return NONE;
    }
    if (countries.includes(country)) return [{ key: "destinationCountry", field: "countryCode", args: { field: "countryCode", country } }];
    if (listed && province !== "" && listed.includes(province)) {
      return [{ key: "destinationProvince", field: "provinceCode", args: { field: "provinceCode", country, province } }];
    }
    return NONE;
  };
}

export function compileAddressRule(rule: AddressRule, cache: KindCache = new Map()): AddressCheck {
  switch (rule.kind) {
    case "addressKind":
      return addressKindCheck(rule, cache);
    case "fieldPattern":
      return fieldPatternCheck(rule);
    case "fieldLength":
      return fieldLengthCheck(rule);
    case "requiredFields":
      return requiredFieldsCheck(rule);
    case "charset":
      return charsetCheck(rule);
    case "streetNumber":
      return streetNumberCheck();
    case "postalCode":
      return postalCodeCheck(rule);
    case "destination":
      return destinationCheck(rule);
    default:
      return () => NONE;
  }
}

/** The address function's rule family (see evaluate.ts). */
export const ADDRESS_RULES: RuleFamily = { address: compileAddressRule };
