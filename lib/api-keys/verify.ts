// Verifies a presented API key. A cache keyed by the public prefix holds what the check needs (hash,
// state, creator's role, plan), so a warm check costs one HMAC and a Map lookup, with no query. The
// cache is invalidated by change events (./events.ts, carried to other instances by the bus), not by
// time: revoking, disabling, editing a key or changing its creator's membership takes effect on the
// very next request. Expiry is checked against the clock on every request. A TTL (10 minutes; 60 s
// with several instances) only guards against changes made behind the app's back or lost messages.
import { lookupKeyByPrefix } from "../db/key-lookup";
import { decodePermissions, effectivePermissions, isRole, type Permission, type Role } from "../permissions";
import { planOf, type PlanId } from "../plans";
import { parseApiKey } from "./format";
import { apiKeyMatchesHash } from "./hash";
import { onApiKeyChange } from "./events";

export interface VerifiedApiKey {
  keyId: string;
  keyPrefix: string;
  name: string;
  workspaceId: string;
  userId: string;
  plan: PlanId;
  /** The key's own permissions intersected with its creator's current role. */
  permissions: ReadonlySet<Permission>;
  expiresAt: Date | null;
}

export type VerificationFailure =
  | { code: "invalid_api_key" }
  | { code: "api_key_revoked"; keyId: string; workspaceId: string }
  | { code: "api_key_expired"; keyId: string; workspaceId: string }
  | { code: "api_key_disabled"; keyId: string; workspaceId: string; reason: string | null };

export type VerificationResult = { ok: true; key: VerifiedApiKey } | ({ ok: false } & VerificationFailure);

interface CachedKey {
  secretHash: string;
  /** Returned as is on success: a hit allocates nothing. */
  key: VerifiedApiKey;
  creatorRole: Role | null;
  isActive: boolean;
  disabledReason: string | null;
  expiresAtMs: number | null;
  revoked: boolean;
  cachedAtMs: number;
}

// Several instances (REDIS_URL set) lean on the bus; a shorter net bounds the harm of a lost message.
const SAFETY_TTL_MS = (process.env.REDIS_URL ? 60 : 10 * 60) * 1000;
const MAX_ENTRIES = 200_000;

class VerifiedKeyCache {
  readonly entries = new Map<string, CachedKey>();
  /** Bumped by every invalidation; a lookup that raced one does not fill the cache. */
  generation = 0;

  constructor() {
    onApiKeyChange((change) => {
      this.generation++;
      if (change.kind === "all") {
        this.entries.clear();
        return;
      }
      if (change.kind === "key") {
        this.entries.delete(change.keyPrefix);
        return;
      }
      for (const [prefix, entry] of this.entries) {
        if (entry.key.workspaceId !== change.workspaceId) continue;
        if (change.kind === "workspace" || entry.key.userId === change.userId) this.entries.delete(prefix);
      }
    });
  }

  get(prefix: string, now: number): CachedKey | undefined {
    const entry = this.entries.get(prefix);
    if (entry && now - entry.cachedAtMs > SAFETY_TTL_MS) {
      this.entries.delete(prefix);
      return undefined;
    }
    return entry;
  }

  set(prefix: string, entry: CachedKey, generationAtRead: number): void {
    if (generationAtRead !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Evict the oldest insertion: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(prefix, entry);
  }
}

// One cache per process, even if the bundler loads this module more than once (route bundles).
const holder = globalThis as unknown as { [key: symbol]: VerifiedKeyCache | undefined };
const CACHE_SLOT = Symbol.for("keyward.verifiedKeyCache");
function cache(): VerifiedKeyCache {
  return (holder[CACHE_SLOT] ??= new VerifiedKeyCache());
}

async function loadKey(keyPrefix: string): Promise<Omit<CachedKey, "cachedAtMs"> | null> {
  const row = await lookupKeyByPrefix(keyPrefix);
  if (!row) return null;
  const creatorRole = row.role && isRole(row.role) ? row.role : null;
  return {
    secretHash: row.secretHash,
    key: {
      keyId: row.id,
      keyPrefix,
      name: row.name,
      workspaceId: row.workspaceId,
      userId: row.createdById,
      plan: planOf(row.plan).id,
      permissions: new Set(creatorRole ? effectivePermissions(decodePermissions(row.permissions), creatorRole) : []),
      expiresAt: row.expiresAt,
    },
    creatorRole,
    isActive: row.isActive,
    disabledReason: row.disabledReason,
    expiresAtMs: row.expiresAt?.getTime() ?? null,
    revoked: row.revokedAt !== null,
  };
}

/**
 * Checks a presented key: shape and checksum first (no database), then the hash in constant time,
 * then state in the order the API reports it: revoked, expired, creator gone, disabled.
 */
export async function verifyApiKey(presented: string, now = Date.now()): Promise<VerificationResult> {
  const parsed = parseApiKey(presented);
  if (!parsed) return { ok: false, code: "invalid_api_key" };
  const keys = cache();
  let entry = keys.get(parsed.keyPrefix, now);
  if (!entry) {
    const generation = keys.generation;
    const loaded = await loadKey(parsed.keyPrefix);
    if (!loaded) return { ok: false, code: "invalid_api_key" };
    entry = { ...loaded, cachedAtMs: now };
    keys.set(parsed.keyPrefix, entry, generation);
  }
  if (!apiKeyMatchesHash(presented, entry.secretHash)) return { ok: false, code: "invalid_api_key" };
  const ids = { keyId: entry.key.keyId, workspaceId: entry.key.workspaceId };
  if (entry.revoked) return { ok: false, code: "api_key_revoked", ...ids };
  if (entry.expiresAtMs !== null && entry.expiresAtMs <= now) return { ok: false, code: "api_key_expired", ...ids };
  if (!entry.creatorRole) return { ok: false, code: "invalid_api_key" };
  if (!entry.isActive) return { ok: false, code: "api_key_disabled", reason: entry.disabledReason, ...ids };
  return { ok: true, key: entry.key };
}

/** For tests and the benchmark: how many keys are cached, and a way to start cold. */
export const verifiedKeyCache = {
  size: () => cache().entries.size,
  clear: () => {
    cache().generation++;
    cache().entries.clear();
  },
};
