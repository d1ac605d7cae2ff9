"use client";
// Bottom-left profile menu: the workspace's settings and sign-out (Radix menu: keyboard and ARIA).
import * as Menu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { signOut } from "next-auth/react";

const item =
  "block cursor-pointer rounded px-3 py-2 text-sm text-slate-800 outline-none data-[highlighted]:bg-indigo-50 data-[highlighted]:text-indigo-800";

export function ProfileMenu({
  user,
  workspaceName,
  base,
}: {
  user: { name: string; email: string };
  workspaceName: string;
  base: string;
}) {
  const initials = user.name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu.Root>
      <Menu.Trigger className="flex w-full items-center gap-3 rounded-md p-2 text-left hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600">
        <span className="sr-only">Account menu: </span>
        <span
          aria-hidden
          className="flex size-9 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white"
        >
          {initials}
        </span>
        <span className="min-w-0">
          <span className="block truncate text-sm font-medium text-slate-900">{user.name}</span>
          <span className="block truncate text-xs text-slate-600">{workspaceName}</span>
        </span>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          side="top"
          align="start"
          sideOffset={6}
          className="z-50 w-56 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200"
        >
          <Menu.Label className="truncate px-3 py-2 text-xs text-slate-600">{user.email}</Menu.Label>
          <Menu.Item asChild>
            <Link className={item} href={`${base}/settings/api-keys`}>
              API keys
            </Link>
          </Menu.Item>
          <Menu.Item asChild>
            <Link className={item} href={`${base}/settings/members`}>
              Members
            </Link>
          </Menu.Item>
          <Menu.Item asChild>
            <Link className={item} href={`${base}/settings/audit-log`}>
              Audit log
            </Link>
          </Menu.Item>
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Item className={item} onSelect={() => void signOut({ callbackUrl: "/sign-in" })}>
            Sign out
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
