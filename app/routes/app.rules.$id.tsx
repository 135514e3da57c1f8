import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { deleteRules, getRule } from "../models/rules.server";
import { handleRuleForm, publish } from "../admin/rule-actions.server";
import { KIND_INFO, definitionToForm } from "../components/rule-kinds";
import { RuleForm } from "../components/RuleForm";

// Another shop's id, or no such rule: 404, as if it did not exist.
const notFound = () => new Response("Rule not found", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const rule = await getRule(session.shop, params.id ?? "");
  if (!rule) throw notFound();
  const { values, translations, limits } = definitionToForm(rule.kind, rule.definition as Record<string, unknown>);
  return {
    rule: { id: rule.id, kind: rule.kind, name: rule.name, updatedAt: rule.updatedAt },
    initial: {
      name: rule.name,
      status: rule.status,
      scheduleStart: rule.scheduleStart ?? "",
      scheduleEnd: rule.scheduleEnd ?? "",
      values,
      translations,
      limits,
    },
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  const id = params.id ?? "";
  if (!(await getRule(session.shop, id))) throw notFound();
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    const deleted = await deleteRules(session.shop, [id]);
    if (!deleted.ok) return { ok: false as const, errors: deleted.errors };
    const sync = await publish(admin.graphql, session.shop);
    return redirect(`/app?deleted=1${sync.ok ? "" : "&syncFailed=1"}`);
  }
  return handleRuleForm(admin.graphql, session.shop, form, id);
};

export default function EditRule() {
  const { rule, initial } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const [searchParams] = useSearchParams();
  const [confirmDelete, setConfirmDelete] = useState(false);

  const saved = actionData && "ok" in actionData && actionData.ok ? actionData : null;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const syncError = saved && !saved.sync.ok ? saved.sync.error : searchParams.get("syncFailed") ? "see the status on the Rules page" : null;

  useEffect(() => {
    if (saved) shopify.toast.show(saved.sync.ok ? "Rule saved and published" : "Rule saved; publishing failed", { isError: !saved.sync.ok });
  }, [saved, shopify]);
  useEffect(() => {
    if (searchParams.get("created")) shopify.toast.show("Rule created");
  }, [searchParams, shopify]);

  return (
    <Page
      title={rule.name}
      subtitle={KIND_INFO[rule.kind].label}
      backAction={{ content: "Rules", url: "/app" }}
      secondaryActions={[{ content: "Delete", destructive: true, onAction: () => setConfirmDelete(true) }]}
    >
      <TitleBar title={rule.name} />
      <BlockStack gap="400">
        {saved ? (
          <Banner tone={saved.sync.ok ? "success" : "warning"} title={`Saved as version ${saved.version}`}>
            {saved.sync.ok ? (
              <Text as="p">Published to checkout.</Text>
            ) : (
              <Text as="p">The rule is saved but Shopify was not updated: {saved.sync.error}. Retry from the Rules page.</Text>
            )}
          </Banner>
        ) : syncError ? (
          <Banner tone="warning" title="Saved, not yet published">
            <Text as="p">Shopify was not updated: {syncError}.</Text>
          </Banner>
        ) : null}
        <RuleForm
          key={rule.id}
          kind={rule.kind}
          initial={initial}
          errors={errors}
          submitting={navigation.state === "submitting"}
          onSubmit={(form) => submit(form, { method: "post" })}
        />
      </BlockStack>
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete "${rule.name}"?`}
        primaryAction={{
          content: "Delete rule",
          destructive: true,
          onAction: () => {
            setConfirmDelete(false);
            submit({ intent: "delete" }, { method: "post" });
          },
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirmDelete(false) }]}
      >
        <Modal.Section>
          <Text as="p">Checkout stops applying this rule as soon as it is deleted. Past versions stay in History.</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
