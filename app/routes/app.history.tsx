import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, Button, Card, EmptyState, IndexTable, Layout, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { listVersions, restoreVersion } from "../models/history.server";
import { publish } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";
import { EMPTY_STATE_IMAGE } from "../components/empty-state-image";
import { localized } from "../i18n.server";
import { useI18n } from "../i18n-react";

export const loader = localized(async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const versions = await listVersions(session.shop);
  return { versions };
});

// Restoring makes an old version's rules the current ones, as a new version.
export const action = localized(async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const body = await readForm(request, BODY_LIMITS.small);
  if (!body.ok) return body.response;
  const form = body.form;
  const version = Number(form.get("version"));
  const restored = await restoreVersion(session.shop, version);
  if (!restored.ok) return { ok: false as const, errors: restored.errors };
  const sync = await publish(admin.graphql, session.shop);
  return { ok: true as const, restored: version, version: restored.version, sync };
});

export default function History() {
  const { versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const { t, dateTime } = useI18n();
  const [confirm, setConfirm] = useState<number | null>(null);
  const latest = versions[0]?.version;

  useEffect(() => {
    if (result?.ok) shopify.toast.show(t("history.restoredToast", { version: result.restored }));
  }, [result, shopify, t]);

  return (
    <Page title={t("history.title")} subtitle={t("history.subtitle")}>
      <TitleBar title={t("history.title")} />
      <Layout>
        <Layout.Section>
          {result && !result.ok ? (
            <Banner tone="critical" title={t("history.nothingRestored")}>
              {Object.values(result.errors).map((m) => (
                <Text as="p" key={m}>
                  {m}
                </Text>
              ))}
            </Banner>
          ) : null}
          {result?.ok ? (
            <Banner tone={result.sync.ok ? "success" : "warning"} title={t("history.restoredAs", { restored: result.restored, version: result.version })}>
              <Text as="p">{result.sync.ok ? t("common.publishedToCheckout") : t("common.savedNotPublished", { error: result.sync.error })}</Text>
            </Banner>
          ) : null}
          <Card padding="0">
            {versions.length === 0 ? (
              <EmptyState heading={t("history.emptyHeading")} image={EMPTY_STATE_IMAGE}>
                <Text as="p">{t("history.emptyBody")}</Text>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: t("history.resourceSingular"), plural: t("history.resourcePlural") }}
                itemCount={versions.length}
                selectable={false}
                headings={[
                  { title: t("history.headings.version") },
                  { title: t("history.headings.saved") },
                  { title: t("history.headings.rules") },
                  { title: t("history.headings.size") },
                  { title: "" },
                ]}
              >
                {versions.map((v, index) => (
                  <IndexTable.Row id={String(v.version)} key={v.version} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">{t("history.version", { version: v.version })}</Text>{" "}
                      {v.version === latest ? <Badge tone="success">{t("history.current")}</Badge> : null}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{dateTime(v.createdAt)}</IndexTable.Cell>
                    <IndexTable.Cell>{t("history.ruleCount", { count: v.ruleCount, enforced: v.enforcedCount })}</IndexTable.Cell>
                    <IndexTable.Cell>{t("history.size", { bytes: v.bytes })}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {v.version !== latest ? (
                        <Button size="slim" onClick={() => setConfirm(v.version)} loading={navigation.state === "submitting" && confirm === v.version}>
                          {t("common.restore")}
                        </Button>
                      ) : null}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t("history.confirmTitle", { version: confirm })}
        primaryAction={{
          content: t("common.restore"),
          onAction: () => {
            if (confirm !== null) submit({ version: String(confirm) }, { method: "post" });
            setConfirm(null);
          },
        }}
        secondaryActions={[{ content: t("common.cancel"), onAction: () => setConfirm(null) }]}
      >
        <Modal.Section>
          <Text as="p">{t("history.confirmBody")}</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
