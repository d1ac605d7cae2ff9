import { table } from "../ui/styles";
import { shortDate } from "../ui/format";

/** A read-only list of what integrations created, with an empty state that says where data comes from. */
export function ResourceTable({
  title,
  rows,
  columns,
}: {
  title: string;
  rows: Record<string, unknown>[];
  columns: { key: string; label: string; render?: (row: Record<string, unknown>) => React.ReactNode }[];
}) {
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Read-only here: integrations create and change these through the API with a key.
      </p>
      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border-2 border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          Nothing yet.
        </p>
      ) : (
        <div className={`${table.wrapper} mt-4`}>
          <table className={table.table}>
            <thead className="bg-slate-50">
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col" className={table.th}>
                    {column.label}
                  </th>
                ))}
                <th scope="col" className={table.th}>
                  Updated
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={String(row.id)} id={String(row.id)} className="target:bg-indigo-50">
                  {columns.map((column) => (
                    <td key={column.key} className={table.td}>
                      {column.render ? column.render(row) : String(row[column.key] ?? "")}
                    </td>
                  ))}
                  <td className={table.td}>{shortDate(String(row.updatedAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
