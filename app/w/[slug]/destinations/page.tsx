import type { Metadata } from "next";
import { ConnectorTable } from "@/components/resources/connector-table";
import { RESOURCE_DEFINITIONS, listResourcesForMember } from "@/lib/resources/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller } = await workspacePageContext((await params).slug);
  return <ConnectorTable title="Destinations" rows={await listResourcesForMember(caller, RESOURCE_DEFINITIONS.destination)} />;
}
