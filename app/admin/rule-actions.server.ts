/**
 * What every admin page does on a change: validate and save through the rules
 * model, then publish the new configuration to Shopify and report how it went.
 * Rules stay saved when publishing fails; the status card offers a retry.
 */
import { parsePostalCodeCsv, saveRule, versionOf, type RuleConflict } from "../models/rules.server";
import { publishConfiguration, type AdminGraphql, type SyncOutcome } from "../shopify-sync/sync.server";
import { parseRuleForm, type FieldErrors } from "../components/rule-form-data";
import { currentLocale } from "../i18n.server";
import { translate } from "../i18n";

/** Publishes and turns the outcome into what the page shows. */
export async function publish(graphql: AdminGraphql, shop: string): Promise<SyncOutcome> {
  return publishConfiguration(graphql, shop);
}

export type RuleFormResult =
  | { ok: true; id: string; version: number; ruleVersion: string; sync: SyncOutcome }
  | { ok: false; errors: FieldErrors; conflict?: RuleConflict }
  | { csv: ReturnType<typeof parsePostalCodeCsv> };

/**
 * The rule editor's action: a CSV to parse, or the rule to save (create
 * without `id`). An edit carries the version of the rule the page loaded
 * ("ruleVersion"): a save from a stale page is refused with what changed since.
 */
export async function handleRuleForm(
  graphql: AdminGraphql,
  shop: string,
  form: FormData,
  id?: string,
): Promise<RuleFormResult> {
  if (form.get("intent") === "parseCsv") {
    // "country,code" rows, or one code per line for the country chosen in the editor.
    const country = String(form.get("country") ?? "").trim();
    return { csv: parsePostalCodeCsv(String(form.get("csv") ?? ""), country || undefined) };
  }
  const { input, errors: formErrors } = parseRuleForm(form, translate(currentLocale()));
  const expected = id === undefined ? undefined : String(form.get("ruleVersion") ?? "");
  const saved = await saveRule(shop, input, id, undefined, { expected });
  if (!saved.ok) {
    return saved.conflict
      ? { ok: false, errors: saved.errors, conflict: saved.conflict }
      : { ok: false, errors: { ...saved.errors, ...formErrors } };
  }
  // Unreadable values are passed on as written, so the model refuses them; this is a second guard.
  if (Object.keys(formErrors).length) return { ok: false, errors: formErrors };
  const sync = await publish(graphql, shop);
  // The rule's new version: the page saves its next change from it.
  return { ok: true, id: saved.value.id, version: saved.version, ruleVersion: versionOf(saved.value), sync };
}
