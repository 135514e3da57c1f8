/**
 * `npm run build` (remix vite:build) into a folder of this test run. The
 * folder is inside the project, so the server build's imports resolve to the
 * project's node_modules as they do from build/.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./paths";

export function buildApp(dir: string): Promise<void> {
  const cli = join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "vite:build", "--logLevel", "warn"],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production", CHECKOUT_GUARD_BUILD_DIR: dir },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`remix vite:build failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}
