/**
 * On SIGTERM (a deploy, the orchestrator scaling down) or SIGINT: stop
 * accepting connections, let the requests in flight finish (a webhook half
 * handled would be retried by Shopify, a save half written would confuse a
 * merchant), close idle keep-alive connections, then release the database and
 * exit. Requests still running after `timeoutMs` are cut.
 */
import type { Server } from "node:http";
import type { Logger } from "pino";

export interface ShutdownOptions {
  logger: Logger;
  timeoutMs?: number;
  /** After the server closed: e.g. disconnect the database. */
  onClosed?: () => Promise<void>;
  exit?: (code: number) => void;
}

export function installGracefulShutdown(server: Server, options: ShutdownOptions) {
  const { logger, timeoutMs = 10_000, onClosed, exit = process.exit } = options;
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, "shutting down: finishing requests in flight");
    const deadline = setTimeout(() => {
      logger.warn({ timeoutMs }, "requests still running at the shutdown deadline: closing their connections");
      server.closeAllConnections();
    }, timeoutMs);
    deadline.unref();
    server.close(async (error) => {
      clearTimeout(deadline);
      await onClosed?.().catch((closeError: unknown) => logger.error({ err: closeError }, "closing the database failed"));
      logger.info("stopped");
      exit(error ? 1 : 0);
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
