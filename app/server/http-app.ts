/**
 * The app's HTTP server, as `remix-serve` would run it (compression, the
 * build's assets, public/, then Remix), plus what production needs and
 * remix-serve does not offer: access logs without credentials or personal data
 * (app/logger.server.ts), security headers, a body cap, and errors answered
 * without a stack trace. Used by both entry points: production.ts and demo.ts.
 */
import compression from "compression";
import express, { type ErrorRequestHandler, type Express } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "pino";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { redactUrl } from "../logger.server";
import { bodyLimit, DEFAULT_BODY_LIMIT_BYTES } from "./body-limit";
import { securityHeaders } from "./security-headers";

export interface HttpAppOptions {
  build: ServerBuild;
  logger: Logger;
  /** build/client: the browser assets Vite built. */
  clientDirectory: string;
  /** public/: the favicon and other static files. */
  publicDirectory: string;
  /** The app is served over HTTPS (SHOPIFY_APP_URL says so): send HSTS. */
  https: boolean;
  bodyLimitBytes?: number;
  /** Routes served before the app's own (the local demo's stand-ins for Shopify). */
  extend?: (app: Express) => void;
}

export function createHttpApp(options: HttpAppOptions) {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders({ https: options.https }));
  app.use(
    pinoHttp({
      logger: options.logger,
      // Only what an operator needs; the URL without its credentials (id_token, hmac…).
      wrapSerializers: false,
      serializers: {
        req: (req: { method: string; originalUrl?: string; url: string }) => ({ method: req.method, url: redactUrl(req.originalUrl ?? req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // The response line carries the status code, not the ServerResponse: the
      // logger's redaction (which runs before serializers) would otherwise copy
      // the response and its socket, eight levels deep, on every request.
      customSuccessObject: (_req, res, line) => ({ ...line, res: { statusCode: res.statusCode } }),
      customErrorObject: (_req, res, _error, line) => ({ ...line, res: { statusCode: res.statusCode } }),
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
    }),
  );
  app.use(bodyLimit(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));
  app.use(compression());
  app.use(options.build.publicPath, express.static(options.clientDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.publicDirectory, { maxAge: "1h" }));
  options.extend?.(app);
  app.all("*", createRequestHandler({ build: options.build, mode: process.env.NODE_ENV }));
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    options.logger.error({ err: error, url: req.url }, "request failed");
    if (!res.headersSent) res.status(500).type("text/plain; charset=utf-8").send("Internal Server Error");
  };
  app.use(onError);
  return app;
}
