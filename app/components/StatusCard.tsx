/**
 * Whether checkout runs the saved rules, for each checkout function (address,
 * cart totals, weight, products: engine/functions.ts): its Validation exists,
 * is turned on in Settings > Checkout, holds the latest saved version, how
 * much of its own 10,000-byte metafield budget its document uses, and the
 * share of Shopify's instruction limit it is predicted to need, at worst, for
 * carts of 200 and 2,000 lines (function-cost.server.ts), and the built-in
 * languages left out of its message catalog, if any. Then any extra
 * Validation of our functions (it runs at checkout too, with whatever it last
 * received), with a button that removes them; then the last error, with a
 * retry.
 */
import { Badge, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Link, ProgressBar, Text } from "@shopify/polaris";
import { CHECKOUT_FUNCTIONS, type CheckoutFunction } from "../../extensions/checkout-guard/src/engine/functions";

/** A function's predicted worst-case instructions for a cart size, against Shopify's limit for it. */
export interface CostAtLines {
  lines: number;
  predicted: number;
  limit: number;
  share: number;
}

export interface FunctionStatusView {
  function: string;
  title: string;
  needed: boolean;
  ruleCount: number;
  validationExists: boolean | null;
  enabled: boolean | null;
  inSync: boolean;
  syncedVersion: number | null;
  syncedAt: string | Date | null;
  bytesUsed: number | null;
  /** Predicted worst case for the latest saved configuration, per cart size (null or absent: no prediction). */
  cost?: CostAtLines[] | null;
  /** The largest cart the function checks within Shopify's limit (worst case), when the model says it cannot check every size. */
  checkableLines?: number | null;
  /** Built-in languages left out of this function's message catalog so that it fits ("pt", "nl"). */
  droppedLanguages?: string[];
}

/** A Validation of one of our functions besides the one that function uses. */
export interface ExtraValidationView {
  id: string;
  function: string;
  title: string;
  enabled: boolean;
}

export interface StatusView {
  savedVersion: number | null;
  inSync: boolean;
  lastError: string | null;
  byteLimit: number;
  functions: FunctionStatusView[];
  legacyPending: boolean;
  /** Validations of our functions that no function uses (absent: none known). */
  extraValidations?: ExtraValidationView[];
  /** The share of Shopify's limit a configuration may be predicted to use (saves over it are refused). */
  costGuardShare?: number;
}

/** "address" → "address rules", as the merchant knows them. */
const rulesOf = (fn: string): string => CHECKOUT_FUNCTIONS[fn as CheckoutFunction]?.rules ?? "rules";
/** "address rules" → "address rule"; "product rules (…)" → "product rule (…)". */
const oneRule = (rules: string) => rules.replace(/\brules\b/, "rule");
const millions = (n: number) => `${(n / 1_000_000).toFixed(1)}M`;
/** The card warns when a function cannot check every cart up to this size. */
const CHECKED_CART_LINES = 5000;

const LANGUAGE_NAMES: Record<string, string> = { en: "English", fr: "French", de: "German", es: "Spanish", it: "Italian", nl: "Dutch", pt: "Portuguese" };
/** "Dutch and Portuguese", "French, Dutch and Portuguese". */
const languageList = (codes: string[]) => {
  const names = codes.map((code) => LANGUAGE_NAMES[code] ?? code);
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
};

const yesNo = (value: boolean | null, yes: string, no: string, alarming = true) =>
  value === null ? <Badge>Unknown</Badge> : value ? <Badge tone="success">{yes}</Badge> : <Badge tone={alarming ? "critical" : undefined}>{no}</Badge>;

function FunctionStatus({
  fn,
  savedVersion,
  byteLimit,
  costGuardShare,
}: {
  fn: FunctionStatusView;
  savedVersion: number | null;
  byteLimit: number;
  costGuardShare: number;
}) {
  const rules = rulesOf(fn.function);
  const used = fn.bytesUsed ?? 0;
  const percent = Math.min(100, Math.round((used / byteLimit) * 100));
  return (
    <Box borderColor="border" borderWidth="025" borderRadius="200" padding="300">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {fn.title}
          </Text>
          <Text as="span" tone="subdued">
            {`${fn.ruleCount} ${fn.ruleCount === 1 ? oneRule(rules) : rules}`}
          </Text>
        </InlineStack>
        {!fn.needed && savedVersion !== null ? (
          <InlineStack align="space-between" blockAlign="center">
            <Text as="span">Validation in Shopify</Text>
            {fn.validationExists ? <Badge tone="warning">To be removed</Badge> : <Badge>{`Not needed: no ${rules}`}</Badge>}
          </InlineStack>
        ) : (
          <>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">Validation in Shopify</Text>
              {/* Before any rule is saved, a missing Validation is expected. */}
              {yesNo(fn.validationExists, "Present", "Not created yet", savedVersion !== null)}
            </InlineStack>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">
                Turned on in{" "}
                <Link url="shopify://admin/settings/checkout" target="_top">
                  Settings › Checkout
                </Link>
              </Text>
              {yesNo(fn.enabled, "On", "Off")}
            </InlineStack>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">Published rules</Text>
              {savedVersion === null ? (
                <Badge>No rules saved yet</Badge>
              ) : fn.inSync ? (
                <Badge tone="success">{`Up to date (version ${fn.syncedVersion})`}</Badge>
              ) : (
                <Badge tone="warning">{`Version ${savedVersion} not published`}</Badge>
              )}
            </InlineStack>
            <InlineStack align="space-between">
              <Text as="span">Configuration size</Text>
              <Text as="span" tone={percent >= 90 ? "critical" : undefined}>
                {`${used.toLocaleString("en-US")} of ${byteLimit.toLocaleString("en-US")} bytes`}
              </Text>
            </InlineStack>
            <ProgressBar progress={percent} tone={percent >= 90 ? "critical" : "primary"} size="small" />
            {fn.droppedLanguages && fn.droppedLanguages.length > 0 ? (
              <Text as="p" tone="caution">
                {`Built-in messages in ${languageList(fn.droppedLanguages)} are left out so that this function's messages fit in ${byteLimit.toLocaleString("en-US")} bytes: buyers in ${fn.droppedLanguages.length === 1 ? "that language" : "those languages"} read the English defaults. Give these ${rules} a message or translations of their own to choose what they read.`}
              </Text>
            ) : null}
            {fn.checkableLines != null && fn.checkableLines < CHECKED_CART_LINES ? (
              <Text as="p" tone="caution">
                {`Checks carts of up to ${fn.checkableLines.toLocaleString("en-US")} lines (worst case): on larger carts this function would need more than Shopify's instruction limit, so those checkouts go through without these ${rules}.`}
              </Text>
            ) : null}
            {(fn.cost ?? []).map((at) => {
              const share = Math.round(at.share * 100);
              const over = at.share > costGuardShare;
              return (
                <BlockStack gap="100" key={at.lines}>
                  <InlineStack align="space-between">
                    <Text as="span">{`Instructions, ${at.lines.toLocaleString("en-US")}-line cart (worst case)`}</Text>
                    <Text as="span" tone={over ? "critical" : undefined}>
                      {`${millions(at.predicted)} of ${millions(at.limit)} (${share}%)`}
                    </Text>
                  </InlineStack>
                  <ProgressBar progress={Math.min(100, share)} tone={over ? "critical" : "primary"} size="small" />
                </BlockStack>
              );
            })}
          </>
        )}
      </BlockStack>
    </Box>
  );
}

export function StatusCard({
  status,
  onRetry,
  retrying,
  onRemoveExtras,
  removing = false,
}: {
  status: StatusView;
  onRetry: () => void;
  retrying: boolean;
  onRemoveExtras?: () => void;
  removing?: boolean;
}) {
  const extras = status.extraValidations ?? [];
  const published = status.functions
    .map((f) => f.syncedAt)
    .filter((at): at is string | Date => at !== null)
    .sort((a, b) => new Date(b).getTime() - new Date(a).getTime())[0];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Checkout status
        </Text>
        <InlineGrid columns={{ xs: 1, md: Math.min(2, status.functions.length), xl: Math.min(4, status.functions.length) }} gap="400">
          {status.functions.map((fn) => (
            <FunctionStatus
              key={fn.function}
              fn={fn}
              savedVersion={status.savedVersion}
              byteLimit={status.byteLimit}
              costGuardShare={status.costGuardShare ?? 0.8}
            />
          ))}
        </InlineGrid>
        {status.legacyPending ? (
          <Text as="p" tone="subdued">
            The single “Checkout Guard” validation of earlier versions is removed once the validations above are published.
          </Text>
        ) : null}
        {extras.length > 0 ? (
          <BlockStack gap="200">
            {extras.map((extra) => (
              <Text as="p" tone="caution" key={extra.id}>
                {extra.enabled
                  ? `Another validation of “${extra.title}” (${extra.id}, on) runs at checkout besides the one the app publishes to: it keeps applying the rules it last received.`
                  : `Another validation of “${extra.title}” (${extra.id}, off) exists besides the one the app publishes to: turned on, it would apply the rules it last received.`}
              </Text>
            ))}
            {onRemoveExtras ? (
              <InlineStack>
                <Button onClick={onRemoveExtras} loading={removing} tone="critical">
                  Remove extra validations
                </Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        ) : null}
        {published ? (
          <Text as="p" tone="subdued">
            {`Last published ${formatTime(published)}`}
          </Text>
        ) : null}
        {status.lastError ? (
          <Text as="p" tone="critical">
            {`Last error: ${status.lastError}`}
          </Text>
        ) : null}
        {!status.inSync && status.savedVersion !== null ? (
          <InlineStack>
            <Button onClick={onRetry} loading={retrying}>
              Retry publishing
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

/** The same text on the server and in the browser (no locale or time-zone dependence). */
export function formatTime(value: string | Date): string {
  return `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
