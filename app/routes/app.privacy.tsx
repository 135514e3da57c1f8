import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Layout, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { countShopData, eraseShopData } from "../models/shop-data.server";
import { CHECKOUT_FUNCTION_NAMES, CHECKOUT_FUNCTIONS } from "../../extensions/checkout-guard/src/engine/functions";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What each table holds, in the merchant's words (PRIVACY.md, "Data we store"). */
const TABLES: Record<string, string> = {
  Session: "Sign-in sessions: the shop's access token, and the staff member signed in",
  Rule: "Your checkout rules",
  ConfigVersion: "Saved configuration versions (change history)",
  ShopSync: "Publishing state of the rules to Shopify",
  FunctionSync: "Publishing state of each checkout function's validation",
  PublishClaim: "Publishing in progress (removed when it ends)",
};

/** How each FunctionSync row is named on the page: each checkout function's rules, and the Validation from before the split. */
const FUNCTION_NAMES: Record<string, string> = {
  ...Object.fromEntries(CHECKOUT_FUNCTION_NAMES.map((fn) => [fn, capitalize(CHECKOUT_FUNCTIONS[fn].rules)])),
  legacy: "Single validation of earlier versions (to be removed)",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
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
};

// "Delete all data": the same erasure as shop/redact, for this shop only.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "delete") return { ok: false as const, error: "Unknown action." };
  const { deleted } = await eraseShopData(session.shop);
  return { ok: true as const, deleted: Object.values(deleted).reduce((a, b) => a + b, 0) };
};

export default function Privacy() {
  const { shop, counts, sync } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [confirming, setConfirming] = useState(false);
  const [downloading, setDownloading] = useState(false);

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

  const rows = Object.entries(counts).map(([table, count]) => [TABLES[table] ?? table, table, count]);

  return (
    <Page title="Privacy" subtitle="What Checkout Guard stores about your shop. Nothing about your customers is ever stored.">
      <TitleBar title="Privacy" />
      <Layout>
        {result?.ok ? (
          <Layout.Section>
            <Banner tone="success" title={`All data deleted (${result.deleted} records)`}>
              <BlockStack gap="200">
                <Text as="p">
                  Your rules, their history and the publishing state are gone. Opening the app again signs it in
                  with a new access token; uninstall the app to remove that too.
                </Text>
                <Text as="p">
                  The checkout validations in your Shopify settings keep the configuration last published until you
                  turn them off in Settings › Checkout or uninstall the app.
                </Text>
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Stored about {shop}
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "numeric"]}
                headings={["What", "Table", "Records"]}
                rows={rows}
              />
              <Text as="p" tone="subdued">
                Access tokens are stored to call Shopify on your behalf; they are never shown or exported.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Publishing state
              </Text>
              {sync ? (
                <BlockStack gap="100">
                  {sync.functions.map((f) => (
                    <Text as="p" key={f.function}>
                      {`${FUNCTION_NAMES[f.function] ?? f.function}: `}
                      {f.validationId ? `validation ${f.validationId}` : "no validation"}
                      {f.syncedVersion != null ? `, version ${f.syncedVersion} published` : ""}
                      {f.syncedAt ? ` on ${new Date(f.syncedAt).toLocaleString()}` : ""}
                      {f.configBytes ? `, ${f.configBytes} of 10,000 bytes` : ""}.
                    </Text>
                  ))}
                  {sync.lastError ? <Text as="p">{`Last error: ${sync.lastError}`}</Text> : null}
                </BlockStack>
              ) : (
                <Text as="p">Nothing published yet.</Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Export
              </Text>
              <Text as="p">Everything above, every record and field, as a JSON file.</Text>
              <div>
                <Button onClick={download} loading={downloading}>
                  Download my data (JSON)
                </Button>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Delete all data
              </Text>
              <Text as="p">
                Deletes your rules, their history, the publishing state and the sign-in sessions. This cannot be undone.
              </Text>
              <div>
                <Button tone="critical" onClick={() => setConfirming(true)}>
                  Delete all data
                </Button>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Delete all data?"
        primaryAction={{
          content: "Delete all data",
          destructive: true,
          loading: navigation.state === "submitting",
          onAction: () => {
            submit({ intent: "delete" }, { method: "post" });
            setConfirming(false);
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <Text as="p">
            Every rule, saved version and setting of {shop} will be deleted. Export your data first if you may need it.
          </Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
