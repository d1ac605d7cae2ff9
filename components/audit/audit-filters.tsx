"use client";
// The audit log's filters: each applies as soon as it changes, and lives in the URL (the page renders
// the filtered first page on the server). "Download CSV" saves the same filtered page as sentences.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { AUDIT_ACTIONS } from "@/lib/audit/schemas";
import { downloadCsv } from "@/lib/client/api";
import { button } from "../ui/styles";

const select = "max-w-full rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300";

export function AuditFilters({
  workspaceId,
  actors,
  keys,
}: {
  workspaceId: string;
  actors: { id: string; name: string }[];
  keys: { id: string; name: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.delete("cursor");
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(next.size ? `${pathname}?${next}` : pathname, { scroll: false });
  };
  const field = (name: string) => params.get(name) ?? "";

  async function download() {
    const query = new URLSearchParams(params);
    query.delete("cursor");
    query.set("format", "csv");
    query.set("limit", "100");
    setError(await downloadCsv(workspaceId, `/api/audit-events?${query}`, "audit-log.csv"));
  }

  return (
    <div className="mt-4 flex flex-wrap items-end gap-2" role="group" aria-label="Filters">
      <label className="sr-only" htmlFor="audit-action">
        Action
      </label>
      <select id="audit-action" className={select} value={field("action")} onChange={(e) => set("action", e.target.value)}>
        <option value="">All actions</option>
        {AUDIT_ACTIONS.map((each) => (
          <option key={each} value={each}>
            {each}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="audit-actor">
        Actor
      </label>
      <select id="audit-actor" className={select} value={field("actorId")} onChange={(e) => set("actorId", e.target.value)}>
        <option value="">Anyone</option>
        {actors.map((actor) => (
          <option key={actor.id} value={actor.id}>
            {actor.name}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor="audit-key">
        Key
      </label>
      <select id="audit-key" className={select} value={field("targetId")} onChange={(e) => set("targetId", e.target.value)}>
        <option value="">Any key or target</option>
        {keys.map((key) => (
          <option key={key.id} value={key.id}>
            {key.name}
          </option>
        ))}
      </select>
      <label className="text-sm text-slate-700" htmlFor="audit-from">
        From
      </label>
      <input id="audit-from" type="date" className={select} value={field("from")} onChange={(e) => set("from", e.target.value)} />
      <label className="text-sm text-slate-700" htmlFor="audit-to">
        to
      </label>
      <input id="audit-to" type="date" className={select} value={field("to")} onChange={(e) => set("to", e.target.value)} />
      <button type="button" className={`${button.secondary} sm:ml-auto`} onClick={download}>
        Download CSV
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
