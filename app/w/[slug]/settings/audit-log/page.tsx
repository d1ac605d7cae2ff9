import type { Metadata } from "next";
import Link from "next/link";
import { listAuditEvents } from "@/lib/audit/service";
import { AUDIT_PAGE_DEFAULT, auditQuerySchema } from "@/lib/audit/schemas";
import { auditSentence, changesOf } from "@/lib/audit/sentences";
import { listApiKeys } from "@/lib/api-keys/service";
import { listMembers } from "@/lib/members/service";
import { can } from "@/lib/auth/caller";
import { CAPABILITIES } from "@/lib/permissions";
import { NotAllowed } from "@/components/shell/not-allowed";
import { AuditFilters } from "@/components/audit/audit-filters";
import { workspacePageContext } from "@/lib/workspaces/page-context";
import { absoluteTime, relativeTime } from "@/components/ui/format";
import { card } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { caller } = await workspacePageContext(slug);
  if (!can(caller, "audit:read")) return <NotAllowed title="Audit log" sentence={CAPABILITIES["audit:read"].denied} />;
  const raw = await searchParams;
  const one = (name: string) => (typeof raw[name] === "string" && raw[name] ? raw[name] : undefined);
  const parsed = auditQuerySchema.safeParse({
    action: one("action"),
    actorId: one("actorId"),
    targetId: one("targetId"),
    from: one("from"),
    to: one("to"),
    cursor: one("cursor"),
  });
  // Filters the URL cannot express (a mistyped date) show everything rather than an error page.
  const query = parsed.success ? parsed.data : { limit: AUDIT_PAGE_DEFAULT };
  const filters = { ...query, cursor: undefined };
  // A stale or foreign cursor in the URL shows the first page rather than an error.
  const [page, members, keys] = await Promise.all([
    listAuditEvents(caller, query).catch(() => listAuditEvents(caller, filters)),
    listMembers(caller, { limit: 100 }),
    listApiKeys(caller, { status: "all", limit: 100 }),
  ]);
  const base = `/w/${slug}/settings/audit-log`;
  const older = new URLSearchParams(
    Object.entries({ ...filters, limit: undefined, cursor: page.nextCursor ?? undefined }).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, String(value)]],
    ),
  );
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
      <p className="mt-1 text-sm text-slate-600">Every change to keys, members, webhooks and the key policy, newest first.</p>
      <AuditFilters
        workspaceId={caller.workspaceId}
        actors={members.data.map((member) => ({ id: member.userId, name: member.name }))}
        keys={keys.data.map((key) => ({ id: key.id, name: key.name }))}
      />
      {page.data.length === 0 ? (
        <p className={`${card} mt-4 p-6 text-sm text-slate-700`}>No events match these filters.</p>
      ) : (
        <ol className="mt-4 space-y-2" aria-label="Events">
          {page.data.map((event) => {
            const changes = changesOf(event);
            return (
              <li key={event.id} className={`${card} p-3 text-sm`} data-testid="audit-row">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <p className="min-w-0 break-words text-slate-900" data-testid="audit-sentence">
                    {auditSentence(event)}
                  </p>
                  <time
                    className="shrink-0 text-xs text-slate-600"
                    dateTime={event.createdAt}
                    title={absoluteTime(event.createdAt)}
                  >
                    {relativeTime(event.createdAt)}
                  </time>
                </div>
                {changes.length > 0 ? (
                  <ul className="mt-2 space-y-0.5 text-xs text-slate-700" aria-label="Changes">
                    {changes.map((change) => (
                      <li key={change.field} className="break-words">
                        <span className="font-medium">{change.field}</span>:{" "}
                        {change.before !== undefined ? (
                          <>
                            <del className="text-slate-600">{change.before}</del> →{" "}
                          </>
                        ) : null}
                        <ins className="no-underline">{change.after}</ins>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {page.nextCursor ? (
        <Link className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline" href={`${base}?${older}`}>
          Older events →
        </Link>
      ) : null}
    </div>
  );
}
