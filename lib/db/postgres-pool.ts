// pg pool settings from a postgresql:// URL, as discrete fields (so `{...config, database}` really
// switches database, which the migration scripts rely on).
import type pg from "pg";

export function poolConfigFromUrl(url: string): pg.PoolConfig {
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
  };
}

/**
 * The running app's bounds on PostgreSQL, so a database that stalls makes requests fail in seconds
 * (503, lib/dependency-failure.ts) rather than hang: connecting, each statement, a transaction left
 * idle, and TCP keepalive to notice a dead peer. (Migrations run without them.)
 */
export const RUNTIME_POOL_TIMEOUTS = {
  connectionTimeoutMillis: 5_000,
  statement_timeout: 5_000,
  query_timeout: 6_000,
  // Below statement_timeout: a transaction stranded by a frozen connection (its client never sends
  // the next statement) is ended before a statement waiting for its row locks gives up.
  idle_in_transaction_session_timeout: 3_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} satisfies pg.PoolConfig;
