/**
 * The address-kind patterns in readable form: regular-expression sources
 * composed from shared pieces (keyword variants, street-type words).
 *
 * Not imported by the checkout function. QuickJS compiles a regular-expression
 * *literal* when it compiles the script (Javy ships that bytecode), but
 * `new RegExp(source)` at run time: compiling these ~60 sources cost ~3.3M
 * WebAssembly instructions on every run, a third of Shopify's limit. So
 * `address-kind-regexes.generated.ts` holds the same patterns as literals,
 * written from this file by
 *
 *     npx tsx extensions/checkout-guard/scripts/generate-address-kind-regexes.ts
 *
 * and tests/address-kind/generated.test.ts fails when it is stale. Edit the
 * patterns here, then regenerate. Every pattern is written over the
 * normalised alphabet (see address-kind.ts).
 */
import type { AddressKind } from "./config";

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
const NOT_AFTER_STREET = "(?<!\\b(?:calle|avenida|av|rua|travessa|via|viale|corso|rue|do|da|de|del|dos|das|la|el) )";
/** Not followed by a street-type word. */
const NOT_STREET = `(?! ${STREET}\\b)`;

/** A pattern's source with the kind it signals. */
export type KindPatternSource = { kind: AddressKind; name: string; source: string };

const P = (kind: AddressKind, name: string, source: string): KindPatternSource => ({ kind, name, source });

/**
 * "Box 123" at the start of a line (US, Canada, Sweden, Australia …). A box
 * number after a house number ("Avenue Louise 54 box 2", Belgian apartment
 * box; "RR 2 Box 15", rural route; "Unit 1234 Box 5", military) is not matched.
 */
export const LEADING_BOX_SOURCE = `^(?:c o |attn |care of )?box ${NO}\\d`;

/**
 * "Box 15" ending a line after a word ("4674 Marshall Rd Box 15"): a PO box
 * written after the street (US usage). After a number it is not: "Avenue Louise
 * 54 box 2" (Belgian apartment box), "RR 2 Box 15" (rural route), "Kungsgatan
 * 12, Box 345" (see docs/address-kinds.md); nor after "Mail" (a private mailbox) or a
 * rural route ("Route Box 15"); nor when that word is glued to a number ("HCR 45ac box
 * 653", a highway-contract route box whose "45ac" splits into "45 ac").
 */
export const TRAILING_BOX_SOURCE = `\\b(?<!\\d )(?!(?:mail|route|rte|rural|star|hwy|highway)\\b)[a-z]{2,} box ${NO}\\d+[a-z]?$`;

/** Commercial mail-receiving agencies: a box there is a private mailbox. */
export const CMRA_CONTEXT_SOURCE =
  "\\b(?:the )?(?:ups store|mail ?boxes etc|mbe|postnet|pak ?mail|postal annex|postal connections)\\b";
/** Any "box <number>" in the line (used with CMRA_CONTEXT). */
export const ANY_BOX_NUMBER_SOURCE = `\\bbox ${NO}\\d`;

export const ADDRESS_KIND_PATTERN_SOURCES: readonly KindPatternSource[] = [
  // ---- poBox: English
  P("poBox", "po box", `\\bp ?[o0] ?b[o0]?x\\b${NOT_STREET}`),
  P("poBox", "pob <n>", `\\bp ?o ?b ${NO}\\d`),
  // "PO 1915", "P.O. 37": a box number straight after PO; "POB" / "P.O.B." ending the line
  // without a number ("Post Street, P.O.B."). Not "Via Po 12" (the river), "Via Po B",
  // "A.P.O. 09012". One pattern, so that the look-behind is tried once per position.
  P("poBox", "po <n> / pob (line end)", `(?<!\\b(?:[afd]|via|viale|corso|lungo) )\\bp ?o(?: ${NO}\\d| ?b$)`),
  // misspelt "Box": "PO Bx 12", "P.O. Boz 3"
  P("poBox", "po misspelt box <n>", `\\bp ?o ?(?:bx|bxo|bpx|boxx|bos|boz|bix) ${NO}\\d`),
  P("poBox", "post office box/drawer", `\\bpost ?office ?(?:box|drawer)\\b${NOT_STREET}`),
  // "Post Office 20387": the office's box number, no "Box"
  P("poBox", "post office <n>", `\\bpost ?office ${NO}\\d`),
  P("poBox", "po drawer", `\\bp ?o ?drawer\\b`),
  // USPS: DRAWER, LOCKBOX, CALLER, FIRM CALLER are PO box designations ("Drawer CS 198422", "LBX 427")
  P("poBox", "drawer <n>", `\\bdrawer ${NO}(?:[a-z]{1,2} )?\\d`),
  P("poBox", "lbx/lb <n> (lockbox)", `\\blbx ${NO}\\d|\\blb \\d{5}`),
  P("poBox", "firm caller", `\\bfirm caller\\b`),
  // payment lockboxes: "Dept 1480 Box 4110" (\d{1,9}, not \d+: with an unbounded run here
  // recheck can no longer prove the poBox alternation linear by its automaton)
  P("poBox", "dept <n> box <n>", `\\b(?:dept|department) \\d{1,9} box \\d`),
  P("poBox", "postal/gpo/caller/lock box", `\\b(?:postal|gpo|caller|lock) ?box\\b${NOT_STREET}`),
  P("poBox", "post box <n>", `\\bpost ?box ${NO}\\d`),
  P("poBox", "caller service", `\\bcaller service\\b`),
  P("poBox", "po bag", `\\bp ?o ?bag\\b`),
  P("poBox", "locked/private bag", `\\b(?:locked|private) (?:mail )?bag\\b${NOT_STREET}`),
  P("poBox", "community mail bag", `\\b(?:community mail bag|cmb ${NO}\\d)`),
  P("poBox", "general delivery / poste restante", `\\b(?:general delivery|post[ae]? restante|postlagernd|lista de correos|fermo ?posta)\\b`),
  // Canada Post's abbreviations with the station: "GD STN A" (general delivery), "PR SUCC A"
  // (poste restante); not "GD" or "PR" alone (Puerto Rico's state code)
  P("poBox", "gd/pr + station (Canada)", `\\b(?:gd|pr) (?:stn|succ|rpo|pdf|bdp)\\b`),
  // Australia Post's poste restante: "Care PO Yackandandah", "CARE OF POST OFFICE GPO Adelaide"
  P("poBox", "care of post office", `\\b(?:care (?:of )?(?:the )?(?:p ?o|post office)|c o (?:the )?post office)\\b`),
  P("poBox", "freepost", `\\bfreepost\\b`),
  // ---- poBox: French
  P("poBox", "bp <n>", `\\bb ?p ${NO}\\d`),
  P("poBox", "boite/case postale", `\\b(?:boite|case|casier) postale?\\b`),
  P("poBox", "cp <n> (case/casella postale)", `\\bc ?p ${NO}(?:\\d{1,3}\\b|\\d{4}(?:$| (?:succ|succursale|stn|station|comptoir|cedex)\\b))`),
  P("poBox", "cs/tsa <nnnnn> (cedex)", `\\b(?:cs|tsa) \\d{5}\\b`),
  // ---- poBox: German
  P("poBox", "postfach", `\\bpostfach\\b${NOT_STREET}`),
  P("poBox", "postf <n>", `\\bpostf ${NO}\\d`),
  // "PF 123", "P.F. 37", "Pf-123": Postfach abbreviated (not "Pf-Karl-Platz 4")
  P("poBox", "pf <n>", `\\bp ?f ${NO}\\d`),
  P("poBox", "postschachtel", `\\bpostschachtel\\b`),
  P("poBox", "postschliessfach", `\\bpostschliessfach\\b`),
  // ---- poBox: Spanish, Portuguese
  P("poBox", "apartado", `${NOT_AFTER_STREET}\\bapartado (?:(?:de )?correos?\\b|postal\\b|aereo\\b|${NO}\\d)`),
  P("poBox", "ap de correos", `\\bap de correos?\\b`),
  P("poBox", "apdo", `\\bapdo\\b${NOT_STREET}`),
  P("poBox", "casilla", `${NOT_AFTER_STREET}\\bcasilla (?:(?:de )?correos?\\b|postal\\b|${NO}\\d)`),
  P("poBox", "caixa postal", `\\b(?:caixa|cx) ?postal\\b|\\bcx ?p\\b`),
  // Brazil's community PO box, Caixa Postal Comunitária: "CPC 199"
  P("poBox", "cpc <n>", `\\bcpc ${NO}\\d`),
  // ---- poBox: Italian
  P("poBox", "casella postale", `\\bcasella postale\\b|\\bcas(?:ella)? post ${NO}\\d`),
  // ---- poBox: Dutch, Afrikaans
  P("poBox", "postbus <n>", `\\bpostbus ${NO}\\d|^postbus$`),
  P("poBox", "postbox (one word)", `\\bpostbox ${NO}\\d|^postbox$`),
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
  // misspelt: "PBM 12"
  P("privateMailbox", "pbm <n>", `\\bpbm ${NO}\\d`),
  P("privateMailbox", "private mailbox", `\\bprivate ?mail ?box\\b`),
  // at the start of the line only: "2400 Riverfront Drive Mailbox 2825" is a building's mailbox
  P("privateMailbox", "mailbox <n> (line start)", `^mail ?box ${NO}\\d`),
  P("privateMailbox", "virtual mailbox services", `\\b(?:anytime ?mailbox|ipostal ?1?|earth class mail|virtual ?mail ?box)\\b`),

  // ---- parcelLocker: German
  P("parcelLocker", "packstation", `\\b(?:pack|paket|post) ?station\\b${NOT_STREET}`),
  P("parcelLocker", "postfiliale", `\\bpostfiliale\\b${NOT_STREET}`),
  P("parcelLocker", "paketshop / parcelshop", `\\b(?:paket|parcel|pakke|pakket) ?shop\\b${NOT_STREET}`),
  P("parcelLocker", "dhl postnummer", `\\bpost ?nummer ${NO}\\d{6,}`),
  P("parcelLocker", "abholstation", `\\babhol(?:station|punkt|shop)\\b`),
  // Baltic names as the carriers publish them: Lithuanian "paštomatas", Latvian "Paku
  // Skapis" (DPD; also "PS <place>" at the start of the line), Estonian "teeninduspunkt" (a
  // carrier's service point) and DPD's "Automaat <place>" (at the start of the line only:
  // "automaat" is also a common noun)
  P("parcelLocker", "parcel automat", `\\b(?:paket|pakket|pakke|paki|paczko|pako)(?:automat|automaat|boks|kluis|mat|matas|mats|skap)\\b|\\b(?:pakettiautomaatti|csomagautomata|balikobox|alzabox|pastomat(?:as|ai)?|paku ?skapis|teeninduspunkt)\\b|\\bautomaat\\b(?<=^automaat)|^ps [a-z]`),
  // ---- parcelLocker: English
  P("parcelLocker", "parcel locker/terminal/point", `\\bparcel ?(?:locker|terminal|point|pick ?up|collect)s?\\b${NOT_STREET}`),
  P("parcelLocker", "parcel motel", `\\bparcel ?motel\\b`),
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
  // the designations before AA/AE/AP (1980s): "APO New York 09012", "FPO San Francisco 96601",
  // or the post office's own number, three digits, after the unit: "ARMISH-MAAG APO 205"
  P("military", "apo/fpo + old gateway city", `\\b(?:[afd] ?p ?o (?:new york|san francisco|miami|seattle)|[af]po \\d{3})\\b`),
  // (a Fleet Post Office unit has six digits: "UNIT 100100 BOX 4120"; an Overseas Processing
  // Center box "OPC 557 BOX 80", a CMR with a letter "CMR B467 BOX 7925", a PSC without its
  // number "PSC BOX 4914", as organizations file them with the IRS)
  P("military", "psc/cmr/unit box", `\\b(?:psc|cmr|upr|omc|opc) (?:[a-z] )?(?:\\d+ )?box \\d|\\bunit \\d{4,6} box \\d|^box \\d+ unit \\d{4,6}\\b`),
  // a Community Mail Room alone: "CMR 1250"
  P("military", "cmr <n>", `\\bcmr \\d{2,}\\b`),
  // ships: "USNS Comfort", "USCGC Hamilton", "USS John C Stennis, Box 50", "USS Cochrane
  // (DDG-21)" (a USS with its box or its hull number: not "USS Constitution Museum")
  P("military", "ship", `\\b(?:usns|uscgc) [a-z]|^uss [a-z][a-z ]* (?:box|cvn|cg|ddg|dd|ffg|lcs|lhd|lha|lpd|lsd|lcc|ssn|ssbn|ssgn|as|esb|mcm) \\d`),

  // ---- gopost
  P("gopost", "gopost", `\\bgo ?post\\b(?! office)${NOT_STREET}`),
];
