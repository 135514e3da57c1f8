/**
 * The app's real Remix request handler, in process: routing, loaders,
 * actions, entry.server (document headers) and error handling exactly as
 * `remix-serve` runs them, built by Vite from app/ on the fly. Requests are
 * plain `Request`s; nothing listens on a port.
 */
import { createServer, type ViteDevServer } from "vite";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { ROOT } from "./paths";

export interface RemixApp {
  handle(request: Request): Promise<Response>;
  close(): Promise<void>;
}

export async function startRemixApp(): Promise<RemixApp> {
  const vite: ViteDevServer = await createServer({
    root: ROOT,
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: "custom",
    logLevel: "silent",
  });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  // "production" mode: errors are answered as in production (no stack traces).
  const handler = createRequestHandler(build, "production");
  return {
    handle: (request) => handler(request),
    close: () => vite.close(),
  };
}
