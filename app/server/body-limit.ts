/**
 * A cap on every request body, before anything reads it. Routes that accept
 * uploads cap their own fields more tightly (docs/configuration.md, "Limits");
 * this one protects the whole server from a body nobody should send.
 */
import type { RequestHandler } from "express";

/** Large enough for the biggest import the admin accepts, with its form's overhead. */
export const DEFAULT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

const textResponse = (res: Parameters<RequestHandler>[1], status: number, message: string) =>
  res.status(status).type("text/plain; charset=utf-8").send(message);

export function bodyLimit(limitBytes: number = DEFAULT_BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    const length = req.headers["content-length"];
    if (length === undefined) {
      // Browsers and Shopify send a length; a stream of unknown size is not read.
      if (req.headers["transfer-encoding"]) return void textResponse(res, 411, "Send the request with a Content-Length header.");
      return next();
    }
    const bytes = Number(length);
    if (!Number.isSafeInteger(bytes) || bytes < 0) return void textResponse(res, 400, "Invalid Content-Length header.");
    if (bytes > limitBytes) {
      res.setHeader("Connection", "close");
      return void textResponse(res, 413, `The request is too large: ${bytes} bytes, at most ${limitBytes} bytes are accepted.`);
    }
    next();
  };
}
