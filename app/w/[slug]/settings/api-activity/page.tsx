import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/shell/not-allowed";
import { UsageChart } from "@/components/api-keys/usage-chart";
import { can } from "@/lib/auth/caller";
import { CAPABILITIES } from "@/lib/permissions";
import { ACTIVITY_RANGES, workspaceActivity, type ActivityRange } from "@/lib/request-log/activity";
import { workspacePageContext } from "@/lib/workspaces/page-context";
import { card, table } from "@/components/ui/styles";

export const metadata: Metadata = { title: "API activity" };

const RANGE_LABELS: Record<ActivityRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

export default async function ApiActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ range?: string }>;
}) {
  const { slug } = await params;
  const { caller } = await workspacePageContext(slug);
  if (!can(caller, "requests:read")) return <NotAllowed title="API activity" sentence={CAPABILITIES["requests:read"].denied} />;
  const asked = (await searchParams).range;
  const range: ActivityRange = asked && Object.hasOwn(ACTIVITY_RANGES, asked) ? (asked as ActivityRange) : "7d";
  const activity = await workspaceActivity(caller, range);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API activity</h1>
        <p className="mt-1 text-sm text-slate-600">What every key of this workspace did, and what went wrong.</p>
        <nav aria-label="Range" className="mt-3 flex gap-2">
          {(Object.keys(RANGE_LABELS) as ActivityRange[]).map((each) => (
            <Link
              key={each}
              href={`/w/${slug}/settings/api-activity?range=${each}`}
              aria-current={each === range ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ${each === range ? "bg-indigo-600 text-white ring-indigo-600" : "text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
            >
              {RANGE_LABELS[each]}
            </Link>
          ))}
        </nav>
      </div>
      <section aria-labelledby="volume-heading" className={`${card} p-5`}>
        <h2 id="volume-heading" className="text-lg font-semibold">
          Requests, last {RANGE_LABELS[range]}
          {range === "24h" ? (
            <span className="ml-2 text-xs font-normal text-slate-600">per hour, from the request log</span>
          ) : null}
        </h2>
        <UsageChart days={activity.buckets} />
      </section>
      <section aria-labelledby="refusals-heading">
        <h2 id="refusals-heading" className="text-lg font-semibold">
          Refusals
        </h2>
        {activity.refusals.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No request was refused in this range.</p>
        ) : (
          <ul
            className="mt-3 divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
            data-testid="refusals"
          >
            {activity.refusals.map((refusal) => (
              <li key={refusal.code} className="px-4 py-3 text-sm">
                <span className="font-mono text-xs">{refusal.code}</span>{" "}
                <span className="font-semibold">{refusal.count.toLocaleString("en")}</span>
                <p className="mt-1 text-slate-600">{refusal.help}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="busiest-heading">
        <h2 id="busiest-heading" className="text-lg font-semibold">
          Busiest keys
        </h2>
        {activity.busiestKeys.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No key made a request in this range.</p>
        ) : (
          <div className={`${table.wrapper} mt-3`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  {["Key", "Requests", "Refused"].map((heading) => (
                    <th key={heading} scope="col" className={table.th}>
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {activity.busiestKeys.map((key) => (
                  <tr key={key.keyId} data-testid="busiest-key">
                    <td className={table.td}>
                      <Link className="text-indigo-700 hover:underline" href={`/w/${slug}/settings/api-keys/${key.keyId}`}>
                        {key.name}
                      </Link>
                    </td>
                    <td className={table.td}>{key.requests.toLocaleString("en")}</td>
                    <td className={table.td}>{key.denied.toLocaleString("en")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
