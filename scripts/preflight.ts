// Start-up checks of the database, run by `npm start` before migrating: each problem it can name
// ends the start with one sentence that says what is wrong and what to do, and exit code 1, instead
// of a stack trace after a timeout or a server that starts and then answers errors.
//   tsx scripts/preflight.ts      (reads DATABASE_URL)
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseTarget, sqliteFilePath } from "../lib/db/target";
import { poolConfigFromUrl } from "../lib/db/postgres-pool";

/** The sentence for what is wrong with the database, or null when it is fine. */
export async function databaseProblem(url: string | undefined = process.env.DATABASE_URL): Promise<string | null> {
  const target = resolveDatabaseTarget(url);
  if (target.provider === "postgresql") {
    const config = poolConfigFromUrl(target.url);
    const client = new pg.Client({ ...config, connectionTimeoutMillis: 5000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      return null;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `Cannot reach PostgreSQL at ${config.host}:${config.port}/${config.database ?? ""} (${reason}): check DATABASE_URL and that the server is running and accepts connections.`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const file = sqliteFilePath(target.url);
  if (!existsSync(file)) return null; // a new database is created by the migrations
  let connection: Database.Database | undefined;
  try {
    connection = new Database(file, { timeout: 2000 });
    const check = connection.pragma("quick_check", { simple: true });
    if (check !== "ok") {
      return `The database file ${file} is corrupt (quick_check: ${String(check)}): restore it from a backup, or move it away to start with an empty database.`;
    }
    // Take the write lock and give it back at once: another process holding it would stall every write.
    connection.exec("BEGIN IMMEDIATE; ROLLBACK;");
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const reason = error instanceof Error ? error.message : String(error);
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      return `The database file ${file} is locked by another process (${reason}): stop that process (another Keyward, a backup, an open sqlite3 shell) or wait for it, then start again.`;
    }
    if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") {
      return `The database file ${file} is corrupt or not a database (${reason}): restore it from a backup, or move it away to start with an empty database.`;
    }
    return `The database file ${file} cannot be opened (${reason}): check its path and permissions.`;
  } finally {
    connection?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problem = await databaseProblem();
  if (problem) {
    console.error(`keyward: ${problem}`);
    process.exit(1);
  }
}
