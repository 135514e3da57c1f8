/**
 * Reading an admin form post with a byte cap: the body is counted as it
 * streams in and refused with 413 past the cap, before anything is parsed or
 * buffered beyond it. Each route passes the cap that fits what it accepts
 * (docs/configuration.md lists them); the production server also caps every
 * request body.
 */
import { json, type TypedResponse } from "@remix-run/node";
import { t } from "../i18n.server";

/** What each admin page may post. */
export const BODY_LIMITS = {
  /** A rule (at most 10,000 bytes) as a form, or a postal-code CSV of up to 512 KB to parse. */
  ruleEditor: 1_048_576,
  /** A rule export file: a shop's rules (at most 500,000 bytes) pretty-printed, with room to spare. */
  import: 2_097_152,
  /** Buttons: ids, a version number, an intent. */
  small: 65_536,
} as const;

export type Refusal = TypedResponse<{ ok: false; errors: { _form: string } }>;
export type ReadForm = { ok: true; form: FormData } | { ok: false; response: Refusal };

const size = (bytes: number) =>
  bytes >= 1_048_576 ? t("server.body.mb", { value: bytes / 1_048_576 }) : t("server.body.kb", { value: Math.round(bytes / 1024) });

/**
 * The request's form, or a 413 answer (`{ ok: false, errors: { _form } }`, as
 * the pages show errors) when its body is over `maxBytes`.
 */
export async function readForm(request: Request, maxBytes: number): Promise<ReadForm> {
  const tooLarge = () => ({
    ok: false as const,
    response: json(
      {
        ok: false as const,
        errors: { _form: t("server.body.tooLarge", { size: size(maxBytes) }) },
      },
      { status: 413 },
    ),
  });
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = Buffer.concat(chunks);
  const contentType = request.headers.get("Content-Type") ?? "application/x-www-form-urlencoded";
  try {
    return { ok: true, form: await new Response(body, { headers: { "Content-Type": contentType } }).formData() };
  } catch {
    return {
      ok: false,
      response: json({ ok: false as const, errors: { _form: t("server.body.notForm") } }, { status: 400 }),
    };
  }
}
