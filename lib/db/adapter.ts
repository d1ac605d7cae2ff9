// Builds the Prisma driver adapter the app's client runs on: better-sqlite3 for SQLite (behind the
// transaction gate, ./sqlite-gate.ts), pg for PostgreSQL. Migrations use their own adapters
// (scripts/migration-adapters.ts).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { poolConfigFromUrl } from "./postgres-pool";
import { gateSqliteFactory } from "./sqlite-gate";
import { sqliteFilePath, type DatabaseTarget } from "./target";

export function createAdapterFactory(target: DatabaseTarget): SqlDriverAdapterFactory {
  if (target.provider === "postgresql") return new PrismaPg(poolConfigFromUrl(target.url));
  const file = sqliteFilePath(target.url);
  mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
  return gateSqliteFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      // WAL lets readers in other processes (the seed, a backup) work while the app writes.
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
      return adapter;
    },
  });
}
