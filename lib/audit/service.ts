// The audit log: every change to keys and members writes one event, in the same transaction. The
// workspace's whole log needs audit:read; a key's own history is part of the key, readable by whoever
// may see that key (lib/api-keys/service.ts decides who that is).
import { invalidField } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import type { AuditAction, AuditEventView, AuditQuery } from "./schemas";

export interface AuditEntry {
  action: AuditAction;
  targetType: AuditEventView["target"]["type"];
  targetId: string;
  metadata?: Record<string, unknown>;
}

/** What an integration's change is recorded as: the key that made it, and where from. */
export interface KeyActor {
  keyId: string;
  workspaceId: string;
  name: string;
  keyPrefix: string;
  ip: string | null;
}

/** An event whose actor is an API key (a change made through the integration API). */
export async function recordKeyAudit(tx: DbTransaction, actor: KeyActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      workspaceId: actor.workspaceId,
      actorType: "api_key",
      actorId: actor.keyId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: JSON.stringify({ ...entry.metadata, key: { name: actor.name, keyPrefix: actor.keyPrefix } }),
      ip: actor.ip,
    },
  });
}

/**
 * An event whose actor is Keyward itself: what the scheduler does (idle keys disabled, endpoints
 * switched off) and what a leak report sets off. `reason` says which part acted.
 */
export async function recordSystemAudit(
  tx: DbTransaction,
  workspaceId: string,
  reason: SystemActor,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      workspaceId,
      actorType: "system",
      actorId: reason,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: JSON.stringify(entry.metadata ?? {}),
    },
  });
}

/** Which part of Keyward acted, shown as the actor's name. */
export type SystemActor = "scheduler" | "leak_report" | "webhook_delivery";
const SYSTEM_ACTOR_NAMES: Record<SystemActor, string> = {
  scheduler: "Keyward (scheduled job)",
  leak_report: "Keyward (leak report)",
  webhook_delivery: "Keyward (webhook delivery)",
};

export async function recordAudit(tx: DbTransaction, caller: WorkspaceCaller, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      workspaceId: caller.workspaceId,
      actorType: "user",
      actorId: caller.userId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: JSON.stringify(entry.metadata ?? {}),
      ip: caller.ip,
    },
  });
}

export type AuditPage = { data: AuditEventView[]; nextCursor: string | null };

/** The workspace's audit log, newest first (audit:read). */
export async function listAuditEvents(caller: WorkspaceCaller, query: AuditQuery): Promise<AuditPage> {
  requireCapability(caller, "audit:read");
  return readAuditEvents(caller.workspaceId, query);
}

/**
 * Events of one workspace, newest first, paged by an opaque cursor (the id of the last event of the
 * previous page). Callers check access first: listAuditEvents, or the key service for a key's history.
 */
export async function readAuditEvents(workspaceId: string, query: AuditQuery): Promise<AuditPage> {
  const db = getDb();
  if (query.cursor && !(await db.auditEvent.findFirst({ where: { id: query.cursor, workspaceId }, select: { id: true } }))) {
    throw invalidField("cursor", "Unknown cursor");
  }
  const rows = await db.auditEvent.findMany({
    where: {
      workspaceId,
      action: query.action,
      targetId: query.targetId,
      actorId: query.actorId,
      createdAt: {
        gte: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
        lt: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 24 * 60 * 60 * 1000) : undefined,
      },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const userIds = [...new Set(page.filter((row) => row.actorType === "user").map((row) => row.actorId))];
  const keyIds = [...new Set(page.filter((row) => row.actorType === "api_key").map((row) => row.actorId))];
  const [people, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: keyIds }, workspaceId }, select: { id: true, name: true } }),
  ]);
  const users = new Map<string, { name: string; email: string | null }>([
    ...people.map((user) => [user.id, user] as const),
    ...keys.map((key) => [key.id, { name: `API key ${key.name}`, email: null }] as const),
  ]);
  return {
    data: page.map((row) => ({
      id: row.id,
      action: row.action as AuditAction,
      actor: {
        type: row.actorType as AuditEventView["actor"]["type"],
        id: row.actorId,
        name:
          row.actorType === "system"
            ? (SYSTEM_ACTOR_NAMES[row.actorId as SystemActor] ?? "Keyward")
            : (users.get(row.actorId)?.name ?? null),
        email: users.get(row.actorId)?.email ?? null,
      },
      target: { type: row.targetType as AuditEventView["target"]["type"], id: row.targetId },
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
