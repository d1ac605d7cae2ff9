// Driver adapters for Prisma's Wasm schema engine (scripts/db-migrate.ts), which the running app
// never uses. Each works around a quirk of running the engine over a driver adapter (see
// shared/notes/offline-stack.md); lib/db holds only what the running app needs.
import { randomBytes } from "node:crypto";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { poolConfigFromUrl } from "../lib/db/postgres-pool";
import { secureSqliteFiles } from "../lib/db/adapter";
import { sqliteFilePath, type DatabaseTarget } from "../lib/db/target";

export function migrationAdapterFactory(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === "postgresql") {
    return withOwnShadowDatabase({ ...poolConfigFromUrl(target.url), Client: CatalogFriendlyClient });
  }
  const file = sqliteFilePath(target.url);
  secureSqliteFiles(file);
  return withScriptFallback(new PrismaBetterSqlite3({ url: file, timeout: 5000 }));
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

// adapter-pg's shadow database, given a connection string, is the main database, and it drops its
// own shadow database while its pool still holds a connection to it, which PostgreSQL refuses.
// Create a temporary database ourselves (discrete pool fields, so `database` really switches) and
// drop it, forcibly, after use.
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

// Catalog queries of the engine return the one-byte "char" type (OID 18), which adapter-pg refuses.
// The client reports those columns as text, remembering which they were by SQL text, and the adapter
// gives them their real type (ColumnTypeEnum Character) back.
const CHAR_OID = 18;
const TEXT_OID = 25;
const CHARACTER_COLUMN = 6;
const charColumnsBySql = new Map<string, number[]>();

type QueryResult = { fields?: { dataTypeID: number }[] };

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

function reportCharColumns<A extends SqlDriverAdapter>(adapter: A): A {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsBySql.get(query.sql) ?? []) result.columnTypes[index] = CHARACTER_COLUMN as never;
    return result;
  };
  return adapter;
}
