/**
 * The logger's redaction: whatever a caller logs, credentials and people's
 * data never reach the output (PRIVACY.md, "Logs").
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, redactText, redactUrl } from "../../app/logger.server";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  process.env.LOG_LEVEL = "debug";
  const logger = createLogger(stream);
  delete process.env.LOG_LEVEL;
  return { logger, output: () => lines.join("") };
}

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiaHR0cHM6Ly9zaG9wIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

describe("the logger", () => {
  it("redacts credentials and personal fields at any depth, keeping the rest", () => {
    const { logger, output } = capture();
    logger.info(
      {
        shop: "a-shop.myshopify.com",
        session: { accessToken: "shpat_0123abcd", refreshToken: "shprt_4567ef", email: "staff@example.com", firstName: "Ada" },
        webhook: { topic: "customers/redact", payload: { customer: { email: "buyer@example.com", phone: "+33 6 12 34 56 78" } } },
        request: { headers: { authorization: `Bearer ${JWT}`, cookie: "s=1" }, url: `/app?shop=a-shop.myshopify.com&id_token=${JWT}` },
        cart: [{ deliveryAddress: { address1: "12 Rue de la Paix", zip: "75002" } }],
      },
      "an event",
    );
    const text = output();
    for (const secret of ["shpat_0123abcd", "shprt_4567ef", "staff@example.com", "Ada", "buyer@example.com", "+33 6", JWT, "s=1", "Rue de la Paix", "75002"]) {
      expect(text).not.toContain(secret);
    }
    const line = JSON.parse(text);
    expect(line.shop).toBe("a-shop.myshopify.com");
    expect(line.webhook.topic).toBe("customers/redact");
    expect(line.session.accessToken).toBe(REDACTED);
    expect(line.request.url).toBe(`/app?shop=a-shop.myshopify.com&id_token=${REDACTED}`);
    expect(line.msg).toBe("an event");
  });

  it("keeps only harmless query parameters of a URL", () => {
    expect(redactUrl(`https://app.example/app/rules?shop=s.myshopify.com&host=aG9zdA&embedded=1&id_token=${JWT}&hmac=ff&session=x`)).toBe(
      `/app/rules?shop=s.myshopify.com&host=aG9zdA&embedded=1&id_token=${REDACTED}&hmac=${REDACTED}&session=${REDACTED}`,
    );
    expect(redactUrl("/healthz")).toBe("/healthz");
  });

  it("scrubs credentials out of message strings (Shopify's library logs strings)", () => {
    const message = `Authenticating admin request | {shop: s.myshopify.com, token: ${JWT}, access: shpat_deadbeef, hmac: ${"a1".repeat(32)}, url: /auth?code=abc123&shop=s}`;
    const scrubbed = redactText(message);
    for (const secret of [JWT, "shpat_deadbeef", "a1".repeat(32), "abc123"]) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain("shop: s.myshopify.com");
    expect(scrubbed).toContain(`code=${REDACTED}`);
  });
});
