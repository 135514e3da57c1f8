/**
 * `npm run bench:load`: the production server under load, as merchants' apps
 * run it, on this machine's loopback only, bounded in time and connections.
 *
 * For SQLite and PostgreSQL, with one and with two app instances sharing the
 * database (separate processes, `npm start`'s entry point, requests spread
 * round-robin as a load balancer would), autocannon drives:
 * - webhooks: signed compliance (customers/data_request) and app/scopes_update
 *   deliveries, each with its own event id, as Shopify sends them;
 * - the rules page's loader for a shop with 200 rules;
 * - save-and-publish: a rule saved through the editor, published to the local
 *   Admin API server (tests/support/admin-api-server.ts, a process of its own,
 *   which every instance reaches through tests/support/admin-api-preload.ts);
 * - the simulator, running every checkout function's bundle.
 * It writes requests per second, p50/p99 latencies, errors and each instance's
 * peak memory to bench/results/load.json, against the goal (every p99 under
 * 100 ms; compliance webhooks far inside Shopify's 5 s).
 *
 * Usage: npm run bench:load [-- --duration 5 --only sqlite --connections 1]
 */
import autocannon, { type Request as CannonRequest, type Result } from "autocannon";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { startAppInstance, type AppInstance } from "../tests/support/app-instances";
import { buildApp } from "../tests/support/app-build";
import { ROOT, POSTGRES_URL } from "../tests/support/paths";
import { hostParam, sessionToken } from "../tests/support/session-token";
import { samplePayload, webhookRequest } from "../tests/support/webhook";
import { benchRules } from "./matrix";
import { ruleForm } from "../tests/admin/helpers";
import type { RuleKind } from "../extensions/checkout-guard/src/engine/config";

const { values: args } = parseArgs({
  options: { duration: { type: "string", default: "5" }, only: { type: "string" }, connections: { type: "string" } },
});
const DURATION_S = Number(args.duration);
const WARMUP_S = 1;
const WORK_DIR = join(ROOT, "bench/.load");
const RESULTS = join(ROOT, "bench/results/load.json");
const GOAL_P99_MS = 100;
// The embedded admin's requests come from merchants' browsers; Shopify's library turns away bots (410).
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

// The bench signs session tokens and webhooks with the instances' credentials.
process.env.SHOPIFY_API_KEY = "bench-api-key";
process.env.SHOPIFY_API_SECRET = randomBytes(16).toString("hex");
process.env.SHOPIFY_APP_URL = "https://checkout-guard.bench";

interface Database {
  kind: "sqlite" | "postgresql";
  url: string;
  drop: () => Promise<void>;
}

function migrate(url: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}

async function createDatabase(kind: Database["kind"]): Promise<Database> {
  if (kind === "sqlite") {
    const file = join(WORK_DIR, `${randomUUID()}.sqlite`);
    migrate(`file:${file}`);
    return { kind, url: `file:${file}`, drop: async () => rmSync(file, { force: true }) };
  }
  const schema = `bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const url = `${POSTGRES_URL}?schema=${schema}`;
  migrate(url);
  return {
    kind,
    url,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

interface ScenarioResult {
  name: string;
  /** Requests in flight at once. */
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  meetsGoal: boolean;
}

async function drive(name: string, urls: string[], options: { connections: number; requests: CannonRequest[]; amount?: number }): Promise<ScenarioResult> {
  const run = (length: { amount: number } | { duration: number }) =>
    autocannon({
      url: urls as unknown as string, // several targets, round-robin (autocannon accepts an array; its types say string)
      // --connections overrides every scenario's concurrency (1: each request's own latency, no queueing).
      connections: args.connections ? Number(args.connections) : options.connections,
      ...length,
      requests: options.requests,
      timeout: 10,
    });
  // Steady state: a timed scenario is first run for WARMUP_S unmeasured, so that the
  // first requests' one-off costs (V8 compiling the code, the simulator loading
  // QuickJS and its bundles) are not its p99. (Save-and-publish is not repeated:
  // each save is from the version the rules page showed.)
  if (!options.amount) await run({ duration: WARMUP_S });
  const result: Result = await run(options.amount ? { amount: options.amount } : { duration: DURATION_S });
  const summary = {
    name,
    connections: args.connections ? Number(args.connections) : options.connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  console.log(`  ${name}: ${summary.requestsPerSecond} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, non-2xx ${summary.non2xx}, errors ${summary.errors}`);
  return { ...summary, meetsGoal: summary.p99Ms < GOAL_P99_MS && summary.non2xx === 0 && summary.errors === 0 };
}

/** A signed delivery of `topic` for `shop`, with a fresh event id each time autocannon sends it. */
function webhookScenario(topic: string, shop: string): CannonRequest {
  const payload = samplePayload(topic, shop);
  const body = JSON.stringify(payload);
  return {
    method: "POST",
    path: `/webhooks/${topic}`,
    setupRequest: (request) => {
      const signed = webhookRequest({ shop, topic, payload, eventId: randomUUID() });
      return { ...request, body, headers: Object.fromEntries(signed.headers.entries()) };
    },
  };
}

/** Seeds the shop's 200 rules; returns each rule's definition by name, for the editor's form. */
async function seedShop(urls: string[], shop: string, token: string): Promise<Map<string, Record<string, unknown>>> {
  // The first request exchanges the session token for the shop's offline token (at the local Admin API server).
  // Rules of every checkout function; one in seven active (what is published stays
  // within Shopify's size and instruction limits), the rest kept inactive.
  const rules = benchRules(["streetNumber", "cartQuantity", "weight", "lineQuantity", "subtotal"], 200).map(({ id, ...definition }, i) => ({
    name: `Rule ${id}`,
    status: i % 7 === 0 ? "active" : "inactive",
    definition,
  }));
  const form = new URLSearchParams({ mode: "replace", json: JSON.stringify({ format: "checkout-guard.rules", version: 1, rules }) });
  const response = await fetch(`${urls[0]}/app/transfer?_data=routes/app.transfer&index`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": BROWSER },
    body: form,
  });
  const text = await response.text();
  const result = (text.startsWith("{") ? JSON.parse(text) : { body: text, location: response.headers.get("location") }) as { ok?: boolean; count?: number; errors?: unknown };
  if (!result.ok || result.count !== 200) throw new Error(`seeding 200 rules failed (${response.status}): ${JSON.stringify(result).slice(0, 500)}`);
  return new Map(rules.map((rule) => [rule.name, rule.definition]));
}

/**
 * One staff member saving rules one after another (each save publishes):
 * each request saves the next active rule through the editor, from the
 * version the rules page showed.
 */
async function saveAndPublishScenario(url: string, shop: string, headers: Record<string, string>, definitions: Map<string, Record<string, unknown>>): Promise<CannonRequest> {
  const home = (await (await fetch(`${url}/app?_data=routes/app._index`, { headers })).json()) as {
    rules: { id: string; name: string; kind: RuleKind; status: string; version: string }[];
  };
  const forms = home.rules
    .filter((rule) => rule.status === "active")
    .map((rule) => {
      const form = ruleForm(rule.kind, definitions.get(rule.name)!, { name: rule.name, status: "active" });
      form.set("ruleVersion", rule.version);
      return { path: `/app/rules/${rule.id}?_data=routes/app.rules.$id`, body: new URLSearchParams(form as unknown as Record<string, string>).toString() };
    });
  let next = 0;
  return {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
    setupRequest: (request) => ({ ...request, ...forms[next++ % forms.length] }),
  };
}

/** The local Admin API server in a process of its own, so that the load generator and "Shopify" do not share a core. */
async function startAdminApiServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/admin-api-server.ts"], {
    cwd: ROOT,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /admin-api-mock: (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`the Admin API server exited (${code})`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

async function runConfiguration(kind: Database["kind"], instanceCount: number, buildDirectory: string, mock: { url: string }) {
  console.log(`${kind}, ${instanceCount} instance${instanceCount > 1 ? "s" : ""}`);
  const database = await createDatabase(kind);
  const instances: AppInstance[] = [];
  try {
    for (let i = 0; i < instanceCount; i++) instances.push(await startAppInstance({ buildDirectory, databaseUrl: database.url, adminApiUrl: mock.url }));
    const urls = instances.map((instance) => instance.url);
    const shop = `bench-${kind}-${instanceCount}-${randomUUID().slice(0, 8)}.myshopify.com`;
    const token = await sessionToken(shop, { expiresIn: 600 });
    const admin = { Authorization: `Bearer ${token}`, "User-Agent": BROWSER };
    const definitions = await seedShop(urls, shop, token);

    const simulatorForm = new URLSearchParams({
      "address.countryCode": "US",
      "address.address1": "PO Box 12",
      "address.city": "Austin",
      "address.zip": "73301",
      language: "EN",
      step: "CHECKOUT_COMPLETION",
    });
    for (let i = 0; i < 3; i++) {
      simulatorForm.append("line.quantity", String(i + 1));
      simulatorForm.append("line.price", "19.90");
      simulatorForm.append("line.productId", String(5000 + i));
    }

    const scenarios = [
      await drive("webhook customers/data_request", urls, { connections: 10, requests: [webhookScenario("customers/data_request", shop)] }),
      await drive("webhook app/scopes_update", urls, { connections: 10, requests: [webhookScenario("app/scopes_update", shop)] }),
      // A few staff members at once.
      await drive("rules page loader (200 rules)", urls, {
        connections: 4,
        requests: [{ method: "GET", path: `/app?_data=routes/app._index&shop=${shop}&host=${hostParam(shop)}`, headers: admin }],
      }),
      await drive("save and publish (one staff member, 25 saves)", urls, {
        connections: 1,
        amount: 25,
        requests: [await saveAndPublishScenario(urls[0], shop, admin, definitions)],
      }),
      await drive("simulator (every function)", urls, {
        connections: 2,
        requests: [
          {
            method: "POST",
            path: "/app/simulator?_data=routes/app.simulator",
            headers: { ...admin, "Content-Type": "application/x-www-form-urlencoded" },
            body: simulatorForm.toString(),
          },
        ],
      }),
    ];
    return {
      database: kind,
      instances: instanceCount,
      scenarios,
      peakMemoryMiB: instances.map((instance) => instance.peakMemoryMiB()),
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
  }
}

async function main() {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  const buildDirectory = join(WORK_DIR, "build");
  console.log("building the app (npm run build)…");
  await buildApp(buildDirectory);
  const mock = await startAdminApiServer();
  const configurations: [Database["kind"], number][] = [
    ["sqlite", 1],
    ["sqlite", 2],
    ["postgresql", 1],
    ["postgresql", 2],
  ];
  const runs = [];
  try {
    for (const [kind, count] of configurations.filter(([kind]) => !args.only || args.only === kind)) {
      runs.push(await runConfiguration(kind, count, buildDirectory, mock));
    }
  } finally {
    mock.stop();
    rmSync(WORK_DIR, { recursive: true, force: true });
  }
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    durationSeconds: DURATION_S,
    warmupSeconds: WARMUP_S,
    goal: { p99Ms: GOAL_P99_MS, complianceWebhookDeadlineMs: 5_000 },
    runs,
    allMeetGoal: runs.every((run) => run.scenarios.every((scenario) => scenario.meetsGoal)),
  };
  writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${RESULTS}`);
}

await main();
