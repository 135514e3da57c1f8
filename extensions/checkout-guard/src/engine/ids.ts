/**
 * Numeric part of a Shopify GID ("gid://shopify/Product/123" → "123"): the
 * last path segment, without a query string. Kept cheap on purpose (it runs
 * for every cart line inside QuickJS, where each built-in call costs
 * thousands of WebAssembly instructions): a segment that is not a number
 * simply never equals a selector's numeric id.
 */
export function numericId(gid: string | null | undefined): string | null {
  if (typeof gid !== "string" || gid === "") return null;
  const id = gid.slice(gid.lastIndexOf("/") + 1);
  const query = id.indexOf("?");
  return query < 0 ? id : id.slice(0, query);
}
