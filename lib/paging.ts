// The one shape of every paged list, management and integration alike: `{data, nextCursor}`, where
// nextCursor is null on the last page and otherwise goes back as `?cursor=` for the next one.
import { z } from "zod";

export const pageSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const cursorSchema = z.string().min(1).max(300);

/**
 * A list's `?q=`: trimmed, at most 100 characters, `%` dropped (it would match everything). The key
 * list escapes the rest and matches it literally (lib/api-keys/list-sql.ts); a list searched through
 * Prisma's `contains` (members) leaves `_` matching any one character, as Prisma escapes nothing.
 */
export const searchSchema = z
  .string()
  .trim()
  .max(100, "Search for at most 100 characters")
  .optional()
  .transform((value) => value?.replaceAll("%", "").trim() || undefined);

/**
 * Keyset cursors: the sort value and id of the last row of a page, as opaque base64url JSON. Rows after
 * it are found by comparison, not by offset, so a deep page costs what the first does and rows created
 * meanwhile neither repeat nor push others out.
 */
export function encodeCursor(values: readonly (string | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** The values of a cursor, or null when it is not one this list made (answered 400 by the caller). */
export function decodeCursor(cursor: string, length: number): (string | null)[] | null {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(values) || values.length !== length) return null;
    return values.every((value) => value === null || typeof value === "string") ? (values as (string | null)[]) : null;
  } catch {
    return null;
  }
}
