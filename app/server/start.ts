/**
 * Loads the production build (`npm run build`: build/server, build/client) and
 * serves it with createHttpApp until SIGTERM/SIGINT. The entry points decide
 * the environment first: production.ts (real secrets only) and demo.ts.
 */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createLogger } from "../logger.server";
import { createHttpApp, type HttpAppOptions } from "./http-app";
import { installGracefulShutdown } from "./graceful-shutdown";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface StartOptions {
  host?: string;
  port: number;
  /** Where `npm run build` wrote (default build/; the browser tests build elsewhere). */
  buildDirectory?: string;
  extend?: HttpAppOptions["extend"];
}

export async function startServer({ host, port, buildDirectory = process.env.CHECKOUT_GUARD_BUILD_DIR || join(ROOT, "build"), extend }: StartOptions) {
  const logger = createLogger();
  const build = (await import(pathToFileURL(join(buildDirectory, "server/index.js")).href)) as ServerBuild;
  const app = createHttpApp({
    build,
    logger,
    clientDirectory: join(buildDirectory, "client"),
    publicDirectory: join(ROOT, "public"),
    https: (process.env.SHOPIFY_APP_URL ?? "").startsWith("https:"),
    extend,
  });
  const server = host ? app.listen(port, host) : app.listen(port);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const address = server.address() as AddressInfo;
  logger.info({ port: address.port }, "listening");
  installGracefulShutdown(server, {
    logger,
    // app/db.server.ts keeps its client on globalThis.
    onClosed: async () => globalThis.prismaGlobal?.$disconnect(),
  });
  return server;
}
