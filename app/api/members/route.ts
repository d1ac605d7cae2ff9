import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson, readQuery } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { appOrigin } from "@/lib/auth/redirects";
import { inviteMemberSchema, memberListQuerySchema } from "@/lib/members/schemas";
import { listMembers } from "@/lib/members/service";
import { inviteMember } from "@/lib/members/invitations";

/** A page of members (`?limit&cursor&q`), oldest first. */
export const GET = withWorkspace({ requires: "members:read" }, async ({ req, caller }) =>
  json(await listMembers(caller, readQuery(req, memberListQuerySchema))),
);

/** Invites an email (202, whether or not it has an account); the invitee joins by accepting. */
export const POST = withWorkspace({ requires: "members:manage" }, async ({ req, caller }) =>
  json(await inviteMember(caller, await readJson(req, inviteMemberSchema), appOrigin()), { status: 202 }),
);
