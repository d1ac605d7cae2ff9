// The integration API's reads of its resources (a page of a list, one row, whether a row exists) as
// prepared statements (./direct-reads.ts), answering the values of the columns asked for, in that
// order. Writes go through Prisma. The tables, columns and scope come from the resource definitions
// (lib/resources/service.ts), so tenant scoping is decided there once.
import { andThen, type MaybePromise } from "../maybe-async";
import { BOUND_LIMIT, directRead, directReadValues } from "./direct-reads";

export type ResourceTable = "Source" | "Destination" | "Pipeline" | "TrackingPlan" | "TrackingPlanEvent" | "TrackingPlanProperty";

/** Columns a row must equal, e.g. `{workspaceId}` or `{workspaceId, trackingPlanId}`. */
export type RowScope = Record<string, string>;

const IDENTIFIER = /^[A-Za-z]+$/;

// Table and column names come from the definitions, never from a request; this keeps it that way.
function identifiers(names: readonly string[]): string {
  if (names.length === 0 || !names.every((name) => IDENTIFIER.test(name))) throw new Error("invalid column list");
  return names.map((name) => `"${name}"`).join(", ");
}

function scopeSql(scope: RowScope): { sql: string; args: string[] } {
  const columns = Object.keys(scope);
  identifiers(columns);
  return { sql: columns.map((column) => `"${column}" = ?`).join(" AND "), args: Object.values(scope) };
}

/** One row's values of `columns`, or null. */
export function readRow(
  table: ResourceTable,
  columns: readonly string[],
  scope: RowScope,
  id: string,
): MaybePromise<unknown[] | null> {
  const where = scopeSql(scope);
  const rows = directReadValues(`SELECT ${identifiers(columns)} FROM "${table}" WHERE "id" = ? AND ${where.sql} LIMIT 1`, [
    id,
    ...where.args,
  ]);
  return andThen(rows, ([row]) => row ?? null);
}

export function rowExists(table: ResourceTable, scope: RowScope, id: string): MaybePromise<boolean> {
  const where = scopeSql(scope);
  const rows = directRead(`SELECT 1 AS "found" FROM "${table}" WHERE "id" = ? AND ${where.sql} LIMIT 1`, [id, ...where.args]);
  return andThen(rows, (found) => found.length > 0);
}

/** Up to `limit` rows' values of `columns`, in creation order (id breaks ties), after the row `after`. */
export function readPage(
  table: ResourceTable,
  columns: readonly string[],
  scope: RowScope,
  page: { limit: number; after?: string },
): MaybePromise<unknown[][]> {
  const where = scopeSql(scope);
  const select = `SELECT ${identifiers(columns)} FROM "${table}" WHERE ${where.sql}`;
  return page.after
    ? directReadValues(
        `${select} AND ("createdAt", "id") > (SELECT "createdAt", "id" FROM "${table}" WHERE "id" = ? AND ${where.sql}) ` +
          `ORDER BY "createdAt", "id" LIMIT ${BOUND_LIMIT}`,
        [...where.args, page.after, ...where.args, page.limit],
      )
    : directReadValues(`${select} ORDER BY "createdAt", "id" LIMIT ${BOUND_LIMIT}`, [...where.args, page.limit]);
}
