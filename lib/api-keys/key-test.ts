// "Test this key": what a request with a key would be answered, checked by the same admission code as
// a real request (lib/api-keys/admission.ts) with steps that change nothing: no usage counted, no rate
// limit consumed, no request-log entry (this is a management route, not the integration API), no
// invalid-key attempt recorded. A key of another workspace is answered exactly like an unknown one.
// The plaintext is only compared, never stored or logged.
import { invalidField } from "../errors";
import { andThen } from "../maybe-async";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import type { Action, Permission, Resource } from "../permissions";
import { admitRequest, KEY_CHECK_FAILURES, type AdmissionSteps, type KeyCheck } from "./admission";
import { rateLimitForPlan } from "./rate-limits";
import { verifyApiKey, type VerificationResult } from "./verify";
import type { KeyTestInput, KeyTestResult } from "./schemas";

const COLLECTIONS: [RegExp, Resource][] = [
  [/^\/api\/integration\/tracking-plans\/[^/]+\/events(\/[^/]+)?$/, "tracking_plan_event"],
  [/^\/api\/integration\/tracking-plans\/[^/]+\/properties(\/[^/]+)?$/, "tracking_plan_property"],
  [/^\/api\/integration\/tracking-plans(\/[^/]+)?$/, "tracking_plan"],
  [/^\/api\/integration\/sources(\/[^/]+)?$/, "source"],
  [/^\/api\/integration\/destinations(\/[^/]+)?$/, "destination"],
  [/^\/api\/integration\/pipelines(\/[^/]+)?$/, "pipeline"],
];

/**
 * The permission a request to the integration API needs: null for whoami, undefined for no such
 * route. Collections take GET and POST, items GET, PATCH and DELETE (held to every route by a test).
 */
export function permissionFor(method: string, path: string): Permission | null | undefined {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "/api/integration/whoami") return method === "GET" ? null : undefined;
  for (const [pattern, resource] of COLLECTIONS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const item = match[1] !== undefined;
    const action: Action | undefined = item
      ? ({ GET: "read", PATCH: "update", DELETE: "delete" } as const)[method as "GET"]
      : ({ GET: "read", POST: "create" } as const)[method as "GET"];
    return action ? `${resource}:${action}` : undefined;
  }
  return undefined;
}

/** The checks a test reports, in the order a request meets them. */
const REPORTED: { check: KeyCheck; name: string; passed: string }[] = [
  { check: "invalid_api_key", name: "Key", passed: "A key of this workspace, and its secret matches" },
  { check: "api_key_revoked", name: "Not revoked", passed: "Not revoked" },
  { check: "api_key_expired", name: "Not expired", passed: "Not expired" },
  { check: "api_key_disabled", name: "Enabled", passed: "Enabled" },
  { check: "plan_required", name: "Plan", passed: "The workspace's plan includes API access" },
  { check: "api_key_policy_blocked", name: "Key policy", passed: "Within the workspace's key policy" },
  { check: "ip_not_allowed", name: "IP allowlists", passed: "The address is inside the key's and the workspace's lists" },
  { check: "insufficient_permissions", name: "Permission", passed: "The key holds the permission this request needs" },
  { check: "rate_limited", name: "Rate limit", passed: "" },
];

const INVALID: VerificationResult = { ok: false, code: "invalid_api_key" };

export async function testApiKey(caller: WorkspaceCaller, input: KeyTestInput): Promise<KeyTestResult> {
  requireCapability(caller, "keys:manage_own");
  const permission = permissionFor(input.method, input.path);
  if (permission === undefined) throw invalidField("path", `${input.method} ${input.path} is not a route of the integration API`);
  let rateLimit = 0;
  const dryRun: AdmissionSteps = {
    addressThrottled: () => null,
    recordInvalidAttempt: () => undefined,
    // Another workspace's key is, to this caller, a key that does not exist.
    verify: (presented, now) =>
      andThen(verifyApiKey(presented, now), (result) => {
        const workspaceId = result.ok ? result.key.workspaceId : "workspaceId" in result ? result.workspaceId : undefined;
        return workspaceId === undefined || workspaceId === caller.workspaceId ? result : INVALID;
      }),
    consumeRequest: (key) => {
      rateLimit = rateLimitForPlan(key.plan).limit;
      return { allowed: true, limit: rateLimit, remaining: rateLimit, resetSeconds: 0 };
    },
    countUsage: () => undefined,
  };
  const outcome = await admitRequest(
    { apiKeys: [input.key], hasAuthorization: false, ip: input.ip ?? null, permission, now: Date.now() },
    dryRun,
  );
  const failedAt = outcome.ok ? REPORTED.length : REPORTED.findIndex((each) => each.check === outcome.check);
  const checks = REPORTED.map(({ check, name, passed }, index) => {
    if (index > failedAt || (index === failedAt && outcome.ok))
      return { name, passed: null, detail: "Not evaluated: an earlier check decided" };
    if (index === failedAt) return { name, passed: false, detail: outcome.ok ? "" : outcome.error.message };
    if (check === "ip_not_allowed" && input.ip === undefined)
      return { name, passed: null, detail: "Not evaluated: no address given" };
    if (check === "insufficient_permissions" && permission === null)
      return { name, passed: true, detail: "whoami needs no permission" };
    if (check === "rate_limited")
      return { name, passed: null, detail: `Not consumed by a test; the key allows ${rateLimit} requests per second` };
    return { name, passed: true, detail: check === "insufficient_permissions" ? `Holds ${permission}` : passed };
  });
  if (outcome.ok) {
    return { status: 200, code: null, message: `Would be allowed: ${input.method} ${input.path}`, checks };
  }
  const failure = KEY_CHECK_FAILURES[outcome.check];
  return {
    status: outcome.error.status,
    code: failure.code,
    message: `Would answer ${outcome.error.status} ${failure.code}: ${outcome.error.message}`,
    checks,
  };
}
