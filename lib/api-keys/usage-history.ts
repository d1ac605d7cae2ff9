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
  const byDay = new Map<string, UsageDay>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(day, { day, allowed: 0, denied: 0, deniedByCode: {} });
  }
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    if (row.outcome === "allowed") entry.allowed += row.count;
    else {
      entry.denied += row.count;
      entry.deniedByCode[row.outcome] = (entry.deniedByCode[row.outcome] ?? 0) + row.count;
    }
  }
  return [...byDay.values()];
}
