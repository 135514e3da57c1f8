import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, List, Modal, Page, Text } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { deleteRules, getRule, versionOf, type RuleConflict } from "../models/rules.server";
import { handleRuleForm, publish } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";
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
    // `version` goes back with every save and delete: a stale page's change is refused, not applied over another.
    rule: { id: rule.id, kind: rule.kind, name: rule.name, updatedAt: rule.updatedAt, version: versionOf(rule) },
    initial: {
      name: rule.name,
      status: rule.status,
      scheduleStart: rule.scheduleStart ?? "",
      scheduleEnd: rule.scheduleEnd ?? "",
      values,
      translations,
      limits,
    },
    shop: session.shop,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  const id = params.id ?? "";
  if (!(await getRule(session.shop, id))) throw notFound();
  const body = await readForm(request, BODY_LIMITS.ruleEditor);
  if (!body.ok) return body.response;
  const form = body.form;
  if (form.get("intent") === "delete") {
    const deleted = await deleteRules(session.shop, [id], undefined, { [id]: String(form.get("ruleVersion") ?? "") });
    if (!deleted.ok) return { ok: false as const, errors: deleted.errors, conflict: deleted.conflict };
    const sync = await publish(admin.graphql, session.shop);
    return redirect(`/app?deleted=1${sync.ok ? "" : "&syncFailed=1"}`);
  }
  return handleRuleForm(admin.graphql, session.shop, form, id);
};

export default function EditRule() {
  const { rule, initial, shop } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const [searchParams] = useSearchParams();
  const [confirmDelete, setConfirmDelete] = useState(false);
  // The version the form's values were loaded from. It moves on only with this page's own save or a
  // reload the staff member asks for: after a conflict, saving again must not overwrite unseen.
  const [base, setBase] = useState(rule.version);
  // Bumped by "Reload the rule": the form starts again from the rule as stored now.
  const [reloads, setReloads] = useState(0);

  const saved = actionData && "ok" in actionData && actionData.ok ? actionData : null;
  const conflict = actionData && "conflict" in actionData && actionData.conflict?.currentVersion !== base ? actionData.conflict : undefined;
  // A conflict is told in its own banner, not at the form's fields.
  const errors = actionData && "errors" in actionData && !("conflict" in actionData && actionData.conflict) ? actionData.errors : undefined;
  const syncError = saved && !saved.sync.ok ? saved.sync.error : searchParams.get("syncFailed") ? "see the status on the Rules page" : null;

  useEffect(() => {
    if (saved) setBase(saved.ruleVersion);
  }, [saved]);
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
        {conflict ? (
          <ConflictBanner
            conflict={conflict}
            message={actionData && "errors" in actionData ? actionData.errors._form : undefined}
            onReload={() => {
              setBase(rule.version);
              setReloads((n) => n + 1);
            }}
          />
        ) : null}
        <RuleForm
          key={`${rule.id}#${reloads}`}
          kind={rule.kind}
          shop={shop}
          initial={initial}
          errors={errors}
          submitting={navigation.state === "submitting"}
          onSubmit={(form) => {
            form.set("ruleVersion", base);
            submit(form, { method: "post" });
          }}
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
            submit({ intent: "delete", ruleVersion: base }, { method: "post" });
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

/** Another save won: what it changed, so that the staff member can redo their change on the current rule. */
function ConflictBanner({ conflict, message, onReload }: { conflict: RuleConflict; message?: string; onReload: () => void }) {
  return (
    <Banner tone="critical" title="Not saved: someone else changed this rule" action={{ content: "Reload the rule", onAction: onReload }}>
      <BlockStack gap="200">
        {message ? <Text as="p">{message}</Text> : null}
        {conflict.changes.length ? (
          <List>
            {conflict.changes.map((c) => (
              <List.Item key={c.field}>
                {conflict.comparedWith === "loaded" ? `${c.label}: ${c.before} → ${c.now}` : `${c.label}: yours ${c.before}, saved ${c.now}`}
              </List.Item>
            ))}
          </List>
        ) : null}
      </BlockStack>
    </Banner>
  );
}
