import { withWorkspace } from "@/lib/http/with-workspace";
import { json } from "@/lib/http/respond";
import { listInvitations } from "@/lib/members/invitations";

/** Invitations not yet accepted, revoked or expired. */
export const GET = withWorkspace({ requires: "members:read" }, async ({ caller }) =>
  json({ data: await listInvitations(caller) }),
);
