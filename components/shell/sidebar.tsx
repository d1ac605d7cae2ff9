import Link from "next/link";
import type { WorkspaceMembershipView } from "@/lib/workspaces/schemas";
import { PLANS } from "@/lib/plans";
import { WorkspaceSwitcher } from "./workspace-switcher";
import { ProfileMenu } from "./profile-menu";
import { NavLink } from "./nav-link";
import { MobileNav } from "./mobile-nav";

export function Sidebar({
  user,
  workspace,
  workspaces,
}: {
  user: { name: string; email: string };
  workspace: WorkspaceMembershipView;
  workspaces: WorkspaceMembershipView[];
}) {
  const base = `/w/${workspace.slug}`;
  // One sidebar: beside the page on large screens, in a drawer behind a menu button on small ones.
  const content = <SidebarContent user={user} workspace={workspace} workspaces={workspaces} base={base} />;
  return (
    <>
      <aside className="sticky top-0 hidden h-screen w-64 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex">
        {content}
      </aside>
      <MobileNav title="Workspace menu">{content}</MobileNav>
    </>
  );
}

function SidebarContent({
  user,
  workspace,
  workspaces,
  base,
}: {
  user: { name: string; email: string };
  workspace: WorkspaceMembershipView;
  workspaces: WorkspaceMembershipView[];
  base: string;
}) {
  return (
    <>
      <div className="border-b border-slate-200 p-4">
        <Link href={base + "/settings/api-keys"} className="text-lg font-bold tracking-tight text-indigo-700">
          Keyward
        </Link>
        <div className="mt-3">
          <WorkspaceSwitcher current={workspace} workspaces={workspaces} />
        </div>
        <p className="mt-2 text-xs text-slate-600">
          {PLANS[workspace.plan].name} plan · you are {workspace.role.toLowerCase()}
        </p>
      </div>
      <nav aria-label="Workspace" className="flex-1 space-y-6 overflow-y-auto p-3">
        <div>
          <h2 className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Data</h2>
          <ul className="mt-1 space-y-0.5">
            <NavLink href={`${base}/sources`}>Sources</NavLink>
            <NavLink href={`${base}/destinations`}>Destinations</NavLink>
            <NavLink href={`${base}/pipelines`}>Pipelines</NavLink>
            <NavLink href={`${base}/tracking-plans`}>Tracking plans</NavLink>
          </ul>
        </div>
        <div>
          <h2 className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Settings</h2>
          <ul className="mt-1 space-y-0.5">
            <NavLink href={`${base}/settings/api-keys`}>API keys</NavLink>
            <NavLink href={`${base}/settings/key-policy`}>Key policy</NavLink>
            <NavLink href={`${base}/settings/api-activity`}>API activity</NavLink>
            <NavLink href={`${base}/settings/webhooks`}>Webhooks</NavLink>
            <NavLink href={`${base}/settings/members`}>Members</NavLink>
            <NavLink href={`${base}/settings/audit-log`}>Audit log</NavLink>
          </ul>
        </div>
      </nav>
      <div className="border-t border-slate-200 p-3">
        <ProfileMenu user={user} workspaceName={workspace.name} base={base} />
      </div>
    </>
  );
}
