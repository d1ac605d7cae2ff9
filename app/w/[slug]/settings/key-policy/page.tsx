import type { Metadata } from "next";
import { KeyPolicyForm } from "@/components/key-policy/key-policy-form";
import { can } from "@/lib/auth/caller";
import { getKeyPolicy } from "@/lib/key-policy/service";
import { planOf } from "@/lib/plans";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Key policy" };

export default async function KeyPolicyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller } = await workspacePageContext((await params).slug);
  const plan = planOf(caller.plan);
  return (
    <KeyPolicyForm
      workspaceId={caller.workspaceId}
      canManage={can(caller, "policy:manage")}
      planName={plan.name}
      planKeyLimit={plan.maxActiveKeysPerUser}
      initial={await getKeyPolicy(caller)}
    />
  );
}
