import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { addMemberSchema } from "@/lib/members/schemas";
import { addMember, listMembers } from "@/lib/members/service";

export const GET = withWorkspace({ requires: "members:read" }, async ({ caller }) => json({ data: await listMembers(caller) }));

export const POST = withWorkspace({ requires: "members:manage" }, async ({ req, caller }) =>
  json(await addMember(caller, await readJson(req, addMemberSchema)), { status: 201 }),
);
