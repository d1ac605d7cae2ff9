"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiRequest } from "@/lib/client/api";
import { button } from "../ui/styles";

export function AcceptInvitation({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="mt-4 space-y-3">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className={`${button.primary} w-full`}
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const result = await apiRequest<{ workspace: { slug: string } }>("POST", `/api/invitations/${token}/accept`);
          setPending(false);
          if (!result.ok) return setError(result.error.message);
          router.push(`/w/${result.data.workspace.slug}/settings/api-keys`);
          router.refresh();
        }}
      >
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </div>
  );
}
