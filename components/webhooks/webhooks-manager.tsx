"use client";
// Settings → Webhooks: the workspace's endpoints, each with its state, and "Add endpoint". Cards, not a
// table, so every endpoint and its actions fit a phone as well as a wide screen.
import Link from "next/link";
import { useState } from "react";
import { managementApi } from "@/lib/client/api";
import type { WebhookView, WebhookWithSecret } from "@/lib/webhooks/schemas";
import { DialogContent, DialogRoot } from "../ui/dialog";
import { button, card } from "../ui/styles";
import { relativeTime } from "../ui/format";
import { WebhookForm, type WebhookDraft } from "./webhook-form";
import { SecretDialog } from "./secret-dialog";

export function endpointState(endpoint: WebhookView): { text: string; tone: string } {
  if (!endpoint.enabled && endpoint.disabledReason)
    return { text: "Disabled by Keyward", tone: "bg-red-50 text-red-800 ring-red-200" };
  if (!endpoint.enabled) return { text: "Disabled", tone: "bg-slate-100 text-slate-700 ring-slate-300" };
  if (endpoint.failingSince) return { text: "Failing", tone: "bg-amber-50 text-amber-900 ring-amber-200" };
  return { text: "Enabled", tone: "bg-green-50 text-green-800 ring-green-200" };
}

export function WebhooksManager({ workspaceId, slug, initial }: { workspaceId: string; slug: string; initial: WebhookView[] }) {
  const [endpoints, setEndpoints] = useState(initial);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState("");

  async function create(draft: WebhookDraft) {
    setBusy(true);
    setFailure(null);
    const result = await managementApi<WebhookWithSecret>(workspaceId, "POST", "/api/webhooks", {
      url: draft.url,
      events: draft.events,
      ...(draft.description ? { description: draft.description } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.details?.fieldErrors ?? {});
      setFailure(result.error.message);
      return;
    }
    const { secret: created, ...endpoint } = result.data;
    setEndpoints((current) => [...current, endpoint]);
    setAdding(false);
    setErrors({});
    setSecret(created);
    setNotice(`Endpoint ${endpoint.url} added.`);
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Webhooks</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Keyward posts signed events (Standard Webhooks) to these endpoints when keys and members change, before keys expire,
            and when a key is found leaked. Failed deliveries are retried for about 7 hours.
          </p>
        </div>
        <button type="button" className={button.primary} onClick={() => setAdding(true)}>
          Add endpoint
        </button>
      </div>
      <div role="status" aria-live="polite" className="min-h-6 text-sm text-green-800">
        {notice}
      </div>
      {endpoints.length === 0 ? (
        <div className={`${card} p-6 text-sm text-slate-700`}>
          No endpoints yet. Add one to hear about key changes, expiries and leaks as they happen.
        </div>
      ) : (
        <ul className="space-y-3" aria-label="Endpoints">
          {endpoints.map((endpoint) => {
            const state = endpointState(endpoint);
            return (
              <li key={endpoint.id} className={`${card} p-4`} data-testid="webhook-endpoint">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="break-all font-mono text-sm text-slate-900">{endpoint.url}</p>
                    {endpoint.description ? <p className="mt-1 text-sm text-slate-600">{endpoint.description}</p> : null}
                    <p className="mt-2 text-xs text-slate-600">
                      {endpoint.events.length} event{endpoint.events.length === 1 ? "" : "s"} · added{" "}
                      {relativeTime(endpoint.createdAt)}
                      {endpoint.failingSince ? ` · failing since ${relativeTime(endpoint.failingSince)}` : ""}
                    </p>
                    {endpoint.disabledReason ? <p className="mt-1 text-sm text-red-800">{endpoint.disabledReason}</p> : null}
                  </div>
                  <div className="flex items-center gap-3">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${state.tone}`}>
                      {state.text}
                    </span>
                    <Link href={`/w/${slug}/settings/webhooks/${endpoint.id}`} className={button.secondary}>
                      Deliveries & settings<span className="sr-only"> for {endpoint.url}</span>
                    </Link>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <DialogRoot open={adding} onOpenChange={setAdding}>
        {adding ? (
          <DialogContent title="Add a webhook endpoint" wide>
            {failure ? (
              <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
                {failure}
              </p>
            ) : null}
            <WebhookForm
              initial={{ url: "", description: "", events: [] }}
              submitLabel="Add endpoint"
              busy={busy}
              serverErrors={errors}
              onSubmit={create}
              onCancel={() => setAdding(false)}
            />
          </DialogContent>
        ) : null}
      </DialogRoot>
      <SecretDialog secret={secret} rotated={false} onClose={() => setSecret(null)} />
    </div>
  );
}
