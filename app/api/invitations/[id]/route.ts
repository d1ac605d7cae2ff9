import { withWorkspace } from "@/lib/http/with-workspace";
import { noContent } from "@/lib/http/respond";
import { revokeInvitation } from "@/lib/members/invitations";

export const DELETE = withWorkspace<{ id: string }>({ requires: "members:manage" }, async ({ caller, params }) => {
  await revokeInvitation(caller, params.id);
  return noContent();
});
