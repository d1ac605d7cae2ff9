// Verifies a presented API key. A cache keyed by the public prefix holds what the check needs (hash,
// state, creator's role, plan), so a warm check costs one SHA-256 digest and a Map lookup, with no
// query and no promise. The cache is invalidated by change events (./events.ts, carried to other
// instances by the bus), not by time: revoking, disabling, editing a key or changing its creator's
// membership takes effect on the very next request. Expiry is checked against the clock on every
// request. A TTL (10 minutes; 60 s with several instances) only guards against changes made behind
// the app's back. While no invalidation channel is connected, cached keys are checked against the
// database again (see recheck): a revoke made on another instance is never missed.
import { hash, timingSafeEqual } from "node:crypto";
import { lookupKeyByPrefix, type KeyLookupRow } from "../db/key-lookup";
import { ipAllowlistFrom, type IpAllowlist } from "../net/ip-allowlist";
import type { MaybePromise } from "../maybe-async";
import { decodePermissions, effectivePermissions, isRole, type Permission, type Role } from "../permissions";
import { planOf, type PlanId } from "../plans";
import { API_KEY_LENGTH, KEY_PREFIX_LENGTH, parseApiKey } from "./format";
import { apiKeyMatchesHash } from "./hash";
import { invalidationsFlowing, onApiKeyChange } from "./events";
import type { ApiKeyOwner } from "./schemas";

export interface VerifiedApiKey {
  keyId: string;
  keyPrefix: string;
  name: string;
  workspaceId: string;
  owner: ApiKeyOwner;
  /** The creator; null for a workspace key whose creator's account was deleted. */
  userId: string | null;
  plan: PlanId;
  /**
   * A user key's own permissions intersected with its creator's current role; a workspace key's
   * own permissions, tied to no member. Canonical order.
   */
  permissions: readonly Permission[];
  expiresAt: Date | null;
  /** The key policy's expiry rules and the IP allowlists that apply; null when none does. */
  rules: KeyRules | null;
}

/** Checked at use, after the plan (lib/api-keys/admission.ts); parsed once, when the key is loaded. */
export interface KeyRules {
  requireExpiry: boolean;
  maxLifetimeDays: number | null;
  keyIps: IpAllowlist | null;
  workspaceIps: IpAllowlist | null;
}

export type VerificationFailure =
  /** With the key's ids when the prefix is known (a wrong secret, a creator gone): for its request log. */
  | { code: "invalid_api_key"; keyId?: string; workspaceId?: string }
  | { code: "api_key_revoked"; keyId: string; workspaceId: string }
  | { code: "api_key_expired"; keyId: string; workspaceId: string }
  | { code: "api_key_disabled"; keyId: string; workspaceId: string; reason: string | null };

export type VerificationResult = { ok: true; key: VerifiedApiKey } | ({ ok: false } & VerificationFailure);

export interface CachedKey {
  /** The stored HMAC-SHA-256 of the key. */
  secretHash: Buffer;
  /**
   * SHA-256 of the plaintext that last matched secretHash. Later requests compare against it: one
   * digest instead of the two of an HMAC, which under load cost more than the rest of the check.
   * It is only ever set from a plaintext whose HMAC matched, and a 256-bit secret cannot be
   * recovered from its digest, so this holds nothing a guess could use.
   */
  matchedDigest?: Buffer;
  /** Returned as is on success: a hit allocates nothing. */
  verified: { ok: true; key: VerifiedApiKey };
  creatorRole: Role | null;
  /** A user key dies with its creator's membership; a workspace key does not. */
  needsCreator: boolean;
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
        if (entry.verified.key.workspaceId !== change.workspaceId) continue;
        if (change.kind === "workspace" || entry.verified.key.userId === change.userId) this.entries.delete(prefix);
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
  const owner: ApiKeyOwner = row.owner === "workspace" ? "workspace" : "user";
  const own = decodePermissions(row.permissions);
  return {
    secretHash: Buffer.from(row.secretHash, "hex"),
    verified: {
      ok: true,
      key: {
        keyId: row.id,
        keyPrefix,
        name: row.name,
        workspaceId: row.workspaceId,
        owner,
        userId: row.createdById,
        plan: planOf(row.plan).id,
        permissions: owner === "workspace" ? own : creatorRole ? effectivePermissions(own, creatorRole) : [],
        expiresAt: row.expiresAt,
        rules: keyRulesOf(row),
      },
    },
    creatorRole,
    needsCreator: owner === "user",
    isActive: row.isActive,
    disabledReason: row.disabledReason,
    expiresAtMs: row.expiresAt?.getTime() ?? null,
    revoked: row.revokedAt !== null,
  };
}

function keyRulesOf(row: KeyLookupRow): KeyRules | null {
  const rules: KeyRules = {
    requireExpiry: row.requireExpiry ?? false,
    maxLifetimeDays: row.maxLifetimeDays,
    keyIps: ipAllowlistFrom(row.allowedIps),
    workspaceIps: ipAllowlistFrom(row.workspaceAllowedIps ?? ""),
  };
  const any = rules.requireExpiry || rules.maxLifetimeDays !== null || rules.keyIps || rules.workspaceIps;
  return any ? rules : null;
}

const INVALID: VerificationResult = { ok: false, code: "invalid_api_key" };

/**
 * Checks a presented key: the hash in constant time, then state in the order the API reports it:
 * revoked, expired, creator gone, disabled. A cache hit answers synchronously. Before a miss reads
 * the database, shape and checksum must be right, so typos and random strings cost no query; a
 * cached key needs no checksum, its hash decides.
 */
export function verifyApiKey(presented: string, now = Date.now()): MaybePromise<VerificationResult> {
  if (presented.length !== API_KEY_LENGTH) return INVALID;
  const prefix = presented.slice(0, KEY_PREFIX_LENGTH);
  const entry = cache().get(prefix, now);
  if (entry) return invalidationsFlowing() ? checkEntry(entry, presented, now) : recheck(entry, prefix, presented, now);
  const parsed = parseApiKey(presented);
  return parsed ? loadAndCheck(parsed.keyPrefix, presented, now) : INVALID;
}

/** How old a cached check may be and still be trusted while neither the bus nor the database answers. */
export const STALE_CHECK_BOUND_MS = 5_000;

/**
 * With several instances and no invalidation channel connected, a change made elsewhere may have gone
 * unheard: the key is checked against the database again. If the database fails too, the cached
 * answer is used only when it was checked within STALE_CHECK_BOUND_MS; older, the request fails
 * (503), closed rather than open.
 */
async function recheck(entry: CachedKey, prefix: string, presented: string, now: number): Promise<VerificationResult> {
  let timer: NodeJS.Timeout | undefined;
  // A database that stalls (rather than refuses) must not hold the request for the pool's timeouts.
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseStalledError()), RECHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([loadAndCheck(prefix, presented, now), stalled]);
  } catch (error) {
    if (now - entry.cachedAtMs <= STALE_CHECK_BOUND_MS) return checkEntry(entry, presented, now);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** How long a re-check may wait for the database before it counts as failed. */
const RECHECK_TIMEOUT_MS = 1_000;

class DatabaseStalledError extends Error {
  // Named so lib/dependency-failure.ts maps it to 503 like the driver's own timeouts.
  readonly code = "ETIMEDOUT";
  constructor() {
    super("the database did not answer the key re-check in time");
  }
}

async function loadAndCheck(keyPrefix: string, presented: string, now: number): Promise<VerificationResult> {
  const keys = cache();
  const generation = keys.generation;
  const loaded = await loadKey(keyPrefix);
  if (!loaded) return INVALID;
  const entry = { ...loaded, cachedAtMs: now };
  keys.set(keyPrefix, entry, generation);
  return checkEntry(entry, presented, now);
}

function secretMatches(entry: CachedKey, presented: string): boolean {
  if (entry.matchedDigest) return timingSafeEqual(hash("sha256", presented, "buffer"), entry.matchedDigest);
  if (!apiKeyMatchesHash(presented, entry.secretHash)) return false;
  entry.matchedDigest = hash("sha256", presented, "buffer");
  return true;
}

/** The checks of a cached key, in the documented order (exported for the order test). */
export function checkEntry(entry: CachedKey, presented: string, now: number): VerificationResult {
  const { keyId, workspaceId } = entry.verified.key;
  const ids = { keyId, workspaceId };
  if (!secretMatches(entry, presented)) return { ok: false, code: "invalid_api_key", ...ids };
  if (entry.revoked) return { ok: false, code: "api_key_revoked", ...ids };
  if (entry.expiresAtMs !== null && entry.expiresAtMs <= now) return { ok: false, code: "api_key_expired", ...ids };
  if (entry.needsCreator && !entry.creatorRole) return { ok: false, code: "invalid_api_key", ...ids };
  if (!entry.isActive) return { ok: false, code: "api_key_disabled", reason: entry.disabledReason, ...ids };
  return entry.verified;
}

/** For tests and the benchmark: how many keys are cached, and a way to start cold. */
export const verifiedKeyCache = {
  size: () => cache().entries.size,
  clear: () => {
    cache().generation++;
    cache().entries.clear();
  },
};
