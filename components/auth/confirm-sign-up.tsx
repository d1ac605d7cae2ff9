"use client";
import { useState } from "react";
import Link from "next/link";
import type { SignUpResult } from "@/lib/auth/schemas";
import { apiRequest } from "@/lib/client/api";
import { button } from "../ui/styles";

export function ConfirmSignUp({ token }: { token: string }) {
  const [state, setState] = useState<
    { kind: "idle" | "pending" } | { kind: "done"; slug: string } | { kind: "error"; message: string }
  >({
    kind: "idle",
  });
  if (state.kind === "done") {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p>Your account and workspace are ready.</p>
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(`/w/${state.slug}/settings/api-keys`)}`}
          className={`${button.primary} w-full justify-center`}
        >
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {state.kind === "error" ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {state.message}
        </p>
      ) : null}
      <button
        type="button"
        className={`${button.primary} w-full`}
        disabled={state.kind === "pending"}
        onClick={async () => {
          setState({ kind: "pending" });
          const result = await apiRequest<SignUpResult>("POST", "/api/auth/sign-up/confirm", { body: { token } });
          setState(
            result.ok ? { kind: "done", slug: result.data.workspace.slug } : { kind: "error", message: result.error.message },
          );
        }}
      >
        {state.kind === "pending" ? "Creating…" : "Create my account"}
      </button>
    </div>
  );
}
