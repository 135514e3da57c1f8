/**
 * Keeps the function's output under Shopify's 20,000-byte limit, whatever
 * the configuration and the cart:
 * - identical (target, message) pairs are sent once;
 * - each message is cut to MAX_MESSAGE_BYTES of UTF-8 (ending with "…");
 * - at most MAX_ERRORS errors are sent;
 * - the serialized errors take at most ERRORS_BYTE_BUDGET bytes; the rest of
 *   the 20,000 bytes is ample for the `{"operations":[{"validationAdd":…}]}`
 *   wrapper.
 * Errors are kept in the merchant's rule order; once full, later ones are
 * dropped (checkout is blocked all the same: one error is enough to block).
 */
import type { ValidationError } from "./types";

export const OUTPUT_BYTE_LIMIT = 20_000;
export const MAX_ERRORS = 25;
export const MAX_MESSAGE_BYTES = 1_000;
export const ERRORS_BYTE_BUDGET = 16_000;

/**
 * The runtime's native UTF-8 encoder, made on first use. Javy provides one, as
 * Node does: counting in JavaScript costs ~2k WebAssembly instructions per
 * character in QuickJS (~0.2M for each error's message and JSON), natively ~15k
 * per string. The loop below is for runtimes without it (and the reference a
 * test holds the encoder to).
 */
let encoder: { encode(text: string): Uint8Array } | null | undefined;

/** UTF-8 length of a string, counting a lone surrogate as 3 bytes (as it is replaced). */
export function utf8Length(text: string): number {
  if (encoder === undefined) encoder = typeof TextEncoder === "function" ? new TextEncoder() : null;
  return encoder ? encoder.encode(text).length : utf8LengthByCounting(text);
}

export function utf8LengthByCounting(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Cuts `text` to at most `maxBytes` of UTF-8, on a character boundary, marking the cut with "…". */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const budget = maxBytes - 3; // "…" is 3 bytes
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8LengthByCounting(char);
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end).trimEnd() + "…";
}

export class ErrorCollector {
  readonly errors: ValidationError[] = [];
  private readonly seen = new Set<string>();
  private bytes = 2; // "[" and "]"
  /** True once no further error can be added. */
  full = false;
  /** Errors dropped because a cap was reached. */
  dropped = 0;

  /** Adds an error unless it is a duplicate or a cap is reached; returns whether it was added. */
  add(target: string, rawMessage: string): boolean {
    const message = truncateUtf8(rawMessage, MAX_MESSAGE_BYTES);
    const key = target + "\u0000" + message;
    if (this.seen.has(key)) return false;
    if (this.full) {
      this.dropped++;
      return false;
    }
    const error = { message, target };
    const size = utf8Length(JSON.stringify(error)) + (this.errors.length > 0 ? 1 : 0);
    if (this.bytes + size > ERRORS_BYTE_BUDGET) {
      this.dropped++;
      this.full = true;
      return false;
    }
    this.seen.add(key);
    this.errors.push(error);
    this.bytes += size;
    if (this.errors.length >= MAX_ERRORS) this.full = true;
    return true;
  }
}
