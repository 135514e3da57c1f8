import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, Button, Card, EmptyState, IndexTable, Layout, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { listVersions, restoreVersion } from "../models/history.server";
import { publish } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";
import { formatTime } from "../components/StatusCard";
import { EMPTY_STATE_IMAGE } from "../components/empty-state-image";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const versions = await listVersions(session.shop);
  return { versions };
};

// Restoring makes an old version's rules the current ones, as a new version.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const body = await readForm(request, BODY_LIMITS.small);
  if (!body.ok) return body.response;
  const form = body.form;
  const version = Number(form.get("version"));
  const restored = await restoreVersion(session.shop, version);
  if (!restored.ok) return { ok: false as const, errors: restored.errors };
  const sync = await publish(admin.graphql, session.shop);
  return { ok: true as const, restored: version, version: restored.version, sync };
};

export default function History() {
  const { versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const [confirm, setConfirm] = useState<number | null>(null);
  const latest = versions[0]?.version;

  useEffect(() => {
    if (result?.ok) shopify.toast.show(`Version ${result.restored} restored`);
  }, [result, shopify]);

  return (
    <Page title="Change history" subtitle="Every saved configuration. Restoring one makes its rules the current rules.">
      <TitleBar title="Change history" />
      <Layout>
        <Layout.Section>
          {result && !result.ok ? (
            <Banner tone="critical" title="Nothing was restored">
              {Object.values(result.errors).map((m) => (
                <Text as="p" key={m}>
                  {m}
                </Text>
              ))}
            </Banner>
          ) : null}
          {result?.ok ? (
            <Banner tone={result.sync.ok ? "success" : "warning"} title={`Version ${result.restored} restored as version ${result.version}`}>
              <Text as="p">{result.sync.ok ? "Published to checkout." : `Saved, but Shopify was not updated: ${result.sync.error}`}</Text>
            </Banner>
          ) : null}
          <Card padding="0">
            {versions.length === 0 ? (
              <EmptyState heading="No saved versions yet" image={EMPTY_STATE_IMAGE}>
                <Text as="p">Each change to your rules is kept here.</Text>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "version", plural: "versions" }}
                itemCount={versions.length}
                selectable={false}
                headings={[{ title: "Version" }, { title: "Saved" }, { title: "Rules" }, { title: "Size" }, { title: "" }]}
              >
                {versions.map((v, index) => (
                  <IndexTable.Row id={String(v.version)} key={v.version} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">{`Version ${v.version}`}</Text>{" "}
                      {v.version === latest ? <Badge tone="success">Current</Badge> : null}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatTime(v.createdAt)}</IndexTable.Cell>
                    <IndexTable.Cell>{`${v.ruleCount} (${v.enforcedCount} checked at checkout)`}</IndexTable.Cell>
                    <IndexTable.Cell>{`${v.bytes.toLocaleString("en-US")} bytes`}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {v.version !== latest ? (
                        <Button size="slim" onClick={() => setConfirm(v.version)} loading={navigation.state === "submitting" && confirm === v.version}>
                          Restore
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
        title={`Restore version ${confirm}?`}
        primaryAction={{
          content: "Restore",
          onAction: () => {
            if (confirm !== null) submit({ version: String(confirm) }, { method: "post" });
            setConfirm(null);
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirm(null) }]}
      >
        <Modal.Section>
          <Text as="p">Your current rules are replaced by that version's rules, and checkout is updated. The current rules stay in the history.</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
