// Last use and per-day usage of keys, without a database write per request. Requests are counted in
// memory and flushed in one transaction every few seconds (so lastUsedAt is at most FLUSH_MS behind),
// and on shutdown: server.ts flushes after SIGTERM/SIGINT, before the process exits.
import { getDb } from "../db/client";
import { onShutdown } from "../shutdown";
import { reportIncident } from "../dependency-failure";

/** How often counts are written (KEYWARD_USAGE_FLUSH_MS, default 15 s; at most 60 s by contract). */
export const FLUSH_MS = Math.min(60_000, Math.max(100, Number(process.env.KEYWARD_USAGE_FLUSH_MS) || 15_000));

interface Pending {
  workspaceId: string;
  lastUsedAt: number;
  /** Where the latest allowed request came from (noteClient). */
  lastIp?: string | null;
  lastUa?: string | null;
  /** "YYYY-MM-DD|outcome" → count */
  counts: Map<string, number>;
  /** "YYYY-MM-DD|permission" → allowed requests that needed it, and the last one's time */
  scopes?: Map<string, { count: number; last: number }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

class UsageRecorder {
  #pending = new Map<string, Pending>();
  /** The current UTC day's bucket names by outcome: record() runs on every request, formatting once a day. */
  #day = { start: 0, end: 0, buckets: new Map<string, string>() };
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  /** Counts a request; an allowed one that needed a permission counts as a use of that scope too. */
  record(keyId: string, workspaceId: string, outcome: string, at = Date.now(), permission: string | null = null): void {
    let entry = this.#pending.get(keyId);
    if (!entry) {
      entry = { workspaceId, lastUsedAt: at, counts: new Map() };
      this.#pending.set(keyId, entry);
    }
    // Only requests the key was allowed to make count as "use".
    if (outcome === "allowed" && at > entry.lastUsedAt) entry.lastUsedAt = at;
    const bucket = this.#bucket(at, outcome);
    entry.counts.set(bucket, (entry.counts.get(bucket) ?? 0) + 1);
    if (permission !== null && outcome === "allowed") {
      const scopeBucket = this.#bucket(at, permission);
      const scopes = (entry.scopes ??= new Map());
      const scope = scopes.get(scopeBucket);
      if (scope) {
        scope.count++;
        if (at > scope.last) scope.last = at;
      } else scopes.set(scopeBucket, { count: 1, last: at });
    }
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  /** The client of an allowed request just recorded: the key's "last used from". */
  noteClient(keyId: string, ip: string | null, userAgent: string | null): void {
    const entry = this.#pending.get(keyId);
    if (!entry) return;
    entry.lastIp = ip;
    entry.lastUa = userAgent ? userAgent.slice(0, 200) : null;
  }

  #bucket(at: number, outcome: string): string {
    if (at < this.#day.start || at >= this.#day.end) {
      const start = at - (at % DAY_MS);
      this.#day = { start, end: start + DAY_MS, buckets: new Map() };
    }
    let bucket = this.#day.buckets.get(outcome);
    if (bucket === undefined) {
      bucket = `${new Date(at).toISOString().slice(0, 10)}|${outcome}`;
      this.#day.buckets.set(outcome, bucket);
    }
    return bucket;
  }

  /** Writes everything counted so far. Safe to call concurrently; calls run one after another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing
      .then(() => this.#write())
      .catch((error: unknown) => {
        reportIncident("could not write API key usage; will retry", error);
      });
    return this.#flushing;
  }

  async #write(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    try {
      await getDb().$transaction(async (tx) => {
        for (const [keyId, entry] of batch) {
          for (const [bucket, { count, last }] of entry.scopes ?? []) {
            const [day, permission] = bucket.split("|") as [string, string];
            await tx.apiKeyScopeDay.upsert({
              where: { apiKeyId_permission_day: { apiKeyId: keyId, permission, day } },
              create: { apiKeyId: keyId, workspaceId: entry.workspaceId, permission, day, count, lastUsedAt: new Date(last) },
              update: { count: { increment: count }, lastUsedAt: new Date(last) },
            });
          }
          for (const [bucket, count] of entry.counts) {
            const [day, outcome] = bucket.split("|") as [string, string];
            await tx.apiKeyUsageDay.upsert({
              where: { apiKeyId_day_outcome: { apiKeyId: keyId, day, outcome } },
              create: { apiKeyId: keyId, workspaceId: entry.workspaceId, day, outcome, count },
              update: { count: { increment: count } },
            });
          }
        }
        // The keys' own rows last: their locks (which a revoke on another instance waits for) are then
        // held for a round trip or two, not for the whole flush, if this instance loses its database.
        for (const [keyId, entry] of batch) {
          if (![...entry.counts.keys()].some((bucket) => bucket.endsWith("|allowed"))) continue;
          await tx.apiKey.updateMany({
            where: { id: keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(entry.lastUsedAt) } }] },
            data: {
              lastUsedAt: new Date(entry.lastUsedAt),
              ...(entry.lastIp !== undefined ? { lastUsedIp: entry.lastIp, lastUsedUa: entry.lastUa } : {}),
            },
          });
        }
      });
    } catch (error) {
      // Put the counts back so nothing is lost; the next flush retries them.
      for (const [keyId, entry] of batch) {
        const current = this.#pending.get(keyId);
        if (!current) {
          this.#pending.set(keyId, entry);
          continue;
        }
        if (entry.lastUsedAt > current.lastUsedAt || current.lastIp === undefined) {
          current.lastIp = entry.lastIp;
          current.lastUa = entry.lastUa;
        }
        current.lastUsedAt = Math.max(current.lastUsedAt, entry.lastUsedAt);
        for (const [bucket, count] of entry.counts) current.counts.set(bucket, (current.counts.get(bucket) ?? 0) + count);
        for (const [bucket, scope] of entry.scopes ?? []) {
          const scopes = (current.scopes ??= new Map());
          const mine = scopes.get(bucket);
          scopes.set(bucket, mine ? { count: mine.count + scope.count, last: Math.max(mine.last, scope.last) } : scope);
        }
      }
      this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
      throw error;
    }
  }

  get pendingKeys(): number {
    return this.#pending.size;
  }
}

const holder = globalThis as unknown as { [key: symbol]: UsageRecorder | undefined };
const SLOT = Symbol.for("keyward.usageRecorder");

export function usageRecorder(): UsageRecorder {
  let recorder = holder[SLOT];
  if (!recorder) {
    const created = (recorder = holder[SLOT] = new UsageRecorder());
    // server.ts runs this after requests have drained on SIGTERM/SIGINT.
    onShutdown("usage", () => created.flush());
  }
  return recorder;
}
