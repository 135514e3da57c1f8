/**
 * The status card, rendered as the home page renders it: one panel per
 * checkout function (its Validation, whether it is on, whether it holds the
 * saved version, and its own bytes out of 10,000), then the last error and the
 * retry. The data is what getSyncStatus returns (see tests/sync/publish.test.ts).
 */
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { StatusCard, type FunctionStatusView, type StatusView } from "../../app/components/StatusCard";

function render(status: StatusView): string {
  const html = renderToStaticMarkup(
    <AppProvider i18n={en}>
      <StatusCard status={status} onRetry={() => undefined} retrying={false} />
    </AppProvider>,
  );
  // Text only, one space between pieces, without the badges' tone words read to screen readers.
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/\b(Success|Critical|Warning|Attention|Info) (?=\S)/g, "");
}

const fn = (over: Partial<FunctionStatusView>): FunctionStatusView => ({
  function: "address",
  title: "Checkout Guard: addresses",
  needed: true,
  ruleCount: 2,
  validationExists: true,
  enabled: true,
  inSync: true,
  syncedVersion: 7,
  syncedAt: "2026-12-03T10:15:00.000Z",
  bytesUsed: 1234,
  ...over,
});

const status = (over: Partial<StatusView>): StatusView => ({
  savedVersion: 7,
  inSync: true,
  lastError: null,
  byteLimit: 10_000,
  legacyPending: false,
  functions: [fn({}), fn({ function: "cart", title: "Checkout Guard: cart", ruleCount: 1, bytesUsed: 8_765, syncedAt: "2026-12-03T10:16:00.000Z" })],
  ...over,
});

describe("StatusCard", () => {
  it("shows each function with its own Validation, state and bytes out of 10,000", () => {
    const text = render(status({}));
    expect(text).toContain("Checkout Guard: addresses 2 address rules");
    expect(text).toContain("Checkout Guard: cart 1 cart rule ");
    expect(text.match(/Validation in Shopify Present/g)).toHaveLength(2);
    expect(text.match(/Up to date \(version 7\)/g)).toHaveLength(2);
    expect(text).toContain("1,234 of 10,000 bytes");
    expect(text).toContain("8,765 of 10,000 bytes");
    expect(text).toContain("Last published 2026-12-03 10:16 UTC");
    expect(text).not.toContain("Retry publishing");
  });

  it("tells which function is off, out of date or not needed, with the last error and a retry", () => {
    const text = render(
      status({
        inSync: false,
        lastError: "Shopify refused to create the Validation “Checkout Guard: cart”: Cannot have more than 25 active validation functions (MAX_VALIDATIONS_ACTIVATED).",
        legacyPending: true,
        functions: [
          fn({ enabled: false, inSync: false, syncedVersion: 6 }),
          fn({ function: "cart", title: "Checkout Guard: cart", needed: false, ruleCount: 0, validationExists: false, enabled: null, bytesUsed: 0 }),
        ],
      }),
    );
    expect(text).toContain("Settings › Checkout Off");
    expect(text).toContain("Version 7 not published");
    expect(text).toContain("Not needed: no cart rules");
    expect(text).not.toContain("0 of 10,000 bytes");
    expect(text).toContain("Last error: Shopify refused to create the Validation “Checkout Guard: cart”");
    expect(text).toContain("The single “Checkout Guard” validation of earlier versions is removed once both validations above are published.");
    expect(text).toContain("Retry publishing");
  });

  it("before any rule is saved", () => {
    const text = render(
      status({
        savedVersion: null,
        inSync: false,
        functions: [
          fn({ validationExists: false, enabled: null, inSync: false, syncedVersion: null, syncedAt: null, bytesUsed: null, ruleCount: 0, needed: false }),
          fn({ function: "cart", title: "Checkout Guard: cart", validationExists: false, enabled: null, inSync: false, syncedVersion: null, syncedAt: null, bytesUsed: null, ruleCount: 0, needed: false }),
        ],
      }),
    );
    expect(text.match(/No rules saved yet/g)).toHaveLength(2);
    expect(text.match(/Not created yet/g)).toHaveLength(2);
    expect(text).not.toContain("Retry publishing");
    expect(text).not.toContain("Last published");
  });
});
