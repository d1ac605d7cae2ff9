import type { Metadata } from "next";
import Link from "next/link";
import { listAuditEvents } from "@/lib/audit/service";
import { AUDIT_ACTIONS, AUDIT_PAGE_DEFAULT } from "@/lib/audit/schemas";
import { can } from "@/lib/auth/caller";
import { CAPABILITIES } from "@/lib/permissions";
import { NotAllowed } from "@/components/shell/not-allowed";
import { workspacePageContext } from "@/lib/workspaces/page-context";
import { absoluteTime } from "@/components/ui/format";
import { table } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ action?: string; cursor?: string }>;
}) {
  const { slug } = await params;
  const { caller } = await workspacePageContext(slug);
  if (!can(caller, "audit:read")) return <NotAllowed title="Audit log" sentence={CAPABILITIES["audit:read"].denied} />;
  const query = await searchParams;
  const action = AUDIT_ACTIONS.find((each) => each === query.action);
  const limit = AUDIT_PAGE_DEFAULT;
  // A stale or foreign cursor in the URL shows the first page rather than an error.
  const page = await listAuditEvents(caller, { limit, action, cursor: query.cursor }).catch(() =>
    listAuditEvents(caller, { limit, action }),
  );
  const base = `/w/${slug}/settings/audit-log`;
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
      <form className="mt-4 flex items-end gap-2" action={base}>
        <label className="text-sm font-medium" htmlFor="audit-action">
          Action
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={action ?? ""}
          className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Filter
        </button>
      </form>
      <div className={`${table.wrapper} mt-4`}>
        <table className={table.table}>
          <thead className="bg-slate-50">
            <tr>
              {["Time", "Actor", "Action", "Target", "Details"].map((heading) => (
                <th key={heading} scope="col" className={table.th}>
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.data.map((event) => (
              <tr key={event.id} data-testid="audit-row">
                <td className={`${table.td} whitespace-nowrap`}>
                  <time dateTime={event.createdAt}>{absoluteTime(event.createdAt)}</time>
                </td>
                <td className={table.td}>{event.actor.name ?? event.actor.id}</td>
                <td className={`${table.td} font-mono text-xs`}>{event.action}</td>
                <td className={table.td}>{String(event.metadata.name ?? event.metadata.email ?? event.target.id ?? "")}</td>
                <td className={`${table.td} max-w-md truncate font-mono text-xs`} title={JSON.stringify(event.metadata)}>
                  {JSON.stringify(event.metadata)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.nextCursor ? (
        <Link
          className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline"
          href={`${base}?${new URLSearchParams({ ...(action ? { action } : {}), cursor: page.nextCursor })}`}
        >
          Older events →
        </Link>
      ) : null}
    </div>
  );
}
