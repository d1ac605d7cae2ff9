// Builds the Prisma driver adapter for a database target: better-sqlite3 for SQLite, pg for PostgreSQL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { gateSqliteFactory } from "./sqlite-gate";
import { sqliteFilePath, type DatabaseTarget } from "./target";

/** The adapter the app's Prisma client runs on. */
export function createAdapterFactory(target: DatabaseTarget): SqlDriverAdapterFactory;
/** The adapter the schema engine runs migrations on (it also needs a shadow database). */
export function createAdapterFactory(
  target: DatabaseTarget,
  options: { forMigrations: true },
): SqlMigrationAwareDriverAdapterFactory;
export function createAdapterFactory(
  target: DatabaseTarget,
  options: { forMigrations?: boolean } = {},
): SqlDriverAdapterFactory | SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === "postgresql") {
    throw new Error("PostgreSQL support is not built yet; use a file: DATABASE_URL");
  }
  const file = sqliteFilePath(target.url);
  mkdirSync(path.dirname(file), { recursive: true });
  // WAL lets readers in other processes (the seed, a backup) work while the app writes.
  const factory = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
  if (options.forMigrations) return withScriptFallback(factory);
  return gateSqliteFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
      return adapter;
    },
  });
}

// The schema engine replays migration files through executeRaw, and better-sqlite3's prepare()
// refuses a string with several statements. Such scripts take no arguments, so run them with exec().
function withScriptFallback(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.args.length > 0 || !/more than one statement/i.test(String((error as Error).message))) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  return {
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}
