// Who is calling a management route, resolved by lib/http/with-user.ts before any service runs.
import type { PlanId } from "../plans";
import type { Role } from "../permissions";

export interface WorkspaceCaller {
  userId: string;
  workspaceId: string;
  plan: PlanId;
  role: Role;
  /** Client address, recorded in audit events. */
  ip: string | null;
}
