/**
 * A field for products, variants or collections: takes admin URLs, GIDs or
 * numeric ids (app/admin/shopify-ids.ts) and says below it what it understood,
 * or what it could not read, as the merchant pastes.
 */
import { Fragment, useMemo } from "react";
import { Link, TextField } from "@shopify/polaris";
import { adminUrl, describeRef, idText, isRefListError, parseRefList, refListError, type IdKind, type RefList } from "../admin/shopify-ids";
import { translate } from "../i18n";
import { useI18n } from "../i18n-react";

export function IdListField({
  label,
  name,
  value,
  onChange,
  kind,
  serverError,
  single = false,
  shop,
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
  /** The shop's domain: each item understood links to its page in the Shopify admin. */
  shop?: string;
}) {
  const { locale } = useI18n();
  const t = useMemo(() => translate(locale), [locale]);
  const ID_TEXT = idText(t);
  const list = useMemo(() => parseRefList(value, kind, t), [value, kind, t]);
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
      helpText={list.refs.length ? <Understood list={list} shop={shop} /> : single ? ID_TEXT.helpOne : ID_TEXT.help(kind)}
      error={error}
    />
  );
}

/** "Understood: product 123, variant 456 of product 123.", each item a link to its admin page (a new tab: the form stays). */
function Understood({ list, shop }: { list: RefList; shop?: string }) {
  const { locale } = useI18n();
  const t = translate(locale);
  const ID_TEXT = idText(t);
  return (
    <span>
      {`${ID_TEXT.understood} `}
      {list.refs.map((ref, i) => {
        const url = shop ? adminUrl(shop, ref) : undefined;
        return (
          <Fragment key={ref.id}>
            {i ? ", " : ""}
            {url ? (
              <Link url={url} target="_blank">
                {describeRef(ref, t)}
              </Link>
            ) : (
              describeRef(ref, t)
            )}
          </Fragment>
        );
      })}
      .
    </span>
  );
}
