/**
 * The status card, rendered as the home page renders it: one panel per
 * checkout function (its Validation, whether it is on, whether it holds the
 * saved version, and its own bytes out of 10,000), then the last error and the
 * retry; beside the bytes, each function's predicted worst case for carts of
 * 200 and 2,000 lines against Shopify's limit; any extra Validation of our
 * functions, with its removal. The data is what the home page's
 * loader returns: getSyncStatus (see tests/sync/publish.test.ts) and the cost
 * prediction (tests/admin/cost-guard.test.ts).
 */
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { StatusCard, type FunctionStatusView, type StatusView } from "../../app/components/StatusCard";

function render(status: StatusView): string {
  const html = renderToStaticMarkup(
    <AppProvider i18n={en}>
      <StatusCard status={status} onRetry={() => undefined} retrying={false} onRemoveExtras={() => undefined} />
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

const cost = (at200: number, at2000: number) => [
  { lines: 200, predicted: at200, limit: 11_000_000, share: at200 / 11_000_000 },
  { lines: 2000, predicted: at2000, limit: 110_000_000, share: at2000 / 110_000_000 },
];

const status = (over: Partial<StatusView>): StatusView => ({
  savedVersion: 7,
  inSync: true,
  lastError: null,
  byteLimit: 10_000,
  legacyPending: false,
  costGuardShare: 0.8,
  functions: [
    fn({ cost: cost(3_250_000, 3_250_000) }),
    fn({ function: "cart", title: "Checkout Guard: cart totals", ruleCount: 1, bytesUsed: 8_765, syncedAt: "2026-12-03T10:16:00.000Z", cost: cost(4_070_000, 18_660_000) }),
    fn({ function: "weight", title: "Checkout Guard: cart weight", ruleCount: 1, bytesUsed: 120, cost: cost(10_760_000, 85_450_000) }),
    fn({ function: "productsLean", title: "Checkout Guard: products by product, tag or collection", ruleCount: 3, bytesUsed: 400, cost: cost(14_320_000, 120_140_000) }),
  ],
  ...over,
});

describe("StatusCard", () => {
  it("shows each function with its own Validation, state and bytes out of 10,000", () => {
    const text = render(status({}));
    expect(text).toContain("Checkout Guard: addresses 2 address rules");
    expect(text).toContain("Checkout Guard: cart totals 1 cart quantity, line count and subtotal rule ");
    expect(text).toContain("Checkout Guard: cart weight 1 weight rule ");
    expect(text).toContain("Checkout Guard: products by product, tag or collection 3 product rules (line and product quantities, exclusive products, dependencies)");
    expect(text.match(/Validation in Shopify Present/g)).toHaveLength(4);
    expect(text.match(/Up to date \(version 7\)/g)).toHaveLength(4);
    expect(text).toContain("1,234 of 10,000 bytes");
    expect(text).toContain("8,765 of 10,000 bytes");
    expect(text).toContain("Last published Dec 3, 2026, 10:16 AM UTC");
    expect(text).not.toContain("Retry publishing");
  });

  it("shows beside the bytes each function's predicted worst case at 200 and 2,000 lines, as a share of the limit", () => {
    const text = render(status({}));
    expect(text).toContain("Instructions, 200-line cart (worst case) 3.3M of 11.0M (30%)");
    expect(text).toContain("Instructions, 2,000-line cart (worst case) 3.3M of 110.0M (3%)");
    expect(text).toContain("Instructions, 200-line cart (worst case) 4.1M of 11.0M (37%)");
    expect(text).toContain("Instructions, 2,000-line cart (worst case) 18.7M of 110.0M (17%)");
    expect(text).toContain("Instructions, 200-line cart (worst case) 10.8M of 11.0M (98%)");
    expect(text).toContain("Instructions, 2,000-line cart (worst case) 120.1M of 110.0M (109%)");
    expect(text.match(/Instructions, 200-line cart/g)).toHaveLength(4);
    // Over the guard's share: in the critical tone.
    const html = renderToStaticMarkup(
      <AppProvider i18n={en}>
        <StatusCard status={status({})} onRetry={() => undefined} retrying={false} />
      </AppProvider>,
    );
    expect(html.match(/Polaris-Text--critical[^>]*>[^<]*of 11\.0M/g)).toHaveLength(2);
    expect(html.match(/Polaris-Text--critical[^>]*>[^<]*of 110\.0M/g)).toHaveLength(1);
    // No prediction (a function without rules, or none made): no figure.
    const none = render(status({ functions: [fn({ cost: null }), fn({ function: "cart", title: "Checkout Guard: cart totals" })] }));
    expect(none).not.toContain("Instructions,");
  });

  it("tells which function is off, out of date or not needed, with the last error and a retry", () => {
    const text = render(
      status({
        inSync: false,
        lastError: "Shopify refused to create the Validation “Checkout Guard: cart”: Cannot have more than 25 active validation functions (MAX_VALIDATIONS_ACTIVATED).",
        legacyPending: true,
        functions: [
          fn({ enabled: false, inSync: false, syncedVersion: 6 }),
          fn({ function: "cart", title: "Checkout Guard: cart totals", needed: false, ruleCount: 0, validationExists: false, enabled: null, bytesUsed: 0 }),
          fn({ function: "productsLean", title: "Checkout Guard: products by product, tag or collection", needed: false, ruleCount: 0, validationExists: false, enabled: null, bytesUsed: 0 }),
        ],
      }),
    );
    expect(text).toContain("Settings › Checkout Off");
    expect(text).toContain("Version 7 not published");
    expect(text).toContain("Not needed: no cart quantity, line count and subtotal rules");
    expect(text).toContain("Not needed: no product rules (line and product quantities, exclusive products, dependencies)");
    expect(text).not.toContain("0 of 10,000 bytes");
    expect(text).toContain("Last error: Shopify refused to create the Validation “Checkout Guard: cart”");
    expect(text).toContain("The single “Checkout Guard” validation of earlier versions is removed once the validations above are published.");
    expect(text).toContain("Retry publishing");
  });

  it("shows each extra Validation of our functions, on or off, with a button that removes them", () => {
    const text = render(
      status({
        inSync: false,
        extraValidations: [
          { id: "gid://shopify/Validation/9", function: "cart", title: "Checkout Guard: cart totals", enabled: true },
          { id: "gid://shopify/Validation/10", function: "address", title: "Checkout Guard: addresses", enabled: false },
        ],
      }),
    );
    expect(text).toContain(
      "Another validation of “Checkout Guard: cart totals” (gid://shopify/Validation/9, on) runs at checkout besides the one the app publishes to: it keeps applying the rules it last received.",
    );
    expect(text).toContain(
      "Another validation of “Checkout Guard: addresses” (gid://shopify/Validation/10, off) exists besides the one the app publishes to: turned on, it would apply the rules it last received.",
    );
    expect(text).toContain("Remove extra validations");
    // None: no sentence, no button.
    const none = render(status({ extraValidations: [] }));
    expect(none).not.toContain("Another validation");
    expect(none).not.toContain("Remove extra validations");
  });

  it("before any rule is saved", () => {
    const text = render(
      status({
        savedVersion: null,
        inSync: false,
        functions: [
          fn({ validationExists: false, enabled: null, inSync: false, syncedVersion: null, syncedAt: null, bytesUsed: null, ruleCount: 0, needed: false }),
          fn({ function: "cart", title: "Checkout Guard: cart totals", validationExists: false, enabled: null, inSync: false, syncedVersion: null, syncedAt: null, bytesUsed: null, ruleCount: 0, needed: false }),
        ],
      }),
    );
    expect(text.match(/No rules saved yet/g)).toHaveLength(2);
    expect(text.match(/Not created yet/g)).toHaveLength(2);
    expect(text).not.toContain("Retry publishing");
    expect(text).not.toContain("Last published");
  });
});
