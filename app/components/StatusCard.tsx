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
import { CHECKOUT_FUNCTIONS } from "../../extensions/checkout-guard/src/engine/functions";
import { useI18n } from "../i18n-react";

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

/** The card warns when a function cannot check every cart up to this size. */
const CHECKED_CART_LINES = 5000;
const known = (fn: string) => fn in CHECKOUT_FUNCTIONS;

const YesNo = ({ value, yes, no, alarming = true }: { value: boolean | null; yes: string; no: string; alarming?: boolean }) => {
  const { t } = useI18n();
  return value === null ? <Badge>{t("status.unknown")}</Badge> : value ? <Badge tone="success">{yes}</Badge> : <Badge tone={alarming ? "critical" : undefined}>{no}</Badge>;
};

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
  const { t, number, list, language } = useI18n();
  /** "address rules", as the merchant knows them. */
  const rules = known(fn.function) ? t(`functions.${fn.function}`) : fn.function;
  const millions = (n: number) => t("status.millions", { value: n / 1_000_000 });
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
            {known(fn.function) ? t(`functions.count.${fn.function}`, { count: fn.ruleCount }) : `${number(fn.ruleCount)} ${fn.function}`}
          </Text>
        </InlineStack>
        {!fn.needed && savedVersion !== null ? (
          <InlineStack align="space-between" blockAlign="center">
            <Text as="span">{t("status.validation")}</Text>
            {fn.validationExists ? <Badge tone="warning">{t("status.toBeRemoved")}</Badge> : <Badge>{t("status.notNeeded", { rules })}</Badge>}
          </InlineStack>
        ) : (
          <>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">{t("status.validation")}</Text>
              {/* Before any rule is saved, a missing Validation is expected. */}
              <YesNo value={fn.validationExists} yes={t("status.present")} no={t("status.notCreated")} alarming={savedVersion !== null} />
            </InlineStack>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">
                {t("status.turnedOnIn")}{" "}
                <Link url="shopify://admin/settings/checkout" target="_top">
                  {t("status.checkoutSettings")}
                </Link>
              </Text>
              <YesNo value={fn.enabled} yes={t("status.on")} no={t("status.off")} />
            </InlineStack>
            <InlineStack align="space-between" blockAlign="center">
              <Text as="span">{t("status.publishedRules")}</Text>
              {savedVersion === null ? (
                <Badge>{t("status.noRulesSaved")}</Badge>
              ) : fn.inSync ? (
                <Badge tone="success">{t("status.upToDate", { version: fn.syncedVersion })}</Badge>
              ) : (
                <Badge tone="warning">{t("status.notPublished", { version: savedVersion })}</Badge>
              )}
            </InlineStack>
            <InlineStack align="space-between">
              <Text as="span">{t("status.configSize")}</Text>
              <Text as="span" tone={percent >= 90 ? "critical" : undefined}>
                {t("common.bytes", { used, limit: byteLimit })}
              </Text>
            </InlineStack>
            <ProgressBar progress={percent} tone={percent >= 90 ? "critical" : "primary"} size="small" />
            {fn.droppedLanguages && fn.droppedLanguages.length > 0 ? (
              <Text as="p" tone="caution">
                {t("status.droppedLanguages", {
                  count: fn.droppedLanguages.length,
                  languages: list(fn.droppedLanguages.map(language)),
                  limit: byteLimit,
                  rules,
                })}
              </Text>
            ) : null}
            {fn.checkableLines != null && fn.checkableLines < CHECKED_CART_LINES ? (
              <Text as="p" tone="caution">
                {t("status.checkableLines", { lines: fn.checkableLines, rules })}
              </Text>
            ) : null}
            {(fn.cost ?? []).map((at) => {
              const share = Math.round(at.share * 100);
              const over = at.share > costGuardShare;
              return (
                <BlockStack gap="100" key={at.lines}>
                  <InlineStack align="space-between">
                    <Text as="span">{t("status.instructions", { lines: at.lines })}</Text>
                    <Text as="span" tone={over ? "critical" : undefined}>
                      {t("status.instructionShare", {
                        predicted: millions(at.predicted),
                        limit: millions(at.limit),
                        share: number(share / 100, { style: "percent" }),
                      })}
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
  const { t, dateTime } = useI18n();
  const extras = status.extraValidations ?? [];
  const published = status.functions
    .map((f) => f.syncedAt)
    .filter((at): at is string | Date => at !== null)
    .sort((a, b) => new Date(b).getTime() - new Date(a).getTime())[0];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("status.title")}
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
            {t("status.legacyPending")}
          </Text>
        ) : null}
        {extras.length > 0 ? (
          <BlockStack gap="200">
            {extras.map((extra) => (
              <Text as="p" tone="caution" key={extra.id}>
                {t(extra.enabled ? "status.extraOn" : "status.extraOff", { title: extra.title, id: extra.id })}
              </Text>
            ))}
            {onRemoveExtras ? (
              <InlineStack>
                <Button onClick={onRemoveExtras} loading={removing} tone="critical">
                  {t("status.removeExtras")}
                </Button>
              </InlineStack>
            ) : null}
          </BlockStack>
        ) : null}
        {published ? (
          <Text as="p" tone="subdued">
            {t("status.lastPublished", { when: dateTime(published) })}
          </Text>
        ) : null}
        {status.lastError ? (
          <Text as="p" tone="critical">
            {t("common.lastError", { error: status.lastError })}
          </Text>
        ) : null}
        {!status.inSync && status.savedVersion !== null ? (
          <InlineStack>
            <Button onClick={onRetry} loading={retrying}>
              {t("status.retryPublishing")}
            </Button>
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

