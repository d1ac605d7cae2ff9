// The one query a cache miss of the key check makes: a key by its public prefix, with its
// workspace's plan and key policy and its creator's role, as a prepared statement (./direct-reads.ts).
import { directRead, toBoolean, toDate } from "./direct-reads";

export interface KeyLookupRow {
  id: string;
  name: string;
  secretHash: string;
  workspaceId: string;
  owner: string;
  createdById: string | null;
  permissions: string;
  allowedIps: string;
  isActive: boolean;
  disabledReason: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  plan: string;
  role: string | null;
  /** The workspace's key policy; null when it has none (the defaults). */
  requireExpiry: boolean | null;
  maxLifetimeDays: number | null;
  workspaceAllowedIps: string | null;
}

const SELECT_BY_PREFIX = `
  SELECT k."id", k."name", k."secretHash", k."workspaceId", k."owner", k."createdById", k."permissions", k."allowedIps",
         k."isActive", k."disabledReason", k."expiresAt", k."revokedAt", w."plan", m."role",
         p."requireExpiry", p."maxLifetimeDays", p."allowedIps" AS "workspaceAllowedIps"
  FROM "ApiKey" k
  JOIN "Workspace" w ON w."id" = k."workspaceId"
  LEFT JOIN "Membership" m ON m."workspaceId" = k."workspaceId" AND m."userId" = k."createdById"
  LEFT JOIN "KeyPolicy" p ON p."workspaceId" = k."workspaceId"
  WHERE k."keyPrefix" = ?`;

export async function lookupKeyByPrefix(keyPrefix: string): Promise<KeyLookupRow | null> {
  const [row] = await directRead(SELECT_BY_PREFIX, [keyPrefix]);
  if (!row) return null;
  return {
    ...(row as unknown as KeyLookupRow),
    isActive: toBoolean(row.isActive),
    requireExpiry: row.requireExpiry === null ? null : toBoolean(row.requireExpiry),
    maxLifetimeDays: row.maxLifetimeDays === null ? null : Number(row.maxLifetimeDays),
    expiresAt: toDate(row.expiresAt),
    revokedAt: toDate(row.revokedAt),
  };
}
