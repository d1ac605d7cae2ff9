import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { PlanNotice } from "@/components/shell/plan-notice";
import { keySlotsOf, listApiKeys, recentlyLeakedKeys } from "@/lib/api-keys/service";
import { LeakBanner } from "@/components/api-keys/leak-banner";
import { getKeyPolicy } from "@/lib/key-policy/service";
import { capabilitiesOf, rolePermissions } from "@/lib/permissions";
import { planOf } from "@/lib/plans";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller, workspace } = await workspacePageContext((await params).slug);
  if (!planOf(caller.plan).apiAccess) return <PlanNotice plan={caller.plan} />;
  const [keys, slots, policy, leaked] = await Promise.all([
    listApiKeys(caller),
    keySlotsOf(caller),
    getKeyPolicy(caller),
    recentlyLeakedKeys(caller),
  ]);
  return (
    <>
      <LeakBanner slug={workspace.slug} keys={leaked} />
      <ApiKeysManager
        workspaceId={caller.workspaceId}
        workspaceSlug={workspace.slug}
        currentUserId={caller.userId}
        role={caller.role}
        capabilities={capabilitiesOf(caller.role)}
        held={[...rolePermissions(caller.role)]}
        initialKeys={keys}
        initialSlots={slots}
        policy={policy}
      />
    </>
  );
}
