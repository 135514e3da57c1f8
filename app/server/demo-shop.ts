/**
 * The local demo's shop and the rules it starts with: a few a merchant would
 * write on day one, one of each checkout function, so that the rules page,
 * the status card, the simulator and the history have something to show.
 */
export const DEMO_SHOP = "checkout-guard-demo.myshopify.com";

export const DEMO_RULES = [
  { name: "No PO boxes", status: "active", definition: { kind: "addressKind", block: ["poBox"] } },
  { name: "No shipping to Hawaii, Alaska or sanctioned countries", status: "active", definition: { kind: "destination", mode: "block", provinces: { US: ["HI", "AK"] }, countries: ["KP", "IR"] } },
  { name: "Minimum order", status: "active", definition: { kind: "subtotal", limits: { EUR: { min: 25 }, USD: { min: 30 } } } },
  { name: "Parcel weight limit", status: "active", definition: { kind: "weight", max: 30, unit: "KILOGRAMS" } },
  { name: "At most 6 bottles of wine per line", status: "active", definition: { kind: "lineQuantity", max: 6, select: { tags: ["wine"] } } },
  { name: "Phone number for couriers", status: "inactive", definition: { kind: "requiredFields", fields: ["phone"], display: "banner" } },
];
