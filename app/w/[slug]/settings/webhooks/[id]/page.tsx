import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/shell/not-allowed";
import { WebhookDetail } from "@/components/webhooks/webhook-detail";
import { can } from "@/lib/auth/caller";
import { ApiError } from "@/lib/errors";
import { CAPABILITIES } from "@/lib/permissions";
import { getWebhook, listDeliveries } from "@/lib/webhooks/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhookPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { caller } = await workspacePageContext(slug);
  if (!can(caller, "webhooks:manage")) return <NotAllowed title="Webhook" sentence={CAPABILITIES["webhooks:manage"].denied} />;
  let endpoint;
  try {
    endpoint = await getWebhook(caller, id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
  const deliveries = await listDeliveries(caller, id, { limit: 25 });
  return <WebhookDetail workspaceId={caller.workspaceId} slug={slug} endpoint={endpoint} deliveries={deliveries} />;
}
