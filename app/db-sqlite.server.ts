/**
 * The SQLite driver adapter the app uses: Prisma's libSQL adapter over a
 * client that waits for the write lock instead of failing, so that several
 * app instances (processes) can share one SQLite file.
 *
 * SQLite lets one connection write at a time. @libsql/client runs SQL
 * synchronously on Node's main thread, with a busy timeout of 0 (it passes no
 * timeout to the connections it opens, and opens a new connection after each
 * transaction, so a `PRAGMA busy_timeout` on one connection does not last).
 * A statement that meets another process's write lock thus fails at once with
 * SQLITE_BUSY. (Within one process, Prisma's adapter already runs one query
 * or transaction at a time.) Here:
 * - the database is put in WAL mode (once; it is kept in the file): readers
 *   never wait for a writer nor a writer for readers, and a commit appends to
 *   the log instead of rewriting pages and a rollback journal (fewer fsyncs:
 *   about 2 ms per commit less on this machine, all on the main thread);
 * - every transaction begins IMMEDIATE (Prisma's adapter asks for DEFERRED):
 *   it takes the write lock before its first statement, so it can only meet
 *   SQLITE_BUSY at its BEGIN, never halfway (a DEFERRED transaction that read
 *   and then writes after another process committed fails with
 *   SQLITE_BUSY_SNAPSHOT whatever the timeout);
 * - a BEGIN IMMEDIATE or a statement outside a transaction that fails with
 *   SQLITE_BUSY has done nothing, so it is tried again after a short
 *   asynchronous pause, for up to BUSY_WAIT_MS. The waiting does not block
 *   the event loop, which SQLite's own busy timeout would (the driver is
 *   synchronous).
 */
import { createClient, type Client, type Config, type InArgs, type InStatement, type Replicated, type ResultSet, type Transaction, type TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/** How long a statement waits for another process's write to finish before failing. */
export const BUSY_WAIT_MS = 10_000;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_RECOVERY, _SNAPSHOT, _TIMEOUT). */
export function isBusy(error: unknown): boolean {
  const { code, rawCode } = (error ?? {}) as { code?: unknown; rawCode?: unknown };
  return (typeof code === "string" && code.startsWith("SQLITE_BUSY")) || (typeof rawCode === "number" && (rawCode & 0xff) === 5);
}

/**
 * Runs `attempt` again while it fails with SQLITE_BUSY (it must do nothing
 * when it does), up to BUSY_WAIT_MS. Before each retry the client opens a
 * fresh connection: libsql leaves the statement that met SQLITE_BUSY
 * unfinished, and a connection with a statement in progress holds its read
 * snapshot (a later write or COMMIT on it fails "SQL statements in progress").
 */
async function whenFree<T>(client: Client, attempt: () => Promise<T>, waitMs = BUSY_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let round = 0; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      client.reconnect();
      // 1 ms at first (a write takes about that), growing to 20 ms; jittered so two waiters do not retry together.
      const pause = Math.min(1 + round * 2, 20) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** A libSQL client whose statements and transactions wait for the write lock (see above). */
export class WaitingClient implements Client {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly inner: Client,
    private readonly waitMs = BUSY_WAIT_MS,
  ) {}

  get closed() {
    return this.inner.closed;
  }

  get protocol() {
    return this.inner.protocol;
  }

  /** WAL mode, set once per client before its first statement (a no-op when the file already is; "memory" for :memory:). */
  private walMode(): Promise<void> {
    this.ready ??= whenFree(this.inner, () => this.inner.execute("PRAGMA journal_mode = WAL"), this.waitMs).then(
      () => undefined,
      (error) => {
        this.ready = null;
        throw error;
      },
    );
    return this.ready;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    await this.walMode();
    const statement: InStatement = typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return whenFree(this.inner, () => this.inner.execute(statement), this.waitMs);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    await this.walMode();
    // One transaction, rolled back whole when a statement fails: safe to run again.
    return whenFree(this.inner, () => this.inner.batch(stmts, mode === "read" ? "read" : "write"), this.waitMs);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    await this.walMode();
    return whenFree(this.inner, () => this.inner.migrate(stmts), this.waitMs);
  }

  async transaction(mode?: TransactionMode): Promise<Transaction> {
    await this.walMode();
    // BEGIN IMMEDIATE: the write lock now or SQLITE_BUSY now (and no transaction begun).
    await whenFree(this.inner, () => this.inner.execute(mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN IMMEDIATE"), this.waitMs);
    return new ConnectionTransaction(this.inner);
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.walMode();
    // Several statements, each on its own: not repeated (one may have been applied).
    return this.inner.executeMultiple(sql);
  }

  sync(): Promise<Replicated> {
    return this.inner.sync();
  }

  reconnect() {
    return this.inner.reconnect();
  }

  close(): void {
    this.inner.close();
  }
}

/**
 * A transaction on the client's one connection, by BEGIN/COMMIT statements.
 * @libsql/client's own transaction() hands its connection to the transaction
 * and opens a new one for what follows, leaving the old one open until the
 * garbage collector finds it (its page cache included: hundreds of MiB under
 * load) and parsing the schema again on every new one. One connection is
 * enough: Prisma's adapter runs nothing else on the client while a transaction
 * is open (it holds its lock from begin to commit or rollback).
 */
class ConnectionTransaction implements Transaction {
  private done = false;

  constructor(private readonly connection: Client) {}

  get closed() {
    return this.done;
  }

  execute(stmt: InStatement): Promise<ResultSet> {
    this.ensureOpen();
    return this.connection.execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const results: ResultSet[] = [];
    for (const stmt of stmts) results.push(await this.execute(stmt));
    return results;
  }

  async executeMultiple(): Promise<void> {
    // The client's executeMultiple rolls back an open transaction when done; Prisma's adapter never asks for it here.
    throw new Error("executeMultiple is not supported inside a transaction");
  }

  async commit(): Promise<void> {
    this.ensureOpen();
    await this.connection.execute("COMMIT");
    this.done = true;
  }

  async rollback(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.connection.execute("ROLLBACK");
  }

  close(): void {
    if (!this.done) void this.rollback().catch(() => undefined);
  }

  private ensureOpen() {
    if (this.done) throw new Error("The transaction is closed");
  }
}

type AdapterClient = ReturnType<PrismaLibSQL["createClient"]>;

/**
 * Prisma's libSQL adapter over a WaitingClient of the app's @libsql/client
 * (the adapter bundles an older one; the API it calls is the same).
 */
export class WaitingPrismaLibSQL extends PrismaLibSQL {
  createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]): AdapterClient {
    return new WaitingClient(createClient(config as Config)) as unknown as AdapterClient;
  }
}
