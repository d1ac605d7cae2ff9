// Members of a workspace: members:read to list them, members:manage to change them, and
// members:manage_owners to make or unmake an OWNER. The last OWNER can be neither removed nor demoted.
// People join through invitations (./invitations.ts).
import { ApiError, invalidField, notFound } from "../errors";
import type { Prisma } from "../db/generated/sqlite/client";
import { textContains } from "../db/text-search";
import { decodeCursor, encodeCursor } from "../paging";
import { getDb, type DbTransaction } from "../db/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { recordAudit } from "../audit/service";
import { queueWebhookEvent } from "../webhooks/outbox";
import { memberChanged } from "../api-keys/events";
import type { Role } from "../permissions";
import { memberListQuerySchema, type MemberList, type MemberListQuery, type MemberView } from "./schemas";

function assertMayGrant(caller: WorkspaceCaller, ...roles: Role[]): void {
  if (roles.includes("OWNER")) requireCapability(caller, "members:manage_owners");
}

async function otherOwnerCount(tx: DbTransaction, workspaceId: string, userId: string): Promise<number> {
  return tx.membership.count({ where: { workspaceId, role: "OWNER", userId: { not: userId } } });
}

/** A page of members by join time (then id, so the order never reshuffles), searched by name or email. */
export async function listMembers(caller: WorkspaceCaller, request: MemberListQuery = {}): Promise<MemberList> {
  requireCapability(caller, "members:read");
  const query = memberListQuerySchema.parse(request);
  const where: Prisma.MembershipWhereInput = {
    workspaceId: caller.workspaceId,
    ...(query.q ? { user: { OR: [{ name: textContains(query.q) }, { email: textContains(query.q) }] } } : {}),
  };
  let after: Prisma.MembershipWhereInput = {};
  if (query.cursor) {
    const [joined, id] = decodeCursor(query.cursor, 2) ?? [];
    if (!joined || !id || Number.isNaN(Date.parse(joined))) throw invalidField("cursor", "Unknown cursor");
    after = { OR: [{ createdAt: { gt: new Date(joined) } }, { createdAt: new Date(joined), id: { gt: id } }] };
  }
  const rows = await getDb().membership.findMany({
    where: { AND: [where, after] },
    include: { user: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      userId: row.userId,
      email: row.user.email,
      name: row.user.name,
      role: row.role as Role,
      joinedAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function changeMemberRole(caller: WorkspaceCaller, userId: string, role: Role): Promise<MemberView> {
  requireCapability(caller, "members:manage");
  const row = await getDb().$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId } },
      include: { user: { select: { email: true, name: true } } },
    });
    if (!member) throw notFound("Member");
    assertMayGrant(caller, role, member.role as Role);
    if (member.role === "OWNER" && role !== "OWNER" && (await otherOwnerCount(tx, caller.workspaceId, userId)) === 0) {
      throw new ApiError("last_owner", "The last owner cannot be demoted; make another member an owner first");
    }
    const updated = await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, caller, {
      action: "member.role_changed",
      targetType: "member",
      targetId: userId,
      metadata: { email: member.user.email, from: member.role, to: role },
    });
    await queueWebhookEvent(tx, caller.workspaceId, "member.role_changed", {
      member: { userId, email: member.user.email, name: member.user.name, role, joinedAt: member.createdAt.toISOString() },
      from: member.role,
    });
    return { ...updated, user: member.user };
  });
  await memberChanged(caller.workspaceId, userId);
  return { userId, email: row.user.email, name: row.user.name, role, joinedAt: row.createdAt.toISOString() };
}

/** Removes a member. Their keys stop working at once (401), and stay listed for the audit trail. */
export async function removeMember(caller: WorkspaceCaller, userId: string): Promise<void> {
  requireCapability(caller, "members:manage");
  await getDb().$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId } },
      include: { user: { select: { email: true, name: true } } },
    });
    if (!member) throw notFound("Member");
    assertMayGrant(caller, member.role as Role);
    if (member.role === "OWNER" && (await otherOwnerCount(tx, caller.workspaceId, userId)) === 0) {
      throw new ApiError("last_owner", "The last owner cannot be removed");
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, caller, {
      action: "member.removed",
      targetType: "member",
      targetId: userId,
      metadata: { email: member.user.email, role: member.role },
    });
    await queueWebhookEvent(tx, caller.workspaceId, "member.removed", {
      member: { userId, email: member.user.email, name: member.user.name, role: member.role },
    });
  });
  await memberChanged(caller.workspaceId, userId);
}
