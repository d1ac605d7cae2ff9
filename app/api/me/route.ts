import { withUser } from "@/lib/http/with-workspace";
import { json } from "@/lib/http/respond";
import { getUserProfile } from "@/lib/auth/users";
import { listWorkspacesOf } from "@/lib/workspaces/service";

export const GET = withUser(async ({ userId }) =>
  json({ user: await getUserProfile(userId), workspaces: await listWorkspacesOf(userId) }),
);
