/**
 * The local demo as a newcomer meets it after README's first command: the
 * demo server (`npm run serve` runs app/server/demo.ts on the production
 * build) is started, and a real browser opens http://localhost:<port>/ with
 * nothing else: no Shopify account, no token of its own. The demo shop's
 * rules are there, each page says it is a local demo, the simulator runs the
 * compiled functions, saving a rule publishes to the local Admin API, and a
 * page opened without a session token comes back through the bounce page.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildApp } from "../support/app-build";
import { ROOT, TEMPLATE_DB, TEST_RUN_DIR } from "../support/paths";
import { CHROMIUM } from "./harness";

const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
let demo: ChildProcess;
let origin: string;
let browser: Browser;
let page: Page;
const outside: string[] = [];

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** What the local Admin API holds for the demo shop (the demo server shows it at /__demo/shopify). */
async function publishedConfig(handle: "address" | "cart" | "weight" | "products"): Promise<string | undefined> {
  const { validations } = (await (await fetch(`${origin}/__demo/shopify`)).json()) as {
    validations: { title: string; functionId: string; metafields: Record<string, string> }[];
  };
  const titles = { address: "addresses", cart: "cart quantity", weight: "weight", products: "product" };
  const validation = validations.find((v) => v.title.toLowerCase().includes(titles[handle]));
  return validation && Object.entries(validation.metafields).find(([key]) => key.endsWith(".config"))?.[1];
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const buildDirectory = join(TEST_RUN_DIR, `demo-build-${randomUUID()}`);
  await buildApp(buildDirectory);
  const database = join(TEST_RUN_DIR, `${randomUUID()}.sqlite`);
  copyFileSync(TEMPLATE_DB, database);
  const port = await freePort();
  demo = spawn(join(ROOT, "node_modules/.bin/tsx"), ["app/server/demo.ts"], {
    cwd: ROOT,
    // A newcomer's shell: no NODE_ENV, no Shopify variables.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATABASE_URL: `file:${database}`, CHECKOUT_GUARD_BUILD_DIR: buildDirectory } as Record<string, string | undefined> as NodeJS.ProcessEnv,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("local demo: http://localhost")) resolve();
    };
    demo.stdout!.on("data", onData);
    demo.stderr!.on("data", onData);
    demo.once("exit", (code) => reject(new Error(`the demo exited (${code}):\n${output}`)));
  });
  expect(output).not.toMatch(/could not be imported/);
  origin = `http://localhost:${port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  // A merchant's browser: headless Chromium's "HeadlessChrome" would be turned away as a bot.
  const version = browser.version();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36`,
  });
  // Nothing leaves the machine: any request to another host is refused and recorded.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  demo?.kill("SIGTERM");
});

describe("the local demo, as a newcomer opens it", () => {
  it("opens the admin for the demo shop at the bare URL, says it is a local demo, and lists the seeded rules", async () => {
    await page.goto(`${origin}/`);
    await page.getByRole("heading", { name: "Checkout rules" }).waitFor({ timeout: 60_000 });
    await page.getByText("Local demo").first().waitFor();
    for (const name of ["No PO boxes", "Minimum order", "Parcel weight limit", "At most 6 bottles of wine per line"]) {
      await page.getByText(name, { exact: true }).first().waitFor();
    }
    // Published to the local Admin API when the demo started.
    await page.getByText("Up to date (version 1)").first().waitFor();
    expect(await publishedConfig("address")).toContain('"addressKind"');
    await page.screenshot({ path: `${SHOTS}demo-1-rules.png`, fullPage: true });
  }, 90_000);

  it("runs the simulator on the compiled functions from the navigation bar", async () => {
    await page.locator("ui-nav-menu a", { hasText: "Simulator" }).click();
    await page.getByRole("heading", { name: "Simulator" }).waitFor({ timeout: 60_000 });
    await page.getByText("Local demo").first().waitFor();
    await page.getByLabel("Address line 1").fill("PO Box 12");
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await page.getByText("Checkout blocked").waitFor({ timeout: 60_000 });
    await page.getByText("Blocked by: No PO boxes").waitFor();
    await page.screenshot({ path: `${SHOTS}demo-2-simulator.png`, fullPage: true });
  }, 120_000);

  it("saves an edited rule and publishes it to the local Admin API, with a toast", async () => {
    await page.locator("ui-nav-menu a", { hasText: "Rules" }).click();
    await page.getByRole("heading", { name: "Checkout rules" }).waitFor();
    await page.getByRole("link", { name: "Parcel weight limit" }).first().click();
    await page.getByRole("heading", { name: "Parcel weight limit" }).waitFor();
    expect(await publishedConfig("weight")).toContain('"max":30');
    await page.getByLabel("Maximum weight").fill("25");
    await page.getByRole("button", { name: "Save rule" }).click();
    await page.getByRole("status").filter({ hasText: /saved/i }).first().waitFor();
    await expect.poll(() => publishedConfig("weight")).toContain('"max":25');
    await page.locator("ui-nav-menu a", { hasText: "History" }).click();
    await page.getByText("Version 2", { exact: true }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SHOTS}demo-3-history.png`, fullPage: true });
  }, 120_000);

  it("opens a page typed or reloaded without Shopify's parameters for the demo shop", async () => {
    await page.goto(`${origin}/app/transfer`);
    await page.getByRole("heading", { name: "Import and export" }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("shop")).toBe("checkout-guard-demo.myshopify.com");
  }, 90_000);

  it("brings a page whose session token is missing (expired) back through the bounce page", async () => {
    const url = new URL(page.url());
    url.pathname = "/app/history";
    url.searchParams.delete("id_token");
    await page.goto(url.toString());
    await page.getByRole("heading", { name: "Change history" }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get("id_token")).toBeTruthy();
  }, 90_000);

  it("opens in the staff member's language when the admin's locale is French", async () => {
    await page.goto(`${origin}/?locale=fr`);
    await page.getByRole("heading", { name: "Règles de paiement" }).waitFor({ timeout: 60_000 });
    await page.getByText("Démo locale").first().waitFor();
  }, 90_000);

  it("sent nothing to any other host (App Bridge and the Admin API are local stand-ins)", () => {
    expect(outside).toEqual([]);
  });
});
