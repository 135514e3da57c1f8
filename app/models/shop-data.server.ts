/**
 * Everything the app stores about a shop: count it, export it, erase it.
 *
 * The list of tables is not written here: it is read from Prisma's data model
 * (the generated client's runtime DMMF), so a model added to
 * prisma/schema.prisma with a `shop` column is exported and erased without
 * touching this file. A model without a `shop` column cannot be tied to a shop;
 * `shopScopedModels` refuses it, and the privacy tests fail until it is handled.
 */
import prisma, { type Database } from "../db.server";
import { retryOnConflict } from "./transactions.server";

export interface ShopModel {
  /** Model name in schema.prisma, e.g. "ConfigVersion". */
  name: string;
  /** Client property, e.g. "configVersion". */
  delegate: string;
  /** Scalar columns, in schema order. */
  columns: string[];
}

/**
 * Columns that hold credentials. Exported as present/absent, never as values:
 * an export file gets downloaded, mailed and archived, and a token in it would
 * give API access to the shop (PRIVACY.md, "Your rights").
 */
export const SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Session: ["accessToken", "refreshToken", "state"],
};

export const WITHHELD = "[withheld: credential]";

type Delegate = {
  deleteMany(args: { where: { shop: string } }): Promise<{ count: number }>;
  findMany(args: { where: { shop: string } }): Promise<Record<string, unknown>[]>;
  count(args: { where: { shop: string } }): Promise<number>;
};

type RuntimeDataModel = { models: Record<string, { fields: { name: string; kind: string }[] }> };

function delegateOf(db: Database, model: ShopModel): Delegate {
  return (db as unknown as Record<string, Delegate>)[model.delegate];
}

/** Every model of the database, from Prisma's runtime data model. */
export function allModels(db: Database = prisma): ShopModel[] {
  // The client's runtime DMMF: the models and fields of schema.prisma as generated.
  const dataModel = (db as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (!dataModel || !Object.keys(dataModel.models).length) {
    // A Prisma upgrade that moves it must not turn erasure into a silent no-op.
    throw new Error("Prisma's runtime data model is not available on this client");
  }
  return Object.entries(dataModel.models).map(([name, model]) => ({
    name,
    delegate: name.charAt(0).toLowerCase() + name.slice(1),
    columns: model.fields.filter((field) => field.kind === "scalar" || field.kind === "enum").map((field) => field.name),
  }));
}

/** Every model, each of which must belong to a shop through its `shop` column. */
export function shopScopedModels(db: Database = prisma): ShopModel[] {
  const models = allModels(db);
  const unscoped = models.filter((model) => !model.columns.includes("shop"));
  if (unscoped.length) {
    // Data we could not attribute to a shop could not be exported or erased on request.
    throw new Error(`Models without a shop column cannot be exported or erased per shop: ${unscoped.map((m) => m.name).join(", ")}`);
  }
  return models;
}

/** Rows per model for the shop (the Privacy page's inventory). */
export async function countShopData(shop: string, db: Database = prisma): Promise<Record<string, number>> {
  const models = shopScopedModels(db);
  const counts = await Promise.all(models.map((model) => delegateOf(db, model).count({ where: { shop } })));
  return Object.fromEntries(models.map((model, i) => [model.name, counts[i]]));
}

/**
 * Deletes every row of every model that belongs to the shop, in ONE
 * transaction: a concurrent reader or writer sees the shop's data either
 * whole or gone, never half erased. Idempotent (a shop with no data, or one
 * already erased, deletes nothing and succeeds). Used by shop/redact and by
 * "Delete all data" on the Privacy page.
 *
 * Ordering with a concurrent save (each save is one transaction too): the two
 * serialize. A save that commits before the erase is erased; one that commits
 * after it is a new write, which an erase cannot prevent. Once shop/redact
 * arrives the shop has uninstalled the app and its sessions are gone, so no
 * authenticated request can make such a save.
 */
export async function eraseShopData(
  shop: string,
  db: Database = prisma,
  // A write (a Prisma query, not awaited) committed in the same transaction after
  // the deletes: shop/redact writes back its own delivery's record, so that
  // Shopify's retries of it are not acted on (app/webhooks.server.ts).
  { andWrite }: { andWrite?: (db: Database) => unknown } = {},
): Promise<{ deleted: Record<string, number> }> {
  const models = shopScopedModels(db);
  // Serializable: every delete works on one snapshot. Under PostgreSQL's default
  // (read committed) each statement takes a new one, so a save committing between
  // two deletes would lose its rule but keep its version: half erased.
  const results = await retryOnConflict(() =>
    db.$transaction(
      [
        ...models.map((model) => delegateOf(db, model).deleteMany({ where: { shop } }) as never),
        ...(andWrite ? [andWrite(db) as never] : []),
      ],
      { isolationLevel: "Serializable" },
    ),
  );
  return {
    deleted: Object.fromEntries(models.map((model, i) => [model.name, (results[i] as { count: number }).count])),
  };
}

export const EXPORT_FORMAT = "checkout-guard/shop-data";
export const EXPORT_VERSION = 1;

export interface ShopDataExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  shop: string;
  exportedAt: string;
  /** How credentials appear in `data`. */
  note: string;
  /** Every row of every model that belongs to the shop, column for column, as stored. */
  data: Record<string, Record<string, unknown>[]>;
}

/** A stored value as JSON: dates as ISO 8601, big integers as strings. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * Everything stored about the shop (data portability, GDPR Art. 20), each
 * model's rows with every column; credentials are replaced by WITHHELD when
 * present (null stays null), so the export shows that they exist without
 * handing them out. JSON text columns (rule definitions, versions) are kept
 * exactly as stored.
 */
export async function exportShopData(shop: string, db: Database = prisma): Promise<ShopDataExport> {
  const models = shopScopedModels(db);
  const rows = await db.$transaction(models.map((model) => delegateOf(db, model).findMany({ where: { shop } }) as never));
  const data: ShopDataExport["data"] = {};
  models.forEach((model, i) => {
    const secrets = SECRET_COLUMNS[model.name] ?? [];
    data[model.name] = (rows[i] as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(
        model.columns.map((column) => {
          const value = row[column];
          if (secrets.includes(column)) return [column, value == null ? null : WITHHELD];
          return [column, jsonValue(value)];
        }),
      ),
    );
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    shop,
    exportedAt: new Date().toISOString(),
    note: `Credentials (${Object.entries(SECRET_COLUMNS)
      .map(([model, columns]) => columns.map((c) => `${model}.${c}`).join(", "))
      .join("; ")}) are shown as "${WITHHELD}" when stored, never as values.`,
    data,
  };
}
