// Which keys a caller may see and manage, written once: Prisma filters use it as it is, and the key
// list's SQL (./list-sql.ts) turns it into equalities, so the two can never disagree.
import { can, requireCapability, type WorkspaceCaller } from "../auth/caller";

/** Column equalities of the visible keys: all of the workspace with keys:manage_all, else the caller's own user keys. */
export function visibleTo(caller: WorkspaceCaller): { workspaceId: string; createdById?: string; owner?: "user" } {
  requireCapability(caller, "keys:manage_own");
  return can(caller, "keys:manage_all")
    ? { workspaceId: caller.workspaceId }
    : { workspaceId: caller.workspaceId, createdById: caller.userId, owner: "user" };
}
