import type { Metadata } from "next";
import { NotAllowed } from "@/components/shell/not-allowed";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { can } from "@/lib/auth/caller";
import { CAPABILITIES } from "@/lib/permissions";
import { listWebhooks } from "@/lib/webhooks/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { caller } = await workspacePageContext(slug);
  if (!can(caller, "webhooks:manage")) return <NotAllowed title="Webhooks" sentence={CAPABILITIES["webhooks:manage"].denied} />;
  return <WebhooksManager workspaceId={caller.workspaceId} slug={slug} initial={await listWebhooks(caller)} />;
}
