import type { Metadata } from "next";
import { ResourceTable } from "@/components/resources/resource-table";
import { RESOURCE_DEFINITIONS, listResourcesForMember } from "@/lib/resources/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Pipelines" };

export default async function PipelinesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller } = await workspacePageContext((await params).slug);
  const [rows, sources, destinations] = await Promise.all([
    listResourcesForMember(caller, RESOURCE_DEFINITIONS.pipeline),
    listResourcesForMember(caller, RESOURCE_DEFINITIONS.source),
    listResourcesForMember(caller, RESOURCE_DEFINITIONS.destination),
  ]);
  const names = new Map([...sources, ...destinations].map((row) => [row.id, String(row.name)]));
  return (
    <ResourceTable
      title="Pipelines"
      rows={rows}
      columns={[
        { key: "name", label: "Name" },
        { key: "sourceId", label: "Source", render: (row) => names.get(row.sourceId) ?? String(row.sourceId) },
        {
          key: "destinationId",
          label: "Destination",
          render: (row) => names.get(row.destinationId) ?? String(row.destinationId),
        },
        {
          key: "schedule",
          label: "Schedule",
          render: (row) => <code className="font-mono text-xs">{String(row.schedule ?? "manual")}</code>,
        },
        { key: "isActive", label: "Status", render: (row) => (row.isActive ? "Active" : "Paused") },
      ]}
    />
  );
}
