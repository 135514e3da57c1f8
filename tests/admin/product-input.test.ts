/**
 * Products, variants and collections typed as a merchant can copy them (the
 * admin page URL, the numeric id or the GID): the parser, by named cases and
 * by properties, then the rule editor's real action saving a rule from pasted
 * URLs in today's stored format, and refusing a wrong one at its field with
 * nothing saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { adminUrl, parseRef, parseRefList, refListSummary, type IdKind } from "../../app/admin/shopify-ids";
import { getRule, listRules } from "../../app/models/rules.server";
import { CHECKOUT_FUNCTIONS } from "../../extensions/checkout-guard/src/engine/functions";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import * as newRule from "../../app/routes/app.rules.new";
import * as editRule from "../../app/routes/app.rules.$id";
import { ruleFormData } from "../../app/components/rule-form-data";
import { call, idFromLocation, newShop, ruleForm } from "./helpers";

/** The configuration's own rule for a stored id (config.ts numericId). */
const STORED_ID = /^[1-9][0-9]{0,19}$/;
const KINDS: IdKind[] = ["product", "variant", "collection"];

describe("reading a pasted product, variant or collection", () => {
  const accepted: [string, IdKind, string, { kind: IdKind; id: string; productId?: string }][] = [
    ["a bare id", "product", "8123456789", { kind: "product", id: "8123456789" }],
    ["a bare id, with spaces around", "collection", "  789 ", { kind: "collection", id: "789" }],
    ["a product GID", "product", "gid://shopify/Product/123", { kind: "product", id: "123" }],
    ["a variant GID", "variant", "gid://shopify/ProductVariant/456", { kind: "variant", id: "456" }],
    ["a collection GID", "collection", "gid://shopify/Collection/789", { kind: "collection", id: "789" }],
    ["a product's admin URL", "product", "https://admin.shopify.com/store/my-shop/products/123", { kind: "product", id: "123" }],
    ["an admin URL with a query and a trailing slash", "product", "https://admin.shopify.com/store/my-shop/products/123/?selectedView=all#x", { kind: "product", id: "123" }],
    ["an admin URL without its scheme", "product", "admin.shopify.com/store/my-shop/products/123", { kind: "product", id: "123" }],
    ["a variant's admin URL", "variant", "https://admin.shopify.com/store/my-shop/products/123/variants/456", { kind: "variant", id: "456", productId: "123" }],
    ["a collection's admin URL", "collection", "https://admin.shopify.com/store/my-shop/collections/789", { kind: "collection", id: "789" }],
    ["a product's legacy admin URL", "product", "https://my-shop.myshopify.com/admin/products/123", { kind: "product", id: "123" }],
    ["a variant's legacy admin URL", "variant", "https://my-shop.myshopify.com/admin/products/123/variants/456", { kind: "variant", id: "456", productId: "123" }],
    ["a collection's legacy admin URL", "collection", "http://my-shop.myshopify.com/admin/collections/789", { kind: "collection", id: "789" }],
    ["a storefront URL's ?variant= in a variant field", "variant", "https://shop.example/products/t-shirt?variant=456", { kind: "variant", id: "456" }],
  ];
  it.each(accepted)("reads %s", (_, kind, input, ref) => {
    expect(parseRef(input, kind)).toEqual({ ok: true, ref });
  });

  const refused: [string, IdKind, string, RegExp][] = [
    ["a collection URL in a product field", "product", "https://admin.shopify.com/store/my-shop/collections/789", /^This is collection 789, not a product: put it under Collections\.$/],
    ["a variant URL in a product field", "product", "https://admin.shopify.com/store/my-shop/products/123/variants/456", /^This is variant 456 of product 123, not a product: put it under Variants, or paste the product's URL \(without \/variants\/456\)/],
    ["a product URL in a variant field", "variant", "https://admin.shopify.com/store/my-shop/products/123", /^This is product 123, not a variant: put it under Products\.$/],
    ["a product GID in a collection field", "collection", "gid://shopify/Product/123", /^This is product 123, not a collection/],
    ["a storefront product URL", "product", "https://my-shop.com/products/blue-t-shirt", /online store's address: it names the item by its handle \("blue-t-shirt"\), not by its id\. Open the product in your Shopify admin .* copy the address/],
    ["a storefront product URL on myshopify.com", "product", "https://my-shop.myshopify.com/products/blue-t-shirt", /handle \("blue-t-shirt"\)/],
    ["a storefront collection URL", "collection", "https://my-shop.com/collections/summer", /handle \("summer"\).*Open the collection in your Shopify admin/],
    ["a storefront product URL inside a collection", "product", "https://my-shop.com/collections/summer/products/hat", /handle \("hat"\)/],
    ["an order's admin URL", "product", "https://admin.shopify.com/store/my-shop/orders/1001", /^This is the admin page of orders, not of a product, variant or collection\./],
    ["the products list", "product", "https://admin.shopify.com/store/my-shop/products", /^This address is not the page of a product/],
    ["a new product's page", "product", "https://admin.shopify.com/store/my-shop/products/new", /^This address is not the page of a product/],
    ["another site", "product", "https://example.com/about", /^This address is not the page of a product/],
    ["a customer GID", "product", "gid://shopify/Customer/1", /^This is the id of a Customer/],
    ["a zero", "product", "0", /whole number without leading zeros/],
    ["a leading zero", "variant", "0123", /whole number without leading zeros/],
    ["21 digits", "product", "123456789012345678901", /up to 20 digits/],
    ["a handle", "product", "blue-t-shirt", /^Not a product: paste its page URL from your Shopify admin, its numeric id, or gid:\/\/shopify\/Product\/…\.$/],
    ["a product title", "collection", "Summer hats", /^Not a collection/],
    ["an FTP address", "product", "ftp://my-shop.myshopify.com/admin/products/1", /^Not a product/],
  ];
  it.each(refused)("refuses %s, saying why", (_, kind, input, message) => {
    const result = parseRef(input, kind);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it("reads a list, in order and each once, and says what it understood", () => {
    const list = parseRefList(
      "https://admin.shopify.com/store/s/products/1,gid://shopify/Product/2\n3; 3  https://s.myshopify.com/admin/products/1",
      "product",
    );
    expect(list.ids).toEqual(["1", "2", "3"]);
    expect(list.errors).toEqual([]);
    expect(refListSummary(list)).toBe("Understood: product 1, product 2, product 3.");
    const variants = parseRefList("https://admin.shopify.com/store/s/products/123/variants/456, 789", "variant");
    expect(refListSummary(variants)).toBe("Understood: variant 456 of product 123, variant 789.");
  });

  it("links what it understood to the item's page in the shop's admin", () => {
    const shop = "demo-shop.myshopify.com";
    expect(adminUrl(shop, { kind: "product", id: "1" })).toBe("https://admin.shopify.com/store/demo-shop/products/1");
    expect(adminUrl(shop, { kind: "collection", id: "2" })).toBe("https://admin.shopify.com/store/demo-shop/collections/2");
    expect(adminUrl(shop, { kind: "variant", id: "3", productId: "1" })).toBe("https://admin.shopify.com/store/demo-shop/products/1/variants/3");
    // A variant saved without its product: no page address to give.
    expect(adminUrl(shop, { kind: "variant", id: "3" })).toBeUndefined();
  });

  it("keeps a refused entry as written, so saving refuses it too", () => {
    const list = parseRefList("12, https://s.com/products/hat", "product");
    expect(list.ids).toEqual(["12", "https://s.com/products/hat"]);
    expect(list.errors.map((e) => e.input)).toEqual(["https://s.com/products/hat"]);
  });

  // ---- properties
  const id = fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }).map(String);
  const store = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/);
  const kind = fc.constantFrom<IdKind>(...KINDS);
  const section = { product: "products", collection: "collections" } as const;
  const gid = { product: "Product", variant: "ProductVariant", collection: "Collection" } as const;
  /** Every form a merchant can copy for `kind` `id` (a variant's URLs under product `parent`). */
  const forms = (k: IdKind, n: string, s: string, parent: string) =>
    k === "variant"
      ? [n, `gid://shopify/${gid[k]}/${n}`, `https://admin.shopify.com/store/${s}/products/${parent}/variants/${n}`, `https://${s}.myshopify.com/admin/products/${parent}/variants/${n}`]
      : [n, `gid://shopify/${gid[k]}/${n}`, `https://admin.shopify.com/store/${s}/${section[k]}/${n}`, `https://${s}.myshopify.com/admin/${section[k]}/${n}`];

  it("reads every copyable form of any id as that id", () => {
    fc.assert(
      fc.property(kind, id, store, id, fc.nat(3), (k, n, s, parent, which) => {
        const result = parseRef(forms(k, n, s, parent)[which], k);
        expect(result.ok && result.ref.kind === k && result.ref.id === n).toBe(true);
        if (k === "variant" && which >= 2) expect(result.ok && result.ref.productId).toBe(parent);
      }),
    );
  });

  it("refuses an item of another kind in any field, naming what it is", () => {
    fc.assert(
      fc.property(kind, kind, id, store, id, fc.nat(3), (k, field, n, s, parent, which) => {
        fc.pre(k !== field && which > 0); // a bare id is whatever the field asks for
        const result = parseRef(forms(k, n, s, parent)[which], field);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error).toContain(`This is ${k} ${n}`);
      }),
    );
  });

  it("reads back the stored ids as they are shown in the editor (comma-separated)", () => {
    fc.assert(
      fc.property(kind, fc.array(id, { maxLength: 20 }), (k, ids) => {
        expect(parseRefList(ids.join(", "), k)).toMatchObject({ ids: [...new Set(ids)], errors: [] });
      }),
    );
  });

  it("reads a pasted list whatever the separators", () => {
    const separator = fc.constantFrom(", ", ",", "\n", "\r\n", " ", ";", " ,\n ");
    fc.assert(
      fc.property(kind, store, fc.array(fc.tuple(id, id, fc.nat(3), separator), { minLength: 1, maxLength: 10 }), (k, s, items) => {
        const text = items.map(([n, parent, which, sep]) => forms(k, n, s, parent)[which] + sep).join("");
        expect(parseRefList(text, k)).toMatchObject({ ids: [...new Set(items.map(([n]) => n))], errors: [] });
      }),
    );
  });

  it("never throws, and whatever it refuses is refused by the stored format too", () => {
    const anything = fc.oneof(
      fc.string(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.constantFrom("gid://shopify/", "https://admin.shopify.com/store/", "https://x.myshopify.com/admin/", "0", ""), fc.string()).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(anything, kind, (input, k) => {
        const result = parseRef(input, k);
        if (result.ok) expect(result.ref.id).toMatch(STORED_ID);
        else expect(input.trim()).not.toMatch(STORED_ID);
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------
// The rule editor's action

let mock: AdminApiMock;
beforeAll(async () => {
  mock = await startAdminApiMock();
});
afterAll(async () => {
  await mock?.close();
});

const ADMIN = "https://admin.shopify.com/store/demo-shop";

describe("rule editor with pasted product pages", () => {
  it("saves a rule from admin URLs and GIDs as numeric ids, publishes it, and shows them back", async () => {
    const shop = await newShop("paste");
    const body = ruleForm("dependency", { kind: "dependency", select: {}, requires: {} }, { name: "Lens needs camera" }, (v) => {
      v["definition.select.products"] = `${ADMIN}/products/8123456789\nhttps://demo-shop.myshopify.com/admin/products/42`;
      v["definition.select.variants"] = `${ADMIN}/products/8123456789/variants/4455`;
      v["definition.requires.collections"] = `gid://shopify/Collection/789, ${ADMIN}/collections/790`;
      v["definition.requires.tags"] = "camera body";
    });
    const created = await call(newRule, "action", "/app/rules/new", { shop, body });
    expect(created.status, JSON.stringify(created.data)).toBe(302);
    const id = idFromLocation(created.location);

    const definition = { kind: "dependency", select: { products: ["8123456789", "42"], variants: ["4455"] }, requires: { collections: ["789", "790"], tags: ["camera body"] } };
    expect((await getRule(shop, id))!.definition).toEqual(definition);
    // Published as the function reads it: numeric ids, and collections as GIDs in the input variables.
    const [validation] = mock.validationsOf(shop, CHECKOUT_FUNCTIONS.products.handle);
    const config = JSON.parse(mock.metafieldValue(shop, validation.id, "config")!);
    expect(config.rules[0]).toMatchObject({ select: definition.select, requires: definition.requires });
    const variables = JSON.parse(mock.metafieldValue(shop, validation.id, "input-variables")!);
    expect(variables.collections0).toEqual(["gid://shopify/Collection/789", "gid://shopify/Collection/790"]);

    // The editor shows the stored ids; saving the page untouched keeps the rule as it is.
    const page = await call(editRule, "loader", `/app/rules/${id}`, { shop, params: { id } });
    expect(page.data.initial.values["definition.select.products"]).toBe("8123456789, 42");
    expect(refListSummary(parseRefList(page.data.initial.values["definition.select.products"], "product"))).toBe("Understood: product 8123456789, product 42.");
    const body2 = ruleFormData(page.data.initial);
    body2.set("ruleVersion", page.data.rule.version);
    const resaved = await call(editRule, "action", `/app/rules/${id}`, { shop, params: { id }, body: body2 });
    expect(resaved.data).toMatchObject({ ok: true, id });
    expect((await getRule(shop, id))!.definition).toEqual(definition);
  });

  const wrong: [string, string, string, RegExp][] = [
    ["a collection URL in Products", "definition.select.products", `${ADMIN}/collections/789`, /This is collection 789, not a product: put it under Collections\./],
    ["a product URL in Variants", "definition.select.variants", `${ADMIN}/products/123`, /This is product 123, not a variant/],
    ["a storefront URL in Products", "definition.select.products", "https://demo-shop.com/products/blue-hat", /handle \("blue-hat"\), not by its id\. Open the product in your Shopify admin/],
  ];
  it.each(wrong)("refuses %s with the reason at the field, saving nothing", async (_, field, pasted, message) => {
    const shop = await newShop("paste");
    const body = ruleForm("productQuantity", { kind: "productQuantity", max: 1, select: { products: ["555"] } }, {}, (v) => {
      v[field] = `${v[field] ? `${v[field]}, ` : ""}${pasted}`;
    });
    const result = await call(newRule, "action", "/app/rules/new", { shop, body });
    expect(result.status).toBe(200);
    expect(result.data.ok).toBe(false);
    expect(result.data.errors[field], JSON.stringify(result.data.errors)).toMatch(message);
    expect(result.data.errors[field]).toContain(`"${pasted.slice(0, 57)}`);
    expect(await listRules(shop)).toEqual([]);
    expect(mock.validationsOf(shop, CHECKOUT_FUNCTIONS.products.handle)).toEqual([]);
  });

  it("refuses an edit with a storefront URL and keeps the saved rule", async () => {
    const shop = await newShop("paste");
    const created = await call(newRule, "action", "/app/rules/new", {
      shop,
      body: ruleForm("exclusive", { kind: "exclusive", select: { products: ["333"] } }),
    });
    const id = idFromLocation(created.location);
    const before = await getRule(shop, id);
    const page = await call(editRule, "loader", `/app/rules/${id}`, { shop, params: { id } });
    const state = structuredClone(page.data.initial);
    state.values["definition.other.products"] = "https://demo-shop.com/collections/all/products/blue-hat";
    const body = ruleFormData(state);
    body.set("ruleVersion", page.data.rule.version);
    const result = await call(editRule, "action", `/app/rules/${id}`, { shop, params: { id }, body });
    expect(result.data.ok).toBe(false);
    expect(result.data.errors["definition.other.products"]).toMatch(/online store's address/);
    expect(await getRule(shop, id)).toEqual(before);
  });
});
