import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiError } from "@/lib/errors";
import { getApiKey, listApiKeyAuditEvents } from "@/lib/api-keys/service";
import { apiKeyUsage } from "@/lib/api-keys/usage-history";
import { AUDIT_PAGE_DEFAULT } from "@/lib/audit/schemas";
import { ACTIONS, RESOURCES } from "@/lib/permissions";
import { workspacePageContext } from "@/lib/workspaces/page-context";
import { StatusBadge } from "@/components/api-keys/status-badge";
import { KeyRequests } from "@/components/request-log/key-requests";
import { listKeyRequests } from "@/lib/request-log/service";
import { apiKeyScopeUsage } from "@/lib/api-keys/scope-usage";
import { can } from "@/lib/auth/caller";
import { UnusedScopes } from "@/components/api-keys/unused-scopes";
import { lastUsedFrom } from "@/components/ui/format";
import { UsageChart } from "@/components/api-keys/usage-chart";
import { absoluteTime, relativeTime } from "@/components/ui/format";
import { card, table } from "@/components/ui/styles";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyDetailPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { caller } = await workspacePageContext(slug);
  let key;
  try {
    key = await getApiKey(caller, id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  }
  const [usage, audit, requests, scopes] = await Promise.all([
    apiKeyUsage(caller, id),
    listApiKeyAuditEvents(caller, id, { limit: AUDIT_PAGE_DEFAULT }),
    listKeyRequests(caller, id, { limit: 25 }),
    apiKeyScopeUsage(caller, id),
  ]);
  const live = key.status === "active" || key.status === "disabled";
  const canChange = live && (key.owner === "user" || can(caller, "keys:manage_workspace"));
  const held = new Set(key.permissions);
  const facts: [string, string][] = [
    ["Key", key.maskedKey],
    ["Owner", key.owner === "workspace" ? "This workspace (a service key)" : "Its creator"],
    ["Created by", key.creator ? `${key.creator.name} (${key.creator.email})` : "A deleted account"],
    ["Allowed IPs", key.allowedIps.length > 0 ? key.allowedIps.join(", ") : "Any address"],
    ["Created", absoluteTime(key.createdAt)],
    [
      "Last used",
      key.lastUsedAt
        ? `${relativeTime(key.lastUsedAt)} (${absoluteTime(key.lastUsedAt)})${lastUsedFrom(key.lastUsedIp, key.lastUsedUserAgent)}`
        : "Never",
    ],
    ["Expires", key.expiresAt ? absoluteTime(key.expiresAt) : "Never"],
    ...(key.policyBlock ? ([["Blocked by policy", key.policyBlock.message]] as [string, string][]) : []),
  ];
  return (
    <div className="space-y-8">
      <div>
        <Link href={`/w/${slug}/settings/api-keys`} className="text-sm text-indigo-700 hover:underline">
          ← API keys
        </Link>
        <div className="mt-2 flex items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{key.name}</h1>
          <StatusBadge status={key.status} />
        </div>
        {key.description ? (
          <p className="mt-1 max-w-2xl break-words text-slate-700" data-testid="key-description">
            {key.description}
          </p>
        ) : null}
        {key.leak ? (
          <p
            role="note"
            className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-200"
            data-testid="leak-note"
          >
            Reported found in public {relativeTime(key.leak.reportedAt)}
            {key.leak.source === "github" ? " by GitHub secret scanning" : ""}
            {key.leak.url ? <span className="break-all"> at {key.leak.url}</span> : null}.
          </p>
        ) : null}
        {key.status === "disabled" ? (
          <p className="mt-1 text-sm text-slate-700" data-testid="disabled-by">
            Disabled{key.disabledBy ? ` by ${key.disabledBy.name}` : key.disabledBySystem ? " by Keyward" : ""}
            {key.disabledReason ? `: ${key.disabledReason}` : ""}
          </p>
        ) : null}
        <dl className="mt-4 grid grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-24 shrink-0 text-slate-600">{label}</dt>
              <dd className={label === "Key" ? "font-mono text-xs" : ""}>{value}</dd>
            </div>
          ))}
        </dl>
      </div>

      <section aria-labelledby="permissions-heading">
        <h2 id="permissions-heading" className="text-lg font-semibold">
          Permissions
        </h2>
        <div className={`${table.wrapper} mt-3`}>
          <table className={table.table}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={table.th}>
                  Resource
                </th>
                {ACTIONS.map((action) => (
                  <th key={action} scope="col" className={`${table.th} text-center capitalize`}>
                    {action}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {RESOURCES.map((resource) => (
                <tr key={resource.id}>
                  <th scope="row" className={`${table.td} text-left font-medium`}>
                    {resource.label}
                  </th>
                  {ACTIONS.map((action) => (
                    <td key={action} className={`${table.td} text-center`}>
                      {held.has(`${resource.id}:${action}`) ? (
                        <span aria-label="granted">✓</span>
                      ) : (
                        <span aria-label="not granted" className="text-slate-300">
                          —
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <UnusedScopes
          workspaceId={caller.workspaceId}
          keyId={key.id}
          permissions={key.permissions}
          usage={scopes}
          canChange={canChange}
        />
      </section>

      <section aria-labelledby="usage-heading" className={`${card} p-5`}>
        <h2 id="usage-heading" className="text-lg font-semibold">
          Requests, last 30 days
        </h2>
        <UsageChart days={usage} />
      </section>

      <KeyRequests workspaceId={caller.workspaceId} keyId={key.id} initial={requests} />

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit events
        </h2>
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {audit.data.map((event) => (
            <li key={event.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
              <span>
                <code className="font-mono text-xs">{event.action}</code> by {event.actor.name ?? event.actor.id}
              </span>
              <time dateTime={event.createdAt} className="text-slate-600">
                {absoluteTime(event.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
