"use client";
// One endpoint: its settings and actions (send test event, rotate secret, disable/enable, edit,
// delete) and its delivery log, newest first, each delivery opening to the exact body sent, the
// answer (status, body excerpt, duration), the attempts, and a Redeliver button.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { managementApi, type ApiResult } from "@/lib/client/api";
import type { WebhookDeliveryView, WebhookView, WebhookWithSecret } from "@/lib/webhooks/schemas";
import { DialogClose, DialogContent, DialogRoot } from "../ui/dialog";
import { button, card } from "../ui/styles";
import { absoluteTime, relativeTime } from "../ui/format";
import { WebhookForm, type WebhookDraft } from "./webhook-form";
import { SecretDialog } from "./secret-dialog";
import { endpointState } from "./webhooks-manager";

const DELIVERY_TONES: Record<WebhookDeliveryView["status"], string> = {
  delivered: "bg-green-50 text-green-800 ring-green-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function WebhookDetail(props: {
  workspaceId: string;
  slug: string;
  endpoint: WebhookView;
  deliveries: { data: WebhookDeliveryView[]; nextCursor: string | null };
}) {
  const router = useRouter();
  const [endpoint, setEndpoint] = useState(props.endpoint);
  const [deliveries, setDeliveries] = useState(props.deliveries.data);
  const [cursor, setCursor] = useState(props.deliveries.nextCursor);
  const [running, setRunning] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [deleting, setDeleting] = useState(false);
  const base = `/api/webhooks/${endpoint.id}`;
  const api = <T,>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) =>
    managementApi<T>(props.workspaceId, method, path, body);

  async function run<T>(name: string, action: () => Promise<ApiResult<T>>, done: (data: T) => string) {
    setRunning(name);
    setMessage(null);
    const result = await action();
    setRunning(null);
    setMessage(result.ok ? { kind: "ok", text: done(result.data) } : { kind: "error", text: result.error.message });
    return result;
  }

  const upsertDelivery = (delivery: WebhookDeliveryView) =>
    setDeliveries((current) => [delivery, ...current.filter((each) => each.id !== delivery.id)]);

  const sendTest = () =>
    run(
      "test",
      () => api<WebhookDeliveryView>("POST", `${base}/test`),
      (delivery) => {
        upsertDelivery(delivery);
        return delivery.status === "delivered"
          ? `Test event delivered: the endpoint answered ${delivery.response?.status}.`
          : `Test event not delivered: ${delivery.error ?? "no answer"}.`;
      },
    );
  const rotate = () =>
    run(
      "rotate",
      () => api<WebhookWithSecret>("POST", `${base}/rotate-secret`),
      (rotated) => {
        const { secret: fresh, ...view } = rotated;
        setEndpoint(view);
        setSecret(fresh);
        return "A new signing secret was made; the old one signs too for 24 hours.";
      },
    );
  const toggle = () =>
    run(
      "toggle",
      () => api<WebhookView>("PATCH", base, { enabled: !endpoint.enabled }),
      (view) => {
        setEndpoint(view);
        return view.enabled ? "Endpoint enabled." : "Endpoint disabled: no new events are queued for it.";
      },
    );
  const redeliver = (delivery: WebhookDeliveryView) =>
    run(
      `redeliver-${delivery.id}`,
      () => api<WebhookDeliveryView>("POST", `${base}/deliveries/${delivery.id}/redeliver`),
      (again) => {
        upsertDelivery(again);
        return again.status === "delivered" ? "Redelivered." : `Redelivery failed: ${again.error ?? "no answer"}.`;
      },
    );
  const loadMore = () =>
    run(
      "more",
      () => api<{ data: WebhookDeliveryView[]; nextCursor: string | null }>("GET", `${base}/deliveries?cursor=${cursor}`),
      (page) => {
        setDeliveries((current) => [...current, ...page.data]);
        setCursor(page.nextCursor);
        return `${page.data.length} more deliveries loaded.`;
      },
    );

  async function save(draft: WebhookDraft) {
    const result = await run(
      "save",
      () => api<WebhookView>("PATCH", base, { url: draft.url, events: draft.events, description: draft.description }),
      (view) => {
        setEndpoint(view);
        setEditing(false);
        return "Endpoint saved.";
      },
    );
    if (!result.ok) setErrors(result.error.details?.fieldErrors ?? {});
  }

  async function remove() {
    const result = await api("DELETE", base);
    if (result.ok) router.push(`/w/${props.slug}/settings/webhooks`);
    else setMessage({ kind: "error", text: result.error.message });
  }

  const state = endpointState(endpoint);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/w/${props.slug}/settings/webhooks`} className="text-sm text-indigo-700 hover:underline">
          ← Webhooks
        </Link>
        <h1 className="mt-2 break-all font-mono text-lg font-semibold text-slate-900">{endpoint.url}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <span className={`mr-2 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${state.tone}`}>
            {state.text}
          </span>
          {endpoint.description || "No description"} · {endpoint.events.length} events
          {endpoint.previousSecretUntil
            ? ` · the previous secret signs too until ${absoluteTime(endpoint.previousSecretUntil)}`
            : ""}
        </p>
        {endpoint.disabledReason ? <p className="mt-2 text-sm text-red-800">{endpoint.disabledReason}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={button.primary} onClick={sendTest} disabled={running !== null}>
          {running === "test" ? "Sending…" : "Send test event"}
        </button>
        <button type="button" className={button.secondary} onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" className={button.secondary} onClick={rotate} disabled={running !== null}>
          {running === "rotate" ? "Rotating…" : "Rotate secret"}
        </button>
        <button type="button" className={button.secondary} onClick={toggle} disabled={running !== null}>
          {endpoint.enabled ? "Disable" : "Enable"}
        </button>
        <button type="button" className={button.danger} onClick={() => setDeleting(true)}>
          Delete
        </button>
      </div>
      <div
        role="status"
        aria-live="polite"
        data-testid="webhook-notice"
        className={`min-h-6 text-sm ${message?.kind === "error" ? "text-red-800" : "text-green-800"}`}
      >
        {message?.text ?? ""}
      </div>
      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="text-lg font-semibold text-slate-900">
          Deliveries
        </h2>
        {deliveries.length === 0 ? (
          <p className={`${card} mt-3 p-4 text-sm text-slate-700`}>Nothing sent yet. Send a test event to try the endpoint.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {deliveries.map((delivery) => (
              <li key={delivery.id} className={card} data-testid="webhook-delivery">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 p-3 text-sm">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${DELIVERY_TONES[delivery.status]}`}
                    >
                      {delivery.status}
                    </span>
                    <code className="font-mono text-xs text-slate-900">{delivery.eventType}</code>
                    <span className="text-slate-600">
                      {delivery.response?.status
                        ? `HTTP ${delivery.response.status}`
                        : delivery.error
                          ? "no answer"
                          : "not sent yet"}
                      {delivery.response?.durationMs !== null && delivery.response ? ` · ${delivery.response.durationMs} ms` : ""}
                      {` · ${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}`}
                    </span>
                    <time
                      className="ml-auto text-xs text-slate-600"
                      dateTime={delivery.createdAt}
                      title={absoluteTime(delivery.createdAt)}
                    >
                      {relativeTime(delivery.createdAt)}
                    </time>
                  </summary>
                  <div className="space-y-3 border-t border-slate-200 p-3 text-sm">
                    <p className="break-all text-xs text-slate-600">
                      webhook-id <code className="font-mono">{delivery.id}</code>
                      {delivery.nextAttemptAt ? ` · next attempt ${relativeTime(delivery.nextAttemptAt)}` : ""}
                    </p>
                    {delivery.error ? <p className="text-red-800">{delivery.error}</p> : null}
                    <div>
                      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Request body</p>
                      <pre
                        tabIndex={0}
                        aria-label="Request body"
                        className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-900"
                      >
                        {prettyJson(delivery.request.body)}
                      </pre>
                    </div>
                    {delivery.response ? (
                      <div>
                        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Response</p>
                        <pre
                          tabIndex={0}
                          aria-label="Response body"
                          className="mt-1 max-h-40 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-900"
                        >
                          {delivery.response.body || "(empty body)"}
                        </pre>
                      </div>
                    ) : null}
                    <button
                      type="button"
                      className={button.secondary}
                      onClick={() => redeliver(delivery)}
                      disabled={running !== null}
                    >
                      {running === `redeliver-${delivery.id}` ? "Redelivering…" : "Redeliver"}
                    </button>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
        {cursor ? (
          <button type="button" className={`${button.secondary} mt-3`} onClick={loadMore} disabled={running !== null}>
            {running === "more" ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </section>
      <DialogRoot open={editing} onOpenChange={setEditing}>
        {editing ? (
          <DialogContent title="Edit endpoint" wide>
            <WebhookForm
              initial={{
                url: endpoint.url,
                description: endpoint.description,
                events: endpoint.events.filter((type) => type !== "ping"),
              }}
              submitLabel="Save"
              busy={running === "save"}
              serverErrors={errors}
              onSubmit={save}
              onCancel={() => setEditing(false)}
            />
          </DialogContent>
        ) : null}
      </DialogRoot>
      <DialogRoot open={deleting} onOpenChange={setDeleting}>
        {deleting ? (
          <DialogContent
            title="Delete this endpoint?"
            description="Its delivery log goes with it; pending deliveries are not sent."
          >
            <div className="flex justify-end gap-2">
              <DialogClose className={button.secondary}>Cancel</DialogClose>
              <button type="button" className={button.danger} onClick={remove}>
                Delete endpoint
              </button>
            </div>
          </DialogContent>
        ) : null}
      </DialogRoot>
      <SecretDialog secret={secret} rotated onClose={() => setSecret(null)} />
    </div>
  );
}
