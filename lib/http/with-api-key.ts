// The one authentication layer of /api/integration/*. It reads X-Api-Key, verifies it, resolves the
// workspace from the key (x-tenant-id is ignored), checks plan, permission and rate limit in the order
// the API documents, counts usage, and adds RateLimit-* and Cache-Control headers to every answer.
// With a warm key cache and no Redis the whole check runs synchronously (lib/maybe-async.ts).
// Every route under app/api/integration declares `dynamic = "force-dynamic"`: its answers are per
// request anyway, and otherwise Next hands route handlers a proxy of the request that checks the
// async context on every header read (to notice dynamic use while prerendering). A test holds every
// integration route to it.
import type { NextRequest } from "next/server";
import { ApiError, type ErrorCode } from "../errors";
import { andThen, type MaybePromise } from "../maybe-async";
import { verifyApiKey, type VerificationResult, type VerifiedApiKey } from "../api-keys/verify";
import { usageRecorder } from "../api-keys/usage";
import {
  consumeKeyRequest,
  invalidKeyAttemptsExhausted,
  recordInvalidKeyAttempt,
  type RateLimitState,
} from "../api-keys/rate-limits";
import { PLANS, FIRST_PLAN_WITH_API_ACCESS } from "../plans";
import type { Permission } from "../permissions";
import { clientIp } from "./request";
import { errorResponse, json, noContent, serializedJson } from "./respond";

/** What a handler answers: a JSON body (200 unless told), one serialized beforehand, or 204 without one. */
export type Reply = { status?: 200 | 201; body: unknown } | { status?: 200; serialized: string } | { status: 204 };

export type IntegrationHandler<P> = (input: { req: NextRequest; key: VerifiedApiKey; params: Promise<P> }) => MaybePromise<Reply>;

interface Admitted {
  key: VerifiedApiKey;
  limit: RateLimitState;
}

function rateLimitHeaders(state: RateLimitState | undefined): Record<string, string> {
  if (!state) return {};
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  invalid_api_key: "The API key is not valid",
  api_key_revoked: "The API key has been revoked",
  api_key_expired: "The API key has expired",
};

function authenticate(req: NextRequest, permission: Permission | null): MaybePromise<Admitted> {
  const presented = req.headers.get("x-api-key");
  if (!presented) {
    if (req.headers.get("authorization")) {
      throw new ApiError("api_key_required", "This endpoint takes an API key in the X-Api-Key header, not a user token");
    }
    throw new ApiError("missing_api_key", "Send your API key in the X-Api-Key header");
  }
  const ip = clientIp(req) ?? "unknown";
  const now = Date.now();
  return andThen(invalidKeyAttemptsExhausted(ip, now), (blocked) => {
    if (blocked) {
      throw new ApiError("rate_limited", "Too many requests with invalid API keys from this address", {
        headers: { "Retry-After": String(blocked.resetSeconds) },
      });
    }
    return andThen(verifyApiKey(presented.trim(), now), (result) => admit(result, { ip, permission, now }));
  });
}

function admit(
  result: VerificationResult,
  { ip, permission, now }: { ip: string; permission: Permission | null; now: number },
): MaybePromise<Admitted> {
  const usage = usageRecorder();
  if (!result.ok) {
    if (result.code === "invalid_api_key") {
      return andThen(recordInvalidKeyAttempt(ip, now), () => {
        throw new ApiError("invalid_api_key", MESSAGES.invalid_api_key!);
      });
    }
    usage.record(result.keyId, result.workspaceId, result.code, now);
    if (result.code === "api_key_disabled") {
      throw new ApiError("api_key_disabled", result.reason ? `The API key is disabled: ${result.reason}` : "The API key is disabled", {
        details: { reason: result.reason },
      });
    }
    throw new ApiError(result.code, MESSAGES[result.code]!);
  }
  const key = result.key;
  if (!PLANS[key.plan].apiAccess) {
    usage.record(key.keyId, key.workspaceId, "plan_required", now);
    throw new ApiError("plan_required", `The workspace's plan has no API access; it is included from ${PLANS[FIRST_PLAN_WITH_API_ACCESS].name}`, {
      details: { plan: key.plan, requiredPlan: FIRST_PLAN_WITH_API_ACCESS },
    });
  }
  if (permission && !key.permissions.includes(permission)) {
    usage.record(key.keyId, key.workspaceId, "insufficient_permissions", now);
    throw new ApiError("insufficient_permissions", `This API key lacks the ${permission} permission`, {
      details: { required: permission },
    });
  }
  return andThen(consumeKeyRequest(key.keyId, key.plan, now), (limit) => {
    if (!limit.allowed) {
      usage.record(key.keyId, key.workspaceId, "rate_limited", now);
      throw new ApiError("rate_limited", `Rate limit of ${limit.limit} requests per second exceeded`, {
        headers: { ...rateLimitHeaders(limit), "Retry-After": String(limit.resetSeconds) },
      });
    }
    usage.record(key.keyId, key.workspaceId, "allowed", now);
    return { key, limit };
  });
}

function toResponse(reply: Reply, headers: Record<string, string>): Response {
  if ("body" in reply) return json(reply.body, { status: reply.status, headers });
  if ("serialized" in reply) return serializedJson(reply.serialized, { status: reply.status, headers });
  return noContent(headers);
}

export function withApiKey<P = Record<string, string>>(permission: Permission | null, handler: IntegrationHandler<P>) {
  return (req: NextRequest, context: { params: Promise<P> }): MaybePromise<Response> => {
    let limit: RateLimitState | undefined;
    try {
      const reply = andThen(authenticate(req, permission), (admitted) => {
        limit = admitted.limit;
        return handler({ req, key: admitted.key, params: context.params });
      });
      if (!(reply instanceof Promise)) return toResponse(reply, rateLimitHeaders(limit));
      return reply
        .then((settled) => toResponse(settled, rateLimitHeaders(limit)))
        .catch((error: unknown) => errorResponse(error, rateLimitHeaders(limit)));
    } catch (error) {
      return errorResponse(error, rateLimitHeaders(limit));
    }
  };
}
