// Builds the Prisma driver adapter the app's client runs on: better-sqlite3 for SQLite (behind the
// transaction gate, ./sqlite-gate.ts), pg for PostgreSQL. Migrations use their own adapters
// (scripts/migration-adapters.ts).
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { poolConfigFromUrl, RUNTIME_POOL_TIMEOUTS } from "./postgres-pool";
import { gateSqliteFactory } from "./sqlite-gate";
import { sqliteFilePath, type DatabaseTarget } from "./target";
import { reportIncident } from "../dependency-failure";

/**
 * The database holds key hashes and password hashes: a folder created for it is the owner's alone
 * (0700; an existing folder, which may be shared, is left as it is) and its files (database, WAL,
 * shared memory) are read and written by the owner only (0600).
 */
export function secureSqliteFiles(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  for (const each of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(each)) chmodSync(each, 0o600);
}

export function createAdapterFactory(target: DatabaseTarget): SqlDriverAdapterFactory {
  if (target.provider === "postgresql") {
    // An idle connection the server ends is replaced by the pool; it is worth a line in the log.
    return new PrismaPg(
      { ...poolConfigFromUrl(target.url), ...RUNTIME_POOL_TIMEOUTS },
      { onPoolError: (error) => reportIncident("a database connection was lost", error) },
    );
  }
  const file = sqliteFilePath(target.url);
  secureSqliteFiles(file);
  // No busy timeout: better-sqlite3 would wait it out on the event loop; the gate retries instead.
  const factory = new PrismaBetterSqlite3({ url: file, timeout: 0 });
  return gateSqliteFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      // WAL lets readers in other processes (the seed, a backup) work while the app writes.
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
      secureSqliteFiles(file);
      return adapter;
    },
  });
}
