/**
 * Address-kind detection: does one address line (address1, address2 or
 * company) name a post office box, a private mailbox, a parcel locker or
 * pick-up point, a military address or a USPS GoPost locker?
 *
 * Runs inside the Shopify Function (QuickJS / WebAssembly) at checkout, so it
 * is pure, allocation-light and never throws. Work is bounded: the input is
 * cut to MAX_INPUT characters, normalised once, and tested against a fixed
 * set of regular expressions compiled once at module level. Every pattern is
 * written over the normalised alphabet ([a-z0-9] tokens separated by single
 * spaces) without nested or overlapping quantifiers; the test suite checks each
 * with `recheck` (ReDoS checker) and expects "safe".
 *
 * Normalisation ("P.O. Box", "P O Box", "p-o box", "Boîte Postale", "ＰＯ ＢＯＸ"):
 *  1. NFKD + remove combining marks (é → e, º → o, full-width → ASCII),
 *     a few letters without decomposition (ß → ss, ø → o, æ → ae, ł → l …);
 *  2. lower-case;
 *  3. "1000-001" → "1000001" (hyphen or slash between digits is dropped);
 *  4. every other character that is not [a-z0-9] becomes a space;
 *  5. letters and digits are split ("box123" → "box 123", "psc1234" → "psc 1234");
 *  6. spaces collapsed. The patterns allow "p o box" / "po box" / "pobox".
 *
 * See docs/address-kinds.md for what is (and is deliberately not) detected.
 */
import type { AddressKind } from "./config";

/** Address lines are short; anything beyond this is not looked at. */
export const MAX_INPUT = 1000;

// ---------------------------------------------------------------------------
// Shared pattern pieces (sources over the normalised text)

/** Optional "number" word between a keyword and its number: "Box No 12", "Apartado nº 5". */
const NO = "(?:(?:no|nr|n|num|number|nummer|numero) )?";
/**
 * Street-type words: a keyword followed by one of these is a street name
 * ("Pobox Avenue", "Packstation Street", "Postfach-Straße"), not a box.
 */
const STREET =
  "(?:road|rd|street|strasse|str|lane|ln|avenue|ave|drive|way|court|close|place|boulevard|blvd|crescent|terrace|trail|hill|hills|parkway|pkwy|circle|highway|hwy|square|grove|gardens|alley|mews|rue|chemin|allee|weg|laan|straat|gasse|platz|calle|avenida|viale|corso|rua|travessa|carrer|strada|ulica)";
/**
 * Not preceded by a street-type word or a Romance article: "Calle Casilla 3",
 * "Travessa do Apartado 3" are streets named after the post office.
 */
const NOT_AFTER_STREET = "(?<!\\b(?:calle|avenida|av|rua|travessa|via|rue|do|da|de|del|dos|das|la|el) )";
/** Not followed by a street-type word. */
const NOT_STREET = `(?! ${STREET}\\b)`;

const re = (source: string) => new RegExp(source);

/** A pattern with the kind it signals. Exported for the ReDoS test. */
export type KindPattern = { kind: AddressKind; name: string; re: RegExp };

const P = (kind: AddressKind, name: string, source: string): KindPattern => ({ kind, name, re: re(source) });

/**
 * "Box 123" at the start of a line (US, Canada, Sweden, Australia …). A box
 * number after a house number ("Avenue Louise 54 box 2", Belgian apartment
 * box; "RR 2 Box 15", rural route; "Unit 1234 Box 5", military) is not matched.
 */
const LEADING_BOX = re(`^(?:c o |attn |care of )?box ${NO}\\d`);

/** Commercial mail-receiving agencies: a box there is a private mailbox. */
const CMRA_CONTEXT = re(
  "\\b(?:the )?(?:ups store|mail ?boxes etc|mbe|postnet|pak ?mail|postal annex|postal connections)\\b",
);
/** Any "box <number>" in the line (used with CMRA_CONTEXT). */
const ANY_BOX_NUMBER = re(`\\bbox ${NO}\\d`);

export const ADDRESS_KIND_PATTERNS: readonly KindPattern[] = [
  // ---- poBox: English
  P("poBox", "po box", `\\bp ?[o0] ?b[o0]?x\\b${NOT_STREET}`),
  P("poBox", "pob <n>", `\\bp ?o ?b ${NO}\\d`),
  P("poBox", "post office box/drawer", `\\bpost ?office ?(?:box|drawer)\\b${NOT_STREET}`),
  P("poBox", "po drawer", `\\bp ?o ?drawer\\b`),
  P("poBox", "drawer <n> (line start)", `^drawer ${NO}\\d`),
  P("poBox", "postal/gpo/caller/lock box", `\\b(?:postal|gpo|caller|lock) ?box\\b${NOT_STREET}`),
  P("poBox", "post box <n>", `\\bpost ?box ${NO}\\d`),
  P("poBox", "caller service", `\\bcaller service\\b`),
  P("poBox", "po bag", `\\bp ?o ?bag\\b`),
  P("poBox", "locked/private bag", `\\b(?:locked|private) (?:mail )?bag\\b${NOT_STREET}`),
  P("poBox", "community mail bag", `\\b(?:community mail bag|cmb ${NO}\\d)`),
  P("poBox", "general delivery / poste restante", `\\b(?:general delivery|post[ae]? restante|postlagernd|lista de correos|fermo ?posta)\\b`),
  P("poBox", "care of post office", `\\b(?:care (?:of )?p ?o|c o (?:the )?post office)\\b`),
  P("poBox", "freepost", `\\bfreepost\\b`),
  // ---- poBox: French
  P("poBox", "bp <n>", `\\bb ?p ${NO}\\d`),
  P("poBox", "boite/case postale", `\\b(?:boite|case|casier) postale?\\b`),
  P("poBox", "cp <n> (case/casella postale)", `\\bc ?p ${NO}(?:\\d{1,3}\\b|\\d{4}(?:$| (?:succ|succursale|stn|station|comptoir|cedex)\\b))`),
  P("poBox", "cs/tsa <nnnnn> (cedex)", `\\b(?:cs|tsa) \\d{5}\\b`),
  // ---- poBox: German
  P("poBox", "postfach", `\\bpostfach\\b${NOT_STREET}`),
  P("poBox", "postf <n>", `\\bpostf ${NO}\\d`),
  P("poBox", "postschliessfach", `\\bpostschliessfach\\b`),
  // ---- poBox: Spanish, Portuguese
  P("poBox", "apartado", `${NOT_AFTER_STREET}\\bapartado (?:(?:de )?correos?\\b|postal\\b|aereo\\b|${NO}\\d)`),
  P("poBox", "ap de correos", `\\bap de correos?\\b`),
  P("poBox", "apdo", `\\bapdo\\b${NOT_STREET}`),
  P("poBox", "casilla", `${NOT_AFTER_STREET}\\bcasilla (?:(?:de )?correos?\\b|postal\\b|${NO}\\d)`),
  P("poBox", "caixa postal", `\\b(?:caixa|cx) ?postal\\b|\\bcx ?p\\b`),
  // ---- poBox: Italian
  P("poBox", "casella postale", `\\bcasella postale\\b|\\bcas(?:ella)? post ${NO}\\d`),
  // ---- poBox: Dutch, Afrikaans
  P("poBox", "postbus <n>", `\\bpostbus ${NO}\\d`),
  P("poBox", "antwoordnummer", `\\bantwoordnummer ${NO}\\d`),
  P("poBox", "posbus/privaatsak", `\\b(?:posbus|privaatsak) ${NO}(?:x )?\\d`),
  // ---- poBox: Nordic, Polish, Czech, Turkish, Finnish, Icelandic, Hungarian
  P("poBox", "postboks", `\\bpostboks\\b${NOT_STREET}`),
  P("poBox", "skrytka pocztowa", `\\bskrytka (?:pocztowa\\b|${NO}\\d)|\\bskr poczt\\b`),
  P("poBox", "postovni prihradka", `\\bpostovni prihradka\\b`),
  P("poBox", "posta kutusu", `\\bposta kutusu\\b`),
  P("poBox", "postilokero/postholf/postafiok", `\\b(?:postilokero|postholf|postafiok)\\b`),

  // ---- privateMailbox
  P("privateMailbox", "pmb", `\\bp ?m ?b\\b`),
  P("privateMailbox", "private mailbox", `\\bprivate ?mail ?box\\b`),
  P("privateMailbox", "mailbox <n>", `\\bmail ?box ${NO}\\d`),
  P("privateMailbox", "virtual mailbox services", `\\b(?:anytime ?mailbox|ipostal ?1?|earth class mail|virtual ?mail ?box)\\b`),

  // ---- parcelLocker: German
  P("parcelLocker", "packstation", `\\b(?:pack|paket|post) ?station\\b${NOT_STREET}`),
  P("parcelLocker", "postfiliale", `\\bpostfiliale\\b${NOT_STREET}`),
  P("parcelLocker", "paketshop / parcelshop", `\\b(?:paket|parcel|pakke|pakket) ?shop\\b${NOT_STREET}`),
  P("parcelLocker", "dhl postnummer", `\\bpost ?nummer ${NO}\\d{6,}`),
  P("parcelLocker", "abholstation", `\\babhol(?:station|punkt|shop)\\b`),
  P("parcelLocker", "parcel automat", `\\b(?:paket|pakket|pakke|paki|paczko|pako)(?:automat|automaat|boks|kluis|mat|matas|skap)\\b`),
  // ---- parcelLocker: English
  P("parcelLocker", "parcel locker/terminal/point", `\\bparcel ?(?:locker|terminal|point|pick ?up|collect)s?\\b${NOT_STREET}`),
  P("parcelLocker", "amazon locker/hub", `\\bamazon (?:hub )?(?:locker|counter|hub)\\b|\\bamazon hub\\b`),
  P("parcelLocker", "<brand> locker", `\\b(?:inpost|ups|dhl|dpd|gls|bpost|postnl|fedex|usps|royal mail|evri|hermes|yodel|omniva|bring|posti|postnord) ?lockers?\\b`),
  P("parcelLocker", "pick-up point/station", `\\bpick ?up (?:point|station|locker|location|counter|shop)\\b${NOT_STREET}`),
  P("parcelLocker", "collection/relay point", `\\b(?:collection|relay) point\\b${NOT_STREET}`),
  P("parcelLocker", "access/service point", `\\b(?:ups access|dhl service|bpost service|postnl service) ?point\\b|\\bservicepunt\\b`),
  P("parcelLocker", "pudo / dpd pickup", `\\bpudo\\b|\\bdpd pick ?up\\b`),
  // ---- parcelLocker: French, Dutch, Spanish, Portuguese, Italian, Polish
  P("parcelLocker", "point relais", `\\b(?:point|relais) (?:relais|colis|retrait|pick ?up)\\b|\\bmondial relay\\b`),
  P("parcelLocker", "consigne", `\\bconsigne (?:pick ?up|automatique|colis)\\b`),
  P("parcelLocker", "pakketpunt / afhaalpunt", `\\b(?:pakketpunt|afhaalpunt|postnl punt)\\b`),
  P("parcelLocker", "punto de recogida", `\\bpunto (?:de recogida|de entrega|pack|di ritiro|ritiro|poste)\\b|\\bcitypaq\\b|\\bfermo ?point\\b`),
  P("parcelLocker", "ponto de recolha", `\\bponto (?:de )?(?:recolha|retirada|pick ?up|ctt)\\b|\\bcacifo\\b`),
  P("parcelLocker", "inpost / paczkomat", `\\b(?:inpost|paczkomat|paczkomaty|punkt odbioru|automat paczkowy)\\b`),

  // ---- military
  P("military", "apo/fpo/dpo + aa/ae/ap", `\\b[afd] ?p ?o (?:aa|ae|ap)\\b`),
  P("military", "apo/fpo/dpo + military zip", `\\b[afd] ?p ?o (?:09|34|96)\\d{3}\\b`),
  P("military", "apo/fpo/dpo alone", `^[afd] ?p ?o$`),
  P("military", "psc/cmr/unit box", `\\b(?:psc|cmr|upr|omc) \\d+ box \\d|\\bunit \\d{4,5} box \\d|^box \\d+ unit \\d{4,5}\\b`),
  P("military", "usns", `\\busns [a-z]`),

  // ---- gopost
  P("gopost", "gopost", `\\bgo ?post\\b(?! office)${NOT_STREET}`),
];

const ORDER: readonly AddressKind[] = ["poBox", "privateMailbox", "parcelLocker", "military", "gopost"];

// Letters without a canonical decomposition, mapped by hand.
const SPECIAL: Record<string, string> = {
  ß: "ss", ẞ: "ss", ø: "o", Ø: "o", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ł: "l", Ł: "l",
  đ: "d", Đ: "d", ð: "d", Ð: "d", þ: "th", Þ: "th", ı: "i", ħ: "h", Ħ: "h",
};
const SPECIAL_RE = /[ßẞøØæÆœŒłŁđĐðÐþÞıħĦ]/g;
const COMBINING_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const DIGIT_JOIN_RE = /(\d)[-/](?=\d)/g;
const NON_ALNUM_RE = /[^a-z0-9]+/g;
const LETTER_DIGIT_RE = /([a-z])(?=\d)|(\d)(?=[a-z])/g;

/** Normalises one address line to lower-case [a-z0-9] tokens separated by single spaces. */
export function normalizeAddressLine(text: string): string {
  let s = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  s = s.replace(SPECIAL_RE, (c) => SPECIAL[c] ?? " ");
  try {
    s = s.normalize("NFKD");
  } catch {
    // keep s as it is: an engine without normalisation data still gets ASCII right
  }
  s = s.replace(COMBINING_RE, "").toLowerCase();
  s = s.replace(DIGIT_JOIN_RE, "$1");
  s = s.replace(NON_ALNUM_RE, " ");
  s = s.replace(LETTER_DIGIT_RE, "$1$2 ");
  return s.trim();
}

/**
 * The distinct address kinds named in one address line, in ADDRESS_KINDS
 * order; [] when none (or when the input is not a string). Never throws.
 */
export function detectAddressKinds(text: string): AddressKind[] {
  try {
    if (typeof text !== "string" || text.length === 0) return [];
    const s = normalizeAddressLine(text);
    if (s.length === 0) return [];

    const found: Partial<Record<AddressKind, true>> = {};
    for (const p of ADDRESS_KIND_PATTERNS) {
      if (!found[p.kind] && p.re.test(s)) found[p.kind] = true;
    }

    // A box at a commercial mail-receiving agency is a private mailbox.
    const cmra = CMRA_CONTEXT.test(s) && ANY_BOX_NUMBER.test(s);
    if (cmra) found.privateMailbox = true;
    // "Box 123" alone is a post office box, unless it belongs to one of the
    // other kinds already found in the line ("Box 12, The UPS Store").
    if (!cmra && !found.military && LEADING_BOX.test(s)) found.poBox = true;

    const out: AddressKind[] = [];
    for (const k of ORDER) if (found[k]) out.push(k);
    return out;
  } catch {
    return [];
  }
}

/** Every regular expression the detector uses, for the ReDoS test. */
export const ALL_ADDRESS_KIND_REGEXES: readonly RegExp[] = [
  ...ADDRESS_KIND_PATTERNS.map((p) => p.re),
  LEADING_BOX,
  CMRA_CONTEXT,
  ANY_BOX_NUMBER,
  SPECIAL_RE,
  COMBINING_RE,
  DIGIT_JOIN_RE,
  NON_ALNUM_RE,
  LETTER_DIGIT_RE,
];
