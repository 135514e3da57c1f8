import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Modal,
  Page,
  Text,
  useIndexResourceState,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { deleteRules, duplicateRule, listRules, reorderRules, setRulesStatus, versionOf } from "../models/rules.server";
import { LIMIT_SHARE, predictVersionCost } from "../models/function-cost.server";
import { getSyncStatus, publishIfNeverSplit, removeExtraValidations } from "../shopify-sync/sync.server";
import { VALIDATIONS_CACHE_MS } from "../shopify-sync/validations-cache";
import { BoundedMemo } from "../server/memo";
import { publish } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";
import { KIND_INFO, QUICK_STARTS, scopeText, summarize } from "../components/rule-kinds";
import { StatusCard } from "../components/StatusCard";
import { EMPTY_STATE_IMAGE } from "../components/empty-state-image";
import { currentLocale, localized, t as serverT } from "../i18n.server";
import { label, translate } from "../i18n";
import { useI18n } from "../i18n-react";

export const loader = localized(async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  // A shop whose rules were never published to the checkout functions (the
  // single function's Validation from before the split) moves to them now,
  // unless another publish is running (a page load does not wait for it).
  await publishIfNeverSplit(admin.graphql, session.shop, { maxAttempts: 1, claimWaitMs: 0 });
  const [rules, sync, costs] = await Promise.all([
    listRules(session.shop),
    // Shopify's Validations as read within the last seconds, unless a publish or removal wrote since (on any instance).
    getSyncStatus(admin.graphql, session.shop, { validationsMaxAgeMs: VALIDATIONS_CACHE_MS }),
    latestVersionCost(session.shop),
  ]);
  const locale = currentLocale();
  const words = { t: translate(locale), label: (text: string) => label(locale, text) };
  // Summaries depend on the locale, kind and definition alone: worked out once, not for 200 rules on every load.
  const texts = (rule: (typeof rules)[number]) =>
    ruleTexts.get(`${locale}\n${rule.kind}\n${JSON.stringify(rule.definition)}`, () => ({
      scope: scopeText(rule.kind, rule.definition as Record<string, unknown>, words),
      summary: summarize(rule.kind, rule.definition as Record<string, unknown>, words),
    }));
  const status = {
    ...sync,
    costGuardShare: LIMIT_SHARE,
    functions: sync.functions.map((f) => {
      const cost = f.needed ? costs?.find((c) => c.function === f.function) : undefined;
      return { ...f, cost: cost?.atLines ?? null, checkableLines: cost?.checkableLines ?? null };
    }),
  };
  return {
    rules: rules.map((rule) => ({
      id: rule.id,
      // Posted back with the rule's id: enabling, disabling or deleting from a stale list is refused.
      version: versionOf(rule),
      name: rule.name,
      kind: rule.kind,
      status: rule.status,
      scheduleStart: rule.scheduleStart,
      scheduleEnd: rule.scheduleEnd,
      ...texts(rule),
    })),
    status,
  };
});

/** The rules list's scope and summary texts, by locale, kind and definition. */
const ruleTexts = new BoundedMemo<{ scope: string; summary: string }>(10_000);
/** A saved version never changes: its predicted cost is worked out once per version (by id). */
const versionCosts = new BoundedMemo<Promise<ReturnType<typeof predictVersionCost>>>(256);

/** Each function's predicted worst case for the shop's latest saved configuration, beside its bytes (null: nothing saved). */
async function latestVersionCost(shop: string) {
  const latest = await db.configVersion.findFirst({ where: { shop }, orderBy: { version: "desc" }, select: { id: true } });
  if (!latest) return null;
  const cost = versionCosts.get(latest.id, async () => {
    const row = await db.configVersion.findFirst({ where: { id: latest.id, shop }, select: { document: true, rules: true } });
    return row ? predictVersionCost(row) : null;
  });
  return cost.catch((error) => {
    versionCosts.forget(latest.id);
    throw error;
  });
}

type Intent = "enable" | "disable" | "delete" | "duplicate" | "moveUp" | "moveDown" | "retry" | "removeExtras";

// Every change: the rules model first (all or nothing), then publishing to Shopify.
export const action = localized(async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const shop = session.shop;
  const body = await readForm(request, BODY_LIMITS.small);
  if (!body.ok) return body.response;
  const form = body.form;
  const intent = String(form.get("intent")) as Intent;
  const ids = form.getAll("ids").map(String);
  const id = String(form.get("id") ?? "");
  // "<id> <version>" per selected rule, as the list showed it.
  const expected = Object.fromEntries(form.getAll("versions").map((v) => String(v).split(" ", 2)));

  let saved: { ok: true; version: number } | { ok: false; errors: Record<string, string> };
  switch (intent) {
    case "enable":
    case "disable":
      saved = await setRulesStatus(shop, ids, intent === "enable" ? "active" : "inactive", undefined, expected);
      break;
    case "delete":
      saved = await deleteRules(shop, ids, undefined, expected);
      break;
    case "duplicate":
      saved = await duplicateRule(shop, id);
      break;
    case "moveUp":
    case "moveDown": {
      const order = (await listRules(shop)).map((r) => r.id);
      const from = order.indexOf(id);
      const to = intent === "moveUp" ? from - 1 : from + 1;
      if (from < 0) {
        saved = { ok: false, errors: { _form: serverT("home.ruleNotFound") } };
        break;
      }
      if (to < 0 || to >= order.length) return { intent, ok: true as const, version: null, sync: null };
      [order[from], order[to]] = [order[to], order[from]];
      saved = await reorderRules(shop, order);
      break;
    }
    case "retry": {
      const sync = await publish(admin.graphql, shop);
      return { intent, ok: true as const, version: null, sync };
    }
    case "removeExtras": {
      // Validations of our functions besides the one each uses (the status card lists them).
      const removed = await removeExtraValidations(admin.graphql, shop);
      const sync = removed.ok ? ({ ok: true, removed: removed.removed } as const) : removed;
      return { intent, ok: true as const, version: null, sync };
    }
    default:
      return { intent, ok: false as const, errors: { _form: serverT("home.unknownAction") } };
  }
  if (!saved.ok) return { intent, ok: false as const, errors: saved.errors };
  const sync = await publish(admin.graphql, shop);
  return { intent, ok: true as const, version: saved.version, sync };
});

function StatusBadge({ status, start, end }: { status: string; start: string | null; end: string | null }) {
  const { t, wallClock } = useI18n();
  if (status === "active") return <Badge tone="success">{t("home.status.active")}</Badge>;
  if (status === "scheduled") {
    const dates = { start: start ? wallClock(start) : "", end: end ? wallClock(end) : "" };
    const key = start && end ? "scheduledFromUntil" : start ? "scheduledFrom" : end ? "scheduledUntil" : "scheduled";
    return <Badge tone="info">{t(`home.status.${key}`, dates)}</Badge>;
  }
  return <Badge>{t("home.status.inactive")}</Badge>;
}

export default function Rules() {
  const { rules, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const shopify = useAppBridge();
  const { t, label: labelOf } = useI18n();
  const [searchParams] = useSearchParams();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rules);
  const busy = navigation.state !== "idle";
  const pendingIntent = navigation.formData?.get("intent");

  useEffect(() => {
    if (!result) return;
    if (!result.ok) shopify.toast.show(Object.values(result.errors)[0] ?? t("home.notSaved"), { isError: true });
    else if (result.sync && !result.sync.ok)
      shopify.toast.show(t(result.intent === "removeExtras" ? "home.shopifyNotUpdated" : "home.savedPublishFailed"), { isError: true });
    else shopify.toast.show(t(`home.done.${result.intent}`));
    clearSelection();
  }, [result, shopify, clearSelection, t]);
  useEffect(() => {
    if (searchParams.get("deleted")) shopify.toast.show(t("home.ruleDeleted"));
  }, [searchParams, shopify, t]);

  const post = (data: Record<string, string | string[]>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(data)) (Array.isArray(v) ? v : [v]).forEach((x) => form.append(k, x));
    for (const id of form.getAll("ids")) {
      const rule = rules.find((r) => r.id === id);
      if (rule) form.append("versions", `${rule.id} ${rule.version}`);
    }
    submit(form, { method: "post" });
  };
  const selected = allResourcesSelected ? rules.map((r) => r.id) : selectedResources;

  const rows = rules.map((rule, index) => (
    <IndexTable.Row id={rule.id} key={rule.id} position={index} selected={selectedResources.includes(rule.id)}>
      <IndexTable.Cell>
        <Link url={`/app/rules/${rule.id}`} removeUnderline dataPrimaryLink>
          <Text as="span" fontWeight="semibold">
            {rule.name}
          </Text>
        </Link>
      </IndexTable.Cell>
      <IndexTable.Cell>{labelOf(KIND_INFO[rule.kind].label)}</IndexTable.Cell>
      <IndexTable.Cell>
        <StatusBadge status={rule.status} start={rule.scheduleStart} end={rule.scheduleEnd} />
      </IndexTable.Cell>
      <IndexTable.Cell>{rule.scope}</IndexTable.Cell>
      <IndexTable.Cell>
        {/* Table cells do not wrap by default; summaries can be long. */}
        <div style={{ whiteSpace: "normal", minWidth: 220, maxWidth: 420 }}>
          <Text as="span" tone="subdued" breakWord>
            {rule.summary}
          </Text>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <div onClick={(e) => e.stopPropagation()}>
          <ButtonGroup variant="segmented">
            <Button
              size="slim"
              disabled={index === 0 || busy}
              accessibilityLabel={t("home.moveUp", { name: rule.name })}
              onClick={() => post({ intent: "moveUp", id: rule.id })}
            >
              ↑
            </Button>
            <Button
              size="slim"
              disabled={index === rules.length - 1 || busy}
              accessibilityLabel={t("home.moveDown", { name: rule.name })}
              onClick={() => post({ intent: "moveDown", id: rule.id })}
            >
              ↓
            </Button>
            <Button size="slim" disabled={busy} onClick={() => post({ intent: "duplicate", id: rule.id })}>
              {t("home.duplicate")}
            </Button>
          </ButtonGroup>
        </div>
      </IndexTable.Cell>
    </IndexTable.Row>
  ));

  return (
    <Page
      title={t("home.title")}
      subtitle={t("home.subtitle")}
      primaryAction={{ content: t("home.addRule"), url: "/app/rules/new" }}
    >
      <TitleBar title="Checkout Guard">
        <button variant="primary" onClick={() => navigate("/app/rules/new")}>
          {t("home.addRule")}
        </button>
      </TitleBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <StatusCard
              status={status}
              retrying={busy && pendingIntent === "retry"}
              onRetry={() => post({ intent: "retry" })}
              removing={busy && pendingIntent === "removeExtras"}
              onRemoveExtras={() => post({ intent: "removeExtras" })}
            />
            {result && !result.ok ? (
              <Banner tone="critical" title={t("home.nothingChanged")}>
                {Object.values(result.errors).map((m) => (
                  <Text as="p" key={m}>
                    {m}
                  </Text>
                ))}
              </Banner>
            ) : null}
            {result?.ok && result.sync && !result.sync.ok ? (
              <Banner tone="warning" title={t(result.intent === "removeExtras" ? "home.extrasNotRemoved" : "home.savedShopifyNotUpdated")}>
                <Text as="p">{result.sync.error}</Text>
              </Banner>
            ) : null}
            <Card padding="0">
              {rules.length === 0 ? (
                <EmptyState
                  heading={t("home.emptyHeading")}
                  action={{ content: t("home.emptyAction"), url: "/app/rules/new" }}
                  image={EMPTY_STATE_IMAGE}
                >
                  <BlockStack gap="300">
                    <Text as="p">{t("home.emptyBody")}</Text>
                    <InlineStack gap="200" align="center">
                      {QUICK_STARTS.map((q) => (
                        <Button key={q.preset} url={`/app/rules/new?kind=${q.kind}&preset=${q.preset}`}>
                          {labelOf(q.label)}
                        </Button>
                      ))}
                    </InlineStack>
                  </BlockStack>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: t("home.resourceSingular"), plural: t("home.resourcePlural") }}
                  itemCount={rules.length}
                  selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                  onSelectionChange={handleSelectionChange}
                  headings={[
                    { title: t("home.headings.name") },
                    { title: t("home.headings.type") },
                    { title: t("home.headings.status") },
                    { title: t("home.headings.scope") },
                    { title: t("home.headings.summary") },
                    { title: t("home.headings.order") },
                  ]}
                  promotedBulkActions={[
                    { content: t("home.enable"), onAction: () => post({ intent: "enable", ids: selected }) },
                    { content: t("home.disable"), onAction: () => post({ intent: "disable", ids: selected }) },
                  ]}
                  bulkActions={[{ content: t("home.deleteRules"), onAction: () => setConfirmDelete(true) }]}
                >
                  {rows}
                </IndexTable>
              )}
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t("home.confirmDelete", { count: selected.length })}
        primaryAction={{
          content: t("common.delete"),
          destructive: true,
          onAction: () => {
            setConfirmDelete(false);
            post({ intent: "delete", ids: selected });
          },
        }}
        secondaryActions={[{ content: t("common.cancel"), onAction: () => setConfirmDelete(false) }]}
      >
        <Modal.Section>
          <Text as="p">{t("home.confirmDeleteBody")}</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
