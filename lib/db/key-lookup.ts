// The one query on the request path: a key by its public prefix, with its workspace's plan and its
// creator's role. It runs on the database driver directly (a prepared statement), not through the
// ORM, whose per-query overhead (~1 ms of CPU here) would dominate a cache miss. Read-only; a separate
// connection sees committed rows only, which is what verification wants.
import Database from "better-sqlite3";
import pg from "pg";
import { poolConfigFromUrl } from "./postgres-pool";
import { resolveDatabaseTarget, sqliteFilePath } from "./target";

export interface KeyLookupRow {
  id: string;
  name: string;
  secretHash: string;
  workspaceId: string;
  createdById: string;
  permissions: string;
  isActive: boolean;
  disabledReason: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  plan: string;
  role: string | null;
}

const SELECT = `
  SELECT k."id", k."name", k."secretHash", k."workspaceId", k."createdById", k."permissions", k."isActive",
         k."disabledReason", k."expiresAt", k."revokedAt", w."plan", m."role"
  FROM "ApiKey" k
  JOIN "Workspace" w ON w."id" = k."workspaceId"
  LEFT JOIN "Membership" m ON m."workspaceId" = k."workspaceId" AND m."userId" = k."createdById"
  WHERE k."keyPrefix" = `;

type Lookup = ((keyPrefix: string) => Promise<KeyLookupRow | null>) & { close: () => Promise<void> };

const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string | number);

function normalize(row: Record<string, unknown> | undefined): KeyLookupRow | null {
  if (!row) return null;
  return {
    ...(row as unknown as KeyLookupRow),
    isActive: row.isActive === true || row.isActive === 1,
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
  };
}

function sqliteLookup(url: string): Lookup {
  const connection = new Database(sqliteFilePath(url), { fileMustExist: true, timeout: 5000 });
  const statement = connection.prepare(`${SELECT} ?`);
  const lookup = async (keyPrefix: string) => normalize(statement.get(keyPrefix) as Record<string, unknown> | undefined);
  return Object.assign(lookup, { close: async () => void connection.close() });
}

function postgresLookup(url: string): Lookup {
  const pool = new pg.Pool({ ...poolConfigFromUrl(url), max: 4 });
  const text = `${SELECT} $1`;
  const lookup = async (keyPrefix: string) =>
    normalize((await pool.query({ name: "keyward_key_lookup", text, values: [keyPrefix] })).rows[0]);
  return Object.assign(lookup, { close: () => pool.end() });
}

const holder = globalThis as unknown as { [key: symbol]: { url: string; lookup: Lookup } | undefined };
const SLOT = Symbol.for("keyward.keyLookup");

export function lookupKeyByPrefix(keyPrefix: string): Promise<KeyLookupRow | null> {
  const target = resolveDatabaseTarget();
  let current = holder[SLOT];
  if (!current || current.url !== target.url) {
    const lookup = target.provider === "postgresql" ? postgresLookup(target.url) : sqliteLookup(target.url);
    current = holder[SLOT] = { url: target.url, lookup };
  }
  return current.lookup(keyPrefix);
}

/** Closes the lookup's connection (with disconnectDb). */
export async function closeKeyLookup(): Promise<void> {
  const current = holder[SLOT];
  holder[SLOT] = undefined;
  await current?.lookup.close();
}
