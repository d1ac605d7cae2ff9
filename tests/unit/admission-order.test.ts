// The documented order of the key checks (README "Integration API", KEY_CHECK_ORDER): a request that
// would fail every check is answered by the first, and fixing each in turn reveals the next.
import { describe, expect, it } from "vitest";
import {
  admitRequest,
  KEY_CHECK_FAILURES,
  KEY_CHECK_ORDER,
  type AdmissionRequest,
  type AdmissionSteps,
  type KeyCheck,
} from "@/lib/api-keys/admission";
import { checkEntry, type CachedKey, type KeyRules, type VerificationResult, type VerifiedApiKey } from "@/lib/api-keys/verify";
import { IpAllowlist } from "@/lib/net/ip-allowlist";
import { generateApiKey } from "@/lib/api-keys/format";
import { hashApiKey } from "@/lib/api-keys/hash";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const generated = generateApiKey();

const key: VerifiedApiKey = {
  keyId: "key-1",
  keyPrefix: generated.keyPrefix,
  name: "order",
  workspaceId: "ws-1",
  owner: "user",
  userId: "user-1",
  plan: "starter",
  permissions: ["source:read"],
  expiresAt: null,
  rules: null,
};

/** A cached key that fails every state check, with the fix for each. */
function failingEntry(): CachedKey {
  return {
    secretHash: Buffer.from(hashApiKey(generated.plaintext), "hex"),
    verified: { ok: true, key },
    creatorRole: null,
    needsCreator: true,
    isActive: false,
    disabledReason: "paused",
    expiresAtMs: NOW - 1,
    revoked: true,
    cachedAtMs: NOW,
  };
}

describe("the order of the key checks", () => {
  it("verification reports wrong secret, revoked, expired, creator removed, disabled in that order", () => {
    const entry = failingEntry();
    const codeOf = (result: VerificationResult) => (result.ok ? "ok" : result.code);
    const codes = [codeOf(checkEntry(entry, generated.plaintext.slice(0, -8) + "AAAAAAAA", NOW))];
    const fixes: (() => void)[] = [
      () => (entry.revoked = false),
      () => (entry.expiresAtMs = NOW + 60_000),
      () => (entry.creatorRole = "ADMIN"),
      () => (entry.isActive = true),
    ];
    for (const fix of [() => undefined, ...fixes]) {
      fix();
      codes.push(codeOf(checkEntry(entry, generated.plaintext, NOW)));
    }
    // The creator being gone reads as an invalid key: nothing about the key is told to its holder.
    expect(codes).toEqual(["invalid_api_key", "api_key_revoked", "api_key_expired", "invalid_api_key", "api_key_disabled", "ok"]);
  });

  it("admission answers the first failing check of KEY_CHECK_ORDER, and each fix reveals the next", () => {
    // Every check fails at first: throttled address, no key, two keys, a revoked-then-worse key, a
    // plan without API access, a key policy it breaks, an address outside both allowlists, a missing
    // permission, an exhausted rate limit.
    const world = {
      throttled: true,
      rules: {
        requireExpiry: true,
        maxLifetimeDays: null,
        keyIps: new IpAllowlist(["203.0.113.0/24"]),
        workspaceIps: new IpAllowlist(["192.0.2.0/24"]),
      } as KeyRules,
      request: {
        apiKeys: [] as string[],
        hasAuthorization: false,
        ip: "203.0.113.7",
        permission: "source:create",
        now: NOW,
      } as AdmissionRequest,
      verification: ["invalid_api_key", "api_key_revoked", "api_key_expired", "api_key_disabled"],
      plan: "starter" as VerifiedApiKey["plan"],
      permissions: ["source:read"] as VerifiedApiKey["permissions"],
      allowed: false,
    };
    const counted: string[] = [];
    const steps: AdmissionSteps = {
      addressThrottled: () => (world.throttled ? { allowed: false, limit: 30, remaining: 0, resetSeconds: 42 } : null),
      recordInvalidAttempt: () => undefined,
      verify: () => {
        const code = world.verification[0];
        if (!code) return { ok: true, key: { ...key, plan: world.plan, permissions: world.permissions, rules: world.rules } };
        if (code === "invalid_api_key") return { ok: false, code };
        if (code === "api_key_disabled")
          return { ok: false, code, keyId: key.keyId, workspaceId: key.workspaceId, reason: "paused" };
        return { ok: false, code: code as "api_key_revoked", keyId: key.keyId, workspaceId: key.workspaceId };
      },
      consumeRequest: () => ({ allowed: world.allowed, limit: 12, remaining: world.allowed ? 11 : 0, resetSeconds: 1 }),
      countUsage: (_keyId, _workspaceId, outcome) => void counted.push(outcome),
    };
    const fixes: Record<KeyCheck, () => void> = {
      address_throttled: () => (world.throttled = false),
      missing_api_key: () => (world.request.apiKeys = [generated.plaintext, generateApiKey().plaintext]),
      ambiguous_api_key: () => ((world.request.apiKeys = []), (world.request.hasAuthorization = true)),
      api_key_required: () => (world.request.apiKeys = [generated.plaintext]),
      invalid_api_key: () => world.verification.shift(),
      api_key_revoked: () => world.verification.shift(),
      api_key_expired: () => world.verification.shift(),
      api_key_disabled: () => world.verification.shift(),
      plan_required: () => (world.plan = "agency"),
      api_key_policy_blocked: () => (world.rules.requireExpiry = false),
      ip_not_allowed: () => (world.rules.workspaceIps = new IpAllowlist(["192.0.2.0/24", "203.0.113.7"])),
      insufficient_permissions: () => (world.permissions = ["source:read", "source:create"]),
      rate_limited: () => (world.allowed = true),
    };
    const answered: string[] = [];
    for (const check of KEY_CHECK_ORDER) {
      const outcome = admitRequest(world.request, steps);
      if (outcome instanceof Promise) throw new Error("synchronous steps must give a synchronous answer");
      answered.push(outcome.ok ? "ok" : outcome.check);
      if (!outcome.ok) expect(outcome.error.code).toBe(KEY_CHECK_FAILURES[outcome.check].code);
      fixes[check]();
    }
    const last = admitRequest(world.request, steps);
    expect(answered).toEqual([
      "address_throttled",
      "missing_api_key",
      "ambiguous_api_key",
      "api_key_required",
      "invalid_api_key",
      "api_key_revoked",
      "api_key_expired",
      "api_key_disabled",
      "plan_required",
      "api_key_policy_blocked",
      "ip_not_allowed",
      "insufficient_permissions",
      "rate_limited",
    ]);
    expect(last).toMatchObject({ ok: true, limit: { remaining: 11 } });
    // Usage counts what the key did (and was refused), never anything before a key was known.
    expect(counted).toEqual([
      "api_key_revoked",
      "api_key_expired",
      "api_key_disabled",
      "plan_required",
      "api_key_policy_blocked",
      "ip_not_allowed",
      "insufficient_permissions",
      "rate_limited",
      "allowed",
    ]);
  });

  it("an address is checked against the key's allowlist, then the workspace's, and the refusal says which", () => {
    const rules: KeyRules = {
      requireExpiry: false,
      maxLifetimeDays: null,
      keyIps: new IpAllowlist(["10.0.0.0/8"]),
      workspaceIps: new IpAllowlist(["2001:db8::/32"]),
    };
    const steps: AdmissionSteps = {
      addressThrottled: () => null,
      recordInvalidAttempt: () => undefined,
      verify: () => ({ ok: true, key: { ...key, plan: "agency", rules } }),
      consumeRequest: () => ({ allowed: true, limit: 12, remaining: 11, resetSeconds: 1 }),
      countUsage: () => undefined,
    };
    const admit = (ip: string) =>
      admitRequest({ apiKeys: [generated.plaintext], hasAuthorization: false, ip, permission: null, now: NOW }, steps);
    expect(admit("192.0.2.1")).toMatchObject({
      ok: false,
      error: { code: "ip_not_allowed", details: { ip: "192.0.2.1", list: "key" } },
    });
    expect(admit("10.1.2.3")).toMatchObject({
      ok: false,
      error: { code: "ip_not_allowed", details: { ip: "10.1.2.3", list: "workspace" } },
    });
    rules.keyIps = new IpAllowlist(["2001:db8::7"]);
    expect(admit("2001:db8::7")).toMatchObject({ ok: true });
  });

  it("a throttled address is told when to come back", () => {
    const blocked = admitRequest(
      { apiKeys: [], hasAuthorization: false, ip: "x", permission: null, now: NOW },
      {
        addressThrottled: () => ({ allowed: false, limit: 30, remaining: 0, resetSeconds: 42 }),
        recordInvalidAttempt: () => undefined,
        verify: () => ({ ok: false, code: "invalid_api_key" }),
        consumeRequest: () => ({ allowed: false, limit: 12, remaining: 0, resetSeconds: 1 }),
        countUsage: () => undefined,
      },
    );
    expect(blocked).toMatchObject({
      ok: false,
      check: "address_throttled",
      error: { status: 429, headers: { "Retry-After": "42" } },
    });
  });
});
