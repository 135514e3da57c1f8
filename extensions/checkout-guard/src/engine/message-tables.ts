/**
 * The built-in message tables, admin side: default messages in seven
 * languages, field and address-kind labels, which messages and placeholders
 * each rule kind has, and the lookups and previews the admin builds on them.
 *
 * No function entry imports this module (a test checks every bundle): the
 * tables compile to ~63 kB of QuickJS bytecode, which Shopify's engine loads at
 * every run of every function (~12 instructions per byte). A function reads
 * instead the templates and labels its own rules can need, from its
 * Validation's `messages` metafield, which the admin compiles from these
 * tables (message-catalog.ts, `compileMessages`) and publishes with its
 * document; messages.ts renders them.
 */
import type { AddressField, AddressKind, Rule, RuleKind } from "./config";
import { MESSAGE_LANGUAGES, charsetMessageKey, type MessageLanguage, type Placeholder } from "./messages";
import type { MessageKey } from "./types";

type MessageTable = Record<MessageKey, string>;

/** The messages each rule kind can produce (the first is its main one). */
export const MESSAGE_KEYS_BY_KIND: Record<RuleKind, readonly MessageKey[]> = {
  addressKind: ["addressKind"],
  fieldPattern: ["fieldPattern"],
  fieldLength: ["fieldLengthMax", "fieldLengthMin"],
  requiredFields: ["requiredFields"],
  charset: ["charsetLatin", "charsetAscii", "charsetNoEmoji"],
  streetNumber: ["streetNumber"],
  postalCode: ["postalCode"],
  destination: ["destinationCountry", "destinationProvince"],
  cartQuantity: ["cartQuantityMax", "cartQuantityMin"],
  lineQuantity: ["lineQuantityMax", "lineQuantityMin", "lineQuantityMultiple"],
  productQuantity: ["productQuantityMax", "productQuantityMin"],
  subtotal: ["subtotalMin", "subtotalMax"],
  distinctLines: ["distinctLines"],
  weight: ["weightMax", "weightMin"],
  exclusive: ["exclusive", "exclusiveOther"],
  dependency: ["dependency"],
};

/** The message a rule shows most often: the one its preview uses by default. */
export function mainMessageKey(rule: Rule): MessageKey {
  return rule.kind === "charset" ? charsetMessageKey(rule) : MESSAGE_KEYS_BY_KIND[rule.kind][0];
}

/** The placeholders each rule kind fills (what the admin can offer in its editor). */
export const PLACEHOLDERS_BY_KIND: Record<RuleKind, readonly Placeholder[]> = {
  addressKind: ["field", "kind"],
  fieldPattern: ["field"],
  fieldLength: ["field", "min", "max", "limit", "length"],
  requiredFields: ["field"],
  charset: ["field"],
  streetNumber: ["field"],
  postalCode: ["field", "country"],
  destination: ["field", "country", "province"],
  cartQuantity: ["min", "max", "limit", "quantity"],
  lineQuantity: ["product", "min", "max", "limit", "multiple", "quantity"],
  productQuantity: ["product", "min", "max", "limit", "quantity"],
  subtotal: ["min", "max", "limit", "subtotal", "currency"],
  distinctLines: ["max", "limit", "lines"],
  weight: ["min", "max", "limit", "weight", "unit"],
  exclusive: ["product", "other"],
  dependency: ["product"],
};

export const DEFAULT_MESSAGES: Record<MessageLanguage, MessageTable> = {
  en: {
    addressKind: "{field}: we can't deliver to this type of address ({kind}). Please enter a street address.",
    fieldPattern: "{field}: this format isn't accepted. Please check it.",
    fieldLengthMin: "{field}: enter at least {min} characters.",
    fieldLengthMax: "{field}: use at most {max} characters.",
    requiredFields: "{field}: this field is required.",
    charsetLatin: "{field}: please use Latin letters only.",
    charsetAscii: "{field}: please use only letters without accents, digits and basic punctuation.",
    charsetNoEmoji: "{field}: please remove the emoji.",
    streetNumber: "Please include a house number in the address.",
    postalCode: "We don't deliver to this postal code.",
    destinationCountry: "We don't deliver to this country ({country}).",
    destinationProvince: "We don't deliver to this region ({province}).",
    cartQuantityMin: "Your cart must contain at least {min} items (currently {quantity}).",
    cartQuantityMax: "Your cart can contain at most {max} items (currently {quantity}).",
    lineQuantityMin: "{product}: the minimum quantity is {min}.",
    lineQuantityMax: "{product}: the maximum quantity is {max}.",
    lineQuantityMultiple: "{product}: the quantity must be a multiple of {multiple}.",
    productQuantityMin: "{product}: buy at least {min} in total (currently {quantity}).",
    productQuantityMax: "{product}: you can buy at most {max} in total (currently {quantity}).",
    subtotalMin: "The minimum order subtotal is {min} {currency} (currently {subtotal} {currency}).",
    subtotalMax: "The maximum order subtotal is {max} {currency} (currently {subtotal} {currency}).",
    distinctLines: "Your cart can contain at most {max} different items (currently {lines}).",
    weightMin: "The minimum order weight is {min} {unit} (currently {weight} {unit}).",
    weightMax: "The maximum order weight is {max} {unit} (currently {weight} {unit}).",
    exclusive: "{product} must be ordered on its own. Please remove the other items or order them separately.",
    exclusiveOther: "{product} can't be ordered together with {other}.",
    dependency: "{product} can only be ordered together with a required product.",
  },
  fr: {
    addressKind: "{field} : nous ne livrons pas ce type d'adresse ({kind}). Veuillez saisir une adresse postale avec rue.",
    fieldPattern: "{field} : ce format n'est pas accepté. Veuillez le vérifier.",
    fieldLengthMin: "{field} : saisissez au moins {min} caractères.",
    fieldLengthMax: "{field} : {max} caractères au maximum.",
    requiredFields: "{field} : ce champ est obligatoire.",
    charsetLatin: "{field} : veuillez utiliser uniquement l'alphabet latin.",
    charsetAscii: "{field} : veuillez utiliser uniquement des lettres sans accents, des chiffres et une ponctuation simple.",
    charsetNoEmoji: "{field} : veuillez retirer les emoji.",
    streetNumber: "Veuillez indiquer un numéro de rue dans l'adresse.",
    postalCode: "Nous ne livrons pas à ce code postal.",
    destinationCountry: "Nous ne livrons pas dans ce pays ({country}).",
    destinationProvince: "Nous ne livrons pas dans cette région ({province}).",
    cartQuantityMin: "Votre panier doit contenir au moins {min} articles (actuellement {quantity}).",
    cartQuantityMax: "Votre panier peut contenir au maximum {max} articles (actuellement {quantity}).",
    lineQuantityMin: "{product} : la quantité minimale est de {min}.",
    lineQuantityMax: "{product} : la quantité maximale est de {max}.",
    lineQuantityMultiple: "{product} : la quantité doit être un multiple de {multiple}.",
    productQuantityMin: "{product} : commandez-en au moins {min} au total (actuellement {quantity}).",
    productQuantityMax: "{product} : vous pouvez en commander au maximum {max} au total (actuellement {quantity}).",
    subtotalMin: "Le sous-total minimum de commande est de {min} {currency} (actuellement {subtotal} {currency}).",
    subtotalMax: "Le sous-total maximum de commande est de {max} {currency} (actuellement {subtotal} {currency}).",
    distinctLines: "Votre panier peut contenir au maximum {max} articles différents (actuellement {lines}).",
    weightMin: "Le poids minimum de commande est de {min} {unit} (actuellement {weight} {unit}).",
    weightMax: "Le poids maximum de commande est de {max} {unit} (actuellement {weight} {unit}).",
    exclusive: "{product} doit être commandé seul. Veuillez retirer les autres articles ou les commander séparément.",
    exclusiveOther: "{product} ne peut pas être commandé avec {other}.",
    dependency: "{product} ne peut être commandé qu'avec un produit associé requis.",
  },
  de: {
    addressKind: "{field}: An diese Art von Adresse ({kind}) können wir nicht liefern. Bitte eine Straßenadresse eingeben.",
    fieldPattern: "{field}: Dieses Format wird nicht akzeptiert. Bitte überprüfen.",
    fieldLengthMin: "{field}: Bitte mindestens {min} Zeichen eingeben.",
    fieldLengthMax: "{field}: Höchstens {max} Zeichen erlaubt.",
    requiredFields: "{field}: Dieses Feld ist erforderlich.",
    charsetLatin: "{field}: Bitte nur lateinische Buchstaben verwenden.",
    charsetAscii: "{field}: Bitte nur Buchstaben ohne Umlaute und Akzente, Ziffern und einfache Satzzeichen verwenden.",
    charsetNoEmoji: "{field}: Bitte Emojis entfernen.",
    streetNumber: "Bitte eine Hausnummer in der Adresse angeben.",
    postalCode: "An diese Postleitzahl liefern wir nicht.",
    destinationCountry: "In dieses Land ({country}) liefern wir nicht.",
    destinationProvince: "In diese Region ({province}) liefern wir nicht.",
    cartQuantityMin: "Der Warenkorb muss mindestens {min} Artikel enthalten (derzeit {quantity}).",
    cartQuantityMax: "Der Warenkorb darf höchstens {max} Artikel enthalten (derzeit {quantity}).",
    lineQuantityMin: "{product}: Die Mindestmenge beträgt {min}.",
    lineQuantityMax: "{product}: Die Höchstmenge beträgt {max}.",
    lineQuantityMultiple: "{product}: Die Menge muss ein Vielfaches von {multiple} sein.",
    productQuantityMin: "{product}: Bitte insgesamt mindestens {min} Stück bestellen (derzeit {quantity}).",
    productQuantityMax: "{product}: Insgesamt höchstens {max} Stück möglich (derzeit {quantity}).",
    subtotalMin: "Der Mindestbestellwert beträgt {min} {currency} (derzeit {subtotal} {currency}).",
    subtotalMax: "Der Höchstbestellwert beträgt {max} {currency} (derzeit {subtotal} {currency}).",
    distinctLines: "Der Warenkorb darf höchstens {max} verschiedene Artikel enthalten (derzeit {lines}).",
    weightMin: "Das Mindestgewicht der Bestellung beträgt {min} {unit} (derzeit {weight} {unit}).",
    weightMax: "Das Höchstgewicht der Bestellung beträgt {max} {unit} (derzeit {weight} {unit}).",
    exclusive: "{product} kann nur einzeln bestellt werden. Bitte die anderen Artikel entfernen oder separat bestellen.",
    exclusiveOther: "{product} kann nicht zusammen mit {other} bestellt werden.",
    dependency: "{product} kann nur zusammen mit einem erforderlichen Produkt bestellt werden.",
  },
  es: {
    addressKind: "{field}: no realizamos envíos a este tipo de dirección ({kind}). Introduce una dirección con calle.",
    fieldPattern: "{field}: este formato no se acepta. Revísalo.",
    fieldLengthMin: "{field}: introduce al menos {min} caracteres.",
    fieldLengthMax: "{field}: máximo {max} caracteres.",
    requiredFields: "{field}: este campo es obligatorio.",
    charsetLatin: "{field}: usa solo letras del alfabeto latino.",
    charsetAscii: "{field}: usa solo letras sin acentos, números y signos de puntuación básicos.",
    charsetNoEmoji: "{field}: elimina los emojis.",
    streetNumber: "Incluye el número de la calle en la dirección.",
    postalCode: "No realizamos envíos a este código postal.",
    destinationCountry: "No realizamos envíos a este país ({country}).",
    destinationProvince: "No realizamos envíos a esta región ({province}).",
    cartQuantityMin: "Tu carrito debe contener al menos {min} artículos (ahora {quantity}).",
    cartQuantityMax: "Tu carrito puede contener como máximo {max} artículos (ahora {quantity}).",
    lineQuantityMin: "{product}: la cantidad mínima es {min}.",
    lineQuantityMax: "{product}: la cantidad máxima es {max}.",
    lineQuantityMultiple: "{product}: la cantidad debe ser múltiplo de {multiple}.",
    productQuantityMin: "{product}: compra al menos {min} en total (ahora {quantity}).",
    productQuantityMax: "{product}: puedes comprar como máximo {max} en total (ahora {quantity}).",
    subtotalMin: "El subtotal mínimo del pedido es {min} {currency} (ahora {subtotal} {currency}).",
    subtotalMax: "El subtotal máximo del pedido es {max} {currency} (ahora {subtotal} {currency}).",
    distinctLines: "Tu carrito puede contener como máximo {max} artículos distintos (ahora {lines}).",
    weightMin: "El peso mínimo del pedido es {min} {unit} (ahora {weight} {unit}).",
    weightMax: "El peso máximo del pedido es {max} {unit} (ahora {weight} {unit}).",
    exclusive: "{product} debe pedirse por separado. Elimina los demás artículos o pídelos en otro pedido.",
    exclusiveOther: "{product} no se puede pedir junto con {other}.",
    dependency: "{product} solo se puede pedir junto con un producto requerido.",
  },
  it: {
    addressKind: "{field}: non effettuiamo consegne a questo tipo di indirizzo ({kind}). Inserisci un indirizzo stradale.",
    fieldPattern: "{field}: questo formato non è accettato. Verificalo.",
    fieldLengthMin: "{field}: inserisci almeno {min} caratteri.",
    fieldLengthMax: "{field}: massimo {max} caratteri.",
    requiredFields: "{field}: questo campo è obbligatorio.",
    charsetLatin: "{field}: usa solo lettere dell'alfabeto latino.",
    charsetAscii: "{field}: usa solo lettere senza accenti, numeri e punteggiatura semplice.",
    charsetNoEmoji: "{field}: rimuovi le emoji.",
    streetNumber: "Inserisci il numero civico nell'indirizzo.",
    postalCode: "Non effettuiamo consegne a questo CAP.",
    destinationCountry: "Non effettuiamo consegne in questo paese ({country}).",
    destinationProvince: "Non effettuiamo consegne in questa regione ({province}).",
    cartQuantityMin: "Il carrello deve contenere almeno {min} articoli (attualmente {quantity}).",
    cartQuantityMax: "Il carrello può contenere al massimo {max} articoli (attualmente {quantity}).",
    lineQuantityMin: "{product}: la quantità minima è {min}.",
    lineQuantityMax: "{product}: la quantità massima è {max}.",
    lineQuantityMultiple: "{product}: la quantità deve essere un multiplo di {multiple}.",
    productQuantityMin: "{product}: acquistane almeno {min} in totale (attualmente {quantity}).",
    productQuantityMax: "{product}: puoi acquistarne al massimo {max} in totale (attualmente {quantity}).",
    subtotalMin: "Il subtotale minimo dell'ordine è {min} {currency} (attualmente {subtotal} {currency}).",
    subtotalMax: "Il subtotale massimo dell'ordine è {max} {currency} (attualmente {subtotal} {currency}).",
    distinctLines: "Il carrello può contenere al massimo {max} articoli diversi (attualmente {lines}).",
    weightMin: "Il peso minimo dell'ordine è {min} {unit} (attualmente {weight} {unit}).",
    weightMax: "Il peso massimo dell'ordine è {max} {unit} (attualmente {weight} {unit}).",
    exclusive: "{product} deve essere ordinato da solo. Rimuovi gli altri articoli o ordinali separatamente.",
    exclusiveOther: "{product} non può essere ordinato insieme a {other}.",
    dependency: "{product} può essere ordinato solo insieme a un prodotto richiesto.",
  },
  nl: {
    addressKind: "{field}: we bezorgen niet op dit type adres ({kind}). Vul een straatadres in.",
    fieldPattern: "{field}: deze notatie wordt niet geaccepteerd. Controleer het veld.",
    fieldLengthMin: "{field}: vul minstens {min} tekens in.",
    fieldLengthMax: "{field}: maximaal {max} tekens.",
    requiredFields: "{field}: dit veld is verplicht.",
    charsetLatin: "{field}: gebruik alleen Latijnse letters.",
    charsetAscii: "{field}: gebruik alleen letters zonder accenten, cijfers en eenvoudige leestekens.",
    charsetNoEmoji: "{field}: verwijder de emoji's.",
    streetNumber: "Vermeld een huisnummer in het adres.",
    postalCode: "We bezorgen niet op deze postcode.",
    destinationCountry: "We bezorgen niet in dit land ({country}).",
    destinationProvince: "We bezorgen niet in deze regio ({province}).",
    cartQuantityMin: "Je winkelwagen moet minstens {min} artikelen bevatten (nu {quantity}).",
    cartQuantityMax: "Je winkelwagen mag maximaal {max} artikelen bevatten (nu {quantity}).",
    lineQuantityMin: "{product}: de minimale hoeveelheid is {min}.",
    lineQuantityMax: "{product}: de maximale hoeveelheid is {max}.",
    lineQuantityMultiple: "{product}: de hoeveelheid moet een veelvoud van {multiple} zijn.",
    productQuantityMin: "{product}: bestel er in totaal minstens {min} (nu {quantity}).",
    productQuantityMax: "{product}: je kunt er in totaal maximaal {max} bestellen (nu {quantity}).",
    subtotalMin: "Het minimale subtotaal van een bestelling is {min} {currency} (nu {subtotal} {currency}).",
    subtotalMax: "Het maximale subtotaal van een bestelling is {max} {currency} (nu {subtotal} {currency}).",
    distinctLines: "Je winkelwagen mag maximaal {max} verschillende artikelen bevatten (nu {lines}).",
    weightMin: "Het minimale gewicht van een bestelling is {min} {unit} (nu {weight} {unit}).",
    weightMax: "Het maximale gewicht van een bestelling is {max} {unit} (nu {weight} {unit}).",
    exclusive: "{product} moet apart worden besteld. Verwijder de andere artikelen of bestel ze afzonderlijk.",
    exclusiveOther: "{product} kan niet samen met {other} worden besteld.",
    dependency: "{product} kan alleen samen met een vereist product worden besteld.",
  },
  pt: {
    addressKind: "{field}: não entregamos neste tipo de endereço ({kind}). Indique um endereço com rua e número.",
    fieldPattern: "{field}: este formato não é válido. Verifique o campo.",
    fieldLengthMin: "{field}: use pelo menos {min} caracteres.",
    fieldLengthMax: "{field}: no máximo {max} caracteres.",
    requiredFields: "{field}: este campo é obrigatório.",
    charsetLatin: "{field}: use apenas letras do alfabeto latino.",
    charsetAscii: "{field}: use apenas letras sem acentos, números e pontuação simples.",
    charsetNoEmoji: "{field}: remova os emojis.",
    streetNumber: "Inclua o número da rua no endereço.",
    postalCode: "Não entregamos neste código postal.",
    destinationCountry: "Não entregamos neste país ({country}).",
    destinationProvince: "Não entregamos nesta região ({province}).",
    cartQuantityMin: "O carrinho deve conter pelo menos {min} itens (atualmente {quantity}).",
    cartQuantityMax: "O carrinho pode conter no máximo {max} itens (atualmente {quantity}).",
    lineQuantityMin: "{product}: a quantidade mínima é {min}.",
    lineQuantityMax: "{product}: a quantidade máxima é {max}.",
    lineQuantityMultiple: "{product}: a quantidade deve ser um múltiplo de {multiple}.",
    productQuantityMin: "{product}: compre pelo menos {min} no total (atualmente {quantity}).",
    productQuantityMax: "{product}: pode comprar no máximo {max} no total (atualmente {quantity}).",
    subtotalMin: "O subtotal mínimo do pedido é {min} {currency} (atualmente {subtotal} {currency}).",
    subtotalMax: "O subtotal máximo do pedido é {max} {currency} (atualmente {subtotal} {currency}).",
    distinctLines: "O carrinho pode conter no máximo {max} itens diferentes (atualmente {lines}).",
    weightMin: "O peso mínimo do pedido é {min} {unit} (atualmente {weight} {unit}).",
    weightMax: "O peso máximo do pedido é {max} {unit} (atualmente {weight} {unit}).",
    exclusive: "{product} deve ser comprado sozinho. Remova os outros itens ou compre-os separadamente.",
    exclusiveOther: "{product} não pode ser comprado junto com {other}.",
    dependency: "{product} só pode ser comprado junto com um produto obrigatório.",
  },
};

/** Field names as checkout shows them, for {field}. */
export const FIELD_LABELS: Record<MessageLanguage, Record<AddressField, string>> = {
  en: { address1: "Address", address2: "Apartment, suite, etc.", city: "City", company: "Company", zip: "Postal code", provinceCode: "State/province", countryCode: "Country/region", phone: "Phone", firstName: "First name", lastName: "Last name" },
  fr: { address1: "Adresse", address2: "Appartement, suite, etc.", city: "Ville", company: "Entreprise", zip: "Code postal", provinceCode: "État/province", countryCode: "Pays/région", phone: "Téléphone", firstName: "Prénom", lastName: "Nom" },
  de: { address1: "Adresse", address2: "Wohnung, Zimmer usw.", city: "Stadt", company: "Firma", zip: "Postleitzahl", provinceCode: "Bundesland/Provinz", countryCode: "Land/Region", phone: "Telefon", firstName: "Vorname", lastName: "Nachname" },
  es: { address1: "Dirección", address2: "Apartamento, local, etc.", city: "Ciudad", company: "Empresa", zip: "Código postal", provinceCode: "Provincia/estado", countryCode: "País/región", phone: "Teléfono", firstName: "Nombre", lastName: "Apellidos" },
  it: { address1: "Indirizzo", address2: "Interno, scala, ecc.", city: "Città", company: "Azienda", zip: "CAP", provinceCode: "Provincia/stato", countryCode: "Paese/area geografica", phone: "Telefono", firstName: "Nome", lastName: "Cognome" },
  nl: { address1: "Adres", address2: "Appartement, suite, etc.", city: "Plaats", company: "Bedrijf", zip: "Postcode", provinceCode: "Provincie/staat", countryCode: "Land/regio", phone: "Telefoon", firstName: "Voornaam", lastName: "Achternaam" },
  pt: { address1: "Endereço", address2: "Apartamento, bloco, etc.", city: "Cidade", company: "Empresa", zip: "Código postal", provinceCode: "Estado/província", countryCode: "País/região", phone: "Telefone", firstName: "Nome", lastName: "Sobrenome" },
};

/** Regional overrides of field labels, looked up before the base language (the base language is the part before "-"). */
export const FIELD_LABEL_VARIANTS: Record<string, Partial<Record<AddressField, string>>> = {
  "pt-pt": { lastName: "Apelido", address1: "Morada" },
  "pt-br": { zip: "CEP" },
};

/** Address kinds, for {kind}. */
export const ADDRESS_KIND_LABELS: Record<MessageLanguage, Record<AddressKind, string>> = {
  en: { poBox: "PO box", privateMailbox: "private mailbox (PMB)", parcelLocker: "parcel locker or pick-up station", military: "military address (APO/FPO/DPO)", gopost: "USPS GoPost" },
  fr: { poBox: "boîte postale", privateMailbox: "boîte aux lettres privée (PMB)", parcelLocker: "consigne ou point relais", military: "adresse militaire (APO/FPO/DPO)", gopost: "USPS GoPost" },
  de: { poBox: "Postfach", privateMailbox: "privates Postfach (PMB)", parcelLocker: "Packstation oder Abholstation", military: "Militäradresse (APO/FPO/DPO)", gopost: "USPS GoPost" },
  es: { poBox: "apartado de correos", privateMailbox: "buzón privado (PMB)", parcelLocker: "taquilla o punto de recogida", military: "dirección militar (APO/FPO/DPO)", gopost: "USPS GoPost" },
  it: { poBox: "casella postale", privateMailbox: "casella postale privata (PMB)", parcelLocker: "locker o punto di ritiro", military: "indirizzo militare (APO/FPO/DPO)", gopost: "USPS GoPost" },
  nl: { poBox: "postbus", privateMailbox: "privépostbus (PMB)", parcelLocker: "pakketautomaat of afhaalpunt", military: "militair adres (APO/FPO/DPO)", gopost: "USPS GoPost" },
  pt: { poBox: "caixa postal", privateMailbox: "caixa de correio privada (PMB)", parcelLocker: "cacifo ou ponto de recolha", military: "endereço militar (APO/FPO/DPO)", gopost: "USPS GoPost" },
};

const isMessageLanguage = (code: string): code is MessageLanguage => (MESSAGE_LANGUAGES as readonly string[]).includes(code);

/** The built-in default for `key` in the first candidate language that has one, else English. */
export function defaultMessage(key: MessageKey, languages: readonly string[] = []): string {
  for (const language of languages) if (isMessageLanguage(language)) return DEFAULT_MESSAGES[language][key];
  return DEFAULT_MESSAGES.en[key];
}

/** The label of `field` for the first candidate language with one (a regional variant first), else English. */
export function fieldLabel(field: AddressField, languages: readonly string[] = []): string {
  for (const language of languages) {
    const variant = Object.prototype.hasOwnProperty.call(FIELD_LABEL_VARIANTS, language) ? FIELD_LABEL_VARIANTS[language][field] : undefined;
    if (variant) return variant;
    if (isMessageLanguage(language)) return FIELD_LABELS[language][field];
  }
  return FIELD_LABELS.en[field];
}

/** The label of an address kind for the first candidate language with one, else English. */
export function addressKindLabel(kind: AddressKind, languages: readonly string[] = []): string {
  for (const language of languages) if (isMessageLanguage(language)) return ADDRESS_KIND_LABELS[language][kind];
  return ADDRESS_KIND_LABELS.en[kind];
}
