import { redirect } from "next/navigation";
import { currentUserId } from "@/lib/auth/session";
import { listWorkspacesOf } from "@/lib/workspaces/service";

/** The front door: a signed-in user goes to their first workspace, anyone else to sign-in. */
export default async function Home() {
  const userId = await currentUserId();
  if (!userId) redirect("/sign-in");
  const [first] = await listWorkspacesOf(userId);
  redirect(first ? `/w/${first.slug}/settings/api-keys` : "/sign-in");
}
