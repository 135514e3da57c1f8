import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Layout, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { countShopData, eraseShopData } from "../models/shop-data.server";
import { removeValidationsThenErase } from "../shopify-sync/sync.server";
import { CHECKOUT_FUNCTIONS } from "../../extensions/checkout-guard/src/engine/functions";
import { localized, t as serverT } from "../i18n.server";
import { useI18n } from "../i18n-react";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What each table holds, in the merchant's words (PRIVACY.md, "Data we store"): privacy.tables.<table>. */
const TABLES = ["Session", "Rule", "ConfigVersion", "ShopSync", "FunctionSync", "PublishClaim", "WebhookDelivery"];

export const loader = localized(async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [counts, sync, functions] = await Promise.all([
    countShopData(session.shop),
    db.shopSync.findUnique({ where: { shop: session.shop } }),
    db.functionSync.findMany({ where: { shop: session.shop }, orderBy: { function: "asc" } }),
  ]);
  return {
    shop: session.shop,
    counts,
    // The sync state holds no secret; shown as stored.
    sync:
      sync || functions.length > 0
        ? {
            lastError: sync?.lastError ?? null,
            scope: sync?.scope ?? null,
            functions: functions.map((f) => ({
              function: f.function,
              validationId: f.validationId,
              syncedVersion: f.syncedVersion,
              syncedAt: f.syncedAt?.toISOString() ?? null,
              configBytes: f.configBytes,
            })),
          }
        : null,
  };
});

type Result =
  | { ok: true; deleted: number; validationsRemoved: number; validationsError: null }
  | { ok: true; deleted: number; validationsRemoved: null; validationsError: string }
  | { ok: false; error: string; canDeleteAnyway: boolean };

// "Delete all data": first the app's Validations in Shopify (otherwise checkout
// keeps applying the rules being erased), then the same erasure as shop/redact.
// "deleteAnyway": the merchant chose to erase although Shopify could not be reached.
export const action = localized(async ({ request }: ActionFunctionArgs): Promise<Result> => {
  const { admin, session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "delete" && intent !== "deleteAnyway") return { ok: false, error: serverT("privacy.unknownAction"), canDeleteAnyway: false };
  const outcome = await removeValidationsThenErase(admin.graphql, session.shop, () => eraseShopData(session.shop), { force: intent === "deleteAnyway" });
  if (!outcome.ok) return { ok: false, error: outcome.error, canDeleteAnyway: outcome.shopifyFailed };
  const deleted = Object.values(outcome.erased.deleted).reduce((a, b) => a + b, 0);
  return "removed" in outcome.validations
    ? { ok: true, deleted, validationsRemoved: outcome.validations.removed, validationsError: null }
    : { ok: true, deleted, validationsRemoved: null, validationsError: outcome.validations.error };
});

export default function Privacy() {
  const { shop, counts, sync } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [confirming, setConfirming] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const { t, number, dateTime } = useI18n();
  /** How each FunctionSync row is named: each checkout function's rules, and the Validation from before the split. */
  const functionName = (fn: string) =>
    fn in CHECKOUT_FUNCTIONS ? capitalize(t(`functions.${fn}`)) : fn === "legacy" ? t("functions.legacy") : fn;

  // App Bridge adds the session token to the app's own fetches; the file is built from the response.
  const download = async () => {
    setDownloading(true);
    try {
      const response = await fetch("/app/privacy/export");
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `checkout-guard-data-${shop.replace(/\.myshopify\.com$/, "")}.json`;
      a.click();
      URL.revokeObjectURL(url);
    } finally {
      setDownloading(false);
    }
  };

  const rows = Object.entries(counts).map(([table, count]) => [TABLES.includes(table) ? t(`privacy.tables.${table}`) : table, table, number(count)]);

  return (
    <Page title={t("privacy.title")} subtitle={t("privacy.subtitle")}>
      <TitleBar title={t("privacy.title")} />
      <Layout>
        {result ? (
          <Layout.Section>
            <DeleteResult result={result} onDelete={(intent) => submit({ intent }, { method: "post" })} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("privacy.storedAbout", { shop })}
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "numeric"]}
                headings={[t("privacy.headings.what"), t("privacy.headings.table"), t("privacy.headings.records")]}
                rows={rows}
              />
              <Text as="p" tone="subdued">
                {t("privacy.tokens")}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("privacy.publishingState")}
              </Text>
              {sync ? (
                <BlockStack gap="100">
                  {sync.functions.map((f) => (
                    <Text as="p" key={f.function}>
                      {t("privacy.functionState", {
                        name: functionName(f.function),
                        validation: f.validationId ? t("privacy.validation", { id: f.validationId }) : t("privacy.noValidation"),
                        version: f.syncedVersion != null ? t("privacy.versionPublished", { version: f.syncedVersion }) : "",
                        when: f.syncedAt ? t("privacy.publishedOn", { when: dateTime(f.syncedAt) }) : "",
                        bytes: f.configBytes ? t("privacy.bytes", { used: f.configBytes, limit: 10_000 }) : "",
                      })}
                    </Text>
                  ))}
                  {sync.lastError ? <Text as="p">{t("common.lastError", { error: sync.lastError })}</Text> : null}
                </BlockStack>
              ) : (
                <Text as="p">{t("privacy.nothingPublished")}</Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("privacy.exportTitle")}
              </Text>
              <Text as="p">{t("privacy.exportBody")}</Text>
              <div>
                <Button onClick={download} loading={downloading}>
                  {t("privacy.download")}
                </Button>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("privacy.deleteTitle")}
              </Text>
              <Text as="p">{t("privacy.deleteBody")}</Text>
              <Text as="p" tone="subdued">
                {t("privacy.deleteUnreachable")}
              </Text>
              <div>
                <Button tone="critical" onClick={() => setConfirming(true)}>
                  {t("privacy.deleteTitle")}
                </Button>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("privacy.confirmTitle")}
        primaryAction={{
          content: t("privacy.deleteTitle"),
          destructive: true,
          loading: navigation.state === "submitting",
          onAction: () => {
            submit({ intent: "delete" }, { method: "post" });
            setConfirming(false);
          },
        }}
        secondaryActions={[{ content: t("common.cancel"), onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">{t("privacy.confirmBody", { shop })}</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

/** What "Delete all data" did, in the merchant's words: never more than happened. */
function DeleteResult({ result, onDelete }: { result: Result; onDelete: (intent: "delete" | "deleteAnyway") => void }) {
  const { t } = useI18n();
  if (!result.ok) {
    return (
      <Banner tone="critical" title={t("privacy.nothingDeleted")}>
        <BlockStack gap="200">
          <Text as="p">{result.error}</Text>
          {result.canDeleteAnyway ? (
            <>
              <Text as="p">{t("privacy.cannotRemove")}</Text>
              <BlockStack gap="200" inlineAlign="start">
                <Button onClick={() => onDelete("delete")}>{t("common.retry")}</Button>
                <Button tone="critical" onClick={() => onDelete("deleteAnyway")}>
                  {t("privacy.deleteAnyway")}
                </Button>
              </BlockStack>
            </>
          ) : null}
        </BlockStack>
      </Banner>
    );
  }
  const signIn = t("privacy.signIn");
  if (result.validationsError !== null) {
    return (
      <Banner tone="warning" title={t("privacy.deletedValidationsLeft", { count: result.deleted })}>
        <BlockStack gap="200">
          <Text as="p">{t("privacy.notRemoved", { error: result.validationsError })}</Text>
          <Text as="p">{`${t("privacy.stillApplying")} ${signIn}`}</Text>
        </BlockStack>
      </Banner>
    );
  }
  const validations =
    result.validationsRemoved === 0
      ? t("privacy.noValidationHad")
      : t("privacy.validationsDeleted", { count: result.validationsRemoved });
  return (
    <Banner tone="success" title={t("privacy.deleted", { count: result.deleted })}>
      <BlockStack gap="200">
        <Text as="p">{t("privacy.gone", { validations })}</Text>
        <Text as="p">{signIn}</Text>
      </BlockStack>
    </Banner>
  );
}
