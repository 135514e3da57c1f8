/**
 * Promises about what the app can reach and what it asks for, checked against
 * running code:
 * - each checkout function's input query reads nothing outside the data boundary;
 * - `write_validations` is the only scope, in the app configuration, the app's
 *   code and the session that token exchange stores;
 * - during a full admin flow (install by token exchange, rule saved and
 *   published, simulator, privacy export, every webhook) no request goes
 *   anywhere but the shop's Admin API, and no response sets a cookie.
 */
import net from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseGraphql, visit } from "graphql";
import { parse as parseToml } from "smol-toml";
import prisma from "../../app/db.server";
import { SCOPES } from "../../app/shopify.server";
import { startRemixApp, type RemixApp } from "../support/remix-app";
import { startAdminApiMock, type AdminApiMock } from "../support/admin-api-mock";
import { adminRequest } from "../support/session-token";
import { webhookRequest } from "../support/webhook";
import { ruleForm, EXAMPLES } from "../admin/helpers";
import { ROOT } from "../support/paths";
import { CHECKOUT_FUNCTIONS, CHECKOUT_FUNCTION_NAMES } from "../../extensions/checkout-guard/src/engine/functions";

describe.each(CHECKOUT_FUNCTION_NAMES.map((fn) => [fn, CHECKOUT_FUNCTIONS[fn].handle]))("the %s function's input query stays inside the data boundary", (fn, handle) => {
  const query = readFileSync(`${ROOT}/extensions/${handle}/src/cart_validations_generate_run.graphql`, "utf8");
  const paths: string[] = [];
  const stack: string[] = [];
  visit(parseGraphql(query), {
    Field: {
      enter(node) {
        stack.push(node.name.value);
        paths.push(stack.join("."));
      },
      leave() {
        stack.pop();
      },
    },
  });

  it("reads no buyer identity, customer, e-mail, billing address or order history", () => {
    expect(paths.length).toBeGreaterThan(10);
    const forbidden = /buyerIdentity|customer|email|billingAddress|purchasingCompany|orders?\b|numberOfOrders|amountSpent|isAuthenticated|attribute/i;
    expect(paths.filter((p) => forbidden.test(p))).toEqual([]);
  });

  it("reads phone and names only as part of the shipping address, and only for address rules", () => {
    const personal = paths.filter((p) => /phone|firstName|lastName/.test(p));
    if (fn === "address") {
      expect(personal.length).toBeGreaterThan(0);
      expect(personal.every((p) => p.startsWith("cart.deliveryGroups.deliveryAddress."))).toBe(true);
    } else {
      // The cart functions read of the addresses only the country (for a rule's country scope).
      expect(personal).toEqual([]);
      expect(paths.filter((p) => p.startsWith("cart.deliveryGroups.deliveryAddress."))).toEqual(["cart.deliveryGroups.deliveryAddress.countryCode"]);
    }
  });

  it("reads only the allowed top-level data", () => {
    const roots = new Set(paths.map((p) => p.split(".")[0]));
    expect([...roots].sort()).toEqual(["buyerJourney", "cart", "localization", "shop", "validation"]);
    const cart = new Set(paths.filter((p) => p.startsWith("cart.")).map((p) => p.split(".")[1]));
    // The address function reads no cart lines; of the cart, the others read the lines (and the cart totals, the cost).
    expect([...cart].sort()).toEqual(fn === "address" ? ["deliveryGroups"] : fn === "cart" ? ["cost", "deliveryGroups", "lines"] : ["deliveryGroups", "lines"]);
    const shop = paths.filter((p) => p.startsWith("shop."));
    expect(shop.every((p) => p.startsWith("shop.localTime"))).toBe(true);
  });
});

describe("write_validations is the only scope", () => {
  it("in shopify.app.toml", () => {
    const config = parseToml(readFileSync(`${ROOT}/shopify.app.toml`, "utf8")) as {
      access_scopes?: { scopes?: string; optional_scopes?: string[]; use_legacy_install_flow?: boolean };
    };
    expect(config.access_scopes?.scopes?.split(",").map((s) => s.trim())).toEqual(["write_validations"]);
    expect(config.access_scopes?.optional_scopes ?? []).toEqual([]);
    expect(config.access_scopes?.use_legacy_install_flow ?? false).toBe(false);
  });

  it("in the app's Shopify configuration", () => {
    expect(SCOPES).toEqual(["write_validations"]);
  });
});

describe("a full admin flow", () => {
  const SHOP = "boundaries.myshopify.com";
  let app: RemixApp;
  let mock: AdminApiMock;
  const connections: string[] = [];
  const responses: { what: string; response: Response }[] = [];
  const originalConnect = net.Socket.prototype.connect;

  async function handle(what: string, request: Request | Promise<Request>) {
    const response = await app.handle(await request);
    responses.push({ what, response });
    return response;
  }

  beforeAll(async () => {
    mock = await startAdminApiMock();
    app = await startRemixApp();
    // Every TCP connection the process opens, whatever library opens it.
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      // net.connect passes its normalized arguments as one array.
      const raw = Array.isArray(args[0]) ? args[0][0] : args[0];
      const first = raw as { host?: string; path?: string; port?: number } | number | string;
      if (typeof first === "object" && first !== null) connections.push(first.path ?? `${first.host ?? "localhost"}:${first.port}`);
      else if (typeof first === "number") connections.push(`${typeof args[1] === "string" ? args[1] : "localhost"}:${first}`);
      else connections.push(String(first));
      return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;

    // Install: the first admin load exchanges the session token for an offline token.
    await handle("app (document, install)", adminRequest("/app", { shop: SHOP, document: true }));
    // A rule, saved and published to the Validation.
    await handle(
      "new rule",
      adminRequest("/app/rules/new?kind=addressKind&_data=routes%2Fapp.rules.new", { shop: SHOP, body: ruleForm("addressKind", EXAMPLES.addressKind) }),
    );
    const form = new FormData();
    form.append("address.address1", "PO Box 12");
    form.append("address.countryCode", "US");
    form.append("line.quantity", "1");
    await handle("simulator", adminRequest("/app/simulator?_data=routes%2Fapp.simulator", { shop: SHOP, body: form }));
    for (const path of ["/app", "/app/rules", "/app/simulator", "/app/transfer", "/app/history", "/app/privacy"]) {
      await handle(`${path} (document)`, adminRequest(path, { shop: SHOP, document: true }));
    }
    await handle("privacy export", adminRequest("/app/privacy/export", { shop: SHOP }));
    await handle("index", new Request("https://checkout-guard.test/"));
    for (const topic of ["app/scopes_update", "customers/data_request", "customers/redact", "app/uninstalled", "shop/redact"]) {
      await handle(`webhook ${topic}`, webhookRequest({ shop: SHOP, topic }));
    }
  });

  afterAll(async () => {
    net.Socket.prototype.connect = originalConnect;
    await app?.close();
    await mock?.close();
  });

  it("really ran: installed, saved and published a rule, answered every webhook", () => {
    for (const { what, response } of responses) {
      expect(response.status, what).toBeLessThan(400);
    }
    expect(mock.requests.some((r) => r.kind === "token-exchange" && r.status === 200)).toBe(true);
    expect(mock.graphqlRequests("validationCreate").length).toBe(1);
  });

  it("stored the scopes token exchange granted: write_validations", async () => {
    const exchange = mock.requests.filter((r) => r.kind === "token-exchange");
    expect(exchange.length).toBeGreaterThan(0);
    for (const request of exchange) expect(JSON.parse(request.body)).not.toHaveProperty("scope");
    const sync = await prisma.shopSync.findMany({ where: { shop: SHOP } });
    // The shop was redacted at the end of the flow: nothing is left, scope included.
    expect(sync).toEqual([]);
  });

  it("sent requests only to the shop's Admin API", () => {
    expect(mock.requests.length).toBeGreaterThan(0);
    expect(mock.requests.filter((r) => r.target !== "shopify")).toEqual([]);
    for (const request of mock.requests) {
      expect(new URL(request.url).host).toBe(SHOP);
      expect(request.path).toMatch(/^\/admin\/(api\/[\w-]+\/graphql\.json|oauth\/access_token)$/);
    }
  });

  it("used only Admin API operations that write_validations covers", () => {
    const allowed = new Set(["validationCreate", "validationUpdate", "validationDelete", "metafieldsSet", "metafieldsDelete", "validation", "validations", "shopifyFunctions"]);
    const used = new Set(mock.graphqlRequests().flatMap((r) => r.graphql?.rootFields ?? []));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((field) => !allowed.has(field))).toEqual([]);
  });

  it("opened no network connection except to this machine (the Admin API stand-in)", () => {
    expect(connections.length).toBeGreaterThan(0);
    const remote = connections.filter((c) => !/^(127\.0\.0\.1|localhost|::1|\[::1\]):\d+$/.test(c) && !c.startsWith("/"));
    expect(remote).toEqual([]);
  });

  it("set no cookie in any response", () => {
    expect(responses.length).toBeGreaterThan(10);
    for (const { what, response } of responses) {
      expect(response.headers.get("Set-Cookie"), what).toBeNull();
      expect(response.headers.getSetCookie(), what).toEqual([]);
    }
  });
});
