import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, ChoiceList, DropZone, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { exportRuleSet, importRuleSet } from "../models/rules.server";
import { publish } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ruleSet = await exportRuleSet(session.shop);
  return { ruleSet, shop: session.shop };
};

export const action = async ({ request }: ActionFunctionArgs) => {
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
    return { ok: false as const, errors: { _form: "This file is not JSON. Choose a file exported by Checkout Guard." } };
  }
  const imported = await importRuleSet(session.shop, json, { mode });
  if (!imported.ok) return { ok: false as const, errors: imported.errors };
  const sync = await publish(admin.graphql, session.shop);
  return { ok: true as const, count: imported.value.length, version: imported.version, mode, sync };
};

export default function Transfer() {
  const { ruleSet, shop } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const [mode, setMode] = useState<string[]>(["append"]);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);

  useEffect(() => {
    if (result?.ok) shopify.toast.show(`${result.count} rule${result.count === 1 ? "" : "s"} imported`);
  }, [result, shopify]);

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
    <Page title="Import and export">
      <TitleBar title="Import and export" />
      <Layout>
        <Layout.AnnotatedSection title="Export" description="Every rule with its status, schedule and settings, as JSON: a backup, or a copy for another store.">
          <Card>
            <BlockStack gap="300">
              <Text as="p">{`${ruleSet.rules.length} rule${ruleSet.rules.length === 1 ? "" : "s"} to export.`}</Text>
              <InlineStack>
                <Button onClick={download} disabled={ruleSet.rules.length === 0}>
                  Download rules (JSON)
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Import" description="A file exported by Checkout Guard. Every rule is checked first: if one is wrong, nothing is imported.">
          <Card>
            <BlockStack gap="300">
              {result && !result.ok ? (
                <Banner tone="critical" title="Nothing was imported">
                  <List>
                    {Object.entries(result.errors).map(([k, m]) => (
                      <List.Item key={k}>{k === "_form" ? m : `${k}: ${m}`}</List.Item>
                    ))}
                  </List>
                </Banner>
              ) : null}
              {result?.ok ? (
                <Banner tone={result.sync.ok ? "success" : "warning"} title={`Imported (version ${result.version})`}>
                  <Text as="p">
                    {result.sync.ok ? "Published to checkout." : `Saved, but Shopify was not updated: ${result.sync.error}`}
                  </Text>
                </Banner>
              ) : null}
              <DropZone
                label="Rules file"
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
                  <DropZone.FileUpload actionHint="A .json file exported by Checkout Guard" />
                )}
              </DropZone>
              <ChoiceList
                title="The imported rules"
                choices={[
                  { value: "append", label: "Are added after the current rules" },
                  { value: "replace", label: "Replace all current rules" },
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
                  Import
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
