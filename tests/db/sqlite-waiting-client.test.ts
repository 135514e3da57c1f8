/**
 * The app's SQLite client (app/db-sqlite.server.ts) waits for another
 * connection's write lock instead of failing with SQLITE_BUSY, as a second
 * app instance on the same file needs (end to end:
 * tests/production/two-instances.test.ts). Here two connections of this
 * process stand for the two instances: one holds a write transaction open.
 */
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createClient, type Client } from "@libsql/client";
import { isBusy, WaitingClient } from "../../app/db-sqlite.server";
import { TEMPLATE_DB, TEST_RUN_DIR } from "../support/paths";

const opened: Client[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.close();
});

function database() {
  const file = `${TEST_RUN_DIR}/waiting-${randomUUID()}.sqlite`;
  copyFileSync(TEMPLATE_DB, file);
  const plain = createClient({ url: `file:${file}` });
  const waiting = new WaitingClient(createClient({ url: `file:${file}` }), 5_000);
  opened.push(plain, waiting);
  return { file, plain, waiting };
}

const insert = (shop: string) => ({ sql: `INSERT INTO "ShopSync" ("shop", "updatedAt") VALUES (?, ?)`, args: [shop, Date.now()] });

describe("the SQLite client waiting for the write lock", () => {
  it("runs a write once another connection's write transaction commits, where the plain client fails", async () => {
    const { file, plain, waiting } = database();
    await waiting.execute("SELECT 1"); // WAL mode, as the app opens the file
    const holder = await plain.transaction("write");
    await holder.execute(insert("holder.myshopify.com"));
    // The driver's own client does not wait.
    const bare = createClient({ url: `file:${file}` });
    opened.push(bare);
    expect(isBusy(await bare.execute(insert("bare.myshopify.com")).catch((error: unknown) => error))).toBe(true);


    let written = false;
    const pending = waiting.execute(insert("waiter.myshopify.com")).then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBe(false);
    await holder.commit();
    await pending;
    const rows = await waiting.execute(`SELECT "shop" FROM "ShopSync" ORDER BY "shop"`);
    expect(rows.rows.map((row) => row.shop)).toEqual(["holder.myshopify.com", "waiter.myshopify.com"]);
  });

  it("begins its transactions IMMEDIATE, waiting for the lock rather than failing halfway", async () => {
    const { plain, waiting } = database();
    await waiting.execute("SELECT 1");
    const holder = await plain.transaction("write");
    await holder.execute(insert("first.myshopify.com"));
    // Prisma's adapter asks for a deferred transaction; it is begun IMMEDIATE, so it waits here.
    const pending = waiting.transaction("deferred");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await holder.commit();
    const tx = await pending;
    await tx.execute(insert("second.myshopify.com"));
    await tx.commit();
    expect((await waiting.execute(`SELECT count(*) AS n FROM "ShopSync"`)).rows[0].n).toBe(2);
  });

  it("gives up with SQLITE_BUSY after its wait", async () => {
    const { file, plain } = database();
    const impatient = new WaitingClient(createClient({ url: `file:${file}` }), 30);
    opened.push(impatient);
    await impatient.execute("SELECT 1");
    const holder = await plain.transaction("write");
    await holder.execute(insert("holder.myshopify.com"));
    const error = await impatient.execute(insert("late.myshopify.com")).catch((e: unknown) => e);
    expect(isBusy(error)).toBe(true);
    await holder.rollback();
  });
});
