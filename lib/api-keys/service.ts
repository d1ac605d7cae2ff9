// The API key service: create, list, read, update, revoke and rotate keys of one workspace. Each
// function takes the caller and checks the capability it needs (lib/permissions.ts). Every query is
// scoped by workspace id, and a caller without keys:manage_all reaches only their own keys: a key
// they may not manage is simply not found (404), never "forbidden", so ids leak nothing.
import { ApiError, invalidField, notFound } from "../errors";
import { getDb, type DbTransaction } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { can, requireCapability, type WorkspaceCaller } from "../auth/caller";
import { readAuditEvents, recordAudit, type AuditPage } from "../audit/service";
import type { AuditQuery } from "../audit/schemas";
import { planOf, FIRST_PLAN_WITH_API_ACCESS, PLANS } from "../plans";
import { decodePermissions, encodePermissions, isRole, permissionsNotHeld, type Permission } from "../permissions";
import { generateApiKey, maskKeyPrefix } from "./format";
import { hashApiKey } from "./hash";
import { apiKeyChanged } from "./events";
import type {
  ApiKeyListFilter,
  ApiKeyStatus,
  ApiKeyView,
  CreateApiKeyInput,
  CreatedApiKey,
  KeySlots,
  RotatedApiKey,
  UpdateApiKeyInput,
} from "./schemas";

const person = { select: { id: true, name: true, email: true } } as const;
const keyInclude = {
  createdBy: person,
  disabledBy: person,
  rotatedTo: { select: { id: true } },
} satisfies Prisma.ApiKeyInclude;

type ApiKeyRow = Prisma.ApiKeyGetPayload<{ include: typeof keyInclude }>;

export function apiKeyStatus(
  key: { revokedAt: Date | null; expiresAt: Date | null; isActive: boolean },
  now = new Date(),
): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return key.isActive ? "active" : "disabled";
}

function toView(row: ApiKeyRow, now = new Date()): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    maskedKey: maskKeyPrefix(row.keyPrefix),
    userId: row.createdById,
    tenantId: row.workspaceId,
    creator: row.createdBy,
    status: apiKeyStatus(row, now),
    isActive: row.isActive,
    disabledReason: row.disabledReason,
    disabledBy: row.disabledBy,
    permissions: decodePermissions(row.permissions),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedById,
    rotatedFromId: row.rotatedFromId,
    rotatedToId: row.rotatedTo?.id ?? null,
  };
}

/** Keys a caller may see and manage: all of the workspace with keys:manage_all, else their own. */
function visibleTo(caller: WorkspaceCaller): Prisma.ApiKeyWhereInput {
  requireCapability(caller, "keys:manage_own");
  return can(caller, "keys:manage_all")
    ? { workspaceId: caller.workspaceId }
    : { workspaceId: caller.workspaceId, createdById: caller.userId };
}

/** A key holds one of its creator's slots until it is revoked, expires, or is replaced by rotation. */
function occupiesSlot(now: Date): Prisma.ApiKeyWhereInput {
  return { revokedAt: null, rotatedTo: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
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

/**
 * Takes the caller's key-creation lock and checks the per-user limit. The UPDATE locks the membership
 * row until the transaction ends (PostgreSQL row lock; SQLite's single writer), so concurrent creates
 * of one user count one after another and the limit holds.
 */
async function claimKeySlot(tx: DbTransaction, caller: WorkspaceCaller, now: Date): Promise<void> {
  await tx.membership.update({
    where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: caller.userId } },
    data: { keyLock: { increment: 1 } },
  });
  const limit = planOf(caller.plan).maxActiveKeysPerUser;
  const inUse = await tx.apiKey.count({
    where: { workspaceId: caller.workspaceId, createdById: caller.userId, ...occupiesSlot(now) },
  });
  if (inUse >= limit) {
    throw new ApiError("api_key_limit_reached", `The ${planOf(caller.plan).name} plan allows ${limit} active keys per user`, {
      details: { limit, inUse },
    });
  }
}

export async function createApiKey(caller: WorkspaceCaller, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  requireCapability(caller, "keys:create");
  assertApiAccess(caller);
  assertPermissionsHeld(caller, input.permissions);
  const now = new Date();
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw invalidField("expiresAt", "expiresAt must be in the future");
  }

  const generated = generateApiKey();
  const row = await getDb().$transaction(async (tx) => {
    await claimKeySlot(tx, caller, now);
    const created = await tx.apiKey.create({
      data: {
        workspaceId: caller.workspaceId,
        createdById: caller.userId,
        name: input.name,
        keyPrefix: generated.keyPrefix,
        secretHash: hashApiKey(generated.plaintext),
        permissions: encodePermissions(input.permissions),
        expiresAt: input.expiresAt ?? null,
      },
      include: keyInclude,
    });
    await recordAudit(tx, caller, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      metadata: { name: created.name, keyPrefix: created.keyPrefix, permissions: input.permissions },
    });
    return created;
  });
  return { ...toView(row), plaintextKey: generated.plaintext };
}

export async function listApiKeys(caller: WorkspaceCaller, filter: ApiKeyListFilter): Promise<ApiKeyView[]> {
  const now = new Date();
  const notExpired: Prisma.ApiKeyWhereInput = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const byStatus: Record<NonNullable<ApiKeyListFilter> | "default", Prisma.ApiKeyWhereInput> = {
    default: { revokedAt: null },
    all: {},
    revoked: { revokedAt: { not: null } },
    expired: { revokedAt: null, expiresAt: { lte: now } },
    disabled: { revokedAt: null, isActive: false, ...notExpired },
    active: { revokedAt: null, isActive: true, ...notExpired },
  };
  const rows = await getDb().apiKey.findMany({
    where: { ...visibleTo(caller), ...byStatus[filter ?? "default"] },
    include: keyInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => toView(row, now));
}

/** The caller's slot usage, for "3 of 5 active keys". */
export async function keySlotsOf(caller: WorkspaceCaller): Promise<KeySlots> {
  requireCapability(caller, "keys:manage_own");
  const used = await getDb().apiKey.count({
    where: { workspaceId: caller.workspaceId, createdById: caller.userId, ...occupiesSlot(new Date()) },
  });
  return { used, limit: planOf(caller.plan).maxActiveKeysPerUser };
}

async function findManageable(tx: DbTransaction | ReturnType<typeof getDb>, caller: WorkspaceCaller, id: string) {
  const row = await tx.apiKey.findFirst({ where: { id, ...visibleTo(caller) }, include: keyInclude });
  if (!row) throw notFound("API key");
  return row;
}

export async function getApiKey(caller: WorkspaceCaller, id: string): Promise<ApiKeyView> {
  return toView(await findManageable(getDb(), caller, id));
}

/** A key's history from the audit log, for whoever may see the key (404 otherwise). */
export async function listApiKeyAuditEvents(
  caller: WorkspaceCaller,
  id: string,
  query: Omit<AuditQuery, "targetId">,
): Promise<AuditPage> {
  await findManageable(getDb(), caller, id);
  return readAuditEvents(caller.workspaceId, { ...query, targetId: id });
}

/**
 * Only whoever disabled a key, or someone who manages every key, may enable it again: a member
 * cannot undo what an admin stopped. Keys disabled before this was recorded have no disabler.
 */
function assertMayEnable(caller: WorkspaceCaller, key: ApiKeyRow): void {
  if (!key.disabledBy || key.disabledBy.id === caller.userId || can(caller, "keys:manage_all")) return;
  throw new ApiError(
    "forbidden",
    `${key.disabledBy.name} (${key.disabledBy.email}) disabled this key; only they or an owner or admin can enable it`,
    { details: { disabledBy: key.disabledBy } },
  );
}

export async function updateApiKey(caller: WorkspaceCaller, id: string, input: UpdateApiKeyInput): Promise<ApiKeyView> {
  const row = await getDb().$transaction(async (tx) => {
    const key = await findManageable(tx, caller, id);
    if (key.revokedAt) throw new ApiError("conflict", "A revoked key cannot be changed");
    // The subset rule is about the key's creator, who may not be the caller (an ADMIN editing a
    // MEMBER's key): the key may never hold more than its creator does.
    if (input.permissions) {
      const creator = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: caller.workspaceId, userId: key.createdById } },
      });
      const creatorRole = creator && isRole(creator.role) ? creator.role : "VIEWER";
      assertPermissionsHeld({ ...caller, role: creatorRole }, input.permissions);
      assertPermissionsHeld(caller, input.permissions);
    }
    const enabling = input.isActive === true && !key.isActive;
    const disabling = input.isActive === false && key.isActive;
    if (enabling) assertMayEnable(caller, key);
    const updated = await tx.apiKey.update({
      where: { id: key.id },
      data: {
        name: input.name,
        permissions: input.permissions ? encodePermissions(input.permissions) : undefined,
        isActive: input.isActive,
        disabledReason: enabling ? null : input.disabledReason !== undefined ? input.disabledReason || null : undefined,
        disabledById: enabling ? null : disabling ? caller.userId : undefined,
      },
      include: keyInclude,
    });
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    await recordAudit(tx, caller, {
      action: disabling ? "api_key.disabled" : enabling ? "api_key.enabled" : "api_key.updated",
      targetType: "api_key",
      targetId: key.id,
      metadata: { name: updated.name, keyPrefix: key.keyPrefix, changes },
    });
    return updated;
  });
  await apiKeyChanged(row.keyPrefix);
  return toView(row);
}

/** Revokes a key at once. Idempotent: revoking a revoked key returns it unchanged. */
export async function revokeApiKey(caller: WorkspaceCaller, id: string): Promise<ApiKeyView> {
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
    return revoked;
  });
  await apiKeyChanged(row.keyPrefix);
  return toView(row);
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
          ? { revokedAt: now, revokedById: caller.userId }
          : { expiresAt: key.expiresAt && key.expiresAt < overlapEnd ? key.expiresAt : overlapEnd },
      include: keyInclude,
    });
    const created = await tx.apiKey.create({
      data: {
        workspaceId: key.workspaceId,
        createdById: key.createdById,
        name: key.name,
        keyPrefix: generated.keyPrefix,
        secretHash: hashApiKey(generated.plaintext),
        permissions: key.permissions,
        isActive: key.isActive,
        disabledReason: key.disabledReason,
        disabledById: key.disabledById,
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
    return { created, old: { ...old, rotatedTo: { id: created.id } } };
  });
  await apiKeyChanged(old.keyPrefix);
  return { ...toView(created, now), plaintextKey: generated.plaintext, oldKey: toView(old, now) };
}
