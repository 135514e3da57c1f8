import { describe, expect, it } from "vitest";
import { parsePostalCodeCsv } from "../../app/models/rules.server";
import { MAX_CODES_PER_COUNTRY, MAX_CSV_BYTES } from "../../app/models/postal-code-csv.server";

describe("postal-code CSV import", () => {
  it("reads country,code rows with a header, normalising and removing duplicates", () => {
    const csv = "Country,Postal code\nfr,75001\nFR, 75 002 \nFR,75001\nbe,1000\n\nDE,10*\nDE,01000..01999\n";
    expect(parsePostalCodeCsv(csv)).toEqual({
      ok: true,
      codes: { FR: ["75001", "75002"], BE: ["1000"], DE: ["10*", "01000..01999"] },
    });
  });

  it("reads rows without a header, and semicolon or tab separated files from spreadsheets", () => {
    expect(parsePostalCodeCsv("GB,SW1A 1AA\nGB,ec1a1bb")).toEqual({ ok: true, codes: { GB: ["SW1A1AA", "EC1A1BB"] } });
    expect(parsePostalCodeCsv("\uFEFFcountry;zip\r\nNL;1012 AB\r\nNL;1013*\r\n")).toEqual({ ok: true, codes: { NL: ["1012AB", "1013*"] } });
    expect(parsePostalCodeCsv("country\tcode\nCA\tH2X 1Y4")).toEqual({ ok: true, codes: { CA: ["H2X1Y4"] } });
  });

  it("reads one code per line for a country chosen in the editor", () => {
    expect(parsePostalCodeCsv("20000\n20090\n\n20100..20199\n", "fr")).toEqual({ ok: true, codes: { FR: ["20000", "20090", "20100..20199"] } });
    expect(parsePostalCodeCsv("code\n97100\n", "FR")).toEqual({ ok: true, codes: { FR: ["97100"] } });
    expect(parsePostalCodeCsv("20000\n20090\n")).toEqual({
      ok: false,
      errors: { country: "Choose the country of these postal codes, or add a country column." },
    });
    expect(parsePostalCodeCsv("20000", "France")).toMatchObject({ ok: false, errors: { country: expect.any(String) } });
  });

  it("reports bad rows by their line in the file", () => {
    const csv = "country,code\nFR,75001\n\nFrance,75002\nFR,\nFR,75/003\nDE,10115\n";
    const result = parsePostalCodeCsv(csv);
    expect(result).toEqual({
      ok: false,
      errors: {
        "line.4": '"France" is not a two-letter country code.',
        "line.5": "The postal code is missing.",
        "line.6": '"75/003" is not a postal code, prefix (75*) or range (75000..75999).',
        _form: expect.stringMatching(/^3 rows are not valid — line 4: .* line 5: .* line 6: /),
      },
    });
  });

  it("caps the file size and the codes per country", () => {
    expect(parsePostalCodeCsv("")).toEqual({ ok: false, errors: { _form: "The file is empty." } });
    expect(parsePostalCodeCsv("FR,75001\n".repeat(Math.ceil(MAX_CSV_BYTES / 9) + 1))).toMatchObject({
      ok: false,
      errors: { _form: expect.stringContaining("larger than") },
    });
    const many = Array.from({ length: MAX_CODES_PER_COUNTRY + 1 }, (_, i) => `US,${String(10000 + i)}`).join("\n");
    expect(parsePostalCodeCsv(many)).toMatchObject({ ok: false, errors: { "codes.US": expect.stringContaining("at most 1,000 per country") } });
  });
});
