import type { Metadata } from "next";
import { ResourceTable } from "@/components/resources/resource-table";
import { RESOURCE_DEFINITIONS, listAllResources } from "@/lib/resources/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Destinations" };

export default async function DestinationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller } = await workspacePageContext((await params).slug);
  const rows = await listAllResources(RESOURCE_DEFINITIONS.destination, { workspaceId: caller.workspaceId });
  return (
    <ResourceTable
      title="Destinations"
      rows={rows}
      columns={[
        { key: "name", label: "Name" },
        { key: "type", label: "Type" },
        { key: "config", label: "Config", render: (row) => <code className="font-mono text-xs">{JSON.stringify(row.config)}</code> },
      ]}
    />
  );
}
