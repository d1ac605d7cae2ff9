// The key list's filters as SQL, the one place they are written: the page, its per-status counts and
// bulk actions on a filter all select through them (lib/api-keys/service.ts). SQL, not Prisma, so the
// database can answer from its indexes: the page's ids and the counts come from covering indexes.
// Values are always placeholders; column names are fixed here.
import { can, type WorkspaceCaller } from "../auth/caller";
import { resolveDatabaseTarget } from "../db/target";
import type { ApiKeyFilter } from "./schemas";

/** A statement being written: its placeholders and their values, in the dialect of the database. */
export class KeyListSql {
  readonly args: unknown[] = [];
  readonly #postgres = resolveDatabaseTarget().provider === "postgresql";

  /** A placeholder for `value`. SQLite numbers `?` by their place in the text, so each use adds one. */
  arg(value: unknown, cast = ""): string {
    this.args.push(value);
    return this.#postgres ? `$${this.args.length}${cast}` : "?";
  }

  /** A timestamp as each database stores Prisma's DateTime: `timestamp(3)` in UTC, or SQLite's ISO text. */
  stamp(date: Date): string {
    const iso = date.toISOString().slice(0, 23);
    return this.#postgres ? this.arg(iso.replace("T", " "), "::timestamp") : this.arg(`${iso}+00:00`);
  }

  /**
   * What the caller may see, and the owner, creator and search filters (not the status). A search
   * folds case: SQLite's LIKE does for ASCII. On PostgreSQL a count matches `LOWER(name) LIKE`, ILIKE's
   * match at about 60 % of its cost per row, as a count reads every matching index entry anyway; a
   * page keeps ILIKE, whose row estimate comes from the column's statistics (for `LOWER(name)` the
   * planner has none, guesses a handful of rows and sorts the whole workspace instead of reading the
   * index in order).
   */
  filters(caller: WorkspaceCaller, filter: ApiKeyFilter, purpose: "page" | "count"): string {
    const conditions = [`"workspaceId" = ${this.arg(caller.workspaceId)}`];
    if (!can(caller, "keys:manage_all")) conditions.push(`"createdById" = ${this.arg(caller.userId)}`, `"owner" = 'user'`);
    if (filter.owner) conditions.push(`"owner" = ${this.arg(filter.owner)}`);
    if (filter.createdBy) conditions.push(`"createdById" = ${this.arg(filter.createdBy)}`);
    if (filter.q) {
      const q = filter.q.toLowerCase();
      const name = !this.#postgres ? `"name" LIKE` : purpose === "count" ? `LOWER("name") LIKE` : `"name" ILIKE`;
      conditions.push(`(${name} ${this.arg(`%${q}%`)} OR "keyPrefix" LIKE ${this.arg(`${q}%`)})`);
    }
    return conditions.join(" AND ");
  }

  /** The keys a list with this filter shows at `now`. */
  matching(caller: WorkspaceCaller, filter: ApiKeyFilter, now: Date, purpose: "page" | "count"): string {
    return `${this.filters(caller, filter, purpose)} AND ${this.status(filter.status, now)}`;
  }

  /** The keys of one status at `now`; without a status, every key but the revoked ones. */
  status(status: ApiKeyFilter["status"], now: Date): string {
    const live = () => `"expiresAt" IS NULL OR "expiresAt" > ${this.stamp(now)}`;
    switch (status) {
      case undefined:
        return `"revokedAt" IS NULL`;
      case "all":
        return "TRUE";
      case "revoked":
        return `"revokedAt" IS NOT NULL`;
      // `"isActive" IN (TRUE, FALSE)` lets the range seek past isActive in the counts' index.
      case "expired":
        return `"revokedAt" IS NULL AND "isActive" IN (TRUE, FALSE) AND "expiresAt" <= ${this.stamp(now)}`;
      case "disabled":
        return `"revokedAt" IS NULL AND "isActive" = FALSE AND (${live()})`;
      case "active":
        return `"revokedAt" IS NULL AND "isActive" = TRUE AND (${live()})`;
    }
  }
}
