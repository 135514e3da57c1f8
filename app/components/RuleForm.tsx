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
import { IdListField } from "./IdListField";

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
  const [state, setState] = useState<RuleFormState>(initial);
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
            label={field.label}
            name={path}
            type="text"
            inputMode={field.type === "int" ? "numeric" : "decimal"}
            autoComplete="off"
            value={single(path)}
            onChange={(v) => setValue(path, v)}
            helpText={field.help}
            error={error}
          />
        );
      case "text":
        return (
          <TextField
            key={path}
            label={field.label}
            name={path}
            autoComplete="off"
            monospaced={field.monospace}
            value={single(path)}
            onChange={(v) => setValue(path, v)}
            helpText={field.help}
            error={error}
          />
        );
      case "bool":
        return (
          <Checkbox
            key={path}
            label={field.label}
            checked={single(path) === "true"}
            onChange={(checked) => setValue(path, String(checked))}
            helpText={field.help}
            error={error}
          />
        );
      case "choice":
        return (
          <Select
            key={path}
            label={field.label}
            name={path}
            options={field.options}
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
              title={field.label}
              choices={field.options}
              selected={many(path)}
              onChange={(v) => setValue(path, v)}
              error={error}
            />
            {field.help ? (
              <Text as="p" tone="subdued">
                {field.help}
              </Text>
            ) : null}
          </BlockStack>
        );
      case "list":
        return (
          <TextField
            key={path}
            label={field.label}
            name={path}
            autoComplete="off"
            value={single(path)}
            onChange={(v) => setValue(path, v)}
            helpText={field.help}
            error={error}
          />
        );
      case "codeMap":
        return (
          <BlockStack key={path} gap="200">
            <TextField
              label={field.label}
              name={path}
              autoComplete="off"
              multiline={4}
              monospaced
              value={single(path)}
              onChange={(v) => setValue(path, v)}
              helpText={field.help}
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
              {field.label}
            </Text>
            {field.help ? (
              <Text as="p" tone="subdued">
                {field.help}
              </Text>
            ) : null}
            {/* One under the other: pasted admin URLs are long. */}
            <BlockStack gap="300">
              {SELECTOR_PARTS.map((part) => {
                const partPath = `${path}.${part.key}`;
                const field = { label: part.label, name: partPath, value: single(partPath), onChange: (v: string) => setValue(partPath, v) };
                return part.item === "tag" ? (
                  <TextField key={partPath} {...field} autoComplete="off" helpText="Comma-separated" error={errorAt(errors, partPath)} />
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
        <Banner tone="critical" title="The rule was not saved">
          <BlockStack gap="100">
            {formErrors.map(([k, message]) => (
              <Text as="p" key={k}>
                {k === "_form" ? message : `${k}: ${message}`}
              </Text>
            ))}
          </BlockStack>
        </Banner>
      ) : errors && Object.keys(errors).length ? (
        <Banner tone="critical" title="The rule was not saved">
          <Text as="p">Fix the fields marked below.</Text>
        </Banner>
      ) : null}
      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            {KIND_INFO[kind].label}
          </Text>
          <Text as="p" tone="subdued">
            {KIND_INFO[kind].description}
          </Text>
          <TextField
            label="Name"
            name="name"
            autoComplete="off"
            value={state.name}
            onChange={(name) => setState((s) => ({ ...s, name }))}
            helpText="For you and your staff; buyers never see it."
            error={errors?.name}
          />
          <Select
            label="Status"
            name="status"
            options={STATUS_OPTIONS}
            value={state.status}
            onChange={(status) => setState((s) => ({ ...s, status }))}
            error={errors?.status}
          />
          {state.status === "scheduled" ? (
            <FormLayout.Group>
              <TextField
                label="Starts (shop time)"
                name="scheduleStart"
                type="datetime-local"
                autoComplete="off"
                value={state.scheduleStart.slice(0, 16)}
                onChange={(scheduleStart) => setState((s) => ({ ...s, scheduleStart }))}
                error={errors?.scheduleStart}
              />
              <TextField
                label="Ends (shop time)"
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
              Settings
            </Text>
            {KIND_FIELDS[kind].map(renderField)}
          </FormLayout>
        </Card>
      ) : null}

      <Card>
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Where and when
          </Text>
          {kind !== "destination" ? (
            <FormLayout.Group>
              <Select
                label="Countries"
                name="definition.countries.mode"
                options={[
                  { value: "", label: "All shipping countries" },
                  { value: "in", label: "Only when shipping to…" },
                  { value: "notIn", label: "Except when shipping to…" },
                ]}
                value={single("definition.countries.mode")}
                onChange={(v) => setValue("definition.countries.mode", v)}
              />
              <TextField
                label="Country codes"
                name="definition.countries.codes"
                autoComplete="off"
                disabled={!single("definition.countries.mode")}
                value={single("definition.countries.codes")}
                onChange={(v) => setValue("definition.countries.codes", v)}
                helpText="Comma-separated, e.g. US, CA"
                error={errorAt(errors, "definition.countries")}
              />
            </FormLayout.Group>
          ) : null}
          <Select
            label="When to check"
            name="definition.stage"
            options={STAGE_OPTIONS}
            value={single("definition.stage") || "checkout"}
            onChange={(v) => setValue("definition.stage", v)}
            error={errorAt(errors, "definition.stage")}
          />
          {isAddressKind(kind) ? (
            <Select
              label="Show the message"
              name="definition.display"
              options={[
                { value: "field", label: "Next to the field at fault" },
                { value: "banner", label: "As a banner at the top of checkout (wallets, express checkouts)" },
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
          Save rule
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
  const [language, setLanguage] = useState("en");
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
        return { key, text: "(fill in the settings to see this message)" };
      }
    });
  }, [state, kind, language]);

  const updateRow = (index: number, patch: Partial<TranslationRow>) =>
    setState((s) => ({ ...s, translations: s.translations.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  return (
    <Card>
      <FormLayout>
        <Text as="h2" variant="headingMd">
          Message
        </Text>
        <TextField
          label="Message shown to buyers"
          name="definition.message"
          autoComplete="off"
          multiline={2}
          value={typeof message === "string" ? message : ""}
          onChange={(v) => setValue("definition.message", v)}
          placeholder="Leave empty for the built-in message, translated into 7 languages"
          helpText={`Placeholders: ${PLACEHOLDERS_BY_KIND[kind].map((p) => `{${p}}`).join(" ")}`}
          error={errorAt(errors, "definition.message")}
        />
        <Text as="h3" variant="headingSm">
          Translations
        </Text>
        {state.translations.map((row, index) => {
          const code = row.language.trim().toLowerCase();
          const error = (code && errors?.[`definition.translations.${code}`]) || undefined;
          return (
            <InlineStack key={index} gap="200" blockAlign="start" wrap={false}>
              <Box minWidth="90px">
                <TextField
                  label="Language"
                  name="translations.language"
                  autoComplete="off"
                  value={row.language}
                  onChange={(v) => updateRow(index, { language: v })}
                  placeholder="fr"
                />
              </Box>
              <Box width="100%">
                <TextField
                  label="Message"
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
                  accessibilityLabel={`Remove the ${row.language || "new"} translation`}
                  onClick={() => setState((s) => ({ ...s, translations: s.translations.filter((_, i) => i !== index) }))}
                >
                  Remove
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
            Add a translation
          </Button>
        </InlineStack>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h3" variant="headingSm">
                Preview
              </Text>
              <Select
                label="Buyer language"
                labelInline
                options={languages.map((l) => ({ value: l, label: l }))}
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
  const update = (index: number, patch: Partial<LimitRow>) =>
    onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Limits per currency
      </Text>
      <Text as="p" tone="subdued">
        A cart in a currency not listed here is not checked.
      </Text>
      {rows.map((row, index) => {
        const base = `definition.limits.${row.currency.trim().toUpperCase()}`;
        return (
          <InlineStack key={index} gap="200" blockAlign="start" wrap={false}>
            <TextField
              label="Currency"
              name="limits.currency"
              autoComplete="off"
              value={row.currency}
              onChange={(v) => update(index, { currency: v })}
              placeholder="USD"
              error={errors?.[base]}
            />
            <TextField
              label="Minimum subtotal"
              name="limits.min"
              autoComplete="off"
              inputMode="decimal"
              value={row.min}
              onChange={(v) => update(index, { min: v })}
              error={errorAt(errors, `${base}.min`)}
            />
            <TextField
              label="Maximum subtotal"
              name="limits.max"
              autoComplete="off"
              inputMode="decimal"
              value={row.max}
              onChange={(v) => update(index, { max: v })}
              error={errorAt(errors, `${base}.max`)}
            />
            <Box paddingBlockStart="600">
              <Button variant="tertiary" tone="critical" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                Remove
              </Button>
            </Box>
          </InlineStack>
        );
      })}
      {errors?.["definition.limits"] ? <InlineError message={errors["definition.limits"]} fieldID="limits" /> : null}
      <InlineStack>
        <Button onClick={() => onChange([...rows, { currency: "", min: "", max: "" }])}>Add a currency</Button>
      </InlineStack>
    </BlockStack>
  );
}

/** Reads a CSV file in the browser and has the server parse it (parsePostalCodeCsv). */
function PostalCsvImport({ onCodes }: { onCodes: (codes: Record<string, string[]>) => void }) {
  const fetcher = useFetcher<{ csv?: { ok: true; codes: Record<string, string[]> } | { ok: false; errors: FieldErrors } }>();
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
          label="Country for files with one code per line"
          autoComplete="off"
          value={country}
          onChange={setCountry}
          placeholder="FR"
        />
      </InlineStack>
      <DropZone
        label="Import postal codes from CSV"
        accept=".csv,text/csv,text/plain"
        type="file"
        allowMultiple={false}
        onDropAccepted={async ([file]) => {
          const csv = await file.text();
          // Multipart: the CSV travels at its own size (URL-encoding would triple its commas against the body cap).
          fetcher.submit({ intent: "parseCsv", csv, country }, { method: "post", encType: "multipart/form-data" });
        }}
      >
        <DropZone.FileUpload actionHint='Columns "country,code", or one code per line' />
      </DropZone>
      {result && !result.ok ? (
        <Banner tone="critical" title="The CSV file could not be read">
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
