// What GET /api/integration/whoami answers: who a key is. A verified key never changes (any change to
// it or to its creator replaces it in the verification cache), so the answer is serialized once per
// verified key and rate limit instead of on every request. whoami is the cheapest authenticated call,
// the one integrations use as a credential check and the benchmark measures the key check with;
// in the server under load, serializing it per request cost a third of the check itself
// (docs/performance.md).
import { rateLimitForPlan } from "./rate-limits";
import type { KeyIdentity } from "./schemas";
import type { VerifiedApiKey } from "./verify";

function keyIdentity(key: VerifiedApiKey, rateLimit: KeyIdentity["rateLimit"]): KeyIdentity {
  return {
    keyId: key.keyId,
    name: key.name,
    tenantId: key.workspaceId,
    owner: key.owner,
    userId: key.userId,
    permissions: [...key.permissions],
    expiresAt: key.expiresAt?.toISOString() ?? null,
    rateLimit,
  };
}

const serialized = new WeakMap<VerifiedApiKey, { limit: number; json: string }>();

export function serializedKeyIdentity(key: VerifiedApiKey): string {
  const rateLimit = rateLimitForPlan(key.plan);
  const cached = serialized.get(key);
  if (cached?.limit === rateLimit.limit) return cached.json;
  const json = JSON.stringify(keyIdentity(key, rateLimit));
  serialized.set(key, { limit: rateLimit.limit, json });
  return json;
}
