import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json, noContent } from "@/lib/http/respond";
import { changeRoleSchema } from "@/lib/members/schemas";
import { changeMemberRole, removeMember } from "@/lib/members/service";

type Params = { userId: string };

export const PATCH = withWorkspace<Params>({ requires: "members:manage" }, async ({ req, caller, params }) =>
  json(await changeMemberRole(caller, params.userId, (await readJson(req, changeRoleSchema)).role)),
);

export const DELETE = withWorkspace<Params>({ requires: "members:manage" }, async ({ caller, params }) => {
  await removeMember(caller, params.userId);
  return noContent();
});
