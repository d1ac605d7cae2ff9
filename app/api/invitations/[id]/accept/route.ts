import { withUser } from "@/lib/http/with-workspace";
import { clientIp } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { acceptInvitation } from "@/lib/members/invitations";

/** The signed-in invitee says yes. (The path segment is the invitation link's token.) */
export const POST = withUser<{ id: string }>(async ({ req, userId, params }) =>
  json(await acceptInvitation(userId, params.id, clientIp(req))),
);
