// The workspace's API activity, for its page: requests per day (per hour over 24 h) by outcome, the
// refusals that happen most with what each means and how to fix it, and the busiest keys. Days come
// from the exact usage counts; the 24-hour view from the request log (its entries, within the budget).
import { getDb } from "../db/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import type { UsageDay } from "../api-keys/schemas";
import { REFUSAL_HELP } from "./refusals";
import { addUsage, usageDays } from "../api-keys/usage-history";

export const ACTIVITY_RANGES = { "24h": 1, "7d": 7, "30d": 30 } as const;
export type ActivityRange = keyof typeof ACTIVITY_RANGES;

export interface WorkspaceActivity {
  range: ActivityRange;
  buckets: UsageDay[];
  refusals: { code: string; count: number; help: string }[];
  busiestKeys: { keyId: string; name: string; requests: number; denied: number }[];
}

export async function workspaceActivity(
  caller: WorkspaceCaller,
  range: ActivityRange,
  now = Date.now(),
): Promise<WorkspaceActivity> {
  requireCapability(caller, "requests:read");
  const days = ACTIVITY_RANGES[range];
  const since = new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const db = getDb();
  const usage = await db.apiKeyUsageDay.findMany({ where: { workspaceId: caller.workspaceId, day: { gte: since } } });
  const buckets = range === "24h" ? await hourly(caller.workspaceId, now) : usageDays(usage, days, now);

  const refusals = new Map<string, number>();
  const perKey = new Map<string, { requests: number; denied: number }>();
  for (const row of usage) {
    const key = perKey.get(row.apiKeyId) ?? { requests: 0, denied: 0 };
    key.requests += row.count;
    if (row.outcome !== "allowed") {
      key.denied += row.count;
      refusals.set(row.outcome, (refusals.get(row.outcome) ?? 0) + row.count);
    }
    perKey.set(row.apiKeyId, key);
  }
  const top = [...perKey].sort((a, b) => b[1].requests - a[1].requests).slice(0, 5);
  const names = new Map(
    (
      await db.apiKey.findMany({
        where: { id: { in: top.map(([id]) => id) }, workspaceId: caller.workspaceId },
        select: { id: true, name: true },
      })
    ).map((key) => [key.id, key.name]),
  );
  return {
    range,
    buckets,
    refusals: [...refusals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([code, count]) => ({ code, count, help: REFUSAL_HELP[code] ?? "See the error's message in the request log." })),
    busiestKeys: top.map(([keyId, counts]) => ({ keyId, name: names.get(keyId) ?? "a deleted key", ...counts })),
  };
}

async function hourly(workspaceId: string, now: number): Promise<UsageDay[]> {
  const hour = 3_600_000;
  const start = now - (now % hour) - 23 * hour;
  const entries = await getDb().apiRequest.findMany({
    where: { workspaceId, createdAt: { gte: new Date(start) } },
    select: { createdAt: true, code: true },
  });
  const byHour = new Map<number, UsageDay>();
  for (let i = 0; i < 24; i++) {
    const at = start + i * hour;
    byHour.set(at, { day: `${new Date(at).toISOString().slice(11, 13)}:00`, allowed: 0, denied: 0, deniedByCode: {} });
  }
  for (const entry of entries) {
    const at = entry.createdAt.getTime();
    addUsage(byHour.get(at - (at % hour)), entry.code ?? "allowed", 1);
  }
  return [...byHour.values()];
}
