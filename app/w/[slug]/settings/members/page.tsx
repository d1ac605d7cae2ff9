import type { Metadata } from "next";
import { MembersManager } from "@/components/members/members-manager";
import { listMembers } from "@/lib/members/service";
import { managesWorkspace } from "@/lib/permissions";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller } = await workspacePageContext((await params).slug);
  if (!managesWorkspace(caller.role)) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="mt-3 text-sm text-slate-700">Only owners and admins can see and manage the members of this workspace.</p>
      </section>
    );
  }
  return (
    <MembersManager
      workspaceId={caller.workspaceId}
      currentUserId={caller.userId}
      callerIsOwner={caller.role === "OWNER"}
      initialMembers={await listMembers(caller)}
    />
  );
}
