// Builds the Prisma driver adapter for a database target: better-sqlite3 for SQLite, pg for PostgreSQL.
// (adapter-pg creates and drops its own shadow database for migrations, given discrete pool fields.)
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { charColumnsBySql, poolConfigFromUrl } from "./postgres-pool";
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
    const config = poolConfigFromUrl(target.url, options);
    return options.forMigrations ? withOwnShadowDatabase(config) : new PrismaPg(config);
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

// adapter-pg drops its shadow database while its own pool still holds a connection to it, which
// PostgreSQL refuses. Create a temporary database ourselves and drop it (forcibly) after use.
function withOwnShadowDatabase(config: pg.PoolConfig): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(config);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => reportCharColumns(await main.connect()),
    async connectToShadowDb() {
      const name = `keyward_shadow_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ ...config, Client: undefined } as pg.ClientConfig);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const adapter = reportCharColumns(await new PrismaPg({ ...config, database: name }).connect());
      const dispose = adapter.dispose.bind(adapter);
      return Object.assign(adapter, {
        dispose: async () => {
          await dispose();
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        },
      });
    },
  };
}

// The engine reads catalog columns of type "char" as Character (ColumnTypeEnum 6); the pool reported
// them as text so that the adapter would accept them, and here they get their real type back.
const CHARACTER_COLUMN = 6;
function reportCharColumns<A extends SqlDriverAdapter>(adapter: A): A {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsBySql.get(query.sql) ?? []) result.columnTypes[index] = CHARACTER_COLUMN as never;
    return result;
  };
  return adapter;
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
