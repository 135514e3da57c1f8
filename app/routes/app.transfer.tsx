import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, DropZone, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { exportRuleSet, importRuleSet } from "../models/rules.server";
import { publish } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";
import { localized, t as serverT } from "../i18n.server";
import { useI18n } from "../i18n-react";

export const loader = localized(async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ruleSet = await exportRuleSet(session.shop);
  return { ruleSet, shop: session.shop };
});

export const action = localized(async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  // Capped before parsing: a file past it is refused whole, nothing changed.
  const body = await readForm(request, BODY_LIMITS.import);
  if (!body.ok) return body.response;
  const form = body.form;
  const mode = form.get("mode") === "append" ? "append" : "replace";
  let json: unknown;
  try {
    json = JSON.parse(String(form.get("json") ?? ""));
  } catch {
    return { ok: false as const, errors: { _form: serverT("transfer.notJson") } };
  }
  const imported = await importRuleSet(session.shop, json, { mode });
  if (!imported.ok) return { ok: false as const, errors: imported.errors };
  const sync = await publish(admin.graphql, session.shop);
  return { ok: true as const, count: imported.value.length, version: imported.version, mode, sync };
});

export default function Transfer() {
  const { ruleSet, shop } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const { t } = useI18n();
  // "rules.1.definition.min" → "Rule 2: definition.min: …" (the path is the file's own, as exported).
  const errorAt = (key: string, message: string) => {
    const at = /^rules\.(\d+)(?:\.(.+))?$/.exec(key);
    if (!at) return t("transfer.fieldError", { field: key, message });
    const inRule = at[2] ? t("transfer.fieldError", { field: at[2], message }) : message;
    return t("transfer.ruleError", { number: Number(at[1]) + 1, message: inRule });
  };
  const [mode, setMode] = useState<string[]>(["append"]);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);

  useEffect(() => {
    if (result?.ok) shopify.toast.show(t("transfer.importedToast", { count: result.count }));
  }, [result, shopify, t]);

  // The export is already in the page; the browser saves it as a file, no second request needed.
  const download = () => {
    const blob = new Blob([JSON.stringify(ruleSet, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `checkout-guard-rules-${shop.replace(/\.myshopify\.com$/, "")}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };

  return (
    <Page title={t("transfer.title")}>
      <TitleBar title={t("transfer.title")} />
      <Layout>
        <Layout.AnnotatedSection title={t("transfer.exportTitle")} description={t("transfer.exportDescription")}>
          <Card>
            <BlockStack gap="300">
              <Text as="p">{t("transfer.toExport", { count: ruleSet.rules.length })}</Text>
              <InlineStack>
                <Button onClick={download} disabled={ruleSet.rules.length === 0}>
                  {t("transfer.download")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title={t("transfer.importTitle")} description={t("transfer.importDescription")}>
          <Card>
            <BlockStack gap="300">
              {result && !result.ok ? (
                <Banner tone="critical" title={t("transfer.nothingImported")}>
                  <List>
                    {Object.entries(result.errors).map(([k, m]) => (
                      <List.Item key={k}>{k === "_form" ? m : errorAt(k, m)}</List.Item>
                    ))}
                  </List>
                </Banner>
              ) : null}
              {result?.ok ? (
                <Banner tone={result.sync.ok ? "success" : "warning"} title={t("transfer.imported", { version: result.version })}>
                  <Text as="p">
                    {result.sync.ok ? t("common.publishedToCheckout") : t("common.savedNotPublished", { error: result.sync.error })}
                  </Text>
                </Banner>
              ) : null}
              <DropZone
                label={t("transfer.fileLabel")}
                accept=".json,application/json"
                type="file"
                allowMultiple={false}
                onDropAccepted={async ([f]) => setFile({ name: f.name, text: await f.text() })}
              >
                {file ? (
                  <Text as="p" alignment="center">
                    {file.name}
                  </Text>
                ) : (
                  <DropZone.FileUpload actionHint={t("transfer.fileHint")} />
                )}
              </DropZone>
              <ChoiceList
                title={t("transfer.modeTitle")}
                choices={[
                  { value: "append", label: t("transfer.append") },
                  { value: "replace", label: t("transfer.replace") },
                ]}
                selected={mode}
                onChange={setMode}
              />
              <InlineStack>
                <Button
                  variant="primary"
                  disabled={!file}
                  loading={navigation.state === "submitting"}
                  onClick={() => file && submit({ json: file.text, mode: mode[0] }, { method: "post", encType: "multipart/form-data" })}
                >
                  {t("transfer.import")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
