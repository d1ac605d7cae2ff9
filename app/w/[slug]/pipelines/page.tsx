import type { Metadata } from "next";
import Link from "next/link";
import { ResourceTable } from "@/components/resources/resource-table";
import { RESOURCE_DEFINITIONS, listResourcesForMember } from "@/lib/resources/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

export const metadata: Metadata = { title: "Pipelines" };

export default async function PipelinesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { caller } = await workspacePageContext(slug);
  const [rows, sources, destinations] = await Promise.all([
    listResourcesForMember(caller, RESOURCE_DEFINITIONS.pipeline),
    listResourcesForMember(caller, RESOURCE_DEFINITIONS.source),
    listResourcesForMember(caller, RESOURCE_DEFINITIONS.destination),
  ]);
  const names = new Map([...sources, ...destinations].map((row) => [row.id, String(row.name)]));
  // The source and destination by name, linked to their row on their own page.
  const link = (kind: "sources" | "destinations", id: unknown) =>
    names.has(id) ? (
      <Link className="text-indigo-700 hover:underline" href={`/w/${slug}/${kind}#${String(id)}`}>
        {names.get(id)}
      </Link>
    ) : (
      String(id)
    );
  return (
    <ResourceTable
      title="Pipelines"
      rows={rows}
      columns={[
        { key: "name", label: "Name" },
        { key: "sourceId", label: "Source", render: (row) => link("sources", row.sourceId) },
        { key: "destinationId", label: "Destination", render: (row) => link("destinations", row.destinationId) },
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
