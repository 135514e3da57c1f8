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
import { localized, t as serverT } from "../i18n.server";
import { useI18n } from "../i18n-react";

// Another shop's id, or no such rule: 404, as if it did not exist.
const notFound = () => new Response(serverT("home.ruleNotFound"), { status: 404 });

export const loader = localized(async ({ request, params }: LoaderFunctionArgs) => {
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
});

export const action = localized(async ({ request, params }: ActionFunctionArgs) => {
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
});

export default function EditRule() {
  const { rule, initial, shop } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const { t, label } = useI18n();
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
  const syncError = saved && !saved.sync.ok ? saved.sync.error : searchParams.get("syncFailed") ? t("ruleForm.seeStatus") : null;

  useEffect(() => {
    if (saved) setBase(saved.ruleVersion);
  }, [saved]);
  useEffect(() => {
    if (saved) shopify.toast.show(t(saved.sync.ok ? "ruleForm.savedPublished" : "ruleForm.savedNotPublished"), { isError: !saved.sync.ok });
  }, [saved, shopify, t]);
  useEffect(() => {
    if (searchParams.get("created")) shopify.toast.show(t("ruleForm.created"));
  }, [searchParams, shopify, t]);

  return (
    <Page
      title={rule.name}
      subtitle={label(KIND_INFO[rule.kind].label)}
      backAction={{ content: t("app.nav.rules"), url: "/app" }}
      secondaryActions={[{ content: t("common.delete"), destructive: true, onAction: () => setConfirmDelete(true) }]}
    >
      <TitleBar title={rule.name} />
      <BlockStack gap="400">
        {saved ? (
          <Banner tone={saved.sync.ok ? "success" : "warning"} title={t("ruleForm.savedAs", { version: saved.version })}>
            {saved.sync.ok ? (
              <Text as="p">{t("common.publishedToCheckout")}</Text>
            ) : (
              <Text as="p">{t("ruleForm.savedShopifyNot", { error: saved.sync.error })}</Text>
            )}
          </Banner>
        ) : syncError ? (
          <Banner tone="warning" title={t("ruleForm.notYetPublished")}>
            <Text as="p">{t("ruleForm.shopifyNotUpdated", { error: syncError })}</Text>
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
        title={t("ruleForm.confirmDelete", { name: rule.name })}
        primaryAction={{
          content: t("ruleForm.deleteRule"),
          destructive: true,
          onAction: () => {
            setConfirmDelete(false);
            submit({ intent: "delete", ruleVersion: base }, { method: "post" });
          },
        }}
        secondaryActions={[{ content: t("common.cancel"), onAction: () => setConfirmDelete(false) }]}
      >
        <Modal.Section>
          <Text as="p">{t("ruleForm.confirmDeleteBody")}</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

/** Another save won: what it changed, so that the staff member can redo their change on the current rule. */
function ConflictBanner({ conflict, message, onReload }: { conflict: RuleConflict; message?: string; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <Banner tone="critical" title={t("ruleForm.conflictTitle")} action={{ content: t("ruleForm.reloadRule"), onAction: onReload }}>
      <BlockStack gap="200">
        {message ? <Text as="p">{message}</Text> : null}
        {conflict.changes.length ? (
          <List>
            {conflict.changes.map((c) => (
              <List.Item key={c.field}>
                {t(conflict.comparedWith === "loaded" ? "ruleForm.changedFromTo" : "ruleForm.yoursSaved", { field: c.label, before: c.before, now: c.now })}
              </List.Item>
            ))}
          </List>
        ) : null}
      </BlockStack>
    </Banner>
  );
}
