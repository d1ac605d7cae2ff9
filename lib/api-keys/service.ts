// The API key service: create, list, read, update, revoke and rotate keys of one workspace. Each
// function takes the caller and checks the capability it needs (lib/permissions.ts). Every query is
// scoped by workspace id, and a caller without keys:manage_all reaches only their own user keys: a
// key they may not manage is simply not found (404), never "forbidden", so ids leak nothing.
// Workspace-owned keys need keys:manage_workspace for every change. The workspace's key policy
// (lib/key-policy) decides who may create keys, how many, and with what expiry.
import { ApiError, invalidField, notFound } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import { KeyListSql, type StatusCount } from "./list-sql";
import { visibleTo } from "./visibility";
import { decodeCursor, encodeCursor } from "../paging";
import type { Prisma } from "../db/generated/sqlite/client";
import { can, requireCapability, type WorkspaceCaller } from "../auth/caller";
import { readAuditEvents, recordAudit, type AuditPage } from "../audit/service";
import type { AuditQuery } from "../audit/schemas";
import { planOf, FIRST_PLAN_WITH_API_ACCESS, PLANS } from "../plans";
import { encodePermissions, isRole, permissionsNotHeld, type Permission } from "../permissions";
import { generateApiKey } from "./format";
import { apiKeyStatus, keyInclude, toView, type ApiKeyRow } from "./view";
import { hashApiKey } from "./hash";
import { apiKeyChanged } from "./events";
import { queueWebhookEvent } from "../webhooks/outbox";
import { encodeIpList } from "../net/ip-allowlist";
import type { KeyPolicy } from "../key-policy/schemas";
import { assertExpiryAllowed, expiryForNewKey, policyViolation, readKeyPolicy } from "../key-policy/service";
import { BULK_IDS_MAX, listApiKeysQuerySchema } from "./schemas";
import type {
  BulkKeyInput,
  BulkKeyResult,
  ApiKeyCounts,
  ApiKeyFilter,
  ApiKeyListQuery,
  ApiKeyListParams,
  ApiKeySort,
  ApiKeyOwner,
  ApiKeyView,
  CreateApiKeyInput,
  CreatedApiKey,
  KeySlots,
  RotatedApiKey,
  UpdateApiKeyInput,
} from "./schemas";

/** A key holds one of its creator's slots until it is revoked, expires, or is replaced by rotation. */
function occupiesSlot(now: Date): Prisma.ApiKeyWhereInput {
  return { revokedAt: null, replacedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

function assertApiAccess(caller: WorkspaceCaller): void {
  if (!planOf(caller.plan).apiAccess) {
    throw new ApiError(
      "plan_required",
      `The ${planOf(caller.plan).name} plan does not include API access; upgrade to ${PLANS[FIRST_PLAN_WITH_API_ACCESS].name} or above`,
      { details: { plan: caller.plan, requiredPlan: FIRST_PLAN_WITH_API_ACCESS } },
    );
  }
}

function assertPermissionsHeld(caller: WorkspaceCaller, permissions: Permission[]): void {
  const missing = permissionsNotHeld(permissions, caller.role);
  if (missing.length > 0) {
    throw new ApiError("permissions_not_subset", `A key cannot hold permissions its creator lacks: ${missing.join(", ")}`, {
      details: { permissions: missing },
    });
  }
}

/** Keys per member: the plan's limit, or the key policy's when it is lower. */
function memberKeyLimit(caller: WorkspaceCaller, policy: KeyPolicy): { limit: number; setBy: string } {
  const plan = planOf(caller.plan);
  if (policy.maxKeysPerMember !== null && policy.maxKeysPerMember < plan.maxActiveKeysPerUser) {
    return { limit: policy.maxKeysPerMember, setBy: "The workspace's key policy" };
  }
  return { limit: plan.maxActiveKeysPerUser, setBy: `The ${plan.name} plan` };
}

const ownUserKeys = (caller: WorkspaceCaller): Prisma.ApiKeyWhereInput => ({
  workspaceId: caller.workspaceId,
  createdById: caller.userId,
  owner: "user",
});
const workspaceKeys = (caller: WorkspaceCaller): Prisma.ApiKeyWhereInput => ({
  workspaceId: caller.workspaceId,
  owner: "workspace",
});

/**
 * Takes a key-creation lock and checks the limit: the caller's membership row for a user key, the
 * workspace row for a workspace key. The UPDATE locks the row until the transaction ends (PostgreSQL
 * row lock; SQLite's single writer), so concurrent creates count one after another and the limit holds.
 */
async function claimKeySlot(tx: DbTransaction, caller: WorkspaceCaller, policy: KeyPolicy, owner: ApiKeyOwner, now: Date) {
  let limit: number, setBy: string, inUse: number;
  if (owner === "workspace") {
    await tx.workspace.update({ where: { id: caller.workspaceId }, data: { keyLock: { increment: 1 } } });
    limit = planOf(caller.plan).maxWorkspaceKeys;
    setBy = `The ${planOf(caller.plan).name} plan`;
    inUse = await tx.apiKey.count({ where: { ...workspaceKeys(caller), ...occupiesSlot(now) } });
  } else {
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: caller.userId } },
      data: { keyLock: { increment: 1 } },
    });
    ({ limit, setBy } = memberKeyLimit(caller, policy));
    inUse = await tx.apiKey.count({ where: { ...ownUserKeys(caller), ...occupiesSlot(now) } });
  }
  if (inUse >= limit) {
    const what = owner === "workspace" ? "active workspace keys" : "active keys per user";
    throw new ApiError("api_key_limit_reached", `${setBy} allows ${limit} ${what}`, { details: { limit, inUse, owner } });
  }
}

export async function createApiKey(caller: WorkspaceCaller, request: CreateApiKeyInput): Promise<CreatedApiKey> {
  const input = { ...request, owner: request.owner ?? "user", allowedIps: request.allowedIps ?? [] };
  requireCapability(caller, input.owner === "workspace" ? "keys:manage_workspace" : "keys:create");
  assertApiAccess(caller);
  assertPermissionsHeld(caller, input.permissions);
  const now = new Date();
  const policy = await readKeyPolicy(getDb(), caller.workspaceId);
  // "Members" are those who do not manage everyone's keys: owners and admins always may.
  if (!policy.memberKeyCreation && !can(caller, "keys:manage_all")) throw policyViolation(policy, "member_key_creation");
  const expiresAt = expiryForNewKey(policy, input.expiresAt, now);
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw invalidField("expiresAt", "expiresAt must be in the future");
  assertExpiryAllowed(policy, expiresAt, now);

  const generated = generateApiKey();
  const row = await getDb().$transaction(async (tx) => {
    await claimKeySlot(tx, caller, policy, input.owner, now);
    const created = await tx.apiKey.create({
      data: {
        workspaceId: caller.workspaceId,
        owner: input.owner,
        createdById: caller.userId,
        name: input.name,
        description: input.description ?? null,
        keyPrefix: generated.keyPrefix,
        secretHash: hashApiKey(generated.plaintext),
        permissions: encodePermissions(input.permissions),
        allowedIps: encodeIpList(input.allowedIps),
        expiresAt,
      },
      include: keyInclude,
    });
    await recordAudit(tx, caller, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      metadata: {
        name: created.name,
        keyPrefix: created.keyPrefix,
        owner: input.owner,
        permissions: input.permissions,
        ...(input.description ? { description: input.description } : {}),
        ...(input.allowedIps.length > 0 ? { allowedIps: input.allowedIps } : {}),
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
      },
    });
    await queueWebhookEvent(tx, caller.workspaceId, "api_key.created", { apiKey: toView(created, policy, now) });
    return created;
  });
  return { ...toView(row, policy, now), plaintextKey: generated.plaintext };
}

const SORT_COLUMNS = { created: "createdAt", lastUsed: "lastUsedAt", expires: "expiresAt" } as const;

type SortColumn = (typeof SORT_COLUMNS)[ApiKeySort];

/** A cursor's sort value (null: the key had none) and id, or 400. */
function readCursor(cursor: string): { value: Date | null; id: string } {
  const [value, id] = decodeCursor(cursor, 2) ?? [];
  if (value === undefined || !id || (value !== null && Number.isNaN(Date.parse(value)))) {
    throw invalidField("cursor", "Unknown cursor");
  }
  return { value: value === null ? null : new Date(value), id };
}

/** Conditions of a key list's own beyond its filters: a page's range, or what a bulk action has left to do. */
type KeyRange = (sql: KeyListSql) => string;

/** The ids of up to `take` keys matching a filter and a range, in the order given. */
async function selectKeyIds(
  caller: WorkspaceCaller,
  filter: ApiKeyFilter,
  now: Date,
  range: KeyRange,
  order: string,
  take: number,
): Promise<string[]> {
  const sql = new KeyListSql();
  const where = `${sql.matching(caller, filter, now)} AND ${range(sql)}`;
  const rows = await getDb().$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "ApiKey" WHERE ${where} ORDER BY ${order} LIMIT ${sql.arg(take)}`,
    ...sql.args,
  );
  return rows.map((row) => row.id);
}

async function countKeys(caller: WorkspaceCaller, filter: ApiKeyFilter, now: Date, range: KeyRange): Promise<number> {
  const sql = new KeyListSql();
  const where = `${sql.matching(caller, filter, now)} AND ${range(sql)}`;
  const [row] = await getDb().$queryRawUnsafe<{ n: bigint | number }[]>(
    `SELECT COUNT(*) AS "n" FROM "ApiKey" WHERE ${where}`,
    ...sql.args,
  );
  return Number(row!.n);
}

/** The keys of `ids` with what their views show, in the order of `ids`. */
async function keysInOrder(ids: string[]): Promise<ApiKeyRow[]> {
  if (ids.length === 0) return [];
  const rows = new Map(
    (await getDb().apiKey.findMany({ where: { id: { in: ids } }, include: keyInclude })).map((row) => [row.id, row]),
  );
  return ids.flatMap((id) => rows.get(id) ?? []);
}

/**
 * Up to `take` keys in (sort column, id) order after the cursor, nulls last in both orders. Read as
 * two index ranges: the keys with a value in (column, id) order, then, once those run out, the keys
 * without one in id order. One ORDER BY with nulls last would sort every matching key instead (SQLite
 * has no index order for it, and PostgreSQL's index read backwards puts nulls first). The ids come
 * from an index; only the page's keys are then read whole.
 */
async function readKeyPage(caller: WorkspaceCaller, query: ApiKeyListParams, now: Date, take: number): Promise<ApiKeyRow[]> {
  const column: SortColumn = SORT_COLUMNS[query.sort];
  const after = query.cursor === undefined ? undefined : readCursor(query.cursor);
  const [op, dir] = query.order === "desc" ? ["<", "DESC"] : [">", "ASC"];
  const valued =
    after?.value === null
      ? []
      : await selectKeyIds(
          caller,
          query,
          now,
          (sql) => {
            if (!after) return column === "createdAt" ? "TRUE" : `"${column}" IS NOT NULL`;
            const at = after.value!;
            return `("${column}" ${op} ${sql.stamp(at)} OR ("${column}" = ${sql.stamp(at)} AND "id" ${op} ${sql.arg(after.id)}))`;
          },
          `"${column}" ${dir}, "id" ${dir}`,
          take,
        );
  // Every key has a creation time: only the other sorts have keys without a value.
  const unvalued =
    valued.length === take || column === "createdAt"
      ? []
      : await selectKeyIds(
          caller,
          query,
          now,
          (sql) => (after?.value === null ? `"${column}" IS NULL AND "id" ${op} ${sql.arg(after.id)}` : `"${column}" IS NULL`),
          `"id" ${dir}`,
          take - valued.length,
        );
  return keysInOrder([...valued, ...unvalued]);
}

/** One page of the keys the caller may see, with the per-status counts under the same filters. */
export async function listApiKeys(
  caller: WorkspaceCaller,
  request: ApiKeyListQuery = {},
): Promise<{ data: ApiKeyView[]; nextCursor: string | null; counts: ApiKeyCounts }> {
  requireCapability(caller, "keys:manage_own");
  const query = listApiKeysQuerySchema.parse(request);
  const now = new Date();
  const column = SORT_COLUMNS[query.sort];
  const [rows, policy, counts] = await Promise.all([
    readKeyPage(caller, query, now, query.limit + 1),
    readKeyPolicy(getDb(), caller.workspaceId),
    countKeysByStatus(caller, query, now),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => toView(row, policy, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last[column]?.toISOString() ?? null, last.id]) : null,
    counts,
  };
}

/**
 * Keys per status under the list's search, owner and creator filters: what the filter chips say they
 * hide. Active is what remains of the live (not revoked) keys.
 */
async function countKeysByStatus(caller: WorkspaceCaller, filter: ApiKeyFilter, now: Date): Promise<ApiKeyCounts> {
  const sql = new KeyListSql();
  const [row] = await getDb().$queryRawUnsafe<Record<StatusCount, bigint | number>[]>(
    sql.statusCounts(caller, filter, now),
    ...sql.args,
  );
  const n = (status: StatusCount) => Number(row![status]);
  return {
    active: n("live") - n("expired") - n("disabled"),
    disabled: n("disabled"),
    expired: n("expired"),
    revoked: n("revoked"),
  };
}

/** Keys changed per round of a bulk action on a filter: each is its own audited change. */
export const BULK_ROUND = 200;

/**
 * Disables or revokes many keys, each exactly as one row action would (the same rights, audit event,
 * webhook and cache invalidation). With `ids`, the ticked keys; with `filter`, up to BULK_ROUND keys
 * still to do that the list would show, and how many remain (the caller repeats until none do).
 */
export async function bulkChangeKeys(caller: WorkspaceCaller, input: BulkKeyInput): Promise<BulkKeyResult> {
  requireCapability(caller, "keys:manage_own");
  const now = new Date();
  const todo: KeyRange = (sql) => (input.action === "revoke" ? `"revokedAt" IS NULL` : sql.status("active", now));
  const targets = await getDb().apiKey.findMany({
    where: input.ids
      ? { AND: [visibleTo(caller), { id: { in: input.ids } }] }
      : { id: { in: await selectKeyIds(caller, input.filter!, now, todo, `"createdAt" DESC, "id" DESC`, BULK_ROUND) } },
    select: { id: true, revokedAt: true, isActive: true, expiresAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.ids ? BULK_IDS_MAX : BULK_ROUND,
  });
  const skipped: BulkKeyResult["skipped"] = [];
  const found = new Set(targets.map((key) => key.id));
  for (const id of input.ids ?? []) if (!found.has(id)) skipped.push({ id, reason: "API key not found" });
  let changed = 0;
  for (const key of targets) {
    const status = apiKeyStatus(key, now);
    if (status === "revoked" || (input.action === "disable" && status !== "active")) {
      skipped.push({ id: key.id, reason: `Already ${status}` });
      continue;
    }
    try {
      if (input.action === "revoke") await revokeApiKey(caller, key.id);
      else await updateApiKey(caller, key.id, { isActive: false, disabledReason: input.reason || null });
      changed++;
    } catch (error) {
      if (!(error instanceof ApiError) || error.code === "service_unavailable") throw error;
      skipped.push({ id: key.id, reason: error.message });
    }
  }
  const remaining = input.ids ? 0 : await countKeys(caller, input.filter!, now, todo);
  return { changed, skipped, remaining };
}

/** How long a leak report shows as a banner on the keys page. */
const LEAK_BANNER_DAYS = 14;

/** Keys the caller may see that were reported leaked lately, newest report first (the keys page's banner). */
export async function recentlyLeakedKeys(caller: WorkspaceCaller): Promise<ApiKeyView[]> {
  const since = new Date(Date.now() - LEAK_BANNER_DAYS * 24 * 60 * 60 * 1000);
  const [rows, policy] = await Promise.all([
    getDb().apiKey.findMany({
      where: { ...visibleTo(caller), leakedAt: { gt: since } },
      include: keyInclude,
      orderBy: [{ leakedAt: "desc" }, { id: "desc" }],
      take: 20,
    }),
    readKeyPolicy(getDb(), caller.workspaceId),
  ]);
  return rows.map((row) => toView(row, policy));
}

/** The caller's slot usage, for "3 of 5 active keys", and the workspace keys' for those who manage them. */
export async function keySlotsOf(caller: WorkspaceCaller): Promise<KeySlots> {
  requireCapability(caller, "keys:manage_own");
  const now = new Date();
  const [used, policy, workspaceUsed] = await Promise.all([
    getDb().apiKey.count({ where: { ...ownUserKeys(caller), ...occupiesSlot(now) } }),
    readKeyPolicy(getDb(), caller.workspaceId),
    can(caller, "keys:manage_workspace")
      ? getDb().apiKey.count({ where: { ...workspaceKeys(caller), ...occupiesSlot(now) } })
      : null,
  ]);
  return {
    used,
    limit: memberKeyLimit(caller, policy).limit,
    workspace: workspaceUsed === null ? null : { used: workspaceUsed, limit: planOf(caller.plan).maxWorkspaceKeys },
  };
}

/** A key the caller may see; changing a workspace key also needs keys:manage_workspace. */
async function findManageable(tx: DbTransaction | ReturnType<typeof getDb>, caller: WorkspaceCaller, id: string, change = true) {
  const row = await tx.apiKey.findFirst({ where: { id, ...visibleTo(caller) }, include: keyInclude });
  if (!row) throw notFound("API key");
  if (change && row.owner === "workspace") requireCapability(caller, "keys:manage_workspace");
  return row;
}

export async function getApiKey(caller: WorkspaceCaller, id: string): Promise<ApiKeyView> {
  const [row, policy] = await Promise.all([
    findManageable(getDb(), caller, id, false),
    readKeyPolicy(getDb(), caller.workspaceId),
  ]);
  return toView(row, policy);
}

/** A key's history from the audit log, for whoever may see the key (404 otherwise). */
export async function listApiKeyAuditEvents(
  caller: WorkspaceCaller,
  id: string,
  query: Omit<AuditQuery, "targetId">,
): Promise<AuditPage> {
  await findManageable(getDb(), caller, id, false);
  return readAuditEvents(caller.workspaceId, { ...query, targetId: id });
}

/**
 * Only whoever disabled a key, or someone who manages every key, may enable it again: a member
 * cannot undo what an admin stopped, nor what Keyward stopped (an idle or leaked key). Keys disabled
 * before this was recorded have no disabler.
 */
function assertMayEnable(caller: WorkspaceCaller, key: ApiKeyRow): void {
  if (can(caller, "keys:manage_all")) return;
  if (key.disabledBySystem) {
    const why = key.disabledBySystem === "leaked" ? "after it was reported leaked" : "because it was idle";
    throw new ApiError("forbidden", `Keyward disabled this key ${why}; only an owner or admin can enable it`, {
      details: { disabledBySystem: key.disabledBySystem },
    });
  }
  if (!key.disabledBy || key.disabledBy.id === caller.userId) return;
  throw new ApiError(
    "forbidden",
    `${key.disabledBy.name} (${key.disabledBy.email}) disabled this key; only they or an owner or admin can enable it`,
    { details: { disabledBy: key.disabledBy } },
  );
}

export async function updateApiKey(caller: WorkspaceCaller, id: string, input: UpdateApiKeyInput): Promise<ApiKeyView> {
  const now = new Date();
  const policy = await readKeyPolicy(getDb(), caller.workspaceId);
  if (input.expiresAt !== undefined) assertExpiryAllowed(policy, input.expiresAt, now);
  const row = await getDb().$transaction(async (tx) => {
    const key = await findManageable(tx, caller, id);
    if (key.revokedAt) throw new ApiError("conflict", "A revoked key cannot be changed");
    if (input.permissions) {
      // A user key may never hold more than its creator does, and the creator may not be the caller
      // (an ADMIN editing a MEMBER's key). A workspace key answers to no member: the editor's own
      // role is the bound.
      if (key.owner === "user") {
        const creator = key.createdById
          ? await tx.membership.findUnique({
              where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: key.createdById } },
            })
          : null;
        const creatorRole = creator && isRole(creator.role) ? creator.role : "VIEWER";
        assertPermissionsHeld({ ...caller, role: creatorRole }, input.permissions);
      }
      assertPermissionsHeld(caller, input.permissions);
    }
    const enabling = input.isActive === true && !key.isActive;
    const disabling = input.isActive === false && key.isActive;
    if (enabling) assertMayEnable(caller, key);
    const updated = await tx.apiKey.update({
      where: { id: key.id },
      data: {
        name: input.name,
        description: input.description,
        permissions: input.permissions ? encodePermissions(input.permissions) : undefined,
        expiresAt: input.expiresAt,
        allowedIps: input.allowedIps ? encodeIpList(input.allowedIps) : undefined,
        isActive: input.isActive,
        disabledReason: enabling ? null : input.disabledReason !== undefined ? input.disabledReason || null : undefined,
        disabledById: enabling ? null : disabling ? caller.userId : undefined,
        // Enabled again: the idle clock starts over, and Keyward's reason for disabling is gone.
        ...(enabling ? { disabledBySystem: null, idleClockFrom: now } : {}),
      },
      include: keyInclude,
    });
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const action = disabling ? "api_key.disabled" : enabling ? "api_key.enabled" : "api_key.updated";
    await recordAudit(tx, caller, {
      action,
      targetType: "api_key",
      targetId: key.id,
      metadata: { name: updated.name, keyPrefix: key.keyPrefix, changes },
    });
    await queueWebhookEvent(tx, caller.workspaceId, action, { apiKey: toView(updated, policy, now), changes });
    return updated;
  });
  await apiKeyChanged(row.keyPrefix);
  return toView(row, policy, now);
}

/** Revokes a key at once. Idempotent: revoking a revoked key returns it unchanged. */
export async function revokeApiKey(caller: WorkspaceCaller, id: string): Promise<ApiKeyView> {
  const policy = await readKeyPolicy(getDb(), caller.workspaceId);
  const row = await getDb().$transaction(async (tx) => {
    const key = await findManageable(tx, caller, id);
    if (key.revokedAt) return key;
    const revoked = await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date(), revokedById: caller.userId },
      include: keyInclude,
    });
    await recordAudit(tx, caller, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: key.id,
      metadata: { name: key.name, keyPrefix: key.keyPrefix },
    });
    await queueWebhookEvent(tx, caller.workspaceId, "api_key.revoked", { apiKey: toView(revoked, policy) });
    return revoked;
  });
  await apiKeyChanged(row.keyPrefix);
  return toView(row, policy);
}

/**
 * Replaces a key with a new one carrying the same name, permissions and expiry. With no overlap the
 * old key is revoked at once; with an overlap it expires then, and never later than its own expiry.
 * The new key takes over the old key's slot, so rotation never hits the per-user limit.
 */
export async function rotateApiKey(
  caller: WorkspaceCaller,
  id: string,
  options: { oldKeyExpiresInSeconds: number },
): Promise<RotatedApiKey> {
  // Rotation hands out a new plaintext key, so it needs the right to create keys.
  requireCapability(caller, "keys:create");
  assertApiAccess(caller);
  const now = new Date();
  const generated = generateApiKey();
  const policy = await readKeyPolicy(getDb(), caller.workspaceId);
  const { created, old } = await getDb().$transaction(async (tx) => {
    const key = await findManageable(tx, caller, id);
    const status = apiKeyStatus(key, now);
    if (status === "revoked" || status === "expired" || key.rotatedTo) {
      throw new ApiError("conflict", `Only a live key can be rotated; this key is ${key.rotatedTo ? "already rotated" : status}`);
    }
    const overlapEnd = new Date(now.getTime() + options.oldKeyExpiresInSeconds * 1000);
    const old = await tx.apiKey.update({
      where: { id: key.id },
      data:
        options.oldKeyExpiresInSeconds === 0
          ? { revokedAt: now, revokedById: caller.userId, replacedAt: now }
          : { expiresAt: key.expiresAt && key.expiresAt < overlapEnd ? key.expiresAt : overlapEnd, replacedAt: now },
      include: keyInclude,
    });
    const created = await tx.apiKey.create({
      data: {
        workspaceId: key.workspaceId,
        owner: key.owner,
        createdById: key.createdById,
        name: key.name,
        description: key.description,
        keyPrefix: generated.keyPrefix,
        secretHash: hashApiKey(generated.plaintext),
        permissions: key.permissions,
        allowedIps: key.allowedIps,
        isActive: key.isActive,
        disabledReason: key.disabledReason,
        disabledById: key.disabledById,
        disabledBySystem: key.disabledBySystem,
        expiresAt: key.expiresAt,
        rotatedFromId: key.id,
      },
      include: keyInclude,
    });
    await recordAudit(tx, caller, {
      action: "api_key.rotated",
      targetType: "api_key",
      targetId: key.id,
      metadata: {
        name: key.name,
        keyPrefix: key.keyPrefix,
        newKeyId: created.id,
        newKeyPrefix: created.keyPrefix,
        oldKeyExpiresInSeconds: options.oldKeyExpiresInSeconds,
      },
    });
    const replaced = { ...old, rotatedTo: { id: created.id } };
    await queueWebhookEvent(tx, caller.workspaceId, "api_key.rotated", {
      apiKey: toView(replaced, policy, now),
      newKey: toView(created, policy, now),
    });
    return { created, old: replaced };
  });
  await apiKeyChanged(old.keyPrefix);
  return { ...toView(created, policy, now), plaintextKey: generated.plaintext, oldKey: toView(old, policy, now) };
}
