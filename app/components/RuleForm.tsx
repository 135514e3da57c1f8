/**
 * The rule editor: common fields, the kind's own fields (from KIND_FIELDS),
 * the message with its translations and a live preview. Errors come from the
 * server, keyed by form path, and are shown at their field.
 */
import { useMemo, useState, useCallback } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  DropZone,
  FormLayout,
  InlineError,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import {
  MESSAGE_KEYS_BY_KIND,
  MESSAGE_LANGUAGES,
  PLACEHOLDERS_BY_KIND,
  previewMessage,
  type Rule,
  type RuleKind,
} from "../../extensions/checkout-guard/src/engine";
import {
  KIND_FIELDS,
  KIND_INFO,
  SELECTOR_PARTS,
  STAGE_OPTIONS,
  STATUS_OPTIONS,
  codeMapToText,
  isAddressKind,
  type FieldSpec,
  type FormValues,
  type LimitRow,
  type TranslationRow,
} from "./rule-kinds";
import { errorAt, parseRuleForm, ruleFormData, type FieldErrors } from "./rule-form-data";
import { TAG_LIST_SLOTS } from "../../extensions/checkout-guard/src/engine/constants";
import { IdListField } from "./IdListField";
import { useI18n } from "../i18n-react";

export interface RuleFormState {
  name: string;
  status: string;
  scheduleStart: string;
  scheduleEnd: string;
  values: FormValues;
  translations: TranslationRow[];
  limits: LimitRow[];
}

/** Keys the form shows somewhere; any other error goes to the banner at the top. */
const PLACED = ["name", "status", "scheduleStart", "scheduleEnd", "definition", "translations", "limits"];

export function RuleForm({
  kind,
  initial,
  errors,
  submitting,
  onSubmit,
  shop,
}: {
  kind: RuleKind;
  initial: RuleFormState;
  errors?: FieldErrors;
  submitting: boolean;
  onSubmit: (form: FormData) => void;
  /** The shop's domain, to link products and collections to their admin pages. */
  shop?: string;
}) {
  const { t, label } = useI18n();
  const [state, setState] = useState<RuleFormState>(initial);
  const translated = (options: { value: string; label: string }[]) => options.map((o) => ({ ...o, label: label(o.label) }));
  const setValue = useCallback(
    (name: string, value: string | string[]) => setState((s) => ({ ...s, values: { ...s.values, [name]: value } })),
    [],
  );
  const value = (name: string) => state.values[name] ?? "";
  const single = (name: string) => {
    const v = value(name);
    return Array.isArray(v) ? v.join(", ") : v;
  };
  const many = (name: string) => {
    const v = value(name);
    return Array.isArray(v) ? v : v ? [v] : [];
  };

  const formErrors = Object.entries(errors ?? {}).filter(
    ([k]) => k === "_form" || !PLACED.some((p) => k === p || k.startsWith(`${p}.`)),
  );

  const submit = () => onSubmit(ruleFormData(state));

  const renderField = (field: FieldSpec) => {
    const path = `definition.${field.name}`;
    const error = errorAt(errors, path);
    switch (field.type) {
      case "int":
      case "number":
        return (
          <TextField
            key={path}
            label={label(field.label)}
            name={path}
            type="text"
            inputMode={field.type === "int" ? "numeric" : "decimal"}
            autoComplete="off"
            value={single(path)}
            onChange={(v) => setValue(path, v)}
            helpText={field.help && label(field.help)}
            error={error}
          />
        );
      case "text":
        return (
          <TextField
            key={path}
            label={label(field.label)}
            name={path}
            autoComplete="off"
            monospaced={field.monospace}
            value={single(path)}
            onChange={(v) => setValue(path, v)}
            helpText={field.help && label(field.help)}
            error={error}
          />
        );
      case "bool":
        return (
          <Checkbox
            key={path}
            label={label(field.label)}
            checked={single(path) === "true"}
            onChange={(checked) => setValue(path, String(checked))}
            helpText={field.help && label(field.help)}
            error={error}
          />
        );
      case "choice":
        return (
          <Select
            key={path}
            label={label(field.label)}
            name={path}
            options={translated(field.options)}
            value={single(path) || field.default}
            onChange={(v) => setValue(path, v)}
            error={error}
          />
        );
      case "multi":
        return (
          <BlockStack key={path} gap="100">
            <ChoiceList
              allowMultiple
              title={label(field.label)}
              choices={translated(field.options)}
              selected={many(path)}
              onChange={(v) => setValue(path, v)}
              error={error}
            />
            {field.help ? (
              <Text as="p" tone="subdued">
                {label(field.help)}
              </Text>
            ) : null}
          </BlockStack>
        );
      case "list":
        return (
          <TextField
            key={path}
            label={label(field.label)}
            name={path}
            autoComplete="off"
            value={single(path)}
            onChange={(v) => setValue(path, v)}
            helpText={field.help && label(field.help)}
            error={error}
          />
        );
      case "codeMap":
        return (
          <BlockStack key={path} gap="200">
            <TextField
              label={label(field.label)}
              name={path}
              autoComplete="off"
              multiline={4}
              monospaced
              value={single(path)}
              onChange={(v) => setValue(path, v)}
              helpText={field.help && label(field.help)}
              error={error}
            />
            {field.item === "postal" ? (
              <PostalCsvImport
                onCodes={(codes) => {
                  const current = single(path).trim();
                  const added = codeMapToText(codes);
                  setValue(path, current ? `${current}\n${added}` : added);
                }}
              />
            ) : null}
          </BlockStack>
        );
      case "selector":
        return (
          <BlockStack key={path} gap="200">
            <Text as="h3" variant="headingSm">
              {label(field.label)}
            </Text>
            {field.help ? (
              <Text as="p" tone="subdued">
                {label(field.help)}
              </Text>
            ) : null}
            {/* One under the other: pasted admin URLs are long. */}
            <BlockStack gap="300">
              {SELECTOR_PARTS.map((part) => {
                const partPath = `${path}.${part.key}`;
                const field = { label: label(part.label), name: partPath, value: single(partPath), onChange: (v: string) => setValue(partPath, v) };
                return part.item === "tag" ? (
                  <TextField key={partPath} {...field} autoComplete="off" helpText={t("ruleForm.tagListHelp", { max: TAG_LIST_SLOTS })} error={errorAt(errors, partPath)} />
                ) : (
                  <IdListField key={partPath} {...field} kind={part.item} shop={shop} serverError={errorAt(errors, partPath)} />
                );
              })}
            </BlockStack>
            {errors?.[path] ? <InlineError message={errors[path]} fieldID={path} /> : null}
          </BlockStack>
        );
      case "limits":
        return (
          <LimitsEditor
            key={path}
            rows={state.limits}
            errors={errors}
            onChange={(limits) => setState((s) => ({ ...s, limits }))}
          />
        );
    }
  };

  return (
    <BlockStack gap="400">
      {formErrors.length ? (
        <Banner tone="critical" title={t("ruleForm.notSaved")}>
          <BlockStack gap="100">
            {formErrors.map(([k, message]) => (
              <Text as="p" key={k}>
                {k === "_form" ? message : `${k}: ${message}`}
              </Text>
            ))}
          </BlockStack>
        </Banner>
      ) : errors && Object.keys(errors).length ? (
        <Banner tone="critical" title={t("ruleForm.notSaved")}>
          <Text as="p">{t("ruleForm.fixFields")}</Text>
        </Banner>
      ) : null}
      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            {label(KIND_INFO[kind].label)}
          </Text>
          <Text as="p" tone="subdued">
            {label(KIND_INFO[kind].description)}
          </Text>
          <TextField
            label={t("ruleForm.name")}
            name="name"
            autoComplete="off"
            value={state.name}
            onChange={(name) => setState((s) => ({ ...s, name }))}
            helpText={t("ruleForm.nameHelp")}
            error={errors?.name}
          />
          <Select
            label={t("ruleForm.status")}
            name="status"
            options={translated(STATUS_OPTIONS)}
            value={state.status}
            onChange={(status) => setState((s) => ({ ...s, status }))}
            error={errors?.status}
          />
          {state.status === "scheduled" ? (
            <FormLayout.Group>
              <TextField
                label={t("ruleForm.starts")}
                name="scheduleStart"
                type="datetime-local"
                autoComplete="off"
                value={state.scheduleStart.slice(0, 16)}
                onChange={(scheduleStart) => setState((s) => ({ ...s, scheduleStart }))}
                error={errors?.scheduleStart}
              />
              <TextField
                label={t("ruleForm.ends")}
                name="scheduleEnd"
                type="datetime-local"
                autoComplete="off"
                value={state.scheduleEnd.slice(0, 16)}
                onChange={(scheduleEnd) => setState((s) => ({ ...s, scheduleEnd }))}
                error={errors?.scheduleEnd}
              />
            </FormLayout.Group>
          ) : null}
        </FormLayout>
      </Card>

      {KIND_FIELDS[kind].length ? (
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              {t("ruleForm.settings")}
            </Text>
            {KIND_FIELDS[kind].map(renderField)}
          </FormLayout>
        </Card>
      ) : null}

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            {t("ruleForm.whereWhen")}
          </Text>
          {kind !== "destination" ? (
            <FormLayout.Group>
              <Select
                label={t("ruleForm.countries")}
                name="definition.countries.mode"
                options={[
                  { value: "", label: t("ruleForm.allCountries") },
                  { value: "in", label: t("ruleForm.onlyTo") },
                  { value: "notIn", label: t("ruleForm.exceptTo") },
                ]}
                value={single("definition.countries.mode")}
                onChange={(v) => setValue("definition.countries.mode", v)}
              />
              <TextField
                label={t("ruleForm.countryCodes")}
                name="definition.countries.codes"
                autoComplete="off"
                disabled={!single("definition.countries.mode")}
                value={single("definition.countries.codes")}
                onChange={(v) => setValue("definition.countries.codes", v)}
                helpText={t("ruleForm.countryCodesHelp")}
                error={errorAt(errors, "definition.countries")}
              />
            </FormLayout.Group>
          ) : null}
          <Select
            label={t("ruleForm.whenToCheck")}
            name="definition.stage"
            options={translated(STAGE_OPTIONS)}
            value={single("definition.stage") || "checkout"}
            onChange={(v) => setValue("definition.stage", v)}
            error={errorAt(errors, "definition.stage")}
          />
          {isAddressKind(kind) ? (
            <Select
              label={t("ruleForm.showMessage")}
              name="definition.display"
              options={[
                { value: "field", label: t("ruleForm.nextToField") },
                { value: "banner", label: t("ruleForm.asBanner") },
              ]}
              value={single("definition.display") || "field"}
              onChange={(v) => setValue("definition.display", v)}
              error={errorAt(errors, "definition.display")}
            />
          ) : null}
        </FormLayout>
      </Card>

      <MessageEditor kind={kind} state={state} setState={setState} setValue={setValue} errors={errors} />

      <InlineStack align="end">
        <Button variant="primary" onClick={submit} loading={submitting}>
          {t("ruleForm.save")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

function MessageEditor({
  kind,
  state,
  setState,
  setValue,
  errors,
}: {
  kind: RuleKind;
  state: RuleFormState;
  setState: React.Dispatch<React.SetStateAction<RuleFormState>>;
  setValue: (name: string, value: string | string[]) => void;
  errors?: FieldErrors;
}) {
  const { t, locale, language: languageName } = useI18n();
  // The built-in messages exist in 7 languages: the preview starts in the staff member's, when it is one of them.
  const [language, setLanguage] = useState<string>((MESSAGE_LANGUAGES as readonly string[]).includes(locale) ? locale : "en");
  const message = state.values["definition.message"];
  const languages = useMemo(() => {
    const set = new Set<string>(MESSAGE_LANGUAGES);
    for (const row of state.translations) if (row.language.trim()) set.add(row.language.trim().toLowerCase());
    return [...set];
  }, [state.translations]);

  // The preview renders what the function would: the same engine code, on the rule as typed.
  const previews = useMemo(() => {
    const { input } = parseRuleForm(ruleFormData(state));
    const rule = { id: "preview", ...(input.definition as object) } as Rule;
    // A minimum's message only matters when a minimum is set (same for maximums).
    const bounds = rule as { min?: unknown; max?: unknown };
    const keys = MESSAGE_KEYS_BY_KIND[kind].filter((key) => {
      if (bounds.min === undefined && bounds.max === undefined) return true;
      if (key.endsWith("Min")) return typeof bounds.min === "number";
      if (key.endsWith("Max")) return typeof bounds.max === "number";
      return true;
    });
    return keys.map((key) => {
      try {
        return { key, text: previewMessage(rule, language, key) };
      } catch {
        return { key, text: t("ruleForm.fillSettings") };
      }
    });
  }, [state, kind, language, t]);

  const updateRow = (index: number, patch: Partial<TranslationRow>) =>
    setState((s) => ({ ...s, translations: s.translations.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  return (
    <Card>
      <FormLayout>
        <Text as="h2" variant="headingMd">
          {t("ruleForm.message")}
        </Text>
        <TextField
          label={t("ruleForm.messageLabel")}
          name="definition.message"
          autoComplete="off"
          multiline={2}
          value={typeof message === "string" ? message : ""}
          onChange={(v) => setValue("definition.message", v)}
          placeholder={t("ruleForm.messagePlaceholder", { count: MESSAGE_LANGUAGES.length })}
          helpText={t("ruleForm.placeholders", { list: PLACEHOLDERS_BY_KIND[kind].map((p) => `{${p}}`).join(" ") })}
          error={errorAt(errors, "definition.message")}
        />
        <Text as="h3" variant="headingSm">
          {t("ruleForm.translations")}
        </Text>
        {state.translations.map((row, index) => {
          const code = row.language.trim().toLowerCase();
          const error = (code && errors?.[`definition.translations.${code}`]) || undefined;
          return (
            <InlineStack key={index} gap="200" blockAlign="start" wrap={false}>
              <Box minWidth="90px">
                <TextField
                  label={t("ruleForm.language")}
                  name="translations.language"
                  autoComplete="off"
                  value={row.language}
                  onChange={(v) => updateRow(index, { language: v })}
                  placeholder="fr"
                />
              </Box>
              <Box width="100%">
                <TextField
                  label={t("ruleForm.translationText")}
                  name="translations.text"
                  autoComplete="off"
                  value={row.text}
                  onChange={(v) => updateRow(index, { text: v })}
                  error={error}
                />
              </Box>
              <Box paddingBlockStart="600">
                <Button
                  variant="tertiary"
                  tone="critical"
                  accessibilityLabel={
                    row.language ? t("ruleForm.removeTranslation", { language: row.language }) : t("ruleForm.removeNewTranslation")
                  }
                  onClick={() => setState((s) => ({ ...s, translations: s.translations.filter((_, i) => i !== index) }))}
                >
                  {t("ruleForm.remove")}
                </Button>
              </Box>
            </InlineStack>
          );
        })}
        {errors?.["definition.translations"] ? (
          <InlineError message={errors["definition.translations"]} fieldID="translations" />
        ) : null}
        <InlineStack>
          <Button
            onClick={() => setState((s) => ({ ...s, translations: [...s.translations, { language: "", text: "" }] }))}
          >
            {t("ruleForm.addTranslation")}
          </Button>
        </InlineStack>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                {t("ruleForm.preview")}
              </Text>
              <Select
                label={t("ruleForm.buyerLanguage")}
                labelInline
                options={languages.map((l) => ({ value: l, label: `${languageName(l)} (${l})` }))}
                value={language}
                onChange={setLanguage}
              />
            </InlineStack>
            {previews.map((p) => (
              <Text as="p" key={p.key} data-testid="message-preview">
                {p.text}
              </Text>
            ))}
          </BlockStack>
        </Box>
      </FormLayout>
    </Card>
  );
}

function LimitsEditor({
  rows,
  errors,
  onChange,
}: {
  rows: LimitRow[];
  errors?: FieldErrors;
  onChange: (rows: LimitRow[]) => void;
}) {
  const { t, label } = useI18n();
  const update = (index: number, patch: Partial<LimitRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {label("Limits per currency")}
      </Text>
      <Text as="p" tone="subdued">
        {t("ruleForm.currencyNotListed")}
      </Text>
      {rows.map((row, index) => {
        const base = `definition.limits.${row.currency.trim().toUpperCase()}`;
        return (
          <InlineStack key={index} gap="200" blockAlign="start" wrap={false}>
            <TextField
              label={t("ruleForm.currency")}
              name="limits.currency"
              autoComplete="off"
              value={row.currency}
              onChange={(v) => update(index, { currency: v })}
              placeholder="USD"
              error={errors?.[base]}
            />
            <TextField
              label={t("ruleForm.minSubtotal")}
              name="limits.min"
              autoComplete="off"
              inputMode="decimal"
              value={row.min}
              onChange={(v) => update(index, { min: v })}
              error={errorAt(errors, `${base}.min`)}
            />
            <TextField
              label={t("ruleForm.maxSubtotal")}
              name="limits.max"
              autoComplete="off"
              inputMode="decimal"
              value={row.max}
              onChange={(v) => update(index, { max: v })}
              error={errorAt(errors, `${base}.max`)}
            />
            <Box paddingBlockStart="600">
              <Button variant="tertiary" tone="critical" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                {t("ruleForm.remove")}
              </Button>
            </Box>
          </InlineStack>
        );
      })}
      {errors?.["definition.limits"] ? <InlineError message={errors["definition.limits"]} fieldID="limits" /> : null}
      <InlineStack>
        <Button onClick={() => onChange([...rows, { currency: "", min: "", max: "" }])}>{t("ruleForm.addCurrency")}</Button>
      </InlineStack>
    </BlockStack>
  );
}

/** Reads a CSV file in the browser and has the server parse it (parsePostalCodeCsv). */
function PostalCsvImport({ onCodes }: { onCodes: (codes: Record<string, string[]>) => void }) {
  const fetcher = useFetcher<{ csv?: { ok: true; codes: Record<string, string[]> } | { ok: false; errors: FieldErrors } }>();
  const { t } = useI18n();
  const [country, setCountry] = useState("");
  const [applied, setApplied] = useState<unknown>(null);
  const result = fetcher.data?.csv;
  if (result && result.ok && applied !== result) {
    setApplied(result);
    onCodes(result.codes);
  }
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="end">
        <TextField
          label={t("ruleForm.csvCountry")}
          autoComplete="off"
          value={country}
          onChange={setCountry}
          placeholder="FR"
        />
      </InlineStack>
      <DropZone
        label={t("ruleForm.csvImport")}
        accept=".csv,text/csv,text/plain"
        type="file"
        allowMultiple={false}
        onDropAccepted={async ([file]) => {
          const csv = await file.text();
          // Multipart: the CSV travels at its own size (URL-encoding would triple its commas against the body cap).
          fetcher.submit({ intent: "parseCsv", csv, country }, { method: "post", encType: "multipart/form-data" });
        }}
      >
        <DropZone.FileUpload actionHint={t("ruleForm.csvHint")} />
      </DropZone>
      {result && !result.ok ? (
        <Banner tone="critical" title={t("ruleForm.csvUnreadable")}>
          {Object.entries(result.errors).map(([k, m]) => (
            <Text as="p" key={k}>
              {k === "_form" ? m : `${k}: ${m}`}
            </Text>
          ))}
        </Banner>
      ) : null}
    </BlockStack>
  );
}
