"use client";
// The fields of a webhook endpoint: URL, description and the events it receives, by checkbox in
// groups. Validated with the API's own schema before it is sent; the API's field errors show here too.
import { useId, useState } from "react";
import { z } from "zod";
import { createWebhookSchema, WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/webhooks/schemas";
import { button, fieldError, input, label } from "../ui/styles";

export interface WebhookDraft {
  url: string;
  description: string;
  events: WebhookEventType[];
}

const GROUPS: { title: string; prefix: string }[] = [
  { title: "API keys", prefix: "api_key." },
  { title: "Members", prefix: "member." },
  { title: "Key policy", prefix: "key_policy." },
];

export function WebhookForm({
  initial,
  submitLabel,
  busy,
  serverErrors,
  onSubmit,
  onCancel,
}: {
  initial: WebhookDraft;
  submitLabel: string;
  busy: boolean;
  serverErrors: Record<string, string[] | undefined>;
  onSubmit: (draft: WebhookDraft) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const shown = { ...serverErrors, ...errors };

  const toggle = (type: WebhookEventType, on: boolean) =>
    setDraft((current) => ({
      ...current,
      events: on ? [...current.events, type] : current.events.filter((each) => each !== type),
    }));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = createWebhookSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
      return;
    }
    setErrors({});
    onSubmit(draft);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <div>
        <label htmlFor={`${id}-url`} className={label}>
          Endpoint URL
        </label>
        <input
          id={`${id}-url`}
          className={`${input} mt-1`}
          value={draft.url}
          placeholder="https://example.com/webhooks/keyward"
          aria-invalid={Boolean(shown.url)}
          aria-describedby={`${id}-url-help`}
          onChange={(event) => setDraft({ ...draft, url: event.target.value })}
        />
        <p id={`${id}-url-help`} className="mt-1 text-xs text-slate-600">
          https only, on a public address. Keyward never follows redirects.
        </p>
        {shown.url ? <p className={fieldError}>{shown.url[0]}</p> : null}
      </div>
      <div>
        <label htmlFor={`${id}-description`} className={label}>
          Description <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          className={`${input} mt-1`}
          value={draft.description}
          maxLength={200}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
      </div>
      <fieldset>
        <legend className={label}>Events</legend>
        <div className="mt-1 flex flex-wrap gap-2 text-sm">
          <button
            type="button"
            className={button.ghost}
            onClick={() =>
              setDraft({
                ...draft,
                events: WEBHOOK_EVENTS.map((event) => event.type).filter((type) => type !== "ping"),
              })
            }
          >
            Select all
          </button>
          <button type="button" className={button.ghost} onClick={() => setDraft({ ...draft, events: [] })}>
            Clear
          </button>
        </div>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          {GROUPS.map((group) => (
            <div key={group.prefix}>
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{group.title}</p>
              <ul className="mt-1 space-y-1">
                {WEBHOOK_EVENTS.filter((event) => event.type.startsWith(group.prefix)).map((event) => (
                  <li key={event.type}>
                    <label className="flex items-start gap-2 text-sm text-slate-800">
                      <input
                        type="checkbox"
                        className="mt-0.5 h-4 w-4 rounded border-slate-400"
                        checked={draft.events.includes(event.type)}
                        onChange={(change) => toggle(event.type, change.target.checked)}
                      />
                      <span>
                        <code className="font-mono text-xs">{event.type}</code>
                        <span className="block text-xs text-slate-600">{event.description}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        {shown.events ? <p className={fieldError}>{shown.events[0]}</p> : null}
      </fieldset>
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={button.secondary} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={button.primary} disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
