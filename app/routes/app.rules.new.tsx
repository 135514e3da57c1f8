import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { BlockStack, Box, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { handleRuleForm } from "../admin/rule-actions.server";
import { BODY_LIMITS, readForm } from "../admin/request-body.server";
import { KIND_INFO, RULE_KINDS, isAddressKind, isRuleKind, newRuleDefaults } from "../components/rule-kinds";
import { RuleForm } from "../components/RuleForm";
import { label, localized } from "../i18n.server";
import { useI18n } from "../i18n-react";

// Without ?kind: the chooser of the 16 kinds. With it: an empty rule of that kind.
export const loader = localized(async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind");
  if (!isRuleKind(kind)) return { kind: null, initial: null, shop: session.shop };
  const { name, values, translations, limits } = newRuleDefaults(kind, url.searchParams.get("preset"));
  return {
    kind,
    // The new rule's name is the kind's (or the quick start's), in the staff member's language.
    initial: { name: label(name), status: "active", scheduleStart: "", scheduleEnd: "", values, translations, limits },
    shop: session.shop,
  };
});

export const action = localized(async ({ request }: ActionFunctionArgs) => {
  const { admin, session, redirect } = await authenticate.admin(request);
  const body = await readForm(request, BODY_LIMITS.ruleEditor);
  if (!body.ok) return body.response;
  const result = await handleRuleForm(admin.graphql, session.shop, body.form);
  if ("ok" in result && result.ok) {
    return redirect(`/app/rules/${result.id}?created=1${result.sync.ok ? "" : "&syncFailed=1"}`);
  }
  return result;
});

export default function NewRule() {
  const { kind, initial, shop } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const { t, label } = useI18n();

  if (!kind || !initial) return <KindChooser />;
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <Page title={t("ruleForm.newRuleOf", { kind: label(KIND_INFO[kind].label) })} backAction={{ content: t("app.nav.rules"), url: "/app" }}>
      <TitleBar title={t("ruleForm.newRule")} />
      <RuleForm
        key={kind}
        kind={kind}
        shop={shop}
        initial={initial}
        errors={errors}
        submitting={navigation.state !== "idle"}
        onSubmit={(form) => submit(form, { method: "post" })}
      />
    </Page>
  );
}

function KindChooser() {
  const { t, label } = useI18n();
  const groups = [
    { title: t("ruleForm.addressRules"), kinds: RULE_KINDS.filter(isAddressKind) },
    { title: t("ruleForm.cartRules"), kinds: RULE_KINDS.filter((k) => !isAddressKind(k)) },
  ];
  return (
    <Page title={t("ruleForm.chooseType")} backAction={{ content: t("app.nav.rules"), url: "/app" }}>
      <TitleBar title={t("ruleForm.newRule")} />
      <Layout>
        {groups.map((group) => (
          <Layout.Section key={group.title}>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {group.title}
              </Text>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
                {group.kinds.map((kind) => (
                  <RemixLink key={kind} to={`/app/rules/new?kind=${kind}`} style={{ textDecoration: "none", color: "inherit" }}>
                    <Card>
                      <Box minHeight="96px">
                        <BlockStack gap="100">
                          <Text as="h3" variant="headingSm">
                            {label(KIND_INFO[kind].label)}
                          </Text>
                          <Text as="p" tone="subdued">
                            {label(KIND_INFO[kind].description)}
                          </Text>
                        </BlockStack>
                      </Box>
                    </Card>
                  </RemixLink>
                ))}
              </InlineGrid>
            </BlockStack>
          </Layout.Section>
        ))}
      </Layout>
    </Page>
  );
}
