/** Numeric part of a Shopify GID ("gid://shopify/Product/123" → "123"); a bare number is kept. */
export function numericId(gid: string | null | undefined): string | null {
  if (typeof gid !== "string") return null;
  const match = /(\d+)(?:\?[^/]*)?$/.exec(gid);
  return match ? match[1].replace(/^0+(?=\d)/, "") : null;
}
