// Workspaces (tenants) and who belongs to them.
import { randomBytes } from "node:crypto";
import { ApiError } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import { isRole, type Role } from "../permissions";
import { planOf, type PlanId } from "../plans";
import type { WorkspaceCaller } from "../auth/caller";
import type { WorkspaceMembershipView } from "./schemas";

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "workspace"
  );
}

export async function createWorkspaceInTransaction(
  tx: DbTransaction,
  input: { name: string; plan: PlanId; ownerId: string; slug?: string },
): Promise<{ id: string; slug: string }> {
  let slug = input.slug ?? slugify(input.name);
  if (!input.slug && (await tx.workspace.findUnique({ where: { slug } }))) {
    slug = `${slug}-${randomBytes(3).toString("hex")}`;
  }
  const workspace = await tx.workspace.create({ data: { name: input.name, slug, plan: input.plan } });
  await tx.membership.create({ data: { workspaceId: workspace.id, userId: input.ownerId, role: "OWNER" } });
  await tx.auditEvent.create({
    data: {
      workspaceId: workspace.id,
      actorType: "user",
      actorId: input.ownerId,
      action: "workspace.created",
      targetType: "workspace",
      targetId: workspace.id,
      metadata: JSON.stringify({ name: input.name, plan: input.plan }),
    },
  });
  return { id: workspace.id, slug: workspace.slug };
}

export async function listWorkspacesOf(userId: string): Promise<WorkspaceMembershipView[]> {
  const rows = await getDb().membership.findMany({
    where: { userId },
    include: { workspace: true },
    orderBy: { workspace: { name: "asc" } },
  });
  return rows.map((row) => ({
    id: row.workspace.id,
    name: row.workspace.name,
    slug: row.workspace.slug,
    plan: planOf(row.workspace.plan).id,
    role: row.role as Role,
  }));
}

/** The caller of a management request: the user's membership in the workspace, or 403 `not_a_member`. */
export async function resolveWorkspaceCaller(
  userId: string,
  workspaceRef: { id: string } | { slug: string },
  ip: string | null,
): Promise<WorkspaceCaller> {
  const membership = await getDb().membership.findFirst({
    where: { userId, workspace: workspaceRef },
    include: { workspace: { select: { id: true, plan: true } } },
  });
  if (!membership || !isRole(membership.role)) {
    throw new ApiError("not_a_member", "You are not a member of this workspace");
  }
  const plan = membership.workspace.plan;
  return {
    userId,
    workspaceId: membership.workspace.id,
    plan: planOf(plan).id,
    role: membership.role,
    ip,
  };
}
