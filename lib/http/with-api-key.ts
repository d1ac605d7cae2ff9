// The one authentication layer of /api/integration/*. It reads X-Api-Key, verifies it, resolves the
// workspace from the key (x-tenant-id is ignored), checks plan, permission and rate limit in the order
// the API documents, counts usage, and adds RateLimit-* and Cache-Control headers to every answer.
import type { NextRequest } from "next/server";
import { ApiError, type ErrorCode } from "../errors";
import { verifyApiKey, type VerifiedApiKey } from "../api-keys/verify";
import { usageRecorder } from "../api-keys/usage";
import {
  consumeKeyRequest,
  invalidKeyAttemptsExhausted,
  recordInvalidKeyAttempt,
  type RateLimitState,
} from "../api-keys/rate-limits";
import { planOf, PLANS, FIRST_PLAN_WITH_API_ACCESS } from "../plans";
import type { Permission } from "../permissions";
import { clientIp } from "./request";
import { errorResponse } from "./respond";

export type IntegrationHandler<P> = (input: { req: NextRequest; key: VerifiedApiKey; params: P }) => Promise<Response>;

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
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

async function authenticate(req: NextRequest, permission: Permission | null) {
  const presented = req.headers.get("x-api-key");
  if (!presented) {
    if (req.headers.get("authorization")) {
      throw new ApiError("api_key_required", "This endpoint takes an API key in the X-Api-Key header, not a user token");
    }
    throw new ApiError("missing_api_key", "Send your API key in the X-Api-Key header");
  }
  const ip = clientIp(req) ?? "unknown";
  const blocked = await invalidKeyAttemptsExhausted(ip);
  if (blocked) {
    throw new ApiError("rate_limited", "Too many requests with invalid API keys from this address", {
      headers: { "Retry-After": String(blocked.resetSeconds) },
    });
  }
  const result = await verifyApiKey(presented.trim());
  const usage = usageRecorder();
  if (!result.ok) {
    if (result.code === "invalid_api_key") {
      await recordInvalidKeyAttempt(ip);
      throw new ApiError("invalid_api_key", MESSAGES.invalid_api_key!);
    }
    usage.record(result.keyId, result.workspaceId, result.code);
    if (result.code === "api_key_disabled") {
      throw new ApiError("api_key_disabled", result.reason ? `The API key is disabled: ${result.reason}` : "The API key is disabled", {
        details: { reason: result.reason },
      });
    }
    throw new ApiError(result.code, MESSAGES[result.code]!);
  }
  const key = result.key;
  if (!planOf(key.plan).apiAccess) {
    usage.record(key.keyId, key.workspaceId, "plan_required");
    throw new ApiError("plan_required", `The workspace's plan has no API access; it is included from ${PLANS[FIRST_PLAN_WITH_API_ACCESS].name}`, {
      details: { plan: key.plan, requiredPlan: FIRST_PLAN_WITH_API_ACCESS },
    });
  }
  if (permission && !key.permissions.has(permission)) {
    usage.record(key.keyId, key.workspaceId, "insufficient_permissions");
    throw new ApiError("insufficient_permissions", `This API key lacks the ${permission} permission`, {
      details: { required: permission },
    });
  }
  const limit = await consumeKeyRequest(key.keyId, key.plan);
  if (!limit.allowed) {
    usage.record(key.keyId, key.workspaceId, "rate_limited");
    throw new ApiError("rate_limited", `Rate limit of ${limit.limit} requests per second exceeded`, {
      headers: { ...rateLimitHeaders(limit), "Retry-After": String(limit.resetSeconds) },
    });
  }
  usage.record(key.keyId, key.workspaceId, "allowed");
  return { key, limit };
}

export function withApiKey<P = Record<string, string>>(permission: Permission | null, handler: IntegrationHandler<P>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    try {
      const { key, limit } = await authenticate(req, permission);
      limitHeaders = rateLimitHeaders(limit);
      const response = await handler({ req, key, params: await context.params });
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorResponse(error, limitHeaders);
    }
  };
}
