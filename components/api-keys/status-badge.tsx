import type { ApiKeyStatus } from "@/lib/api-keys/schemas";

const LOOK: Record<ApiKeyStatus, string> = {
  active: "bg-green-50 text-green-800 ring-green-600/30",
  disabled: "bg-amber-50 text-amber-900 ring-amber-600/30",
  expired: "bg-slate-100 text-slate-700 ring-slate-500/30",
  revoked: "bg-red-50 text-red-800 ring-red-600/30",
};

export function StatusBadge({ status }: { status: ApiKeyStatus }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${LOOK[status]}`}
    >
      {status}
    </span>
  );
}
