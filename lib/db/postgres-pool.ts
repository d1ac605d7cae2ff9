// pg pools for Prisma's PostgreSQL adapter. Two fixes for running Prisma's schema engine over
// adapter-pg (see shared notes): catalog queries return the one-byte "char" type (OID 18), which the
// adapter refuses, so it is reported as text; and the shadow database must be a real separate
// database, so the pool config carries discrete fields (a connection string would override it).
import pg from "pg";

const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResult = { fields?: { dataTypeID: number }[] };

/** Which result columns of a query (by its SQL text) were "char": the adapter reports them as Character. */
export const charColumnsBySql = new Map<string, number[]>();

function relabelCharColumns(sql: string | undefined, value: QueryResult | undefined): void {
  const charColumns: number[] = [];
  value?.fields?.forEach((field, index) => {
    if (field.dataTypeID !== CHAR_OID) return;
    field.dataTypeID = TEXT_OID;
    charColumns.push(index);
  });
  if (sql && charColumns.length) charColumnsBySql.set(sql, charColumns);
}

class CatalogFriendlyClient extends pg.Client {
  // pg's query() has many overloads (pg-pool calls the callback form); both are post-processed.
  override query(...args: unknown[]): never {
    const sql = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, value: QueryResult) => {
        if (!error) relabelCharColumns(sql, value);
        (last as (e: unknown, v: unknown) => void)(error, value);
      };
      return (super.query as (...a: unknown[]) => unknown)(...args) as never;
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<QueryResult>).then((value) => {
        relabelCharColumns(sql, value);
        return value;
      }) as never;
    }
    return result as never;
  }
}

/** Discrete pool settings from a postgresql:// URL (so `{...config, database}` really switches database). */
export function poolConfigFromUrl(url: string, options: { forMigrations?: boolean } = {}): pg.PoolConfig {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
    max: Number(parsed.searchParams.get("connection_limit") ?? 10),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    ...(options.forMigrations ? { Client: CatalogFriendlyClient } : {}),
  };
}
