import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { listRules } from "../models/rules.server";
import { buildConfigDocument } from "../models/config-document.server";
import { readSimulatorForm, simulate, simulatorLineErrors, type SimulatorLine } from "../admin/simulator.server";
import { FIELD_NAMES } from "../components/rule-kinds";
import { IdListField } from "../components/IdListField";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";
import { localized, t as serverT } from "../i18n.server";
import { useI18n } from "../i18n-react";

const STEPS = ["CHECKOUT_INTERACTION", "CART_INTERACTION", "CHECKOUT_COMPLETION"];
const ADDRESS_INPUTS = ["firstName", "lastName", "company", "address1", "address2", "city", "zip", "provinceCode", "countryCode", "phone"] as const;

export const loader = localized(async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const rules = await listRules(session.shop);
  // What is saved, as published: a configuration saved before the cost guard (or a new fit of its model) is simulated too.
  const built = buildConfigDocument(rules, { costGuard: false });
  return {
    ruleCount: built.ok ? built.document.rules.length : 0,
    // Per checkout function: how many of the rules it checks.
    functions: built.ok
      ? CHECKOUT_FUNCTION_NAMES.map((fn) => ({ function: fn, title: CHECKOUT_FUNCTIONS[fn].title, ruleCount: built.functions[fn].document.rules.length }))
      : [],
    problem: built.ok ? null : Object.values(built.errors).join(" "),
    shop: session.shop,
  };
});

// Runs the shop's saved rules on the sample; the sample is not stored or logged.
export const action = localized(async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const sample = readSimulatorForm(await request.formData());
  const fields = simulatorLineErrors(sample);
  if (Object.keys(fields).length) return { ok: false as const, error: serverT("simulator.lineErrors"), fields };
  const rules = await listRules(session.shop);
  const built = buildConfigDocument(rules, { costGuard: false });
  if (!built.ok) return { ok: false as const, error: Object.values(built.errors).join(" ") };
  return simulate(sample, built.functions, new Map(rules.map((r) => [r.id, r.name])));
});

const emptyLine = (): SimulatorLine => ({
  productId: "",
  variantId: "",
  quantity: "1",
  price: "10.00",
  weight: "",
  weightUnit: "GRAMS",
  tags: "",
  collections: "",
});

/** "$.cart.deliveryGroups[0].deliveryAddress.address1" → "Address line 1 (delivery 1)". */
function describeTarget(target: string, { t, label }: ReturnType<typeof useI18n>): string {
  const m = /^\$\.cart\.deliveryGroups\[(\d+)\]\.deliveryAddress\.(\w+)$/.exec(target);
  if (m) return t("simulator.delivery", { field: label(FIELD_NAMES[m[2] as keyof typeof FIELD_NAMES] ?? m[2]), number: Number(m[1]) + 1 });
  return target === "$.cart" ? t("simulator.topOfCheckout") : target;
}

export default function Simulator() {
  const { ruleCount, functions, problem, shop } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const { t, label, locale } = useI18n();
  const [address, setAddress] = useState<Record<string, string>>({
    firstName: "Alex",
    lastName: "Doe",
    address1: "123 Main Street",
    city: "Springfield",
    zip: "62701",
    provinceCode: "IL",
    countryCode: "US",
  });
  const [lines, setLines] = useState<SimulatorLine[]>([emptyLine()]);
  // The buyer's language starts as the staff member's: the built-in messages are in seven languages.
  const [language, setLanguage] = useState(locale.toUpperCase());
  const [step, setStep] = useState("CHECKOUT_INTERACTION");
  const [currency, setCurrency] = useState("USD");
  const [localTime, setLocalTime] = useState(() => new Date().toISOString().slice(0, 16));

  const run = () => {
    const form = new FormData();
    for (const field of ADDRESS_INPUTS) form.set(`address.${field}`, address[field] ?? "");
    for (const line of lines) for (const [k, v] of Object.entries(line)) form.append(`line.${k}`, v);
    form.set("language", language);
    form.set("step", step);
    form.set("currency", currency);
    form.set("localTime", localTime);
    submit(form, { method: "post" });
  };
  const lineError = (index: number, field: keyof SimulatorLine) =>
    result && !result.ok && "fields" in result ? result.fields[`line.${index}.${field}`] : undefined;
  const updateLine = (index: number, patch: Partial<SimulatorLine>) =>
    setLines((ls) => ls.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  return (
    <Page title={t("simulator.title")} subtitle={t("simulator.subtitle")}>
      <TitleBar title={t("simulator.title")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {problem ? (
              <Banner tone="critical" title={t("simulator.cannotPublish")}>
                <Text as="p">{problem}</Text>
              </Banner>
            ) : (
              <Text as="p" tone="subdued">
                {t("simulator.willCheck", {
                  count: ruleCount,
                  functions: functions.map((f) => t(`simulator.count.${f.function}`, { count: f.ruleCount })).join(", "),
                })}
              </Text>
            )}
            <Card>
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t("simulator.shippingAddress")}
                </Text>
                <FormLayout.Group condensed>
                  {ADDRESS_INPUTS.map((field) => (
                    <TextField
                      key={field}
                      label={label(FIELD_NAMES[field])}
                      name={`address.${field}`}
                      autoComplete="off"
                      value={address[field] ?? ""}
                      onChange={(v) => setAddress((a) => ({ ...a, [field]: v }))}
                    />
                  ))}
                </FormLayout.Group>
                <Text as="p" tone="subdued">
                  {t("simulator.noAddress")}
                </Text>
              </FormLayout>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("simulator.cartLines")}
                </Text>
                {lines.map((line, index) => (
                  <Box key={index} borderColor="border" borderWidth="025" borderRadius="200" padding="300">
                    <FormLayout>
                      <FormLayout.Group condensed>
                        <IdListField
                          label={t("simulator.product")}
                          kind="product"
                          single
                          shop={shop}
                          value={line.productId}
                          onChange={(v) => updateLine(index, { productId: v })}
                          serverError={lineError(index, "productId")}
                        />
                        <IdListField
                          label={t("simulator.variant")}
                          kind="variant"
                          single
                          shop={shop}
                          value={line.variantId}
                          onChange={(v) => updateLine(index, { variantId: v })}
                          serverError={lineError(index, "variantId")}
                        />
                        <TextField label={t("simulator.quantity")} autoComplete="off" inputMode="numeric" value={line.quantity} onChange={(v) => updateLine(index, { quantity: v })} />
                        <TextField label={t("simulator.unitPrice")} autoComplete="off" inputMode="decimal" value={line.price} onChange={(v) => updateLine(index, { price: v })} />
                      </FormLayout.Group>
                      <FormLayout.Group condensed>
                        <TextField label={t("simulator.unitWeight")} autoComplete="off" inputMode="decimal" value={line.weight} onChange={(v) => updateLine(index, { weight: v })} />
                        <Select
                          label={t("simulator.weightUnit")}
                          options={["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"].map((u) => ({ value: u, label: label(u.toLowerCase()) }))}
                          value={line.weightUnit}
                          onChange={(v) => updateLine(index, { weightUnit: v })}
                        />
                        <TextField label={label("Product tags")} autoComplete="off" value={line.tags} onChange={(v) => updateLine(index, { tags: v })} helpText={t("ruleForm.commaSeparated")} />
                        <IdListField
                          label={label("Collections")}
                          kind="collection"
                          shop={shop}
                          value={line.collections}
                          onChange={(v) => updateLine(index, { collections: v })}
                          serverError={lineError(index, "collections")}
                        />
                      </FormLayout.Group>
                      <InlineStack align="end">
                        <Button variant="tertiary" tone="critical" onClick={() => setLines((ls) => ls.filter((_, i) => i !== index))}>
                          {t("simulator.removeLine")}
                        </Button>
                      </InlineStack>
                    </FormLayout>
                  </Box>
                ))}
                <InlineStack>
                  <Button onClick={() => setLines((ls) => [...ls, emptyLine()])}>{t("simulator.addLine")}</Button>
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <FormLayout>
                <FormLayout.Group condensed>
                  <TextField label={t("ruleForm.buyerLanguage")} autoComplete="off" value={language} onChange={setLanguage} helpText={t("simulator.languageHelp")} />
                  <Select
                    label={t("simulator.step")}
                    options={STEPS.map((value) => ({ value, label: t(`simulator.steps.${value}`) }))}
                    value={step}
                    onChange={setStep}
                  />
                  <TextField label={t("ruleForm.currency")} autoComplete="off" value={currency} onChange={setCurrency} />
                  <TextField label={t("simulator.localTime")} type="datetime-local" autoComplete="off" value={localTime} onChange={setLocalTime} />
                </FormLayout.Group>
                <InlineStack align="end">
                  <Button variant="primary" onClick={run} loading={navigation.state === "submitting"}>
                    {t("simulator.run")}
                  </Button>
                </InlineStack>
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <SimulationResult result={result} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function SimulationResult({ result }: { result: ReturnType<typeof useActionData<typeof action>> }) {
  const words = useI18n();
  const { t, number } = words;
  if (!result) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          {t("simulator.runToSee")}
        </Text>
      </Card>
    );
  }
  if (!result.ok) {
    return (
      <Banner tone="critical" title={t("simulator.couldNotRun")}>
        <Text as="p">{result.error}</Text>
      </Banner>
    );
  }
  return (
    <BlockStack gap="400">
      {result.errors.length === 0 ? (
        <Banner tone="success" title={t("simulator.allowed")}>
          <Text as="p">{t("simulator.noRuleBlocks")}</Text>
        </Banner>
      ) : (
        <Banner tone="critical" title={t("simulator.blocked")}>
          <BlockStack gap="300">
            <List>
              {result.errors.map((e, i) => (
                <List.Item key={i}>
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold" data-testid="simulator-message">
                      {e.message}
                    </Text>
                    <Text as="span" tone="subdued">
                      {t("simulator.shownAt", { where: describeTarget(e.target, words) })}
                    </Text>
                  </BlockStack>
                </List.Item>
              ))}
            </List>
            <Text as="p">{t("simulator.blockedBy", { names: [...new Set(result.blockedBy.map((b) => b.name))].join(", ") })}</Text>
          </BlockStack>
        </Banner>
      )}
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingSm">
            {t("simulator.functions")}
          </Text>
          {result.functions.map((f) => (
            <InlineStack key={f.function} align="space-between" blockAlign="center" gap="200">
              <Text as="span">{f.title}</Text>
              <span data-testid={`simulator-run-${f.function}`}>
                <Text as="span" tone="subdued">
                  {f.ran
                    ? t("simulator.ran", {
                        outcome: f.errors.length === 0 ? t("simulator.allows") : t("simulator.errors", { count: f.errors.length }),
                        instructions: number(f.instructions ?? 0),
                        limit: number(f.instructionLimit),
                      })
                    : t("simulator.notRun")}
                </Text>
              </span>
            </InlineStack>
          ))}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
