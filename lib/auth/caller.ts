// Who is calling a management route or a page, resolved before any service runs, and the one check
// every service makes of it: does the caller's role hold the capability (lib/permissions.ts)?
import { ApiError } from "../errors";
import type { PlanId } from "../plans";
import { CAPABILITIES, hasCapability, type Capability, type Role } from "../permissions";

export interface WorkspaceCaller {
  userId: string;
  workspaceId: string;
  plan: PlanId;
  role: Role;
  /** Client address, recorded in audit events. */
  ip: string | null;
}

export function can(caller: WorkspaceCaller, capability: Capability): boolean {
  return hasCapability(caller.role, capability);
}

/** 403 `forbidden` with the table's sentence unless the caller's role holds the capability. */
export function requireCapability(caller: WorkspaceCaller, capability: Capability): void {
  if (!can(caller, capability)) {
    throw new ApiError("forbidden", CAPABILITIES[capability].denied, { details: { requires: capability, role: caller.role } });
  }
}
