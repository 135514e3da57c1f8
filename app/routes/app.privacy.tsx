import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Layout, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { countShopData, eraseShopData } from "../models/shop-data.server";
import { removeValidationsThenErase } from "../shopify-sync/sync.server";
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

type Result =
  | { ok: true; deleted: number; validationsRemoved: number; validationsError: null }
  | { ok: true; deleted: number; validationsRemoved: null; validationsError: string }
  | { ok: false; error: string; canDeleteAnyway: boolean };

// "Delete all data": first the app's Validations in Shopify (otherwise checkout
// keeps applying the rules being erased), then the same erasure as shop/redact.
// "deleteAnyway": the merchant chose to erase although Shopify could not be reached.
export const action = async ({ request }: ActionFunctionArgs): Promise<Result> => {
  const { admin, session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "delete" && intent !== "deleteAnyway") return { ok: false, error: "Unknown action.", canDeleteAnyway: false };
  const outcome = await removeValidationsThenErase(admin.graphql, session.shop, () => eraseShopData(session.shop), { force: intent === "deleteAnyway" });
  if (!outcome.ok) return { ok: false, error: outcome.error, canDeleteAnyway: outcome.shopifyFailed };
  const deleted = Object.values(outcome.erased.deleted).reduce((a, b) => a + b, 0);
  return "removed" in outcome.validations
    ? { ok: true, deleted, validationsRemoved: outcome.validations.removed, validationsError: null }
    : { ok: true, deleted, validationsRemoved: null, validationsError: outcome.validations.error };
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
        {result ? (
          <Layout.Section>
            <DeleteResult result={result} onDelete={(intent) => submit({ intent }, { method: "post" })} />
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
                First deletes the app's checkout validations from your Shopify checkout settings, so checkout stops
                applying your rules at once, together with the configuration they hold. Then deletes your rules, their
                history, the publishing state and the sign-in sessions. This cannot be undone.
              </Text>
              <Text as="p" tone="subdued">
                If Shopify cannot be reached, nothing is deleted, and you can choose to delete your data anyway.
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
            The app's checkout validations will be deleted from Shopify, so checkout stops applying your rules, and
            every rule, saved version and setting of {shop} will be deleted. Export your data first if you may need it.
          </Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

/** What "Delete all data" did, in the merchant's words: never more than happened. */
function DeleteResult({ result, onDelete }: { result: Result; onDelete: (intent: "delete" | "deleteAnyway") => void }) {
  if (!result.ok) {
    return (
      <Banner tone="critical" title="Nothing was deleted">
        <BlockStack gap="200">
          <Text as="p">{result.error}</Text>
          {result.canDeleteAnyway ? (
            <>
              <Text as="p">
                The app's checkout validations could not be removed from Shopify. Deleting your data now would leave
                them applying your rules at checkout, with no way to change them from the app. Retry, or delete your
                data anyway and then delete the validations yourself in Settings › Checkout (or uninstall the app).
              </Text>
              <BlockStack gap="200" inlineAlign="start">
                <Button onClick={() => onDelete("delete")}>Retry</Button>
                <Button tone="critical" onClick={() => onDelete("deleteAnyway")}>
                  Delete data anyway
                </Button>
              </BlockStack>
            </>
          ) : null}
        </BlockStack>
      </Banner>
    );
  }
  const signIn = "Opening the app again signs it in with a new access token; uninstall the app to remove that too.";
  if (result.validationsError !== null) {
    return (
      <Banner tone="warning" title={`All data deleted (${result.deleted} records); the checkout validations are still in Shopify`}>
        <BlockStack gap="200">
          <Text as="p">{`They could not be removed: ${result.validationsError}`}</Text>
          <Text as="p">
            They keep applying the rules last published at checkout: delete them in Settings › Checkout, or uninstall
            the app. {signIn}
          </Text>
        </BlockStack>
      </Banner>
    );
  }
  const validations =
    result.validationsRemoved === 0
      ? "The app had no checkout validation in Shopify."
      : `The app's ${result.validationsRemoved === 1 ? "checkout validation was" : `${result.validationsRemoved} checkout validations were`} deleted from Shopify: checkout no longer applies your rules.`;
  return (
    <Banner tone="success" title={`All data deleted (${result.deleted} records)`}>
      <BlockStack gap="200">
        <Text as="p">{`${validations} Your rules, their history and the publishing state are gone.`}</Text>
        <Text as="p">{signIn}</Text>
      </BlockStack>
    </Banner>
  );
}
