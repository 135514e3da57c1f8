/** One valid definition per rule kind, as the rule editor posts them. */
import type { RuleKind } from "../../../extensions/checkout-guard/src/engine/config";
import type { RuleInput } from "../../../app/models/rules.server";

export const VALID_DEFINITIONS: Record<RuleKind, Record<string, unknown>> = {
  addressKind: { kind: "addressKind", block: ["poBox", "parcelLocker"], fields: ["address1", "address2"], message: "We cannot ship to {field}." },
  fieldPattern: { kind: "fieldPattern", field: "zip", pattern: "^\\d{5}$", mode: "allow", countries: { codes: ["FR"] } },
  fieldLength: { kind: "fieldLength", fields: ["address1", "address2"], max: 35 },
  requiredFields: { kind: "requiredFields", fields: ["phone"], stage: "completion" },
  charset: { kind: "charset", fields: ["address1", "city"], allow: "latin", accents: false },
  streetNumber: { kind: "streetNumber", display: "banner" },
  postalCode: { kind: "postalCode", mode: "block", codes: { FR: ["20*", "97100..97199", "75001"] } },
  destination: { kind: "destination", mode: "allow", countries: ["FR", "BE"], provinces: { US: ["CA"] } },
  cartQuantity: { kind: "cartQuantity", min: 2, max: 50, translations: { fr: "Entre {min} et {max} articles." } },
  lineQuantity: { kind: "lineQuantity", multiple: 6, select: { tags: ["wine"] } },
  productQuantity: { kind: "productQuantity", max: 3, select: { products: ["8123456789"] } },
  subtotal: { kind: "subtotal", limits: { EUR: { min: 20 }, USD: { min: 25, max: 5000 } } },
  distinctLines: { kind: "distinctLines", max: 30 },
  weight: { kind: "weight", max: 30, unit: "KILOGRAMS" },
  exclusive: { kind: "exclusive", select: { collections: ["4412345"] } },
  dependency: { kind: "dependency", select: { products: ["111"] }, requires: { variants: ["222"] } },
};

export const KINDS = Object.keys(VALID_DEFINITIONS) as RuleKind[];

export function ruleInput(kind: RuleKind, overrides: Partial<RuleInput> = {}): RuleInput {
  return { name: `${kind} rule`, status: "active", definition: JSON.stringify(VALID_DEFINITIONS[kind]), ...overrides };
}

export const SHOP_A = "shop-a.myshopify.com";
export const SHOP_B = "shop-b.myshopify.com";
