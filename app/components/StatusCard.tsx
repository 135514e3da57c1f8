/**
 * Whether checkout runs the saved rules: the Validation exists, is turned on in
 * Settings > Checkout, holds the latest saved version, and how much of the
 * 10,000-byte metafield budget the configuration uses.
 */
import { Badge, BlockStack, Button, Card, InlineGrid, InlineStack, Link, ProgressBar, Text } from "@shopify/polaris";

export interface StatusView {
  validationId: string | null;
  validationExists: boolean | null;
  enabled: boolean | null;
  inSync: boolean;
  savedVersion: number | null;
  syncedVersion: number | null;
  syncedAt: string | Date | null;
  lastError: string | null;
  bytesUsed: number | null;
  byteLimit: number;
}

const yesNo = (value: boolean | null, yes: string, no: string, alarming = true) =>
  value === null ? <Badge>Unknown</Badge> : value ? <Badge tone="success">{yes}</Badge> : <Badge tone={alarming ? "critical" : undefined}>{no}</Badge>;

export function StatusCard({ status, onRetry, retrying }: { status: StatusView; onRetry: () => void; retrying: boolean }) {
  const used = status.bytesUsed ?? 0;
  const percent = Math.min(100, Math.round((used / status.byteLimit) * 100));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Checkout status
        </Text>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="600">
          <BlockStack gap="200">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">Validation in Shopify</Text>
              {/* Before any rule is saved, a missing Validation is expected. */}
              {yesNo(status.validationExists, "Present", "Not created yet", status.savedVersion !== null)}
            </InlineStack>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">
                Turned on in{" "}
                <Link url="shopify://admin/settings/checkout" target="_top">
                  Settings › Checkout
                </Link>
              </Text>
              {yesNo(status.enabled, "On", "Off")}
            </InlineStack>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">Published rules</Text>
              {status.savedVersion === null ? (
                <Badge>No rules saved yet</Badge>
              ) : status.inSync ? (
                <Badge tone="success">{`Up to date (version ${status.syncedVersion})`}</Badge>
              ) : (
                <Badge tone="warning">{`Version ${status.savedVersion} not published`}</Badge>
              )}
            </InlineStack>
          </BlockStack>
          <BlockStack gap="200">
            <InlineStack align="space-between">
              <Text as="span">Configuration size</Text>
              <Text as="span" tone={percent >= 90 ? "critical" : undefined}>
                {`${used.toLocaleString("en-US")} of ${status.byteLimit.toLocaleString("en-US")} bytes`}
              </Text>
            </InlineStack>
            <ProgressBar progress={percent} tone={percent >= 90 ? "critical" : "primary"} size="small" />
            {status.syncedAt ? (
              <Text as="p" tone="subdued">
                {`Last published ${formatTime(status.syncedAt)}`}
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
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}

/** The same text on the server and in the browser (no locale or time-zone dependence). */
export function formatTime(value: string | Date): string {
  return `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
