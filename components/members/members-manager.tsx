"use client";
// Members: invite by email, change roles, remove; open invitations with revoke. The API enforces the
// rules (last owner, who may grant OWNER); this page shows its answers.
import { useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import type { InvitationSent, InvitationView, MemberList } from "@/lib/members/schemas";
import { ROLES, type Role } from "@/lib/permissions";
import { managementApi } from "@/lib/client/api";
import { button, input, label, table } from "../ui/styles";
import { shortDate } from "../ui/format";
import { SearchField } from "../ui/search-field";

export function MembersManager(props: {
  workspaceId: string;
  currentUserId: string;
  /** members:manage and members:manage_owners (lib/permissions.ts) */
  canManage: boolean;
  canManageOwners: boolean;
  initialMembers: MemberList;
  initialInvitations: InvitationView[];
  /** The search the URL holds; the page rendered its first page. */
  q: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [members, setMembers] = useState(props.initialMembers.data);
  const [cursor, setCursor] = useState(props.initialMembers.nextCursor);
  const [loading, setLoading] = useState(false);
  const [invitations, setInvitations] = useState(props.initialInvitations);
  const [acceptUrl, setAcceptUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("MEMBER");
  const grantable = ROLES.filter((each) => props.canManageOwners || each !== "OWNER");

  const listPath = (after: string | null) => {
    const params = new URLSearchParams(props.q ? { q: props.q } : {});
    if (after) params.set("cursor", after);
    return `/api/members${params.size ? `?${params}` : ""}`;
  };

  // The search lives in the URL; the page renders its first page.
  const search = (q: string | undefined) =>
    router.replace(q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname, { scroll: false });

  async function reload() {
    const [list, open] = await Promise.all([
      managementApi<MemberList>(props.workspaceId, "GET", listPath(null)),
      managementApi<{ data: InvitationView[] }>(props.workspaceId, "GET", "/api/invitations"),
    ]);
    if (list.ok) {
      setMembers(list.data.data);
      setCursor(list.data.nextCursor);
    }
    if (open.ok) setInvitations(open.data.data);
  }

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    const result = await managementApi<MemberList>(props.workspaceId, "GET", listPath(cursor));
    setLoading(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.error.message });
    setMembers((current) => [...current, ...result.data.data]);
    setCursor(result.data.nextCursor);
  }
  async function act(promise: ReturnType<typeof managementApi>, success: string) {
    const result = await promise;
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: result.error.message });
    if (result.ok) await reload();
    return result.ok;
  }

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Members</h1>
      <p className="mt-1 text-sm text-slate-600">
        Owners and admins manage every key and member; members manage their own keys; viewers can only read.
      </p>
      <div
        role="status"
        aria-live="polite"
        className={`mt-4 min-h-6 text-sm ${message?.kind === "error" ? "text-red-700" : "text-green-800"}`}
      >
        {message?.text}
      </div>
      {props.canManage ? (
        <form
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await managementApi<InvitationSent>(props.workspaceId, "POST", "/api/members", { email, role });
            if (!result.ok) return setMessage({ kind: "error", text: result.error.message });
            setAcceptUrl(result.data.acceptUrl ?? null);
            setMessage({
              kind: "ok",
              text: result.data.acceptUrl
                ? `${email} is invited. This server sends no mail: pass them the link below.`
                : `${email} is invited; they join when they accept the emailed link.`,
            });
            setEmail("");
            await reload();
          }}
        >
          <div>
            <label htmlFor="member-email" className={label}>
              Invite by email
            </label>
            <input
              id="member-email"
              type="email"
              required
              className={`${input} mt-1 w-full sm:w-72`}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="member-role" className={label}>
              Role
            </label>
            <select id="member-role" className={`${input} mt-1`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {grantable.map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={button.primary}>
            Invite
          </button>
        </form>
      ) : null}
      {acceptUrl ? (
        <p className="mt-3 text-sm text-slate-700">
          Invitation link:{" "}
          <code className="break-all font-mono text-xs" data-testid="accept-url">
            {acceptUrl}
          </code>
        </p>
      ) : null}
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="mt-6">
          <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
            Open invitations
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {invitations.map((invitation) => (
              <li
                key={invitation.id}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm"
                data-testid="invitation-row"
              >
                <span>
                  {invitation.email} as {invitation.role}, invited by {invitation.invitedBy.name}, until{" "}
                  {shortDate(invitation.expiresAt)}
                </span>
                {props.canManage ? (
                  <button
                    type="button"
                    className={button.ghost}
                    onClick={() =>
                      void act(
                        managementApi(props.workspaceId, "DELETE", `/api/invitations/${invitation.id}`),
                        `The invitation of ${invitation.email} was revoked.`,
                      )
                    }
                  >
                    Revoke<span className="sr-only"> the invitation of {invitation.email}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="mt-6">
        <SearchField
          id="member-search"
          label="Search members"
          placeholder="Search by name or email"
          initial={props.q}
          onSearch={search}
        />
      </div>
      {members.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700" data-testid="members-empty">
          No member matches “{props.q}”.
        </p>
      ) : null}
      <div className={`${table.wrapper} mt-3`}>
        <table className={table.table}>
          <thead className="bg-slate-50">
            <tr>
              {[
                ["Name", ""],
                ["Email", "hidden md:table-cell"],
                ["Role", ""],
                ["Joined", "hidden md:table-cell"],
              ].map(([heading, shown]) => (
                <th key={heading} scope="col" className={`${table.th} ${shown}`}>
                  {heading}
                </th>
              ))}
              <th scope="col" className={table.th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => (
              <tr key={member.userId} data-testid="member-row">
                <td className={`${table.td} font-medium text-slate-900`}>
                  {member.name}
                  {member.userId === props.currentUserId ? " (you)" : ""}
                  {/* Phones fold the email and join date under the name. */}
                  <span className="block break-all text-xs font-normal text-slate-600 md:hidden">
                    {member.email} · joined {shortDate(member.joinedAt)}
                  </span>
                </td>
                <td className={`${table.td} hidden md:table-cell`}>{member.email}</td>
                <td className={table.td}>
                  <label className="sr-only" htmlFor={`role-${member.userId}`}>
                    Role of {member.name}
                  </label>
                  <select
                    id={`role-${member.userId}`}
                    className="rounded-md border-0 py-1 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                    value={member.role}
                    disabled={!props.canManage || (member.role === "OWNER" && !props.canManageOwners)}
                    onChange={(e) =>
                      void act(
                        managementApi(props.workspaceId, "PATCH", `/api/members/${member.userId}`, { role: e.target.value }),
                        `${member.name} is now ${e.target.value}.`,
                      )
                    }
                  >
                    {ROLES.map((each) => (
                      <option key={each} value={each} disabled={each === "OWNER" && !props.canManageOwners}>
                        {each}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={`${table.td} hidden md:table-cell`}>{shortDate(member.joinedAt)}</td>
                <td className={`${table.td} text-right`}>
                  {props.canManage ? (
                    <button
                      type="button"
                      className={button.ghost}
                      onClick={() => {
                        if (window.confirm(`Remove ${member.name} from this workspace? Their API keys stop working at once.`)) {
                          void act(
                            managementApi(props.workspaceId, "DELETE", `/api/members/${member.userId}`),
                            `${member.name} was removed.`,
                          );
                        }
                      }}
                    >
                      Remove<span className="sr-only"> {member.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursor ? (
        <div className="mt-4 flex justify-center">
          <button type="button" className={button.secondary} onClick={loadMore} disabled={loading}>
            {loading ? "Loading…" : "Load more members"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
