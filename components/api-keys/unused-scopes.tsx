"use client";
// A key's page → the scopes it does not use, and one confirmed PATCH that removes them (audited as an
// update of the key). Least privilege, from the scope usage the usage flush keeps.
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { Permission } from "@/lib/permissions";
import type { ApiKeyView, ScopeUsage } from "@/lib/api-keys/schemas";
import { managementApi } from "@/lib/client/api";
import { button } from "../ui/styles";
import { relativeTime } from "../ui/format";

export function UnusedScopes({
  workspaceId,
  keyId,
  permissions,
  usage,
  canChange,
}: {
  workspaceId: string;
  keyId: string;
  permissions: Permission[];
  usage: ScopeUsage;
  canChange: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const unused = usage.unusedPermissions;
  const remaining = permissions.filter((permission) => !unused.includes(permission));
  const lastUse = new Map(usage.data.map((row) => [row.permission, row]));

  async function remove() {
    const result = await managementApi<ApiKeyView>(workspaceId, "PATCH", `/api/api-keys/${keyId}`, { permissions: remaining });
    setConfirming(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.error.message });
    setMessage({ kind: "ok", text: `Removed ${unused.length} unused scopes.` });
    router.refresh();
  }

  return (
    <div className="mt-3" data-testid="unused-scopes">
      <div
        role="status"
        aria-live="polite"
        className={`text-sm ${message?.kind === "error" ? "text-red-700" : "text-green-800"}`}
      >
        {message?.text}
      </div>
      {unused.length === 0 ? (
        <p className="text-sm text-slate-600">Every scope of this key was used in the last 30 days (or the key is new).</p>
      ) : (
        <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-200">
          <p>
            {unused.length} {unused.length === 1 ? "scope was" : "scopes were"} not used in the last 30 days:{" "}
            {unused.map((permission) => {
              const last = lastUse.get(permission)?.lastUsedAt ?? null;
              return (
                <span key={permission} className="mr-2 inline-block font-mono text-xs">
                  {permission} ({last ? `last ${relativeTime(last)}` : "never"})
                </span>
              );
            })}
          </p>
          {canChange && remaining.length > 0 ? (
            confirming ? (
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <span>The key keeps {remaining.join(", ")}. Remove the others?</span>
                <button type="button" className={button.danger} onClick={() => void remove()}>
                  Remove {unused.length} scopes
                </button>
                <button type="button" className={button.secondary} onClick={() => setConfirming(false)}>
                  Keep them
                </button>
              </div>
            ) : (
              <button type="button" className={`${button.secondary} mt-2`} onClick={() => setConfirming(true)}>
                Remove {unused.length} unused {unused.length === 1 ? "scope" : "scopes"}
              </button>
            )
          ) : remaining.length === 0 ? (
            <p className="mt-1">No scope of this key was used: if nothing relies on it, revoke it.</p>
          ) : null}
        </div>
      )}
    </div>
  );
}
