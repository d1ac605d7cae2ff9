"use client";
// Settings → Key policy: every rule with a sentence saying what it does. Everyone in the workspace can
// read it (the create form follows it); owners and admins change it. Validated with the API's schema.
import { useId, useState } from "react";
import { z } from "zod";
import { keyPolicySchema, type KeyPolicy } from "@/lib/key-policy/schemas";
import { managementApi } from "@/lib/client/api";
import { button, card, fieldError, input, label } from "../ui/styles";

type Field = keyof KeyPolicy;
type Draft = Record<Field, string | boolean>;

const NUMBER_FIELDS = ["maxKeysPerMember", "maxLifetimeDays", "defaultExpiryDays", "idleDisableDays"] as const;

function toDraft(policy: KeyPolicy): Draft {
  return {
    ...policy,
    ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, policy[field] === null ? "" : String(policy[field])])),
    allowedIps: policy.allowedIps.join("\n"),
  } as unknown as Draft;
}

function fromDraft(draft: Draft): unknown {
  return {
    ...draft,
    ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, draft[field] === "" ? null : Number(draft[field])])),
    allowedIps: String(draft.allowedIps)
      .split(/[\s,]+/)
      .filter(Boolean),
  };
}

export function KeyPolicyForm(props: {
  workspaceId: string;
  canManage: boolean;
  planName: string;
  planKeyLimit: number;
  initial: KeyPolicy;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(toDraft(props.initial));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (field: Field, value: string | boolean) => setDraft((current) => ({ ...current, [field]: value }));
  const disabled = !props.canManage;

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const parsed = keyPolicySchema.safeParse(fromDraft(draft));
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      setErrors(Object.fromEntries(Object.entries(flat).map(([field, list]) => [field, list?.[0]])));
      return;
    }
    setErrors({});
    setSaving(true);
    const result = await managementApi<KeyPolicy>(props.workspaceId, "PUT", "/api/workspace/key-policy", fromDraft(draft));
    setSaving(false);
    if (result.ok) {
      setDraft(toDraft(result.data));
      setMessage({ kind: "ok", text: "The key policy was saved. It applies to every key from the next request." });
    } else {
      const fields = result.error.details?.fieldErrors ?? {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([field, list]) => [field, list[0]])));
      setMessage({ kind: "error", text: result.error.message });
    }
  }

  const number = (field: (typeof NUMBER_FIELDS)[number], title: string, sentence: string, range: string) => (
    <div>
      <label htmlFor={`${id}-${field}`} className={label}>
        {title}
      </label>
      <input
        id={`${id}-${field}`}
        name={field}
        inputMode="numeric"
        className={`${input} mt-1 w-32`}
        placeholder="No limit"
        value={String(draft[field])}
        disabled={disabled}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={`${id}-${field}-hint`}
        onChange={(event) => set(field, event.target.value.trim())}
      />
      <p id={`${id}-${field}-hint`} className={errors[field] ? fieldError : "mt-1 text-xs text-slate-600"}>
        {errors[field] ?? `${sentence} ${range}`}
      </p>
    </div>
  );
  const toggle = (field: "memberKeyCreation" | "requireExpiry", title: string, sentence: string) => (
    <label className="flex items-start gap-3 text-sm text-slate-900">
      <input
        type="checkbox"
        name={field}
        className="mt-1"
        checked={Boolean(draft[field])}
        disabled={disabled}
        onChange={(event) => set(field, event.target.checked)}
      />
      <span>
        <span className="font-medium">{title}</span>
        <span className="block text-xs text-slate-600">{sentence}</span>
      </span>
    </label>
  );

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Key policy</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Rules every API key of this workspace follows.{" "}
        {props.canManage
          ? "Changes apply to every key, on every server, from the next request."
          : "Only owners and admins change them."}
      </p>
      <div
        role="status"
        aria-live="polite"
        className={`mt-4 min-h-6 text-sm ${message?.kind === "error" ? "text-red-700" : "text-green-800"}`}
      >
        {message?.text}
      </div>
      <form onSubmit={save} noValidate aria-label="Key policy" className={`${card} mt-2 max-w-2xl space-y-6 p-6`}>
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold text-slate-900">Who may create keys</legend>
          {toggle(
            "memberKeyCreation",
            "Members may create keys",
            "Off: only owners and admins create keys. Members can still rotate keys they already hold; viewers never create keys.",
          )}
          {number(
            "maxKeysPerMember",
            "Keys per member",
            `Active personal keys each person may hold. Empty: the ${props.planName} plan's limit.`,
            `1 to ${props.planKeyLimit}. Lowering it blocks no existing key; new ones wait until a member is under it.`,
          )}
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold text-slate-900">Expiry</legend>
          {toggle(
            "requireExpiry",
            "Every key must expire",
            "New keys need an expiry date. Existing keys without one are blocked (not revoked) until someone sets one.",
          )}
          {number(
            "maxLifetimeDays",
            "Maximum lifetime (days)",
            "The furthest ahead a key's expiry may be. Keys that expire later are blocked until their expiry is brought forward.",
            "1 to 3650; GitHub's default is 366.",
          )}
          {number(
            "defaultExpiryDays",
            "Default expiry (days)",
            "Preselected in the create form, and applied when an API call names no expiry.",
            "1 to 3650, within the maximum lifetime.",
          )}
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold text-slate-900">Where keys may be used from</legend>
          <div>
            <label htmlFor={`${id}-allowedIps`} className={label}>
              Allowed IP addresses
            </label>
            <textarea
              id={`${id}-allowedIps`}
              name="allowedIps"
              rows={3}
              className={`${input} mt-1 font-mono`}
              placeholder={"203.0.113.0/24\n2001:db8::/32"}
              value={String(draft.allowedIps)}
              disabled={disabled}
              aria-invalid={errors.allowedIps ? true : undefined}
              aria-describedby={`${id}-allowedIps-hint`}
              onChange={(event) => set("allowedIps", event.target.value)}
            />
            <p id={`${id}-allowedIps-hint`} className={errors.allowedIps ? fieldError : "mt-1 text-xs text-slate-600"}>
              {errors.allowedIps ??
                "Every key of the workspace works only from these addresses or CIDR ranges (IPv4 or IPv6), on top of a key's own list. Empty: anywhere."}
            </p>
          </div>
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold text-slate-900">Housekeeping</legend>
          {number(
            "idleDisableDays",
            "Disable keys unused for (days)",
            "A key nobody has used for this long is disabled automatically. Empty: never.",
            "7 to 365.",
          )}
          <div>
            <label htmlFor={`${id}-leakedKeyAction`} className={label}>
              When a key is reported as leaked
            </label>
            <select
              id={`${id}-leakedKeyAction`}
              name="leakedKeyAction"
              className={`${input} mt-1 w-auto`}
              value={String(draft.leakedKeyAction)}
              disabled={disabled}
              onChange={(event) => set("leakedKeyAction", event.target.value)}
            >
              <option value="revoke">Revoke it at once</option>
              <option value="disable">Disable it, so an admin can look first</option>
            </select>
          </div>
        </fieldset>
        {props.canManage ? (
          <div className="flex justify-end">
            <button type="submit" className={button.primary} disabled={saving}>
              {saving ? "Saving…" : "Save policy"}
            </button>
          </div>
        ) : null}
      </form>
    </div>
  );
}
