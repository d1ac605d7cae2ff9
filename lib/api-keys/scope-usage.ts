// Least privilege: when each of a key's permissions was last exercised, from the per-day counts the
// usage flush writes (no write per request). A permission is "unused" when nothing needed it for 30
// days, or ever for a key older than 7 days (a newer key may not have run yet). whoami needs no
// permission, so it proves nothing about scopes.
import { getDb } from "../db/client";
import type { WorkspaceCaller } from "../auth/caller";
import type { Permission } from "../permissions";
import { getApiKey } from "./service";
import type { ScopeUsage } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
export const UNUSED_AFTER_DAYS = 30;
const NEW_KEY_DAYS = 7;

export async function apiKeyScopeUsage(caller: WorkspaceCaller, keyId: string, now = Date.now()): Promise<ScopeUsage> {
  const key = await getApiKey(caller, keyId); // 404 unless the caller may see the key
  const since = new Date(now - UNUSED_AFTER_DAYS * DAY_MS).toISOString().slice(0, 10);
  const rows = await getDb().apiKeyScopeDay.groupBy({
    by: ["permission"],
    where: { apiKeyId: keyId, workspaceId: caller.workspaceId },
    _max: { lastUsedAt: true },
  });
  const recent = await getDb().apiKeyScopeDay.groupBy({
    by: ["permission"],
    where: { apiKeyId: keyId, workspaceId: caller.workspaceId, day: { gte: since } },
    _sum: { count: true },
  });
  const last = new Map(rows.map((row) => [row.permission, row._max.lastUsedAt]));
  const counts = new Map(recent.map((row) => [row.permission, row._sum.count ?? 0]));
  const old = now - Date.parse(key.createdAt) > NEW_KEY_DAYS * DAY_MS;
  const data = key.permissions.map((permission) => ({
    permission,
    lastUsedAt: last.get(permission)?.toISOString() ?? null,
    requests30d: counts.get(permission) ?? 0,
  }));
  const unusedPermissions = data
    .filter(({ lastUsedAt }) => (lastUsedAt === null ? old : now - Date.parse(lastUsedAt) > UNUSED_AFTER_DAYS * DAY_MS))
    .map(({ permission }) => permission as Permission);
  return { data, unusedPermissions };
}
