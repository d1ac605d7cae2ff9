// The audit log: every change to keys and members writes one event, in the same transaction.
import { ApiError } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import type { WorkspaceCaller } from "../auth/caller";

export const AUDIT_ACTIONS = [
  "api_key.created",
  "api_key.updated",
  "api_key.disabled",
  "api_key.enabled",
  "api_key.revoked",
  "api_key.rotated",
  "member.added",
  "member.role_changed",
  "member.removed",
  "workspace.created",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  targetType: "api_key" | "member" | "workspace";
  targetId: string;
  metadata?: Record<string, unknown>;
}

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

export interface AuditEventView {
  id: string;
  action: string;
  actor: { type: string; id: string; name: string | null; email: string | null };
  target: { type: string; id: string | null };
  metadata: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

/** Newest first, paged by an opaque cursor (the id of the last event of the previous page). */
export async function listAuditEvents(
  workspaceId: string,
  options: { limit: number; cursor?: string; action?: string; targetId?: string },
): Promise<{ data: AuditEventView[]; nextCursor: string | null }> {
  const db = getDb();
  if (options.cursor && !(await db.auditEvent.findFirst({ where: { id: options.cursor, workspaceId }, select: { id: true } }))) {
    throw new ApiError("validation_error", "Unknown cursor", { details: { fieldErrors: { cursor: ["Unknown cursor"] } } });
  }
  const rows = await db.auditEvent.findMany({
    where: { workspaceId, action: options.action, targetId: options.targetId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, options.limit);
  const userIds = [...new Set(page.filter((row) => row.actorType === "user").map((row) => row.actorId))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map(
      (user) => [user.id, user],
    ),
  );
  return {
    data: page.map((row) => ({
      id: row.id,
      action: row.action,
      actor: {
        type: row.actorType,
        id: row.actorId,
        name: users.get(row.actorId)?.name ?? null,
        email: users.get(row.actorId)?.email ?? null,
      },
      target: { type: row.targetType, id: row.targetId },
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      ip: row.ip,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
