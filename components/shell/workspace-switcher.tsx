"use client";
// Switching workspace navigates to the same page of the other workspace: the URL names it.
import { usePathname, useRouter } from "next/navigation";
import type { WorkspaceMembershipView } from "@/lib/workspaces/schemas";

export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: WorkspaceMembershipView;
  workspaces: WorkspaceMembershipView[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="block">
      <span className="sr-only">Workspace</span>
      <select
        data-testid="workspace-switcher"
        className="block w-full rounded-md border-0 bg-slate-50 py-2 pl-3 pr-8 text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        value={current.slug}
        onChange={(event) => {
          const rest = pathname.split("/").slice(3);
          // A key's detail page does not exist in the other workspace: go to its list instead.
          const page = rest[0] === "settings" && rest[1] === "api-keys" ? "settings/api-keys" : rest.join("/");
          router.push(`/w/${event.target.value}/${page || "settings/api-keys"}`);
        }}
      >
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.slug}>
            {workspace.name}
          </option>
        ))}
      </select>
    </label>
  );
}
