// Members of a workspace: members:read to list them, members:manage to change them, and
// members:manage_owners to make or unmake an OWNER. The last OWNER can be neither removed nor demoted.
// People join through invitations (./invitations.ts).
import { ApiError, notFound } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { recordAudit } from "../audit/service";
import { queueWebhookEvent } from "../webhooks/outbox";
import { memberChanged } from "../api-keys/events";
import { ROLES, type Role } from "../permissions";
import type { MemberView } from "./schemas";

function assertMayGrant(caller: WorkspaceCaller, ...roles: Role[]): void {
  if (roles.includes("OWNER")) requireCapability(caller, "members:manage_owners");
}

async function otherOwnerCount(tx: DbTransaction, workspaceId: string, userId: string): Promise<number> {
  return tx.membership.count({ where: { workspaceId, role: "OWNER", userId: { not: userId } } });
}

export async function listMembers(caller: WorkspaceCaller): Promise<MemberView[]> {
  requireCapability(caller, "members:read");
  const rows = await getDb().membership.findMany({
    where: { workspaceId: caller.workspaceId },
    include: { user: { select: { email: true, name: true } } },
  });
  // By join time; members who joined in the same millisecond (the seed, a script) by role, then email,
  // so the list never reshuffles.
  const rank = (role: string) => (ROLES as readonly string[]).indexOf(role);
  rows.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() || rank(a.role) - rank(b.role) || a.user.email.localeCompare(b.user.email),
  );
  return rows.map((row) => ({
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role as Role,
    joinedAt: row.createdAt.toISOString(),
  }));
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
