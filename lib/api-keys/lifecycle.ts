// What Keyward does to keys by itself: expiry reminders and idle keys disabled (the scheduler's
// jobs, lib/scheduler.ts), and leaked keys stopped (lib/api-keys/leaks.ts uses stopLeakedKey). Each
// change is made in one transaction with its audit event (the system as the actor) and its webhook,
// then every cache drops the key and the key's people get an email.
import { getDb, isUniqueViolation, type DbTransaction } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { recordSystemAudit } from "../audit/service";
import { queueWebhookEvent } from "../webhooks/outbox";
import { readKeyPolicy } from "../key-policy/service";
import type { KeyPolicy } from "../key-policy/schemas";
import { mailAboutKey } from "../notifications/key-mail";
import { apiKeyChanged } from "./events";
import { keyInclude, toView, type ApiKeyRow } from "./view";

const DAY_MS = 24 * 60 * 60 * 1000;
/** An expiry further back than this gets no `expired` event (a first run after an upgrade stays quiet). */
const EXPIRED_LOOKBACK_MS = 7 * DAY_MS;

type NoticeKind = "expiring_7d" | "expiring_1d" | "expired";

/** Which notice a key is due at `now`, if any: 7 days before, 1 day before, and at expiry. */
export function dueNotice(expiresAt: Date, now: Date): NoticeKind | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return left > -EXPIRED_LOOKBACK_MS ? "expired" : null;
  if (left <= DAY_MS) return "expiring_1d";
  if (left <= 7 * DAY_MS) return "expiring_7d";
  return null;
}

function policies() {
  const cache = new Map<string, Promise<KeyPolicy>>();
  return (workspaceId: string) => {
    let policy = cache.get(workspaceId);
    if (!policy) cache.set(workspaceId, (policy = readKeyPolicy(getDb(), workspaceId)));
    return policy;
  };
}

const mailSubject = (key: ApiKeyRow) => ({
  keyId: key.id,
  name: key.name,
  keyPrefix: key.keyPrefix,
  owner: key.owner,
  workspaceId: key.workspaceId,
  createdById: key.createdById,
});

/**
 * `api_key.expiring_soon` 7 days and 1 day before a key expires and `api_key.expired` when it does,
 * each exactly once: the notice row's unique (key, kind) pair is written in the event's transaction,
 * so a second scheduler (or a second run) finds it taken and sends nothing. Keys replaced by a
 * rotation are left out: their expiry is the rotation's overlap, not news.
 */
export async function sendExpiryNotices(now = new Date()): Promise<number> {
  const policyOf = policies();
  const candidates = await getDb().apiKey.findMany({
    where: {
      revokedAt: null,
      replacedAt: null,
      expiresAt: { gt: new Date(now.getTime() - EXPIRED_LOOKBACK_MS), lte: new Date(now.getTime() + 7 * DAY_MS) },
    },
    include: { ...keyInclude, notices: { select: { kind: true } } },
  });
  let sent = 0;
  for (const key of candidates) {
    const kind = dueNotice(key.expiresAt!, now);
    if (!kind || key.notices.some((notice) => notice.kind === kind)) continue;
    const policy = await policyOf(key.workspaceId);
    const daysLeft = Math.max(0, Math.ceil((key.expiresAt!.getTime() - now.getTime()) / DAY_MS));
    try {
      await getDb().$transaction(async (tx) => {
        await tx.apiKeyNotice.create({ data: { apiKeyId: key.id, kind } });
        await queueWebhookEvent(tx, key.workspaceId, kind === "expired" ? "api_key.expired" : "api_key.expiring_soon", {
          apiKey: toView(key, policy, now),
          expiresAt: key.expiresAt!.toISOString(),
          ...(kind === "expired" ? {} : { daysLeft }),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    sent++;
    if (kind !== "expired") {
      await mailAboutKey("expiring_soon", mailSubject(key), {
        when: daysLeft <= 1 ? "tomorrow" : `in ${daysLeft} days`,
        expiresAt: key.expiresAt!.toUTCString(),
      });
    }
  }
  return sent;
}

/**
 * Disables every live, enabled key that made no request for its workspace's `idleDisableDays`,
 * counted from its last use, or from its creation or last enabling when that is later. The 423 it
 * answers afterwards carries the reason; only an owner or admin enables it again.
 */
export async function disableIdleKeys(now = new Date()): Promise<number> {
  const db = getDb();
  const rules = await db.keyPolicy.findMany({ where: { idleDisableDays: { not: null } } });
  let disabled = 0;
  for (const rule of rules) {
    const days = rule.idleDisableDays!;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const idle = await db.apiKey.findMany({
      where: {
        workspaceId: rule.workspaceId,
        isActive: true,
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        createdAt: { lt: cutoff },
        AND: [
          { OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] },
          { OR: [{ idleClockFrom: null }, { idleClockFrom: { lt: cutoff } }] },
        ],
      },
      include: keyInclude,
    });
    const policy = await readKeyPolicy(db, rule.workspaceId);
    for (const key of idle) {
      const since = key.lastUsedAt ? `no request since ${key.lastUsedAt.toISOString().slice(0, 10)}` : "never used";
      const reason = `Idle for ${days} days (${since}); disabled by the key policy`;
      const changed = await db.$transaction(async (tx) => {
        const updated = await disableBySystem(tx, key, { disabledReason: reason, disabledBySystem: "idle" });
        if (!updated) return null;
        await recordSystemAudit(tx, key.workspaceId, "scheduler", {
          action: "api_key.auto_disabled",
          targetType: "api_key",
          targetId: key.id,
          metadata: {
            name: key.name,
            keyPrefix: key.keyPrefix,
            idleDays: days,
            lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
          },
        });
        await queueWebhookEvent(tx, key.workspaceId, "api_key.auto_disabled", {
          apiKey: toView(updated, policy, now),
          idleDays: days,
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        });
        return updated;
      });
      if (!changed) continue;
      disabled++;
      await apiKeyChanged(key.keyPrefix);
      await mailAboutKey("auto_disabled", mailSubject(key), { days: String(days) });
    }
  }
  return disabled;
}

/** Disables a key unless someone changed it meanwhile; the updated row, or null. */
async function disableBySystem(
  tx: DbTransaction,
  key: ApiKeyRow,
  data: { disabledReason: string; disabledBySystem: "idle" | "leaked" } & Prisma.ApiKeyUpdateInput,
): Promise<ApiKeyRow | null> {
  const { count } = await tx.apiKey.updateMany({
    where: { id: key.id, revokedAt: null, updatedAt: key.updatedAt },
    data: { isActive: false, disabledById: null, ...data },
  });
  return count === 1 ? tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, include: keyInclude }) : null;
}

export interface LeakReport {
  url: string | null;
  source: "github" | "report";
}

/**
 * Stops a key reported found in public: the workspace's leakedKeyAction (revoke, or disable), an
 * audit event naming where it was found, `api_key.leaked`, an email, and the banner on the keys page
 * (leakedAt). A key already revoked only has the report recorded.
 */
export async function stopLeakedKey(keyId: string, report: LeakReport, now = new Date()): Promise<void> {
  const db = getDb();
  const key = await db.apiKey.findUniqueOrThrow({ where: { id: keyId }, include: keyInclude });
  const policy = await readKeyPolicy(db, key.workspaceId);
  const action = key.revokedAt ? "none" : policy.leakedKeyAction === "disable" ? "disabled" : "revoked";
  const stop: Prisma.ApiKeyUncheckedUpdateInput =
    action === "revoked"
      ? { revokedAt: now }
      : action === "disabled"
        ? {
            isActive: false,
            disabledById: null,
            disabledBySystem: "leaked",
            disabledReason: `Reported leaked${report.url ? ` at ${report.url}` : ""}`,
          }
        : {};
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.update({
      where: { id: key.id },
      data: { leakedAt: now, leakUrl: report.url, leakSource: report.source, ...stop },
      include: keyInclude,
    });
    await recordSystemAudit(tx, key.workspaceId, "leak_report", {
      action: "api_key.leaked",
      targetType: "api_key",
      targetId: key.id,
      metadata: { name: key.name, keyPrefix: key.keyPrefix, url: report.url, source: report.source, action },
    });
    if (action !== "none") {
      await queueWebhookEvent(tx, key.workspaceId, "api_key.leaked", {
        apiKey: toView(row, policy, now),
        url: report.url,
        source: report.source,
        action,
      });
    }
    return row;
  });
  if (action === "none") return;
  await apiKeyChanged(updated.keyPrefix);
  await mailAboutKey("leaked", mailSubject(key), { url: report.url ?? "an unnamed place", action });
}
