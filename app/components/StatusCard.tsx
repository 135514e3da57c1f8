/**
 * Whether checkout runs the saved rules, for each of the two checkout
 * functions (address rules, cart rules): its Validation exists, is turned on
 * in Settings > Checkout, holds the latest saved version, and how much of its
 * own 10,000-byte metafield budget its document uses. Then the last error,
 * with a retry.
 */
import { Badge, BlockStack, Box, Button, Card, InlineGrid, InlineStack, Link, ProgressBar, Text } from "@shopify/polaris";

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
}

export interface StatusView {
  savedVersion: number | null;
  inSync: boolean;
  lastError: string | null;
  byteLimit: number;
  functions: FunctionStatusView[];
  legacyPending: boolean;
}

/** "address" → "address rules", as the merchant knows them. */
const RULES_OF: Record<string, string> = { address: "address rules", cart: "cart rules" };

const yesNo = (value: boolean | null, yes: string, no: string, alarming = true) =>
  value === null ? <Badge>Unknown</Badge> : value ? <Badge tone="success">{yes}</Badge> : <Badge tone={alarming ? "critical" : undefined}>{no}</Badge>;

function FunctionStatus({ fn, savedVersion, byteLimit }: { fn: FunctionStatusView; savedVersion: number | null; byteLimit: number }) {
  const rules = RULES_OF[fn.function] ?? "rules";
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
            {`${fn.ruleCount} ${fn.ruleCount === 1 ? rules.replace(/s$/, "") : rules}`}
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
          </>
        )}
      </BlockStack>
    </Box>
  );
}

export function StatusCard({ status, onRetry, retrying }: { status: StatusView; onRetry: () => void; retrying: boolean }) {
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
        <InlineGrid columns={{ xs: 1, md: status.functions.length }} gap="400">
          {status.functions.map((fn) => (
            <FunctionStatus key={fn.function} fn={fn} savedVersion={status.savedVersion} byteLimit={status.byteLimit} />
          ))}
        </InlineGrid>
        {status.legacyPending ? (
          <Text as="p" tone="subdued">
            The single “Checkout Guard” validation of earlier versions is removed once both validations above are published.
          </Text>
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
