import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { charsetAccepts } from "../../src/engine/charset";
import { errorsFor, messagesFor, violationsFor } from "./build";

const target = (field: string, group = 0) => `$.cart.deliveryGroups[${group}].deliveryAddress.${field}`;

describe("addressKind (rule 1)", () => {
  const rule = { id: "k", kind: "addressKind", block: ["poBox"] };

  test("blocks a PO box in address1 at that field", () => {
    const errors = errorsFor([rule], { addresses: [{ address1: "PO Box 123" }] });
    expect(errors).toEqual([{ target: target("address1"), message: expect.stringContaining("PO box") }]);
  });

  test("a US address in the states AA, AE or AP (APO, FPO, DPO) is military whatever its street lines, at the state field", () => {
    const military = { id: "m", kind: "addressKind", block: ["military"] };
    const us = (fields: Record<string, string>) => ({ address1: "UNIT 2050", countryCode: "US", ...fields });
    for (const provinceCode of ["AA", "AE", "AP"]) {
      expect(errorsFor([military], { addresses: [us({ city: "APO", provinceCode, zip: "09456" })] }), provinceCode).toEqual([
        { target: target("provinceCode"), message: expect.stringContaining("military") },
      ]);
    }
    // A civilian unit, another US state, another country: nothing.
    expect(errorsFor([military], { addresses: [us({ city: "Miami", provinceCode: "FL" })] })).toEqual([]);
    expect(errorsFor([military], { addresses: [us({ city: "APO", provinceCode: "" })] })).toEqual([]);
    expect(errorsFor([military], { addresses: [{ address1: "1 Main St", city: "Apo", provinceCode: "AE", countryCode: "PH" }] })).toEqual([]);
    // Once per address: a street line the patterns know already says military.
    expect(errorsFor([military], { addresses: [us({ address1: "PSC 3 Box 4120", city: "APO", provinceCode: "AE" })] }).map((e) => e.target)).toEqual([
      target("address1"),
    ]);
    // Only a rule that blocks military addresses looks.
    expect(errorsFor([rule], { addresses: [us({ city: "APO", provinceCode: "AE" })] })).toEqual([]);
  });

  test("checks address2 and company by default, each at its own field", () => {
    const errors = errorsFor([rule], { addresses: [{ address1: "1 Main St", address2: "P.O. Box 9", company: "PO Box 4" }] });
    expect(errors.map((e) => e.target)).toEqual([target("address2"), target("company")]);
  });

  test("checks only the chosen fields", () => {
    const errors = errorsFor([{ ...rule, fields: ["address1"] }], { addresses: [{ address1: "1 Main St", address2: "PO Box 9" }] });
    expect(errors).toEqual([]);
  });

  test("only the kinds chosen block", () => {
    expect(errorsFor([{ ...rule, block: ["military"] }], { addresses: [{ address1: "PO Box 123" }] })).toEqual([]);
  });

  test("an ordinary street passes", () => {
    expect(errorsFor([rule], { addresses: [{ address1: "12 Box Hill Road" }] })).toEqual([]);
  });

  test("never echoes the typed address", () => {
    const [message] = messagesFor([rule], { addresses: [{ address1: "PO Box 987654" }] });
    expect(message).not.toContain("987654");
  });
});

describe("fieldPattern (rule 2)", () => {
  const zip5 = { id: "p", kind: "fieldPattern", field: "zip", pattern: "^\\d{5}$", mode: "allow" };

  test("allow: a field that does not match is refused at the field", () => {
    expect(errorsFor([zip5], { addresses: [{ zip: "7500" }] })).toEqual([
      { target: target("zip"), message: "Postal code: this format isn't accepted. Please check it." },
    ]);
    expect(errorsFor([zip5], { addresses: [{ zip: "75002" }] })).toEqual([]);
  });

  test("block: a field that matches is refused", () => {
    const rule = { id: "b", kind: "fieldPattern", field: "address1", pattern: "c/o", mode: "block" };
    expect(errorsFor([rule], { addresses: [{ address1: "1 Main St c/o Bob" }] })).toHaveLength(1);
    expect(errorsFor([rule], { addresses: [{ address1: "1 Main St" }] })).toHaveLength(0);
  });

  test("ignoreCase", () => {
    const rule = { id: "b", kind: "fieldPattern", field: "city", pattern: "^paris$", mode: "allow" };
    expect(errorsFor([rule], { addresses: [{ city: "PARIS" }] })).toHaveLength(1);
    expect(errorsFor([{ ...rule, ignoreCase: true }], { addresses: [{ city: "PARIS" }] })).toHaveLength(0);
  });

  test("the same pattern with and without ignoreCase, in one run over several addresses: each rule with its own flags", () => {
    const strict = { id: "s", kind: "fieldPattern", field: "city", pattern: "^paris$", mode: "allow" };
    const loose = { ...strict, id: "l", ignoreCase: true };
    const addresses = [{ city: "PARIS" }, { city: "paris" }, { city: "Lyon" }];
    expect(violationsFor([strict, loose], { addresses }).map((v) => `${v.ruleId}@${v.target}`)).toEqual([
      `s@${target("city", 0)}`,
      `s@${target("city", 2)}`,
      `l@${target("city", 2)}`,
    ]);
  });

  test("compiled with the u flag", () => {
    const rule = { id: "u", kind: "fieldPattern", field: "city", pattern: "^\\p{Lu}", mode: "allow" };
    expect(errorsFor([rule], { addresses: [{ city: "Évry" }] })).toHaveLength(0);
    expect(errorsFor([rule], { addresses: [{ city: "évry" }] })).toHaveLength(1);
  });

  test("an invalid pattern makes the rule inert and never throws", () => {
    const rule = { id: "x", kind: "fieldPattern", field: "zip", pattern: "([", mode: "allow" };
    expect(errorsFor([rule, { id: "s", kind: "streetNumber" }], { addresses: [{ zip: "nope", address1: "Main St" }] })).toEqual([
      expect.objectContaining({ target: target("address1") }),
    ]);
  });

  test("a blank field is not checked", () => {
    expect(errorsFor([{ ...zip5, field: "address2" }], { addresses: [{ address2: "  " }] })).toEqual([]);
  });
});

describe("fieldLength (rule 3)", () => {
  const rule = { id: "l", kind: "fieldLength", fields: ["address1", "address2"], min: 5, max: 10 };

  test("min and max are inclusive", () => {
    expect(errorsFor([rule], { addresses: [{ address1: "1 Rue" }] })).toEqual([]); // 5
    expect(errorsFor([rule], { addresses: [{ address1: "1 Rue Paix" }] })).toEqual([]); // 10
  });

  test("too long and too short, with their own default messages", () => {
    expect(messagesFor([rule], { addresses: [{ address1: "12 Rue Paix" }] })).toEqual(["Address: use at most 10 characters."]);
    expect(messagesFor([rule], { addresses: [{ address1: "1 Ru" }] })).toEqual(["Address: enter at least 5 characters."]);
  });

  test("counts characters, not UTF-16 units", () => {
    const max = { id: "m", kind: "fieldLength", fields: ["city"], max: 3 };
    expect(errorsFor([max], { addresses: [{ city: "𝔸𝔹ℂ" }] })).toEqual([]);
  });

  test("decides as counting every character would, astral and combined characters included", () => {
    const text = fc.string({ unit: fc.constantFrom("a", " ", "é", "e\u0301", "𝔸", "中", "🇫🇷"), maxLength: 14 });
    const limit = fc.option(fc.integer({ min: 0, max: 16 }), { nil: undefined });
    fc.assert(
      fc.property(text, limit, limit, (city, min, max) => {
        const length = Array.from(city.trim()).length;
        const expected = city.trim() !== "" && ((max !== undefined && length > max) || (min !== undefined && length < min));
        expect(errorsFor([{ id: "l", kind: "fieldLength", fields: ["city"], min, max }], { addresses: [{ city }] })).toHaveLength(expected ? 1 : 0);
      }),
    );
  });

  test("each field listed is checked at its own target", () => {
    const errors = errorsFor([rule], { addresses: [{ address1: "1 Ru", address2: "Building 12345" }] });
    expect(errors.map((e) => e.target)).toEqual([target("address1"), target("address2")]);
  });

  test("{length} is available to a custom message", () => {
    expect(messagesFor([{ ...rule, message: "{field} has {length}/{max}" }], { addresses: [{ address1: "12 Rue Paix" }] })).toEqual([
      "Address has 11/10",
    ]);
  });
});

describe("requiredFields (rule 4)", () => {
  const rule = { id: "r", kind: "requiredFields", fields: ["phone", "company"] };

  test("missing or blank fields are refused, each at its field", () => {
    const errors = errorsFor([rule], { addresses: [{ phone: null, company: "   " }] });
    expect(errors).toEqual([
      { target: target("phone"), message: "Phone: this field is required." },
      { target: target("company"), message: "Company: this field is required." },
    ]);
  });

  test("present fields pass", () => {
    expect(errorsFor([rule], { addresses: [{ phone: "+331", company: "ACME" }] })).toEqual([]);
  });
});

describe("charset (rule 5)", () => {
  const latin = { id: "c", kind: "charset", fields: ["address1", "city"], allow: "latin" };

  test("latin: refuses other scripts and emoji, accepts accents by default", () => {
    expect(errorsFor([latin], { addresses: [{ city: "Москва" }] }).map((e) => e.target)).toEqual([target("city")]);
    expect(errorsFor([latin], { addresses: [{ address1: "1 Main St 🏠" }] })).toHaveLength(1);
    expect(errorsFor([latin], { addresses: [{ city: "Zürich", address1: "5 Rue Éloi-Œuvre, 3ᵉ" }] })).toEqual([]);
  });

  test("latin without accents", () => {
    const rule = { ...latin, accents: false };
    expect(messagesFor([rule], { addresses: [{ city: "Zürich" }] })).toEqual([
      "City: please use only letters without accents, digits and basic punctuation.",
    ]);
    expect(errorsFor([rule], { addresses: [{ city: "Zurich" }] })).toEqual([]);
    expect(errorsFor([rule], { addresses: [{ city: "Zu\u0308rich" }] })).toHaveLength(1); // combining diaeresis
  });

  test("ascii", () => {
    const rule = { id: "a", kind: "charset", fields: ["address1"], allow: "ascii" };
    expect(errorsFor([rule], { addresses: [{ address1: "12 Straße" }] })).toHaveLength(1);
    expect(errorsFor([rule], { addresses: [{ address1: "12 Main St., #4 (rear)" }] })).toEqual([]);
  });

  test("noEmoji", () => {
    const rule = { id: "e", kind: "charset", fields: ["company"], allow: "noEmoji" };
    expect(messagesFor([rule], { addresses: [{ company: "Cake Shop 🎂" }] })).toEqual(["Company: please remove the emoji."]);
    expect(errorsFor([rule], { addresses: [{ company: "Flag 🇫🇷" }] })).toHaveLength(1);
    expect(errorsFor([rule], { addresses: [{ company: "I ❤️ NY" }] })).toHaveLength(1);
    expect(errorsFor([rule], { addresses: [{ company: "ACME™ © Ünïcødé 東京" }] })).toEqual([]);
  });

  // charsetAccepts answers printable ASCII with one cheap scan; the Unicode-property
  // checks must agree. A no-break space (common to all scripts, not an emoji) keeps
  // the text off that shortcut without changing what latin and noEmoji say of it.
  test("printable ASCII passes latin (with or without accents) and noEmoji by the Unicode-property checks too", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1 }), (ascii) => {
        for (const [allow, accents] of [["latin", true], ["latin", false], ["noEmoji", true]] as const) {
          expect(charsetAccepts(`${ascii}\u00a0`, allow, accents)).toBe(true);
          expect(charsetAccepts(ascii, allow, accents)).toBe(true);
        }
        expect(charsetAccepts(ascii, "ascii")).toBe(true);
      }),
    );
  });
});

describe("streetNumber (rule 6)", () => {
  const rule = { id: "n", kind: "streetNumber" };
  test("address1 needs a number", () => {
    expect(errorsFor([rule], { addresses: [{ address1: "Rue de la Paix" }] })).toEqual([
      { target: target("address1"), message: "Please include a house number in the address." },
    ]);
    for (const address1 of ["12 Rue de la Paix", "Hauptstraße 5a", "Calle Mayor, 12", "Flat 3/4 High St"]) {
      expect(errorsFor([rule], { addresses: [{ address1 }] })).toEqual([]);
    }
  });
  test("the number must be in address1", () => {
    expect(errorsFor([rule], { addresses: [{ address1: "Hauptstraße", address2: "12" }] })).toHaveLength(1);
  });
});

describe("postalCode (rule 7)", () => {
  const block = { id: "z", kind: "postalCode", mode: "block", codes: { FR: ["20*", "97100..97199", "75002"] } };

  test("block: exact codes, prefixes and ranges, in the listed country", () => {
    for (const zip of ["20000", "2A004".replace("2A", "20"), "97150", "75002", "75 002"]) {
      expect(errorsFor([block], { addresses: [{ zip }] }).map((e) => e.target)).toEqual([target("zip")]);
    }
    for (const zip of ["75001", "97200", "21000"]) expect(errorsFor([block], { addresses: [{ zip }] })).toEqual([]);
  });

  test("range bounds are inclusive", () => {
    expect(errorsFor([block], { addresses: [{ zip: "97100" }] })).toHaveLength(1);
    expect(errorsFor([block], { addresses: [{ zip: "97199" }] })).toHaveLength(1);
    expect(errorsFor([block], { addresses: [{ zip: "97099" }] })).toHaveLength(0);
  });

  test("a range compares codes of the same length only", () => {
    const rule = { id: "r", kind: "postalCode", mode: "block", codes: { US: ["01000..01999"] } };
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", zip: "01500" }] })).toHaveLength(1);
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", zip: "01500-1234" }] })).toHaveLength(1);
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", zip: "1500" }] })).toHaveLength(0);
  });

  test("block does not apply to other countries", () => {
    expect(errorsFor([block], { addresses: [{ countryCode: "BE", zip: "2000" }] })).toEqual([]);
  });

  test("allow: in a listed country only listed codes pass; other countries are not checked", () => {
    const allow = { id: "a", kind: "postalCode", mode: "allow", codes: { GB: ["SW1A*"] } };
    expect(errorsFor([allow], { addresses: [{ countryCode: "GB", zip: "sw1a 1aa" }] })).toEqual([]);
    expect(messagesFor([allow], { addresses: [{ countryCode: "GB", zip: "EC1A 1BB" }] })).toEqual(["We don't deliver to this postal code."]);
    expect(errorsFor([allow], { addresses: [{ countryCode: "FR", zip: "75002" }] })).toEqual([]);
  });
});

describe("destination (rule 8)", () => {
  test("allow: only listed countries", () => {
    const rule = { id: "d", kind: "destination", mode: "allow", countries: ["FR", "BE"] };
    expect(errorsFor([rule], { addresses: [{ countryCode: "FR" }] })).toEqual([]);
    expect(errorsFor([rule], { addresses: [{ countryCode: "DE" }] })).toEqual([
      { target: target("countryCode"), message: "We don't deliver to this country (DE)." },
    ]);
  });

  test("allow with provinces: only those provinces of that country", () => {
    const rule = { id: "d", kind: "destination", mode: "allow", countries: ["FR"], provinces: { US: ["CA", "NY"] } };
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", provinceCode: "CA" }] })).toEqual([]);
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", provinceCode: "TX" }] })).toEqual([
      { target: target("provinceCode"), message: "We don't deliver to this region (TX)." },
    ]);
    expect(errorsFor([rule], { addresses: [{ countryCode: "FR" }] })).toEqual([]);
  });

  test("block: listed countries, and listed provinces of any country", () => {
    const rule = { id: "d", kind: "destination", mode: "block", countries: ["RU"], provinces: { US: ["HI", "AK"] } };
    expect(errorsFor([rule], { addresses: [{ countryCode: "RU" }] }).map((e) => e.target)).toEqual([target("countryCode")]);
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", provinceCode: "HI" }] }).map((e) => e.target)).toEqual([target("provinceCode")]);
    expect(errorsFor([rule], { addresses: [{ countryCode: "US", provinceCode: "CA" }] })).toEqual([]);
  });

  test("provinces are compared upper-cased and trimmed, whatever case they were written in", () => {
    const block = { id: "d", kind: "destination", mode: "block", provinces: { US: [" hi", "Ak "] } };
    expect(errorsFor([block], { addresses: [{ countryCode: "US", provinceCode: "HI" }] }).map((e) => e.target)).toEqual([target("provinceCode")]);
    expect(errorsFor([block], { addresses: [{ countryCode: "us", provinceCode: "ak" }] }).map((e) => e.target)).toEqual([target("provinceCode")]);
    const allow = { id: "d", kind: "destination", mode: "allow", provinces: { US: ["ca "] } };
    expect(errorsFor([allow], { addresses: [{ countryCode: "US", provinceCode: "CA" }] })).toEqual([]);
    expect(errorsFor([allow], { addresses: [{ countryCode: "DE" }] }).map((e) => e.target)).toEqual([target("countryCode")]);
  });

  test("an allow rule listing nothing is inert", () => {
    expect(errorsFor([{ id: "d", kind: "destination", mode: "allow" }], { addresses: [{ countryCode: "FR" }] })).toEqual([]);
  });
});

describe("address rules across delivery groups", () => {
  const rule = { id: "n", kind: "streetNumber" };

  test("every group with an address is checked, each at its own index", () => {
    const errors = errorsFor([rule], { addresses: [{ address1: "No number" }, null, { address1: "7 Good St" }, { address1: "Also none" }] });
    expect(errors.map((e) => e.target)).toEqual([target("address1", 0), target("address1", 3)]);
  });

  test("no delivery group, or groups without address: nothing to check", () => {
    expect(errorsFor([rule], { addresses: [] })).toEqual([]);
    expect(errorsFor([rule], { addresses: [null] })).toEqual([]);
  });

  test("banner display targets the cart, once for identical messages", () => {
    const errors = errorsFor([{ ...rule, display: "banner" }], { addresses: [{ address1: "No number" }, { address1: "None either" }] });
    expect(errors).toEqual([{ target: "$.cart", message: "Please include a house number in the address." }]);
  });
});
