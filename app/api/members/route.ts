import { withWorkspace } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { addMemberSchema } from "@/lib/members/schemas";
import { addMember, listMembers } from "@/lib/members/service";
import { ApiError } from "@/lib/errors";
import { managesWorkspace } from "@/lib/permissions";

export const GET = withWorkspace(async ({ caller }) => {
  if (!managesWorkspace(caller.role)) throw new ApiError("forbidden", "Only owners and admins manage members");
  return json({ data: await listMembers(caller) });
});

export const POST = withWorkspace(async ({ req, caller }) =>
  json(await addMember(caller, await readJson(req, addMemberSchema)), { status: 201 }),
);
