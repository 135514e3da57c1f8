/**
 * App instances as production runs them: each `npm start`'s entry point
 * (app/server/production.ts) in its own Node process, on a shared database,
 * its Admin API requests sent to the local Admin API server of the calling
 * process (admin-api-preload.ts). Used by the multi-instance tests and by
 * `npm run bench:load`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths";

export interface AppInstance {
  url: string;
  child: ChildProcess;
  /** Everything the instance wrote (its JSON log lines), the last 1 MB. */
  output(): string;
  /** Peak resident memory in MiB (Linux /proc), or null when unknown. */
  peakMemoryMiB(): number | null;
  /** SIGTERM, then wait for the exit (graceful shutdown). */
  stop(): Promise<void>;
}

export interface AppInstanceOptions {
  /** Where `npm run build` wrote (tests/support/app-build.ts). */
  buildDirectory: string;
  databaseUrl: string;
  /** The local Admin API server's URL (AdminApiMock.url). */
  adminApiUrl: string;
  /** As in production: "info" (an access log line per request), which also says when it listens. */
}

/** The credentials the instances run with: this process's, so that its tokens and webhooks are signed alike. */
function credentials() {
  const { SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL } = process.env;
  if (!SHOPIFY_API_KEY || !SHOPIFY_API_SECRET || !SHOPIFY_APP_URL) throw new Error("set SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL first");
  return { SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL };
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote (its JSON log lines), the last 1 MB. */
  output(): string;
  exited: Promise<number | null>;
  /** Where it listens; null when it exited first (a refusal to start). */
  url: string | null;
}

/**
 * Runs a server entry point (`node <args>`) with exactly `env`; resolves once
 * its log says it listens, or once it exits.
 */
export function runServer(args: string[], env: Record<string, string | undefined>): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    const done = (url: string | null) => resolve({ child, output: () => output, exited, url });
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-1_000_000);
      const listening = /"port":(\d+)[^\n]*"msg":"listening"/.exec(output);
      if (listening) done(`http://127.0.0.1:${listening[1]}`);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => done(null));
    setTimeout(() => reject(new Error(`the server neither listened nor exited within 60 s:\n${output}`)), 60_000).unref();
  });
}

/**
 * The Node flags `npm start` gives the production server (package.json), so that
 * the instances run as production does: `--max-semi-space-size=8` keeps V8's
 * young generation at 16 MiB instead of letting it grow to 128 MiB (docs/load.md).
 */
function productionNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
}

export async function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const server = await runServer([...productionNodeFlags(), "--import", "tsx", "--import", "./tests/support/admin-api-preload.ts", "app/server/production.ts"], {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    ...credentials(),
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    DATABASE_URL: options.databaseUrl,
    CHECKOUT_GUARD_BUILD_DIR: options.buildDirectory,
    ADMIN_API_MOCK_URL: options.adminApiUrl,
  });
  if (!server.url) throw new Error(`an app instance exited before listening:\n${server.output()}`);
  const { child } = server;
  let peak: number | null = null;
  const sampleMemory = () => {
    try {
      const kib = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1]);
      if (kib) peak = kib / 1024;
    } catch {
      // Exited, or not Linux: keep the last reading.
    }
  };
  const sampler = setInterval(sampleMemory, 250);
  void server.exited.then(() => clearInterval(sampler));
  return {
    url: server.url,
    child,
    output: server.output,
    peakMemoryMiB: () => (sampleMemory(), peak),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await server.exited;
    },
  };
}
