import { ResourceTable } from "./resource-table";

/** The read-only list of sources or destinations (they have the same shape). */
export function ConnectorTable({ title, rows }: { title: string; rows: Record<string, unknown>[] }) {
  return (
    <ResourceTable
      title={title}
      rows={rows}
      columns={[
        { key: "name", label: "Name" },
        { key: "type", label: "Type" },
        {
          key: "config",
          label: "Config",
          render: (row) => <code className="font-mono text-xs">{JSON.stringify(row.config)}</code>,
        },
      ]}
    />
  );
}
