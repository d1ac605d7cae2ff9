// Whether a request to /api/integration/* may proceed: the key checks in the order the API documents,
// each refusal with its public message, as an outcome (lib/http/with-api-key.ts turns it into the
// answer). With a warm key cache and no Redis every step answers synchronously (lib/maybe-async.ts):
// no promise, no query, no database write; usage is counted in memory and written in batches.
import { ApiError, type ErrorCode } from "../errors";
import { andThen, type MaybePromise } from "../maybe-async";
import { PLANS, FIRST_PLAN_WITH_API_ACCESS } from "../plans";
import type { Permission } from "../permissions";
import { verifyApiKey, type KeyRules, type VerificationResult, type VerifiedApiKey } from "./verify";
import { brokenExpiryRule, type ExpiryRule } from "../key-policy/schemas";
import { usageRecorder } from "./usage-recorder";
import { consumeKeyRequest, invalidKeyAttemptsExhausted, recordInvalidKeyAttempt, type RateLimitState } from "./rate-limits";

/**
 * The public answer of every key-check refusal, in the order the checks run, with the facts its
 * message names and an example of them (the OpenAPI document shows the examples). The only place
 * these sentences are written.
 */
export const KEY_CHECK_FAILURES = {
  address_throttled: {
    code: "rate_limited",
    message: () => "Too many requests with invalid API keys from this address",
    example: {},
  },
  missing_api_key: { code: "missing_api_key", message: () => "Send your API key in the X-Api-Key header", example: {} },
  ambiguous_api_key: {
    code: "ambiguous_api_key",
    message: () => "Two different API keys were sent (X-Api-Key, ApiKey, Authorization: Bearer); send one",
    example: {},
  },
  api_key_required: {
    code: "api_key_required",
    message: () => "This endpoint takes an API key in the X-Api-Key header, not a user token",
    example: {},
  },
  invalid_api_key: { code: "invalid_api_key", message: () => "The API key is not valid", example: {} },
  api_key_revoked: { code: "api_key_revoked", message: () => "The API key has been revoked", example: {} },
  api_key_expired: { code: "api_key_expired", message: () => "The API key has expired", example: {} },
  api_key_disabled: {
    code: "api_key_disabled",
    message: ({ reason }: { reason: string | null }) =>
      reason ? `The API key is disabled: ${reason}` : "The API key is disabled",
    example: { reason: "rotating secrets" },
  },
  plan_required: {
    code: "plan_required",
    message: () => `The workspace's plan has no API access; it is included from ${PLANS[FIRST_PLAN_WITH_API_ACCESS].name}`,
    example: {},
  },
  api_key_policy_blocked: {
    code: "api_key_policy_blocked",
    message: ({ rule }: { rule: ExpiryRule }) =>
      rule === "require_expiry"
        ? "The workspace's key policy now requires an expiry date; set one on this key to use it again"
        : "This key's expiry lies further ahead than the workspace's key policy allows; set an earlier one to use it again",
    example: { rule: "require_expiry" as ExpiryRule },
  },
  ip_not_allowed: {
    code: "ip_not_allowed",
    message: ({ ip, list }: { ip: string; list: "key" | "workspace" }) =>
      `Requests from ${ip} are not allowed by the ${list === "key" ? "key's" : "workspace's"} IP allowlist`,
    example: { ip: "203.0.113.7", list: "key" as "key" | "workspace" },
  },
  insufficient_permissions: {
    code: "insufficient_permissions",
    message: ({ required }: { required: Permission }) => `This API key lacks the ${required} permission`,
    example: { required: "source:read" as Permission },
  },
  rate_limited: {
    code: "rate_limited",
    message: ({ limit }: { limit: number }) => `Rate limit of ${limit} requests per second exceeded`,
    example: { limit: 12 },
  },
} as const satisfies Record<string, { code: ErrorCode; message: (facts: never) => string; example: object }>;

export type KeyCheck = keyof typeof KEY_CHECK_FAILURES;

/**
 * The documented order of the checks, which is the table's own: the first that fails decides the
 * answer. Verification (lib/api-keys/verify.ts) reports revoked, expired, creator removed (as
 * invalid_api_key) and disabled in this order too.
 */
export const KEY_CHECK_ORDER = Object.keys(KEY_CHECK_FAILURES) as KeyCheck[];

/** A refusal; `keyId` and `workspaceId` once the presented key's prefix was known (for the request log). */
type Refusal = { ok: false; check: KeyCheck; error: ApiError; limit?: RateLimitState; keyId?: string; workspaceId?: string };
export type Admission = { ok: true; key: VerifiedApiKey; limit: RateLimitState } | Refusal;

export interface AdmissionRequest {
  /** The distinct keys the request presented (X-Api-Key, ApiKey, Authorization: Bearer kw_...). */
  apiKeys: readonly string[];
  /** Whether an Authorization header other than a key was sent (a user token on the wrong API). */
  hasAuthorization: boolean;
  /** The client address; null only in a dry run without one, where the allowlists are not evaluated. */
  ip: string | null;
  /** What the route needs; null for any valid key (whoami). */
  permission: Permission | null;
  now: number;
}

/** The stateful steps admission uses: the live ones by default, others in the order test. */
export interface AdmissionSteps {
  addressThrottled(ip: string, now: number): MaybePromise<RateLimitState | null>;
  recordInvalidAttempt(ip: string, now: number): MaybePromise<void>;
  verify(presented: string, now: number): MaybePromise<VerificationResult>;
  consumeRequest(key: VerifiedApiKey, now: number): MaybePromise<RateLimitState>;
  /** `permission`: what an allowed request needed (null for whoami), for the key's scope usage. */
  countUsage(keyId: string, workspaceId: string, outcome: string, now: number, permission?: Permission | null): void;
}

export const LIVE_STEPS: AdmissionSteps = {
  addressThrottled: invalidKeyAttemptsExhausted,
  recordInvalidAttempt: recordInvalidKeyAttempt,
  verify: verifyApiKey,
  consumeRequest: (key, now) => consumeKeyRequest(key.keyId, key.plan, now),
  countUsage: (keyId, workspaceId, outcome, now, permission) =>
    usageRecorder().record(keyId, workspaceId, outcome, now, permission ?? null),
};

function refuse<C extends KeyCheck>(
  check: C,
  options: { details?: unknown; headers?: Record<string, string>; limit?: RateLimitState } = {},
  ...facts: Parameters<(typeof KEY_CHECK_FAILURES)[C]["message"]>
): Refusal {
  const failure = KEY_CHECK_FAILURES[check];
  const message = (failure.message as (...facts: unknown[]) => string)(...facts);
  return {
    ok: false,
    check,
    error: new ApiError(failure.code, message, { details: options.details, headers: options.headers }),
    limit: options.limit,
  };
}

/** The key policy's expiry rules, then the key's IP allowlist, then the workspace's. */
function refusedByRules(key: VerifiedApiKey, rules: KeyRules, request: AdmissionRequest): Refusal | null {
  const rule = brokenExpiryRule(rules, key.expiresAt?.getTime() ?? null, request.now);
  if (rule) return refuse("api_key_policy_blocked", { details: { rule } }, { rule });
  const { ip } = request;
  if (ip === null) return null;
  for (const [list, allowlist] of [
    ["key", rules.keyIps],
    ["workspace", rules.workspaceIps],
  ] as const) {
    if (allowlist && !allowlist.allows(ip)) {
      return refuse("ip_not_allowed", { details: { ip, list } }, { ip, list });
    }
  }
  return null;
}

export function admitRequest(request: AdmissionRequest, steps: AdmissionSteps = LIVE_STEPS): MaybePromise<Admission> {
  return andThen(steps.addressThrottled(request.ip ?? "unknown", request.now), (blocked) => {
    if (blocked) return refuse("address_throttled", { headers: { "Retry-After": String(blocked.resetSeconds) } });
    const { apiKeys } = request;
    if (apiKeys.length === 0 && !request.hasAuthorization) return refuse("missing_api_key");
    if (apiKeys.length > 1) return refuse("ambiguous_api_key");
    if (apiKeys.length === 0) return refuse("api_key_required");
    return andThen(steps.verify(apiKeys[0]!, request.now), (result) => admitVerified(result, request, steps));
  });
}

function admitVerified(result: VerificationResult, request: AdmissionRequest, steps: AdmissionSteps): MaybePromise<Admission> {
  if (result.ok) return admitKey(result.key, request, steps);
  return andThen(verifiedRefusal(result, request, steps), (refused): Admission => {
    if (result.keyId) Object.assign(refused, { keyId: result.keyId, workspaceId: result.workspaceId });
    return refused;
  });
}

function verifiedRefusal(
  result: Extract<VerificationResult, { ok: false }>,
  request: AdmissionRequest,
  steps: AdmissionSteps,
): MaybePromise<Refusal> {
  const { now } = request;
  if (result.code === "invalid_api_key") {
    return andThen(steps.recordInvalidAttempt(request.ip ?? "unknown", now), () => refuse("invalid_api_key"));
  }
  steps.countUsage(result.keyId, result.workspaceId, result.code, now);
  if (result.code === "api_key_disabled")
    return refuse(result.code, { details: { reason: result.reason } }, { reason: result.reason });
  return refuse(result.code);
}

function admitKey(key: VerifiedApiKey, request: AdmissionRequest, steps: AdmissionSteps): MaybePromise<Admission> {
  const { now } = request;
  const ids = { keyId: key.keyId, workspaceId: key.workspaceId };
  const refused = (check: string, refusal: Refusal): Refusal => {
    steps.countUsage(key.keyId, key.workspaceId, check, now);
    return Object.assign(refusal, ids);
  };
  if (!PLANS[key.plan].apiAccess) {
    return refused(
      "plan_required",
      refuse("plan_required", { details: { plan: key.plan, requiredPlan: FIRST_PLAN_WITH_API_ACCESS } }),
    );
  }
  if (key.rules) {
    const byRules = refusedByRules(key, key.rules, request);
    if (byRules) return refused(byRules.check, byRules);
  }
  const { permission } = request;
  if (permission && !key.permissions.includes(permission)) {
    return refused(
      "insufficient_permissions",
      refuse("insufficient_permissions", { details: { required: permission } }, { required: permission }),
    );
  }
  return andThen(steps.consumeRequest(key, now), (limit): Admission => {
    if (!limit.allowed) {
      return refused(
        "rate_limited",
        refuse("rate_limited", { headers: { "Retry-After": String(limit.resetSeconds) }, limit }, { limit: limit.limit }),
      );
    }
    steps.countUsage(key.keyId, key.workspaceId, "allowed", now, permission);
    return { ok: true, key, limit };
  });
}
