// What every workspace page needs: the signed-in user, the workspace named in the URL and their role.
// Pages name the workspace in the URL (/w/<slug>/...), so two tabs on two workspaces never mix.
import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { ApiError } from "../errors";
import { clientAddressFrom } from "../http/client-address";
import { currentUserId } from "../auth/session";
import { getUserProfile } from "../auth/users";
import { listWorkspacesOf, resolveWorkspaceCaller } from "./service";

export const workspacePageContext = cache(async (slug: string) => {
  const userId = await currentUserId();
  if (!userId) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/w/${slug}/settings/api-keys`)}`);
  const ip = clientAddressFrom(await headers());
  let caller;
  try {
    caller = await resolveWorkspaceCaller(userId, { slug }, ip);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_a_member") notFound();
    throw error;
  }
  const [user, workspaces] = await Promise.all([getUserProfile(userId), listWorkspacesOf(userId)]);
  const workspace = workspaces.find((each) => each.id === caller.workspaceId)!;
  return { caller, user, workspace, workspaces };
});
