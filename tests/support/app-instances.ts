/**
 * App instances as production runs them: each `npm start`'s entry point
 * (app/server/production.ts) in its own Node process, on a shared database,
 * its Admin API requests sent to the local Admin API server of the calling
 * process (admin-api-preload.ts). Used by the multi-instance tests and by
 * `npm run bench:load`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
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

export function startAppInstance(options: AppInstanceOptions): Promise<AppInstance> {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./tests/support/admin-api-preload.ts", "app/server/production.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      ...credentials(),
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      DATABASE_URL: options.databaseUrl,
      CHECKOUT_GUARD_BUILD_DIR: options.buildDirectory,
      ADMIN_API_MOCK_URL: options.adminApiUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
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
  const exited = new Promise<void>((resolve) => child.once("exit", () => (clearInterval(sampler), resolve())));
  const onData = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-1_000_000));
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return new Promise((resolve, reject) => {
    const waitForListening = setInterval(() => {
      const listening = /"port":(\d+)[^\n]*"msg":"listening"/.exec(output);
      if (!listening) return;
      clearInterval(waitForListening);
      resolve({
        url: `http://127.0.0.1:${listening[1]}`,
        child,
        output: () => output,
        peakMemoryMiB: () => (sampleMemory(), peak),
        async stop() {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    }, 50);
    child.once("exit", (code) => {
      clearInterval(waitForListening);
      reject(new Error(`an app instance exited (${code}) before listening:\n${output}`));
    });
  });
}
