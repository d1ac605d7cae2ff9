// The key list's filters as SQL, the one place they are written: the page, its per-status counts and
// bulk actions on a filter all select through them (lib/api-keys/service.ts). SQL, not Prisma, so the
// database can answer from its indexes: the page's ids and the counts come from covering indexes, and
// a search on PostgreSQL from a trigram index.
// Values are always placeholders; column names are fixed here and in ./visibility.ts.
import type { WorkspaceCaller } from "../auth/caller";
import { resolveDatabaseTarget } from "../db/target";
import type { ApiKeyFilter } from "./schemas";
import { visibleTo } from "./visibility";

/** What a count of the list's keys per status counts: `live` is every key not revoked. */
export const STATUS_COUNTS = ["revoked", "live", "expired", "disabled"] as const;
export type StatusCount = (typeof STATUS_COUNTS)[number];

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
   * folds case (SQLite's LIKE does for ASCII) and matches its text literally: `%`, `_` and `\` are
   * escaped, so `kw_sk_ab` is not a pattern. On PostgreSQL the trigram index on name and prefix
   * (prisma/schema.prisma) answers it; escaping also leaves the index trigrams to look up.
   */
  filters(caller: WorkspaceCaller, filter: ApiKeyFilter): string {
    const conditions = Object.entries(visibleTo(caller)).map(([column, value]) => `"${column}" = ${this.arg(value)}`);
    if (filter.owner) conditions.push(`"owner" = ${this.arg(filter.owner)}`);
    if (filter.createdBy) conditions.push(`"createdById" = ${this.arg(filter.createdBy)}`);
    if (filter.q) {
      const text = filter.q.toLowerCase().replace(/[\\%_]/g, "\\$&");
      const name = this.#postgres ? `"name" ILIKE` : `"name" LIKE`;
      conditions.push(`(${name} ${this.arg(`%${text}%`)} ESCAPE '\\' OR "keyPrefix" LIKE ${this.arg(`${text}%`)} ESCAPE '\\')`);
    }
    return conditions.join(" AND ");
  }

  /** The keys a list with this filter shows at `now`. */
  matching(caller: WorkspaceCaller, filter: ApiKeyFilter, now: Date): string {
    return `${this.filters(caller, filter)} AND ${this.status(filter.status, now)}`;
  }

  /**
   * One row of the keys per status (revoked, live, expired, disabled) under the filters but the status.
   * As four index ranges in one statement, so no key row is read; a search is tested in each range's
   * index entries. On PostgreSQL a search is instead one pass over the keys the trigram index finds:
   * every range would test it again, and ILIKE on every entry costs more than the B-tree ranges save.
   * (A search that matches almost every key is then a scan of the table, slower than the ranges.)
   */
  statusCounts(caller: WorkspaceCaller, filter: ApiKeyFilter, now: Date): string {
    const status = (name: StatusCount) => this.status(name === "live" ? undefined : name, now);
    if (this.#postgres && filter.q) {
      const counts = STATUS_COUNTS.map((name) => `COUNT(*) FILTER (WHERE ${status(name)}) AS "${name}"`);
      return `SELECT ${counts.join(", ")} FROM "ApiKey" WHERE ${this.filters(caller, filter)}`;
    }
    const counts = STATUS_COUNTS.map(
      (name) => `(SELECT COUNT(*) FROM "ApiKey" WHERE ${this.filters(caller, filter)} AND ${status(name)}) AS "${name}"`,
    );
    return `SELECT ${counts.join(", ")}`;
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
