// The integration API's reads of its resources (a page of a list, one row, whether a row exists) as
// prepared statements (./direct-reads.ts). Writes go through Prisma. The tables and the scope come
// from the resource definitions (lib/resources/service.ts), so tenant scoping is decided there once.
import { andThen, type MaybePromise } from "../maybe-async";
import { directRead, toBoolean, toIsoTimestamp, type DirectRow } from "./direct-reads";

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

/** A row as the driver gave it, its timestamps as ISO strings and its booleans as booleans. */
export type ResourceRow = { id: string; createdAt: string; updatedAt: string } & DirectRow;

// The row objects are the driver's, made for this read: normalized in place rather than copied.
function normalize(table: ResourceTable, row: DirectRow): ResourceRow {
  row.createdAt = toIsoTimestamp(row.createdAt);
  row.updatedAt = toIsoTimestamp(row.updatedAt);
  for (const column of BOOLEAN_COLUMNS[table] ?? []) row[column] = toBoolean(row[column]);
  return row as ResourceRow;
}

export function readRow(table: ResourceTable, scope: RowScope, id: string): MaybePromise<ResourceRow | null> {
  const where = scopeSql(scope);
  const rows = directRead(`SELECT * FROM "${table}" WHERE "id" = ? AND ${where.sql} LIMIT 1`, [id, ...where.args]);
  return andThen(rows, ([row]) => (row ? normalize(table, row) : null));
}

export function rowExists(table: ResourceTable, scope: RowScope, id: string): MaybePromise<boolean> {
  const where = scopeSql(scope);
  const rows = directRead(`SELECT 1 AS "found" FROM "${table}" WHERE "id" = ? AND ${where.sql} LIMIT 1`, [id, ...where.args]);
  return andThen(rows, (found) => found.length > 0);
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
