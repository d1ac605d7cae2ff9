import { ResourceTable } from "./resource-table";

// Config values under names like these are shown masked: a page is no place to read credentials.
const SECRET_NAME = /secret|password|token|api[_-]?key|private/i;

function ConfigRows({ config }: { config: unknown }) {
  const entries = config && typeof config === "object" && !Array.isArray(config) ? Object.entries(config) : [];
  if (entries.length === 0) return <span className="text-slate-600">No settings</span>;
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="font-mono text-slate-600">{name}</dt>
          <dd className="break-all font-mono text-slate-900">
            {SECRET_NAME.test(name) ? "••••••" : typeof value === "string" ? value : JSON.stringify(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The read-only list of sources or destinations (they have the same shape); config as name/value rows. */
export function ConnectorTable({ title, rows }: { title: string; rows: Record<string, unknown>[] }) {
  return (
    <ResourceTable
      title={title}
      rows={rows}
      columns={[
        { key: "name", label: "Name" },
        { key: "type", label: "Type" },
        { key: "config", label: "Settings", render: (row) => <ConfigRows config={row.config} /> },
      ]}
    />
  );
}
