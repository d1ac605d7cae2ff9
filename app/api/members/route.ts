import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { appOrigin } from "@/lib/auth/redirects";
import { inviteMemberSchema } from "@/lib/members/schemas";
import { listMembers } from "@/lib/members/service";
import { inviteMember } from "@/lib/members/invitations";

export const GET = withWorkspace({ requires: "members:read" }, async ({ caller }) => json({ data: await listMembers(caller) }));

/** Invites an email (202, whether or not it has an account); the invitee joins by accepting. */
export const POST = withWorkspace({ requires: "members:manage" }, async ({ req, caller }) =>
  json(await inviteMember(caller, await readJson(req, inviteMemberSchema), appOrigin()), { status: 202 }),
);
