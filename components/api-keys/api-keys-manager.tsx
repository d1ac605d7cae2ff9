"use client";
// Settings → API Keys: the list, the create form, the one-time reveal and every row action. All of it
// goes through the management API, the same routes integrations use; the list updates in place.
import { useState } from "react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import * as Menu from "@radix-ui/react-dropdown-menu";
import type {
  ApiKeyList,
  ApiKeyListFilter,
  ApiKeyOwner,
  ApiKeySort,
  ApiKeyView,
  BulkKeyResult,
  CreatedApiKey,
} from "@/lib/api-keys/schemas";
import type { KeyPolicy } from "@/lib/key-policy/schemas";
import type { Capability, Permission } from "@/lib/permissions";
import { managementApi, type ApiErrorBody } from "@/lib/client/api";
import { DialogContent, DialogRoot } from "../ui/dialog";
import { SearchField } from "../ui/search-field";
import { button, table } from "../ui/styles";
import { absoluteTime, expiresSoon, lastUsedFrom, relativeTime, shortDate } from "../ui/format";
import { KeyForm, type KeyFormValues } from "./key-form";
import { RevealKeyDialog } from "./reveal-key-dialog";
import { KeyTestDialog } from "./key-test-dialog";
import { BulkKeyDialog, DisableKeyDialog, RevokeKeyDialog, RotateKeyDialog } from "./key-action-dialogs";
import { StatusBadge } from "./status-badge";
import { keyListParams, type KeyListState } from "./key-list-state";
import { summarizePermissions } from "./permission-summary";

type Action = { kind: "create" } | { kind: "edit" | "fix-expiry" | "disable" | "rotate" | "revoke"; key: ApiKeyView } | null;
type Reveal = { plaintextKey: string; workspaceId: string; userId: string | null; name: string; owner: ApiKeyOwner } | null;

const FILTERS: { value: NonNullable<ApiKeyListFilter> | "default"; label: string }[] = [
  { value: "default", label: "All but revoked" },
  { value: "active", label: "Active" },
  { value: "disabled", label: "Disabled" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
  { value: "all", label: "Everything" },
];

const SORTS: { value: `${ApiKeySort}:${"asc" | "desc"}`; label: string }[] = [
  { value: "created:desc", label: "Newest first" },
  { value: "created:asc", label: "Oldest first" },
  { value: "lastUsed:desc", label: "Recently used" },
  { value: "lastUsed:asc", label: "Least recently used" },
  { value: "expires:asc", label: "Expiring soonest" },
  { value: "expires:desc", label: "Expiring last" },
];

// Which columns each width shows (Tailwind breakpoints); what a column hides folds into the name cell.
const COLUMNS = [
  { heading: "Name", shown: "" },
  { heading: "Key", shown: "hidden sm:table-cell" },
  { heading: "Owner", shown: "hidden 2xl:table-cell" },
  { heading: "Scopes", shown: "hidden 2xl:table-cell" },
  { heading: "Created", shown: "hidden 2xl:table-cell" },
  { heading: "Last used", shown: "hidden md:table-cell" },
  { heading: "Expires", shown: "hidden lg:table-cell" },
  { heading: "Status", shown: "" },
];

const OWNER_FILTERS: { value: ApiKeyOwner | "any"; label: string }[] = [
  { value: "any", label: "Any owner" },
  { value: "user", label: "Personal keys" },
  { value: "workspace", label: "Workspace keys" },
];

const menuItem =
  "block w-full cursor-pointer rounded px-3 py-2 text-left text-sm text-slate-800 outline-none data-[highlighted]:bg-indigo-50 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-40";

export function ApiKeysManager(props: {
  workspaceId: string;
  workspaceSlug: string;
  currentUserId: string;
  role: string;
  /** What the caller's role may do (lib/permissions.ts): the UI offers nothing the API would refuse. */
  capabilities: Capability[];
  held: Permission[];
  initialPage: ApiKeyList;
  list: KeyListState;
  policy: KeyPolicy;
}) {
  const { workspaceId, workspaceSlug } = props;
  const held = new Set(props.held);
  const capabilities = new Set(props.capabilities);
  const canCreate = capabilities.has("keys:create");
  const canManageWorkspaceKeys = capabilities.has("keys:manage_workspace");
  // The key policy may keep creation to owners and admins (rotation still replaces a held key).
  const mayCreate = canCreate && (props.policy.memberKeyCreation || capabilities.has("keys:manage_all"));
  const mayChange = (key: ApiKeyView) => key.owner === "user" || canManageWorkspaceKeys;
  // The rule of updateApiKey: only whoever disabled a key, or a manager of every key, enables it;
  // a key Keyward disabled (idle, leaked) only a manager.
  const mayEnable = (key: ApiKeyView) =>
    capabilities.has("keys:manage_all") ||
    (!key.disabledBySystem && (!key.disabledBy || key.disabledBy.id === props.currentUserId));
  const { list } = props;
  const router = useRouter();
  const pathname = usePathname();
  const [keys, setKeys] = useState(props.initialPage.data);
  const [cursor, setCursor] = useState(props.initialPage.nextCursor);
  const [counts, setCounts] = useState(props.initialPage.counts);
  const [slots, setSlots] = useState(props.initialPage.slots);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [bulk, setBulk] = useState<"disable" | "revoke" | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [reveal, setReveal] = useState<Reveal>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const filter = list.status ?? "default";
  const ownerFilter = list.owner ?? "any";
  const total = counts.active + counts.disabled + counts.expired + counts.revoked;
  const matching = list.status ? (list.status === "all" ? total : counts[list.status]) : total - counts.revoked;
  // What the filter leaves out, said where the count is: the default hides the revoked keys.
  const hidden =
    list.status === "all" || total === matching
      ? null
      : list.status
        ? `${total - matching} with another status`
        : `${counts.revoked} revoked key${counts.revoked === 1 ? "" : "s"}`;

  /** Search, filters and sort live in the URL; the page renders their first page on the server. */
  function navigate(changes: Partial<KeyListState>) {
    const query = keyListParams({ ...list, ...changes }).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  const listPath = (after: string | null) => {
    const params = keyListParams(list);
    if (after) params.set("cursor", after);
    const query = params.toString();
    return `/api/api-keys${query ? `?${query}` : ""}`;
  };

  /** The first page again, after a change (the list updates in place). */
  async function reload() {
    const result = await managementApi<ApiKeyList>(workspaceId, "GET", listPath(null));
    if (result.ok) {
      setKeys(result.data.data);
      setCursor(result.data.nextCursor);
      setCounts(result.data.counts);
      setSlots(result.data.slots);
      setSelected(new Set());
      setAllMatching(false);
    } else setNotice(result.error.message);
  }

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    const result = await managementApi<ApiKeyList>(workspaceId, "GET", listPath(cursor));
    setLoading(false);
    if (!result.ok) return setNotice(result.error.message);
    setKeys((current) => [...current, ...result.data.data]);
    setCursor(result.data.nextCursor);
    setNotice(`${result.data.data.length} more keys loaded.`);
  }

  const selectable = (key: ApiKeyView) => (key.status === "active" || key.status === "disabled") && mayChange(key);
  const pageSelectable = keys.filter(selectable);
  const allOnPageSelected = pageSelectable.length > 0 && pageSelectable.every((key) => selected.has(key.id));
  const toggleOne = (id: string, on: boolean) => {
    setAllMatching(false);
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const toggleAll = (on: boolean) => {
    setAllMatching(false);
    setSelected(on ? new Set(pageSelectable.map((key) => key.id)) : new Set());
  };

  /** Runs a bulk action: on the ticked keys, or on every key matching the filter in rounds. */
  async function runBulk(kind: "disable" | "revoke", reason: string, onProgress: (done: number) => void): Promise<string | null> {
    const base = { action: kind, ...(kind === "disable" && reason ? { reason } : {}) };
    let done = 0;
    let skipped = 0;
    for (;;) {
      const body = allMatching
        ? { ...base, filter: { q: list.q, status: list.status, owner: list.owner } }
        : { ...base, ids: [...selected] };
      const result = await managementApi<BulkKeyResult>(workspaceId, "POST", "/api/api-keys/bulk", body);
      if (!result.ok) return result.error.message;
      done += result.data.changed;
      skipped += result.data.skipped.length;
      onProgress(done);
      if (!allMatching || result.data.remaining === 0 || result.data.changed === 0) break;
    }
    setBulk(null);
    setNotice(
      `${done} key${done === 1 ? "" : "s"} ${kind === "revoke" ? "revoked" : "disabled"}${skipped ? `; ${skipped} skipped (already ${kind === "revoke" ? "revoked" : "disabled"} or not yours to change)` : ""}.`,
    );
    await reload();
    return null;
  }

  function showNewKey(created: CreatedApiKey) {
    setAction(null);
    setReveal({
      plaintextKey: created.plaintextKey,
      workspaceId: created.tenantId,
      userId: created.userId,
      name: created.name,
      owner: created.owner,
    });
    void reload();
  }

  async function create(values: KeyFormValues) {
    const result = await managementApi<CreatedApiKey>(workspaceId, "POST", "/api/api-keys", values);
    if (!result.ok) return result.error;
    showNewKey(result.data);
    return null;
  }

  /** Saves a change; the API's error when it refuses (the edit form shows its field errors). */
  async function save(key: ApiKeyView, body: Record<string, unknown>, message: string): Promise<ApiErrorBody | null> {
    const result = await managementApi<ApiKeyView>(workspaceId, "PATCH", `/api/api-keys/${key.id}`, body);
    if (!result.ok) return result.error;
    setAction(null);
    setNotice(message);
    await reload();
    return null;
  }

  const patch = async (key: ApiKeyView, body: Record<string, unknown>, message: string) =>
    (await save(key, body, message))?.message ?? null;

  async function rotate(key: ApiKeyView, overlap: number): Promise<string | null> {
    const result = await managementApi<CreatedApiKey>(workspaceId, "POST", `/api/api-keys/${key.id}/rotate`, {
      oldKeyExpiresInSeconds: overlap,
    });
    if (!result.ok) return result.error.message;
    showNewKey(result.data);
    return null;
  }

  async function revoke(key: ApiKeyView): Promise<string | null> {
    const result = await managementApi<ApiKeyView>(workspaceId, "DELETE", `/api/api-keys/${key.id}`);
    if (!result.ok) return result.error.message;
    setAction(null);
    setNotice(`"${key.name}" was revoked.`);
    await reload();
    return null;
  }

  const atLimit = slots.used >= slots.limit && (!slots.workspace || slots.workspace.used >= slots.workspace.limit);
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API keys</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Keys let integrations call the Keyward API for this workspace with the <code className="font-mono">X-Api-Key</code>{" "}
            header. A key can do what its scopes allow, and never more than you can.
          </p>
        </div>
        <div className="flex items-center gap-4">
          {canCreate ? (
            <div className="text-sm text-slate-700">
              <p data-testid="key-slots">
                {slots.used} of {slots.limit} active keys
              </p>
              {slots.workspace ? (
                <p className="text-xs text-slate-600" data-testid="workspace-key-slots">
                  Workspace keys: {slots.workspace.used} of {slots.workspace.limit}
                </p>
              ) : null}
            </div>
          ) : null}
          {mayCreate ? (
            <button type="button" className={button.primary} onClick={() => setAction({ kind: "create" })}>
              Create API key
            </button>
          ) : canCreate ? (
            <p className="max-w-xs text-sm text-slate-600" data-testid="member-creation-off">
              The workspace&apos;s key policy lets only owners and admins create keys. You can still rotate the keys you hold.
            </p>
          ) : (
            <p className="text-sm text-slate-600">Viewers cannot create API keys.</p>
          )}
        </div>
      </div>
      {atLimit && canCreate ? (
        <p className="mt-3 text-sm text-amber-800">
          You have reached your plan&apos;s limit; revoke a key you no longer use to create another.
        </p>
      ) : null}

      <div role="status" aria-live="polite" className="mt-4 min-h-6 text-sm text-green-800" data-testid="notice">
        {notice}
      </div>

      <div className="mt-2 flex flex-wrap items-center gap-2">
        <SearchField
          id="key-search"
          label="Search keys"
          placeholder="Search by name or prefix"
          initial={list.q ?? ""}
          onSearch={(q) => navigate({ q })}
        />
        <label htmlFor="key-filter" className="text-sm font-medium text-slate-700">
          Show
        </label>
        <select
          id="key-filter"
          className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
          value={filter}
          onChange={(event) => {
            const next = event.target.value as typeof filter;
            navigate({ status: next === "default" ? undefined : next });
          }}
        >
          {FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {capabilities.has("keys:manage_all") ? (
          <>
            <label htmlFor="owner-filter" className="sr-only">
              Owner
            </label>
            <select
              id="owner-filter"
              className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
              value={ownerFilter}
              onChange={(event) => {
                const next = event.target.value as typeof ownerFilter;
                navigate({ owner: next === "any" ? undefined : next });
              }}
            >
              {OWNER_FILTERS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor="key-sort" className="sr-only">
          Sort
        </label>
        <select
          id="key-sort"
          className="rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
          value={`${list.sort}:${list.order}`}
          onChange={(event) => {
            const [sort, order] = event.target.value.split(":") as [ApiKeySort, "asc" | "desc"];
            navigate({ sort, order });
          }}
        >
          {SORTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <span className="ml-auto">
          <KeyTestDialog workspaceId={workspaceId} />
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600" data-testid="list-summary">
        {matching} key{matching === 1 ? "" : "s"}
        {list.q ? ` matching “${list.q}”` : ""}
        {hidden ? (
          <>
            {" "}
            · {hidden} hidden -{" "}
            <button type="button" className="font-medium text-indigo-700 underline" onClick={() => navigate({ status: "all" })}>
              {list.status ? "show all" : "show"}
            </button>
          </>
        ) : null}
      </p>
      {selected.size > 0 ? (
        <div
          className="mt-3 flex flex-wrap items-center gap-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-950 ring-1 ring-indigo-200"
          data-testid="bulk-bar"
        >
          <span>{allMatching ? `All ${matching} keys matching this filter are selected` : `${selected.size} selected`}</span>
          {allOnPageSelected && !allMatching && cursor ? (
            <button type="button" className="font-medium text-indigo-800 underline" onClick={() => setAllMatching(true)}>
              Select all {matching} keys matching this filter
            </button>
          ) : null}
          <span className="ml-auto flex gap-2">
            <button type="button" className={button.secondary} onClick={() => setBulk("disable")}>
              Disable
            </button>
            <button type="button" className={button.danger} onClick={() => setBulk("revoke")}>
              Revoke
            </button>
            <button type="button" className={button.ghost} onClick={() => toggleAll(false)}>
              Clear
            </button>
          </span>
        </div>
      ) : null}

      {keys.length === 0 ? (
        <div className="mt-4 rounded-lg border-2 border-dashed border-slate-300 p-10 text-center" data-testid="empty-state">
          <h2 className="text-base font-semibold text-slate-900">
            {total === 0 && !list.q ? "No API keys yet" : "No keys match this filter"}
          </h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            An API key lets a script, a CI job or a data pipeline read and change this workspace&apos;s sources, destinations,
            pipelines and tracking plans. You choose exactly what each key may do, and you can disable, rotate or revoke it at any
            time.
          </p>
        </div>
      ) : (
        <div className={`${table.wrapper} mt-4`}>
          <table className={table.table}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={`${table.th} w-8`}>
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-400"
                    aria-label="Select every key on this page"
                    checked={allOnPageSelected}
                    disabled={pageSelectable.length === 0}
                    onChange={(event) => toggleAll(event.target.checked)}
                  />
                </th>
                {COLUMNS.map((column) => (
                  <th key={column.heading} scope="col" className={`${table.th} ${column.shown}`}>
                    {column.heading}
                  </th>
                ))}
                <th scope="col" className={table.th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => (
                <tr key={key.id} data-testid="key-row" data-key-name={key.name}>
                  <td className={table.td}>
                    {selectable(key) ? (
                      <input
                        type="checkbox"
                        className="h-4 w-4 rounded border-slate-400"
                        aria-label={`Select ${key.name}`}
                        checked={allMatching || selected.has(key.id)}
                        onChange={(event) => toggleOne(key.id, event.target.checked)}
                      />
                    ) : null}
                  </td>
                  <td className={`${table.td} min-w-44 font-medium text-slate-900`}>
                    <Link className="hover:underline" href={`/w/${workspaceSlug}/settings/api-keys/${key.id}`}>
                      {key.name}
                    </Link>
                    {key.description ? (
                      <p className="mt-0.5 max-w-md text-xs font-normal break-words text-slate-600" data-testid="key-description">
                        {key.description}
                      </p>
                    ) : null}
                    {/* What narrower screens fold out of their own columns, as one line under the name. */}
                    <p className="mt-1 text-xs font-normal text-slate-600 sm:hidden">{key.maskedKey}</p>
                    <p className="mt-1 text-xs font-normal text-slate-600 2xl:hidden">
                      {key.owner === "workspace" ? "Workspace key · " : ""}
                      {key.creator?.name ?? "a deleted account"}
                      <span className="lg:hidden">
                        {" · "}
                        <span className={expiresSoon(key.expiresAt) ? "font-medium text-amber-800" : ""}>
                          {key.expiresAt ? `expires ${relativeTime(key.expiresAt)}` : "no expiry"}
                        </span>
                      </span>
                      <span className="md:hidden"> · used {relativeTime(key.lastUsedAt, undefined, "never")}</span>
                    </p>
                    <p className="mt-1 hidden text-xs font-normal text-slate-600 lg:block 2xl:hidden">
                      {summarizePermissions(key.permissions)} · created {shortDate(key.createdAt)}
                    </p>
                  </td>
                  <td className={`${table.td} hidden whitespace-nowrap font-mono text-xs sm:table-cell`} data-testid="masked-key">
                    {key.maskedKey}
                  </td>
                  <td className={`${table.td} hidden 2xl:table-cell`} data-testid="key-owner">
                    {key.owner === "workspace" ? (
                      <>
                        <span className="inline-flex rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-indigo-200">
                          Workspace
                        </span>
                        <p className="mt-1 text-xs text-slate-600">made by {key.creator?.name ?? "a deleted account"}</p>
                      </>
                    ) : (
                      (key.creator?.name ?? "a deleted account")
                    )}
                  </td>
                  <td className={`${table.td} hidden max-w-xs text-xs 2xl:table-cell`}>
                    {summarizePermissions(key.permissions)}
                  </td>
                  <td className={`${table.td} hidden whitespace-nowrap 2xl:table-cell`} title={absoluteTime(key.createdAt)}>
                    {shortDate(key.createdAt)}
                  </td>
                  <td
                    className={`${table.td} hidden whitespace-nowrap md:table-cell`}
                    title={absoluteTime(key.lastUsedAt)}
                    data-testid="last-used"
                  >
                    {relativeTime(key.lastUsedAt)}
                    {key.lastUsedAt && (key.lastUsedIp || key.lastUsedUserAgent) ? (
                      <span className="block max-w-48 truncate text-xs text-slate-600" data-testid="last-used-from">
                        {lastUsedFrom(key.lastUsedIp, key.lastUsedUserAgent).replace(/^ /, "")}
                      </span>
                    ) : null}
                  </td>
                  <td
                    className={`${table.td} hidden whitespace-nowrap lg:table-cell ${expiresSoon(key.expiresAt) ? "font-medium text-amber-800" : ""}`}
                    title={absoluteTime(key.expiresAt)}
                    data-testid="key-expiry"
                  >
                    {relativeTime(key.expiresAt)}
                  </td>
                  <td className={table.td} data-testid="key-status">
                    <StatusBadge status={key.status} />
                    {key.disabledReason ? <p className="mt-1 text-xs text-slate-600">{key.disabledReason}</p> : null}
                    {key.status === "disabled" && key.disabledBy ? (
                      <p className="mt-1 text-xs text-slate-600">by {key.disabledBy.name}</p>
                    ) : null}
                    {key.rotatedToId && key.status !== "revoked" ? (
                      <p className="mt-1 text-xs text-slate-600">replaced by a rotation</p>
                    ) : null}
                    {key.status === "disabled" && key.disabledBySystem ? (
                      <p className="mt-1 text-xs text-slate-600">by Keyward</p>
                    ) : null}
                    {key.policyBlock ? (
                      <div className="mt-1" data-testid="policy-block">
                        <span className="inline-flex rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300">
                          Blocked by policy
                        </span>
                        <p className="mt-1 max-w-48 text-xs text-slate-600">{key.policyBlock.message}</p>
                        {mayChange(key) ? (
                          <button
                            type="button"
                            className={`${button.ghost} mt-1 px-0 text-indigo-700`}
                            onClick={() => setAction({ kind: "fix-expiry", key })}
                          >
                            Set an expiry<span className="sr-only"> for {key.name}</span>
                          </button>
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                  <td className={`${table.td} text-right`}>
                    <KeyRowMenu
                      apiKey={key}
                      canChange={mayChange(key)}
                      canRotate={canCreate && mayChange(key)}
                      canEnable={mayEnable(key)}
                      onAction={(kind) =>
                        kind === "enable"
                          ? void patch(key, { isActive: true }, `"${key.name}" is enabled again.`).then(
                              (error) => error && setNotice(error),
                            )
                          : setAction({ kind, key })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor ? (
        <div className="mt-4 flex justify-center">
          <button type="button" className={button.secondary} onClick={loadMore} disabled={loading}>
            {loading ? "Loading…" : `Load more (${keys.length} of ${matching} shown)`}
          </button>
        </div>
      ) : null}

      <DialogRoot open={action !== null} onOpenChange={(open) => (open ? undefined : setAction(null))}>
        {action?.kind === "create" || action?.kind === "edit" || action?.kind === "fix-expiry" ? (
          <DialogContent
            wide
            title={action.kind === "create" ? "Create API key" : `Edit "${action.key.name}"`}
            description={
              action.kind === "create"
                ? "Limited to the scopes you choose, and never more than you can do yourself."
                : action.kind === "fix-expiry"
                  ? action.key.policyBlock?.message
                  : "Changes apply to the very next request made with the key."
            }
          >
            <KeyForm
              mode={action.kind === "create" ? "create" : "edit"}
              fixExpiry={action.kind === "fix-expiry"}
              initial={action.kind === "create" ? undefined : action.key}
              held={held}
              roleLabel={props.role}
              policy={props.policy}
              canCreateWorkspaceKeys={canManageWorkspaceKeys}
              onCancel={() => setAction(null)}
              onSubmit={async (values) => {
                if (action.kind === "create") return create(values);
                // The edit form sends no owner: a key's owner never changes.
                return save(action.key, { ...values }, `"${values.name}" was saved.`);
              }}
            />
          </DialogContent>
        ) : null}
        {action?.kind === "disable" ? (
          <DisableKeyDialog
            apiKey={action.key}
            onConfirm={(reason) =>
              patch(action.key, { isActive: false, disabledReason: reason || null }, `"${action.key.name}" is disabled.`)
            }
          />
        ) : null}
        {action?.kind === "rotate" ? (
          <RotateKeyDialog apiKey={action.key} onConfirm={(overlap) => rotate(action.key, overlap)} />
        ) : null}
        {action?.kind === "revoke" ? <RevokeKeyDialog apiKey={action.key} onConfirm={() => revoke(action.key)} /> : null}
      </DialogRoot>
      <DialogRoot open={bulk !== null} onOpenChange={(open) => (open ? undefined : setBulk(null))}>
        {bulk ? (
          <BulkKeyDialog
            kind={bulk}
            keys={allMatching ? null : keys.filter((key) => selected.has(key.id))}
            matching={{ count: matching, filter: describeFilter(list) }}
            onConfirm={(reason, onProgress) => runBulk(bulk, reason, onProgress)}
          />
        ) : null}
      </DialogRoot>

      <RevealKeyDialog reveal={reveal} onClose={() => setReveal(null)} />
    </div>
  );
}

/** The filter in words, for the confirmation of a bulk action on every key matching it. */
function describeFilter(list: KeyListState): string {
  const parts = [FILTERS.find((option) => option.value === (list.status ?? "default"))!.label.toLowerCase()];
  if (list.owner) parts.push(list.owner === "workspace" ? "workspace keys" : "personal keys");
  if (list.q) parts.push(`matching “${list.q}”`);
  return parts.join(", ");
}

function KeyRowMenu({
  apiKey,
  canChange,
  canRotate,
  canEnable,
  onAction,
}: {
  apiKey: ApiKeyView;
  canChange: boolean;
  canRotate: boolean;
  canEnable: boolean;
  onAction: (kind: "edit" | "disable" | "enable" | "rotate" | "revoke") => void;
}) {
  const live = apiKey.status === "active" || apiKey.status === "disabled";
  return (
    <Menu.Root>
      <Menu.Trigger
        className={`${button.ghost} whitespace-nowrap`}
        disabled={!live || !canChange}
        aria-label={`Actions for ${apiKey.name}`}
      >
        <span className="hidden sm:inline">Actions ▾</span>
        <span aria-hidden className="text-lg leading-none sm:hidden">
          ⋯
        </span>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={4} className="z-50 w-44 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
          <Menu.Item className={menuItem} onSelect={() => onAction("edit")}>
            Edit
          </Menu.Item>
          {apiKey.isActive ? (
            <Menu.Item className={menuItem} onSelect={() => onAction("disable")}>
              Disable
            </Menu.Item>
          ) : (
            <Menu.Item className={menuItem} onSelect={() => onAction("enable")} disabled={!canEnable}>
              Enable
            </Menu.Item>
          )}
          {canRotate ? (
            <Menu.Item className={menuItem} onSelect={() => onAction("rotate")} disabled={apiKey.rotatedToId !== null}>
              Rotate
            </Menu.Item>
          ) : null}
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Item className={`${menuItem} text-red-700`} onSelect={() => onAction("revoke")}>
            Revoke
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
