"use client";
// Create or edit a key: owner (on create, for those who may make workspace keys), name, description, scopes,
// allowed IPs and expiry. The expiry choices follow the workspace's key policy (preselected default,
// "never" only when allowed, custom dates capped by the maximum lifetime). Validated with the API's
// own zod schemas before sending; the API's answer (limit reached, plan, subset, policy) shows too.
import { useId, useState } from "react";
import { z } from "zod";
import {
  allowedIpsSchema,
  createApiKeySchema,
  updateApiKeySchema,
  API_KEY_NAME_MAX,
  API_KEY_DESCRIPTION_MAX,
  type ApiKeyOwner,
} from "@/lib/api-keys/schemas";
import type { KeyPolicy } from "@/lib/key-policy/schemas";
import type { Permission } from "@/lib/permissions";
import type { ApiErrorBody } from "@/lib/client/api";
import { ScopeMatrix } from "./scope-matrix";
import { button, fieldError, input, label } from "../ui/styles";

/** "keep" (edit only): leave the expiry as it is; a number: that many days from now. */
type Expiry = "keep" | "never" | "custom" | `${number}`;
type FieldErrors = Partial<Record<"name" | "description" | "permissions" | "expiresAt" | "allowedIps", string>>;

export interface KeyFormValues {
  name: string;
  description: string;
  permissions: Permission[];
  expiresAt?: string | null;
  owner?: ApiKeyOwner;
  allowedIps: string[];
}

const DAY_MS = 86_400_000;

function expiryDate(choice: Expiry, custom: string): string | null | undefined | "invalid" {
  if (choice === "keep") return undefined;
  if (choice === "never") return null;
  if (choice === "custom") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(custom)) return "invalid";
    // The key works through the whole chosen day, in the admin's time zone.
    return new Date(`${custom}T23:59:59.999`).toISOString();
  }
  return new Date(Date.now() + Number(choice) * DAY_MS).toISOString();
}

/** The expiry choices the policy allows, and the one preselected. */
function expiryChoices(policy: KeyPolicy, mode: "create" | "edit", fixExpiry: boolean) {
  const cap = policy.maxLifetimeDays;
  const days = [...new Set([30, 60, 90, policy.defaultExpiryDays ?? 30, ...(cap ? [cap] : [])])]
    .filter((each) => cap === null || each <= cap)
    .sort((a, b) => a - b);
  const neverAllowed = !policy.requireExpiry && cap === null;
  const choices: { value: Expiry; label: string }[] = [
    ...(mode === "edit" ? [{ value: "keep" as Expiry, label: "Keep the current expiry" }] : []),
    ...(neverAllowed ? [{ value: "never" as Expiry, label: "Never expires" }] : []),
    ...days.map((each) => ({ value: String(each) as Expiry, label: `${each} days` })),
    { value: "custom", label: "Custom date" },
  ];
  const preset: Expiry =
    mode === "edit" && !fixExpiry
      ? "keep"
      : policy.defaultExpiryDays
        ? (String(policy.defaultExpiryDays) as Expiry)
        : neverAllowed && mode === "create"
          ? "never"
          : (String(days[0] ?? 30) as Expiry);
  return { choices, preset };
}

/** Entries typed one per line (or separated by commas or spaces). */
const ipEntries = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function ipError(text: string): string | undefined {
  const parsed = allowedIpsSchema.safeParse(ipEntries(text));
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join("; ");
}

export function KeyForm({
  mode,
  initial,
  held,
  roleLabel,
  policy,
  canCreateWorkspaceKeys = false,
  fixExpiry = false,
  onSubmit,
  onCancel,
}: {
  mode: "create" | "edit";
  initial?: {
    name: string;
    description: string | null;
    permissions: Permission[];
    allowedIps: string[];
    owner: ApiKeyOwner;
    expiresAt: string | null;
  };
  held: Set<Permission>;
  roleLabel: string;
  policy: KeyPolicy;
  canCreateWorkspaceKeys?: boolean;
  /** Opened from a policy block: the expiry is what needs changing. */
  fixExpiry?: boolean;
  onSubmit: (values: KeyFormValues) => Promise<ApiErrorBody | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const { choices, preset } = expiryChoices(policy, mode, fixExpiry);
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [owner, setOwner] = useState<ApiKeyOwner>(initial?.owner ?? "user");
  const [scopes, setScopes] = useState<Set<Permission>>(new Set(initial?.permissions ?? []));
  const [ips, setIps] = useState((initial?.allowedIps ?? []).join("\n"));
  const [expiry, setExpiry] = useState<Expiry>(preset);
  const [customDate, setCustomDate] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    const expiresAt = expiryDate(expiry, customDate);
    const body = {
      name,
      // As typed: the schema trims it, and a blank one means none.
      description,
      permissions: [...scopes],
      allowedIps: ipEntries(ips),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(mode === "create" && canCreateWorkspaceKeys ? { owner } : {}),
    };
    const schema: z.ZodType = mode === "create" ? createApiKeySchema : updateApiKeySchema;
    const parsed = schema.safeParse(expiresAt === "invalid" ? { ...body, expiresAt: "" } : body);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      setErrors({
        name: flat.name?.[0],
        description: flat.description?.[0],
        permissions: flat.permissions?.[0],
        expiresAt: expiresAt === "invalid" ? "Choose a date" : flat.expiresAt?.[0],
        allowedIps: ipError(ips),
      });
      return;
    }
    setErrors({});
    setSubmitting(true);
    const error = await onSubmit(body as KeyFormValues);
    setSubmitting(false);
    if (error) {
      const fields = error.details?.fieldErrors ?? {};
      setErrors({
        name: fields.name?.[0],
        description: fields.description?.[0],
        permissions: fields.permissions?.[0],
        expiresAt: fields.expiresAt?.[0],
        allowedIps: fields.allowedIps?.[0],
      });
      setFormError(error.message);
    }
  }

  const today = new Date().toISOString().slice(0, 10);
  // Today's date plus the policy's maximum lifetime, as the custom date's upper bound.
  const latest = policy.maxLifetimeDays
    ? new Date(new Date(today).getTime() + policy.maxLifetimeDays * DAY_MS).toISOString().slice(0, 10)
    : undefined;
  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={mode === "create" ? "Create API key" : "Edit API key"}>
      {formError ? (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200" data-testid="form-error">
          {formError}
        </div>
      ) : null}
      {mode === "create" && canCreateWorkspaceKeys ? (
        <fieldset>
          <legend className={label}>Owner</legend>
          <div className="mt-2 space-y-2">
            {(
              [
                ["user", "You", "Acts with at most your permissions, and stops working if you leave the workspace."],
                ["workspace", "This workspace", "A service key: tied to no member, so it keeps working when people leave."],
              ] as const
            ).map(([value, title, hint]) => (
              <label key={value} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name={`${id}-owner`}
                  value={value}
                  checked={owner === value}
                  onChange={() => setOwner(value)}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium">{title}</span>
                  <span className="block text-xs text-slate-600">{hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div>
        <label htmlFor={`${id}-name`} className={label}>
          Token name
        </label>
        <input
          id={`${id}-name`}
          name="name"
          className={`${input} mt-1`}
          placeholder="Airflow - Production"
          value={name}
          maxLength={API_KEY_NAME_MAX + 50}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : `${id}-name-hint`}
          onChange={(event) => setName(event.target.value)}
        />
        {errors.name ? (
          <p id={`${id}-name-error`} className={fieldError}>
            {errors.name}
          </p>
        ) : (
          <p id={`${id}-name-hint`} className="mt-1 text-xs text-slate-600">
            Name it after what will use it, so you know what breaks if you revoke it.
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-description`} className={label}>
          Description <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea
          id={`${id}-description`}
          name="description"
          rows={2}
          className={`${input} mt-1`}
          placeholder="Nightly sync from Airflow; ask #data-eng before revoking"
          value={description}
          maxLength={API_KEY_DESCRIPTION_MAX + 50}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? `${id}-description-error` : undefined}
          onChange={(event) => setDescription(event.target.value)}
        />
        {errors.description ? (
          <p id={`${id}-description-error`} className={fieldError}>
            {errors.description}
          </p>
        ) : null}
      </div>

      <fieldset>
        <legend className={label}>Scopes</legend>
        <div className="mt-1">
          <ScopeMatrix
            value={scopes}
            onChange={setScopes}
            held={held}
            roleLabel={roleLabel}
            invalid={Boolean(errors.permissions)}
            describedBy={errors.permissions ? `${id}-scopes-error` : undefined}
          />
        </div>
        {errors.permissions ? (
          <p id={`${id}-scopes-error`} className={fieldError}>
            {errors.permissions}
          </p>
        ) : null}
      </fieldset>

      <div>
        <label htmlFor={`${id}-ips`} className={label}>
          Allowed IP addresses <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea
          id={`${id}-ips`}
          name="allowedIps"
          rows={2}
          className={`${input} mt-1 font-mono`}
          placeholder={"203.0.113.0/24\n2001:db8::/32"}
          value={ips}
          aria-invalid={errors.allowedIps ? true : undefined}
          aria-describedby={errors.allowedIps ? `${id}-ips-error` : `${id}-ips-hint`}
          onChange={(event) => {
            setIps(event.target.value);
            if (errors.allowedIps) setErrors({ ...errors, allowedIps: ipError(event.target.value) });
          }}
          onBlur={() => setErrors({ ...errors, allowedIps: ipError(ips) })}
        />
        {errors.allowedIps ? (
          <p id={`${id}-ips-error`} className={fieldError}>
            {errors.allowedIps}
          </p>
        ) : (
          <p id={`${id}-ips-hint`} className="mt-1 text-xs text-slate-600">
            Addresses or CIDR ranges, IPv4 or IPv6, one per line. Empty: any address
            {policy.allowedIps.length > 0 ? ` within the workspace's own list (${policy.allowedIps.join(", ")})` : ""}.
          </p>
        )}
      </div>

      <fieldset>
        <legend className={label}>Expiration</legend>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <select
            aria-label="Expiration"
            className={`${input} w-auto`}
            value={expiry}
            onChange={(event) => setExpiry(event.target.value as Expiry)}
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          {expiry === "custom" ? (
            <input
              type="date"
              aria-label="Expiration date"
              className={`${input} w-auto`}
              min={today}
              max={latest}
              value={customDate}
              aria-invalid={errors.expiresAt ? true : undefined}
              aria-describedby={errors.expiresAt ? `${id}-expiry-error` : undefined}
              onChange={(event) => setCustomDate(event.target.value)}
            />
          ) : null}
        </div>
        {errors.expiresAt ? (
          <p id={`${id}-expiry-error`} className={fieldError}>
            {errors.expiresAt}
          </p>
        ) : policy.requireExpiry || policy.maxLifetimeDays ? (
          <p className="mt-1 text-xs text-slate-600">
            The workspace&apos;s key policy
            {policy.maxLifetimeDays
              ? ` lets keys expire at most ${policy.maxLifetimeDays} days ahead`
              : " requires an expiry date"}
            .
            {mode === "edit" && initial
              ? ` Now: ${initial.expiresAt ? new Date(initial.expiresAt).toLocaleDateString() : "never"}.`
              : ""}
          </p>
        ) : null}
      </fieldset>

      <div className="flex justify-end gap-3 pt-2">
        <button type="button" className={button.secondary} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={button.primary} disabled={submitting}>
          {submitting ? "Saving…" : mode === "create" ? "Create API key" : "Save changes"}
        </button>
      </div>
    </form>
  );
}
