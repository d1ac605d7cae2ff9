// Reads on the request path that run on the database driver directly, as prepared statements, not
// through the ORM, whose per-query CPU would dominate them: the key lookup on a cache miss and the
// integration API's resource reads (./key-lookup.ts, ./resource-reads.ts). Read-only, on a connection
// of their own, which sees committed rows only. The schema stays Prisma's; SQL is written with `?`
// placeholders and numbered for PostgreSQL. On SQLite a read answers synchronously (no promise: under
// Next every promise is tracked for async context, lib/maybe-async.ts), on PostgreSQL with a promise.
import Database from "better-sqlite3";
import type { MaybePromise } from "../maybe-async";
import pg from "pg";
import { poolConfigFromUrl, RUNTIME_POOL_TIMEOUTS } from "./postgres-pool";
import { resolveDatabaseTarget, sqliteFilePath } from "./target";
import { isSqliteBusy, retryWhileBusy } from "./sqlite-busy";
import { reportIncident } from "../dependency-failure";

export type DirectRow = Record<string, unknown>;

interface DirectReader {
  all(sql: string, args: readonly unknown[]): MaybePromise<DirectRow[]>;
  /** The same rows as arrays of column values: cheaper than objects when the caller builds its own. */
  values(sql: string, args: readonly unknown[]): MaybePromise<unknown[][]>;
  close(): Promise<void>;
}

// SQLite plans with the value bound to a bare `LIMIT ?` (its LIMIT counter), so binding another value
// expires the statement and every run parses and plans it again, which on a list read cost more than
// its rows. A bound limit is written `LIMIT ${BOUND_LIMIT}`, a cast the planner does not read; the
// guard below holds every direct read to it when it is first prepared.
export const BOUND_LIMIT = "CAST(? AS INTEGER)";
const PLANNED_LIMIT = /\bLIMIT\s+\?/i;

export function assertPreparedOnce(sql: string): void {
  if (PLANNED_LIMIT.test(sql))
    throw new Error(`a direct read binds a bare LIMIT ?, which SQLite re-prepares on every run: ${sql}`);
}

function sqliteReader(url: string): DirectReader {
  // No busy timeout (it would block the event loop); a busy read is retried asynchronously instead.
  const connection = new Database(sqliteFilePath(url), { fileMustExist: true, timeout: 0 });
  const answer = <T>(read: () => T): MaybePromise<T> => {
    try {
      return read();
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
      return retryWhileBusy(read);
    }
  };
  // Prepared once per SQL text and answer form (objects, or arrays of values).
  const statements = { objects: new Map<string, Database.Statement>(), values: new Map<string, Database.Statement>() };
  const statementFor = (sql: string, form: keyof typeof statements): Database.Statement => {
    let statement = statements[form].get(sql);
    if (!statement) {
      assertPreparedOnce(sql);
      statement = connection.prepare(sql).raw(form === "values");
      statements[form].set(sql, statement);
    }
    return statement;
  };
  return {
    all(sql, args) {
      const prepared = statementFor(sql, "objects");
      return answer(() => prepared.all(...args) as DirectRow[]);
    },
    values(sql, args) {
      const prepared = statementFor(sql, "values");
      return answer(() => prepared.all(...args) as unknown[][]);
    },
    close: async () => void connection.close(),
  };
}

// Prisma stores DateTime in `timestamp(3)` columns, UTC without a zone; pg would read them as local time.
const TIMESTAMP_OID = 1114;
const utcTimestamps: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

function postgresReader(url: string): DirectReader {
  const pool = new pg.Pool({ ...poolConfigFromUrl(url), ...RUNTIME_POOL_TIMEOUTS, max: 4, types: utcTimestamps });
  // An idle connection the server ends (a restart, a dropped database) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => reportIncident("a database connection of the direct reads was lost", error));
  const prepared = new Map<string, { name: string; text: string }>();
  const statementFor = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) {
      let index = 0;
      statement = { name: `keyward_direct_${prepared.size}`, text: sql.replace(/\?/g, () => `$${++index}`) };
      prepared.set(sql, statement);
    }
    return statement;
  };
  return {
    async all(sql, args) {
      return (await pool.query({ ...statementFor(sql), values: [...args] })).rows as DirectRow[];
    },
    async values(sql, args) {
      return (await pool.query({ ...statementFor(sql), values: [...args], rowMode: "array" })).rows as unknown[][];
    },
    close: () => pool.end(),
  };
}

const holder = globalThis as unknown as { [key: symbol]: { url: string; reader: DirectReader } | undefined };
const SLOT = Symbol.for("keyward.directReader");

function reader(): DirectReader {
  const target = resolveDatabaseTarget();
  let current = holder[SLOT];
  if (!current || current.url !== target.url) {
    const created = target.provider === "postgresql" ? postgresReader(target.url) : sqliteReader(target.url);
    current = holder[SLOT] = { url: target.url, reader: created };
  }
  return current.reader;
}

/** Rows of a read-only query; `?` placeholders. */
export function directRead(sql: string, args: readonly unknown[]): MaybePromise<DirectRow[]> {
  return reader().all(sql, args);
}

/** Rows of a read-only query as arrays of values, in the order of its select list. */
export function directReadValues(sql: string, args: readonly unknown[]): MaybePromise<unknown[][]> {
  return reader().values(sql, args);
}

/** Closes the connection (with disconnectDb). */
export async function closeDirectReads(): Promise<void> {
  const current = holder[SLOT];
  holder[SLOT] = undefined;
  await current?.reader.close();
}

export const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

// How Prisma's SQLite adapter stores DateTime: ISO 8601 in UTC with an explicit +00:00.
const PRISMA_SQLITE_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/**
 * A stored timestamp as the API shows it (`2026-12-01T10:07:07.515Z`). Prisma's own SQLite format is
 * rewritten as text; a list of rows would otherwise pay a Date parse and format for every stamp.
 */
export function toIsoTimestamp(value: unknown): string {
  if (typeof value === "string" && PRISMA_SQLITE_UTC.test(value)) return `${value.slice(0, 23)}Z`;
  return toDate(value)!.toISOString();
}

/** SQLite answers booleans as 0/1, PostgreSQL as booleans. */
export const toBoolean = (value: unknown): boolean => value === true || value === 1;
