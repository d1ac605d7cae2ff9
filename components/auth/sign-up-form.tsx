"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { z } from "zod";
import { signUpSchema, type SignUpResult } from "@/lib/auth/schemas";
import { apiRequest } from "@/lib/client/api";
import { button, fieldError, input, label } from "../ui/styles";

const FIELDS = [
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "password", label: "Password (10+ characters)", type: "password", autoComplete: "new-password" },
  { name: "workspaceName", label: "Workspace name", type: "text", autoComplete: "organization" },
] as const;

export function SignUpForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        const parsed = signUpSchema.safeParse(values);
        if (!parsed.success) {
          const flat = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
          setErrors(Object.fromEntries(Object.entries(flat).map(([key, list]) => [key, list?.[0]])));
          return;
        }
        setErrors({});
        setPending(true);
        const result = await apiRequest<SignUpResult>("POST", "/api/auth/sign-up", { body: parsed.data });
        if (!result.ok) {
          setPending(false);
          setFormError(result.error.message);
          const fields = result.error.details?.fieldErrors ?? {};
          setErrors(Object.fromEntries(Object.entries(fields).map(([key, list]) => [key, list[0]])));
          return;
        }
        await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
        router.push(`/w/${result.data.workspace.slug}/settings/api-keys`);
        router.refresh();
      }}
    >
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {formError}
        </p>
      ) : null}
      {FIELDS.map((field) => (
        <div key={field.name}>
          <label htmlFor={field.name} className={label}>
            {field.label}
          </label>
          <input
            id={field.name}
            name={field.name}
            type={field.type}
            autoComplete={field.autoComplete}
            className={`${input} mt-1`}
            aria-invalid={errors[field.name] ? true : undefined}
            aria-describedby={errors[field.name] ? `${field.name}-error` : undefined}
          />
          {errors[field.name] ? (
            <p id={`${field.name}-error`} className={fieldError}>
              {errors[field.name]}
            </p>
          ) : null}
        </div>
      ))}
      <button type="submit" className={`${button.primary} w-full`} disabled={pending}>
        {pending ? "Creating…" : "Create account and workspace"}
      </button>
      <p className="text-center text-sm text-slate-600">
        Have an account?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
