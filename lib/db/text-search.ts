// Case-insensitive substring search in Prisma filters on both databases: PostgreSQL needs
// `mode: "insensitive"` (ILIKE); SQLite's LIKE, which Prisma's `contains` uses, already ignores the
// case of ASCII letters and has no such mode. The app is typed against the SQLite client, hence the cast.
import { resolveDatabaseTarget } from "./target";

export function textContains(value: string): { contains: string } {
  return resolveDatabaseTarget().provider === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as { contains: string })
    : { contains: value };
}
