import { ResourceTable } from "./resource-table";
import { RESOURCE_DEFINITIONS, listAllResources } from "@/lib/resources/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";

/** The read-only list of sources or destinations (they have the same shape). */
export async function ConnectorPage({ slug, kind }: { slug: string; kind: "source" | "destination" }) {
  const { caller } = await workspacePageContext(slug);
  const rows = await listAllResources(RESOURCE_DEFINITIONS[kind], { workspaceId: caller.workspaceId });
  return (
    <ResourceTable
      title={kind === "source" ? "Sources" : "Destinations"}
      rows={rows}
      columns={[
        { key: "name", label: "Name" },
        { key: "type", label: "Type" },
        { key: "config", label: "Config", render: (row) => <code className="font-mono text-xs">{JSON.stringify(row.config)}</code> },
      ]}
    />
  );
}
