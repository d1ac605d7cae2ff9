import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { keyListParams, type KeyListState } from "@/components/api-keys/key-list-state";
import { LeakBanner } from "@/components/api-keys/leak-banner";
import { PlanNotice } from "@/components/shell/plan-notice";
import { listApiKeysQuerySchema } from "@/lib/api-keys/schemas";
import { keySlotsOf, listApiKeys, recentlyLeakedKeys } from "@/lib/api-keys/service";
import { getKeyPolicy } from "@/lib/key-policy/service";
import { capabilitiesOf, rolePermissions } from "@/lib/permissions";
import { planOf } from "@/lib/plans";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "API keys" };

/** The list's search, filters and sort from the URL; anything unreadable falls back to the defaults. */
function listState(params: Record<string, string | string[] | undefined>): KeyListState {
  const one = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const query = { q: one("q"), status: one("status"), owner: one("owner"), sort: one("sort"), order: one("order") };
  const parsed = listApiKeysQuerySchema.pick({ q: true, status: true, owner: true, sort: true, order: true }).safeParse(query);
  return parsed.success ? parsed.data : { sort: "created", order: "desc" };
}

export default async function ApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { caller, workspace } = await workspacePageContext((await params).slug);
  if (!planOf(caller.plan).apiAccess) return <PlanNotice plan={caller.plan} />;
  const list = listState(await searchParams);
  // One page on the server; the list fetches further pages as asked ("Load more").
  const [page, slots, policy, leaked] = await Promise.all([
    listApiKeys(caller, list),
    keySlotsOf(caller),
    getKeyPolicy(caller),
    recentlyLeakedKeys(caller),
  ]);
  return (
    <>
      <LeakBanner slug={workspace.slug} keys={leaked} />
      <ApiKeysManager
        // A new search, filter or sort is a new list: its state starts from this render.
        key={keyListParams(list).toString()}
        workspaceId={caller.workspaceId}
        workspaceSlug={workspace.slug}
        currentUserId={caller.userId}
        role={caller.role}
        capabilities={capabilitiesOf(caller.role)}
        held={[...rolePermissions(caller.role)]}
        initialPage={{ ...page, slots }}
        list={list}
        policy={policy}
      />
    </>
  );
}
