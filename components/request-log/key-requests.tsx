"use client";
// A key's page → Requests: the request log of this key, newest first, with outcome and error-code filters, older
// pages on demand, a CSV download, and a refresh every few seconds while the first page is shown and
// the tab is visible. Reads GET /api/api-keys/{id}/requests, the route integrations' admins script.
import { useCallback, useEffect, useState } from "react";
import type { RequestEntry, RequestPage } from "@/lib/request-log/schemas";
import { downloadCsv, managementApi } from "@/lib/client/api";
import { button, table } from "../ui/styles";
import { absoluteTime, relativeTime } from "../ui/format";
import { REFUSAL_HELP } from "@/lib/request-log/refusals";

const REFRESH_MS = 5_000;
type Outcome = "" | "allowed" | "denied";
type Filter = { outcome: Outcome; code: string };
const CODES = Object.keys(REFUSAL_HELP);

const filterQuery = ({ outcome, code }: Filter, extra: Record<string, string> = {}) =>
  new URLSearchParams({ limit: "25", ...(outcome ? { outcome } : {}), ...(code ? { code } : {}), ...extra }).toString();

export function KeyRequests({ workspaceId, keyId, initial }: { workspaceId: string; keyId: string; initial: RequestPage }) {
  const [filter, setFilter] = useState<Filter>({ outcome: "", code: "" });
  const [entries, setEntries] = useState<RequestEntry[]>(initial.data);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [notLogged, setNotLogged] = useState(initial.notLogged);
  const [pagedBack, setPagedBack] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/api-keys/${keyId}/requests`;
  const query = (extra: Record<string, string> = {}) => filterQuery(filter, extra);

  const loadFirst = useCallback(
    async (shown: Filter) => {
      const result = await managementApi<RequestPage>(workspaceId, "GET", `${base}?${filterQuery(shown)}`);
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setEntries(result.data.data);
      setNextCursor(result.data.nextCursor);
      setNotLogged(result.data.notLogged);
    },
    [workspaceId, base],
  );

  useEffect(() => {
    if (pagedBack) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void loadFirst(filter);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadFirst, pagedBack, filter]);

  function choose(next: Filter) {
    setPagedBack(false);
    setFilter(next);
    void loadFirst(next);
  }

  async function loadOlder() {
    if (!nextCursor) return;
    const result = await managementApi<RequestPage>(workspaceId, "GET", `${base}?${query({ cursor: nextCursor })}`);
    if (!result.ok) return setError(result.error.message);
    setPagedBack(true);
    setEntries((current) => [...current, ...result.data.data]);
    setNextCursor(result.data.nextCursor);
  }

  async function download() {
    const failed = await downloadCsv(workspaceId, `${base}?${query({ format: "csv", limit: "100" })}`, `requests-${keyId}.csv`);
    if (failed) setError(failed);
  }

  return (
    <section aria-labelledby="requests-heading" data-testid="key-requests">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="requests-heading" className="text-lg font-semibold">
            Requests
          </h2>
          <p className="text-sm text-slate-600">
            Every call made with this key, refused ones included. Refreshes every few seconds.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="requests-outcome" className="text-sm font-medium text-slate-700">
            Show
          </label>
          <select
            id="requests-outcome"
            className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
            value={filter.outcome}
            onChange={(event) => choose({ outcome: event.target.value as Outcome, code: "" })}
          >
            <option value="">All requests</option>
            <option value="allowed">Allowed</option>
            <option value="denied">Refused</option>
          </select>
          <label htmlFor="requests-code" className="sr-only">
            Error code
          </label>
          <select
            id="requests-code"
            className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
            value={filter.code}
            onChange={(event) => choose({ outcome: event.target.value ? "denied" : filter.outcome, code: event.target.value })}
          >
            <option value="">Any error code</option>
            {CODES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
          <button type="button" className={button.secondary} onClick={() => void download()}>
            Download CSV
          </button>
        </div>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {notLogged > 0 ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="not-logged">
          {notLogged.toLocaleString("en")} more requests were counted but not logged (over the log&apos;s budget per minute).
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="mt-3 rounded-lg border-2 border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
          No requests {filter.outcome === "denied" ? "were refused" : filter.outcome === "allowed" ? "were allowed" : "yet"}.
        </p>
      ) : (
        <div className={`${table.wrapper} mt-3`}>
          <table className={table.table}>
            <thead className="bg-slate-50">
              <tr>
                {["When", "Request", "Answer", "From", "Time"].map((heading) => (
                  <th key={heading} scope="col" className={table.th}>
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="request-row">
                  <td className={`${table.td} whitespace-nowrap`} title={absoluteTime(entry.createdAt)}>
                    {relativeTime(entry.createdAt)}
                  </td>
                  <td className={`${table.td} font-mono text-xs`}>
                    {entry.method} {entry.path}
                  </td>
                  <td className={table.td}>
                    <span className={entry.code ? "font-medium text-red-800" : "text-green-800"}>{entry.status}</span>
                    {entry.code ? <span className="ml-2 font-mono text-xs">{entry.code}</span> : null}
                  </td>
                  <td className={`${table.td} text-xs`}>
                    {entry.ip ?? "unknown"}
                    {entry.userAgent ? <span className="block max-w-56 truncate text-slate-600">{entry.userAgent}</span> : null}
                  </td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{entry.latencyMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <button type="button" className={`${button.secondary} mt-3`} onClick={() => void loadOlder()}>
          Load older requests
        </button>
      ) : null}
    </section>
  );
}
