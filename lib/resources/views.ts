// How a resource's stored row becomes the view the API answers. A view's fields are its table's
// columns: the reads select them in the view's order (lib/db/resource-reads.ts) and each value is
// converted by kind (SQLite answers booleans as 0/1 and timestamps as text, PostgreSQL and Prisma as
// booleans and Dates; JSON objects are stored as text). A page of a list is written as JSON text
// straight from the values (viewJson): the same text as JSON.stringify of the views, without building
// them or parsing each stored object only to serialize it again.
import { z } from "zod";
import { toBoolean, toIsoTimestamp } from "../db/direct-reads";

type ColumnKind = "plain" | "json" | "boolean" | "timestamp";

export interface ViewColumns {
  names: readonly string[];
  kinds: readonly ColumnKind[];
  /** Each field's key as the JSON text writes it, with the separator before it: `{"id":`, `,"name":`… */
  keys: readonly string[];
}

const viewColumnsCache = new WeakMap<z.ZodObject, ViewColumns>();

export function viewColumns(view: z.ZodObject): ViewColumns {
  let columns = viewColumnsCache.get(view);
  if (!columns) {
    const names = Object.keys(view.shape);
    if (names[0] !== "id") throw new Error("a resource view starts with its id");
    const kinds = names.map((name): ColumnKind => {
      const field = view.shape[name];
      if (name === "createdAt" || name === "updatedAt") return "timestamp";
      if (field instanceof z.ZodBoolean) return "boolean";
      if (field instanceof z.ZodRecord) return "json";
      return "plain";
    });
    const keys = names.map((name, index) => `${index === 0 ? "{" : ","}${JSON.stringify(name)}:`);
    viewColumnsCache.set(view, (columns = { names, kinds, keys }));
  }
  return columns;
}

function convert(kind: ColumnKind, value: unknown): unknown {
  if (kind === "timestamp") return toIsoTimestamp(value);
  if (kind === "boolean") return toBoolean(value);
  if (kind === "json") return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return value;
}

/** The view from a row's values, in the view's field order. */
export function viewOf(columns: ViewColumns, values: readonly unknown[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (let index = 0; index < columns.names.length; index++)
    view[columns.names[index]!] = convert(columns.kinds[index]!, values[index]);
  return view;
}

function jsonOf(kind: ColumnKind, value: unknown): string {
  // An ISO timestamp holds no character JSON escapes.
  if (kind === "timestamp") return `"${toIsoTimestamp(value)}"`;
  if (kind === "boolean") return toBoolean(value) ? "true" : "false";
  // Stored objects are JSON.stringify's own text (the services write them so), which parsing and
  // serializing again would give back unchanged.
  if (kind === "json" && typeof value === "string") return value;
  return JSON.stringify(value);
}

/** JSON.stringify(viewOf(columns, values)), written from the values. */
export function viewJson(columns: ViewColumns, values: readonly unknown[]): string {
  let text = "";
  for (let index = 0; index < columns.keys.length; index++)
    text += columns.keys[index]! + jsonOf(columns.kinds[index]!, values[index]);
  return `${text}}`;
}
