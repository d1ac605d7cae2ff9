// Per-day usage of one key for its detail page: allowed and denied requests over the last N days.
import { getDb } from "../db/client";
import type { WorkspaceCaller } from "../auth/caller";
import { getApiKey } from "./service";
import type { UsageDay } from "./schemas";

export async function apiKeyUsage(caller: WorkspaceCaller, keyId: string, days = 30): Promise<UsageDay[]> {
  await getApiKey(caller, keyId); // 404 unless the caller may see the key
  const since = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await getDb().apiKeyUsageDay.findMany({
    where: { apiKeyId: keyId, workspaceId: caller.workspaceId, day: { gte: since } },
  });
  return usageDays(rows, days);
}

/** The last `days` UTC days, oldest first, with the usage rows summed into them. */
export function usageDays(rows: { day: string; outcome: string; count: number }[], days: number, now = Date.now()): UsageDay[] {
  const byDay = new Map<string, UsageDay>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(now - i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(day, { day, allowed: 0, denied: 0, deniedByCode: {} });
  }
  for (const row of rows) addUsage(byDay.get(row.day), row.outcome, row.count);
  return [...byDay.values()];
}

/** Adds requests of one outcome ("allowed" or an error code) to a bucket, if there is one. */
export function addUsage(bucket: UsageDay | undefined, outcome: string, count: number): void {
  if (!bucket) return;
  if (outcome === "allowed") bucket.allowed += count;
  else {
    bucket.denied += count;
    bucket.deniedByCode[outcome] = (bucket.deniedByCode[outcome] ?? 0) + count;
  }
}
