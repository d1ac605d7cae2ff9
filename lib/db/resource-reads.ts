// The integration API's reads of its resources (a page of a list, one row, whether a row exists) as
// prepared statements (./direct-reads.ts). Writes go through Prisma. The tables and the scope come
// from the resource definitions (lib/resources/service.ts), so tenant scoping is decided there once.
import { andThen, type MaybePromise } from "../maybe-async";
import { directRead, toBoolean, toDate, type DirectRow } from "./direct-reads";

export type ResourceTable = "Source" | "Destination" | "Pipeline" | "TrackingPlan" | "TrackingPlanEvent" | "TrackingPlanProperty";

/** Columns a row must equal, e.g. `{workspaceId}` or `{workspaceId, trackingPlanId}`. */
export type RowScope = Record<string, string>;

const BOOLEAN_COLUMNS: Partial<Record<ResourceTable, string[]>> = { Pipeline: ["isActive"], TrackingPlanProperty: ["required"] };
const IDENTIFIER = /^[A-Za-z]+$/;

function scopeSql(scope: RowScope): { sql: string; args: string[] } {
  const columns = Object.keys(scope);
  // Column names come from the definitions, never from a request; this keeps it that way.
  if (columns.length === 0 || !columns.every((column) => IDENTIFIER.test(column))) throw new Error("invalid row scope");
  return { sql: columns.map((column) => `"${column}" = ?`).join(" AND "), args: Object.values(scope) };
}

export type ResourceRow = { id: string; createdAt: Date; updatedAt: Date } & DirectRow;

function normalize(table: ResourceTable, row: DirectRow): ResourceRow {
  const result: ResourceRow = {
    ...row,
    id: String(row.id),
    createdAt: toDate(row.createdAt)!,
    updatedAt: toDate(row.updatedAt)!,
  };
  for (const column of BOOLEAN_COLUMNS[table] ?? []) result[column] = toBoolean(row[column]);
  return result;
}

export async function readRow(table: ResourceTable, scope: RowScope, id: string) {
  const where = scopeSql(scope);
  const [row] = await directRead(`SELECT * FROM "${table}" WHERE "id" = ? AND ${where.sql} LIMIT 1`, [id, ...where.args]);
  return row ? normalize(table, row) : null;
}

export async function rowExists(table: ResourceTable, scope: RowScope, id: string): Promise<boolean> {
  const where = scopeSql(scope);
  return (
    (await directRead(`SELECT 1 AS "found" FROM "${table}" WHERE "id" = ? AND ${where.sql} LIMIT 1`, [id, ...where.args]))
      .length > 0
  );
}

/** Up to `limit` rows in creation order (id breaks ties), after the row `after` when given. */
export function readPage(
  table: ResourceTable,
  scope: RowScope,
  page: { limit: number; after?: string },
): MaybePromise<ResourceRow[]> {
  const where = scopeSql(scope);
  const rows = page.after
    ? directRead(
        `SELECT * FROM "${table}" WHERE ${where.sql} AND ("createdAt", "id") > ` +
          `(SELECT "createdAt", "id" FROM "${table}" WHERE "id" = ? AND ${where.sql}) ORDER BY "createdAt", "id" LIMIT ?`,
        [...where.args, page.after, ...where.args, page.limit],
      )
    : directRead(`SELECT * FROM "${table}" WHERE ${where.sql} ORDER BY "createdAt", "id" LIMIT ?`, [...where.args, page.limit]);
  return andThen(rows, (list) => list.map((row) => normalize(table, row)));
}
