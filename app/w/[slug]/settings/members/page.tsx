import type { Metadata } from "next";
import { MembersManager } from "@/components/members/members-manager";
import { NotAllowed } from "@/components/shell/not-allowed";
import { can } from "@/lib/auth/caller";
import { listMembers } from "@/lib/members/service";
import { memberListQuerySchema } from "@/lib/members/schemas";
import { listInvitations } from "@/lib/members/invitations";
import { CAPABILITIES } from "@/lib/permissions";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { caller } = await workspacePageContext((await params).slug);
  const asked = (await searchParams).q;
  const search = memberListQuerySchema.shape.q.safeParse(typeof asked === "string" ? asked : undefined);
  const q = search.success ? search.data : undefined;
  if (!can(caller, "members:read")) return <NotAllowed title="Members" sentence={CAPABILITIES["members:read"].denied} />;
  return (
    <MembersManager
      workspaceId={caller.workspaceId}
      currentUserId={caller.userId}
      canManage={can(caller, "members:manage")}
      canManageOwners={can(caller, "members:manage_owners")}
      key={q ?? ""}
      q={q ?? ""}
      initialMembers={await listMembers(caller, { q })}
      initialInvitations={await listInvitations(caller)}
    />
  );
}
