/**
 * Line selectors of cart rules. A selector lists products, variants, product
 * tags and collections; a line matches when it matches any list. An absent or
 * empty selector matches every line. Products and variants are compared by
 * the numeric part of their GID; tags (case-insensitively) and collections
 * come from `product.hasTags` / `product.inCollections`, which Shopify
 * answers for the tags and collection ids passed as input variables.
 * A custom product has no id, tags or collections: only an empty selector
 * matches it.
 */
import type { Selector } from "./config";
import { lineCollections, lineProductId, lineTags, lineVariantId, type LineFacts } from "./facts";

export type LinePredicate = (line: LineFacts) => boolean;

const normalizeId = (id: string) => id.replace(/^0+(?=\d)/, "");
const matchAll: LinePredicate = () => true;

export function compileSelector(selector: Selector | undefined): LinePredicate {
  const products = new Set((selector?.products ?? []).map(normalizeId));
  const variants = new Set((selector?.variants ?? []).map(normalizeId));
  // Arrays: a line holds few tags and collections; each is looked up in the line's set.
  const tags = [...new Set((selector?.tags ?? []).map((t) => t.trim().toLowerCase()))];
  const collections = [...new Set((selector?.collections ?? []).map(normalizeId))];
  // Plain booleans: `Set#size` is a getter call in QuickJS, checked once here rather than per line.
  const byProduct = products.size > 0;
  const byVariant = variants.size > 0;
  const byTag = tags.length > 0;
  const byCollection = collections.length > 0;
  if (!byProduct && !byVariant && !byTag && !byCollection) return matchAll;
  return (line) => {
    // Each of ids, tags and collections is read from the input once per line, when a selector first needs it.
    if (byProduct) {
      const id = lineProductId(line);
      if (id !== null && products.has(id)) return true;
    }
    if (byVariant) {
      const id = lineVariantId(line);
      if (id !== null && variants.has(id)) return true;
    }
    if (byTag) {
      const lineTagSet = lineTags(line);
      if (lineTagSet !== null) for (let i = 0; i < tags.length; i++) if (lineTagSet.has(tags[i])) return true;
    }
    if (byCollection) {
      const lineCollectionSet = lineCollections(line);
      if (lineCollectionSet !== null) for (let i = 0; i < collections.length; i++) if (lineCollectionSet.has(collections[i])) return true;
    }
    return false;
  };
}
