"use client";
// Create or edit a key: name, scopes, and (on create) expiry. Validated with the API's own zod schema
// before sending; the API's answer (limit reached, plan, subset) shows in the form too.
import { useId, useState } from "react";
import { z } from "zod";
import { createApiKeySchema, updateApiKeySchema, API_KEY_NAME_MAX } from "@/lib/api-keys/schemas";
import type { Permission } from "@/lib/permissions";
import type { ApiErrorBody } from "@/lib/client/api";
import { ScopeMatrix } from "./scope-matrix";
import { button, fieldError, input, label } from "../ui/styles";

type Expiry = "never" | "30" | "60" | "90" | "custom";
type FieldErrors = Partial<Record<"name" | "permissions" | "expiresAt", string>>;

export interface KeyFormValues {
  name: string;
  permissions: Permission[];
  expiresAt?: string | null;
}

function expiryDate(choice: Expiry, custom: string): string | null | "invalid" {
  if (choice === "never") return null;
  if (choice === "custom") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(custom)) return "invalid";
    // The key works through the whole chosen day, in the admin's time zone.
    return new Date(`${custom}T23:59:59.999`).toISOString();
  }
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

export function KeyForm({
  mode,
  initial,
  held,
  roleLabel,
  onSubmit,
  onCancel,
}: {
  mode: "create" | "edit";
  initial?: { name: string; permissions: Permission[] };
  held: Set<Permission>;
  roleLabel: string;
  onSubmit: (values: KeyFormValues) => Promise<ApiErrorBody | null>;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? "");
  const [scopes, setScopes] = useState<Set<Permission>>(new Set(initial?.permissions ?? []));
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [customDate, setCustomDate] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    const expiresAt = mode === "create" ? expiryDate(expiry, customDate) : undefined;
    const body = { name, permissions: [...scopes], ...(mode === "create" ? { expiresAt } : {}) };
    const schema: z.ZodType = mode === "create" ? createApiKeySchema : updateApiKeySchema;
    const parsed = schema.safeParse(expiresAt === "invalid" ? { ...body, expiresAt: "" } : body);
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      setErrors({
        name: flat.name?.[0],
        permissions: flat.permissions?.[0],
        expiresAt: expiresAt === "invalid" ? "Choose a date" : flat.expiresAt?.[0],
      });
      return;
    }
    setErrors({});
    setSubmitting(true);
    const error = await onSubmit(body as KeyFormValues);
    setSubmitting(false);
    if (error) {
      const fields = error.details?.fieldErrors ?? {};
      setErrors({ name: fields.name?.[0], permissions: fields.permissions?.[0], expiresAt: fields.expiresAt?.[0] });
      setFormError(error.message);
    }
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={mode === "create" ? "Create API key" : "Edit API key"}>
      {formError ? (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200" data-testid="form-error">
          {formError}
        </div>
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

      {mode === "create" ? (
        <fieldset>
          <legend className={label}>Expiration</legend>
          <div className="mt-1 flex flex-wrap items-center gap-3">
            <select
              aria-label="Expiration"
              className={`${input} w-auto`}
              value={expiry}
              onChange={(event) => setExpiry(event.target.value as Expiry)}
            >
              <option value="never">Never expires</option>
              <option value="30">30 days</option>
              <option value="60">60 days</option>
              <option value="90">90 days</option>
              <option value="custom">Custom date</option>
            </select>
            {expiry === "custom" ? (
              <input
                type="date"
                aria-label="Expiration date"
                className={`${input} w-auto`}
                min={today}
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
          ) : null}
        </fieldset>
      ) : null}

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
