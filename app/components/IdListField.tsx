/**
 * A field for products, variants or collections: takes admin URLs, GIDs or
 * numeric ids (app/admin/shopify-ids.ts) and says below it what it understood,
 * or what it could not read, as the merchant pastes.
 */
import { useMemo } from "react";
import { TextField } from "@shopify/polaris";
import { ID_TEXT, isRefListError, parseRefList, refListError, refListSummary, type IdKind } from "../admin/shopify-ids";

export function IdListField({
  label,
  name,
  value,
  onChange,
  kind,
  serverError,
  single = false,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  kind: IdKind;
  /** The server's message for this field; its reading of the entries is redone live, so only its other messages show (e.g. a list too long). */
  serverError?: string;
  /** One item (a cart line's product), not a list. */
  single?: boolean;
}) {
  const list = useMemo(() => parseRefList(value, kind), [value, kind]);
  // The same parser as the server's: the live message is the one a save would return.
  const error =
    refListError(list) ??
    (single && list.ids.length > 1 ? ID_TEXT.onlyOne(kind) : undefined) ??
    (serverError && !isRefListError(serverError) ? serverError : undefined);
  return (
    <TextField
      label={label}
      name={name}
      autoComplete="off"
      // Several URLs pasted on separate lines stay separate (a one-line input would glue them together).
      multiline={single ? undefined : 1}
      value={value}
      onChange={onChange}
      helpText={refListSummary(list) ?? (single ? ID_TEXT.helpOne(kind) : ID_TEXT.help(kind))}
      error={error}
    />
  );
}
