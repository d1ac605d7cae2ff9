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
