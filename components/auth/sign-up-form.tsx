"use client";
// Sign-up, two ways: open sign-up (the account is created when the emailed link is followed, so the
// form ends with "check your email"), or through an invitation link (the email is the invitation's;
// the account is created at once, joined to the workspace, and signed in).
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { z } from "zod";
import {
  invitationSignUpSchema,
  PASSWORD_MIN_LENGTH,
  signUpSchema,
  type SignUpAccepted,
  type SignUpResult,
} from "@/lib/auth/schemas";
import { apiRequest, type ApiResult } from "@/lib/client/api";
import { button, fieldError, input, label } from "../ui/styles";

const FIELDS = [
  { name: "name", label: "Your name", type: "text", autoComplete: "name" },
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "password", label: `Password (${PASSWORD_MIN_LENGTH}+ characters)`, type: "password", autoComplete: "new-password" },
  { name: "workspaceName", label: "Workspace name", type: "text", autoComplete: "organization" },
] as const;

type Invitation = { token: string; email: string };

export function SignUpForm({ invitation }: { invitation?: Invitation }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const fields = invitation ? FIELDS.filter((field) => field.name === "name" || field.name === "password") : FIELDS;

  if (sentTo) {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700" data-testid="sign-up-sent">
        <p className="font-medium text-slate-900">Check your email</p>
        <p>
          We sent a link to <strong>{sentTo}</strong>. Follow it within 24 hours to create your account and workspace, then sign
          in.
        </p>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        const parsed = (invitation ? invitationSignUpSchema : signUpSchema).safeParse(values);
        if (!parsed.success) {
          const flat = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
          setErrors(Object.fromEntries(Object.entries(flat).map(([key, list]) => [key, list?.[0]])));
          return;
        }
        setErrors({});
        setPending(true);
        const result: ApiResult<SignUpAccepted | SignUpResult> = invitation
          ? await apiRequest<SignUpResult>("POST", `/api/invitations/${invitation.token}/sign-up`, { body: parsed.data })
          : await apiRequest<SignUpAccepted>("POST", "/api/auth/sign-up", { body: parsed.data });
        if (!result.ok) {
          setPending(false);
          setFormError(result.error.message);
          const fieldErrors = result.error.details?.fieldErrors ?? {};
          setErrors(Object.fromEntries(Object.entries(fieldErrors).map(([key, list]) => [key, list[0]])));
          return;
        }
        if ("status" in result.data) {
          setSentTo(result.data.email);
          return;
        }
        await signIn("credentials", { email: invitation!.email, password: values.password, redirect: false });
        router.push(`/w/${result.data.workspace.slug}/settings/api-keys`);
        router.refresh();
      }}
    >
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {formError}
        </p>
      ) : null}
      {invitation ? (
        <p className="text-sm text-slate-700">
          Your account will be <strong>{invitation.email}</strong>.
        </p>
      ) : null}
      {fields.map((field) => (
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
        {pending ? "Creating…" : invitation ? "Create account and join" : "Create account and workspace"}
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
