// The one authentication layer of /api/integration/*: it reads the key and the client address from
// the request, asks the admission service (lib/api-keys/admission.ts) whether the request may
// proceed, runs the handler, and adds RateLimit-* and Cache-Control headers to every answer. The
// workspace comes from the key; x-tenant-id is ignored.
// Every route under app/api/integration declares `dynamic = "force-dynamic"`: its answers are per
// request anyway, and otherwise Next hands route handlers a proxy of the request that checks the
// async context on every header read (to notice dynamic use while prerendering). A test holds every
// integration route to it.
import type { NextRequest } from "next/server";
import { andThen, type MaybePromise } from "../maybe-async";
import { admitRequest, type Admission } from "../api-keys/admission";
import { KEY_PRODUCT_PREFIX } from "../api-keys/format";
import type { VerifiedApiKey } from "../api-keys/verify";
import type { RateLimitState } from "../api-keys/rate-limits";
import type { Permission } from "../permissions";
import { clientIp } from "./request";
import { apiErrorResponse, json, noContent, serializedJson, toApiError } from "./respond";
import { logRequest } from "../request-log/capture";

/** What a handler answers: a JSON body (200 unless told), one serialized beforehand, or 204 without one. */
export type Reply = { status?: 200 | 201; body: unknown } | { status?: 200; serialized: string } | { status: 204 };

export type IntegrationHandler<P> = (input: { req: NextRequest; key: VerifiedApiKey; params: Promise<P> }) => MaybePromise<Reply>;

function rateLimitHeaders(state: RateLimitState | undefined): Record<string, string> {
  if (!state) return {};
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

function toResponse(reply: Reply, headers: Record<string, string>): Response {
  if ("body" in reply) return json(reply.body, { status: reply.status, headers });
  if ("serialized" in reply) return serializedJson(reply.serialized, { status: reply.status, headers });
  return noContent(headers);
}

const NONE: readonly string[] = [];

/**
 * The keys a request presents, in the forms integrations' tools send: `X-Api-Key` (canonical),
 * `ApiKey` (Retable's header) and `Authorization: Bearer <key>` when the value has Keyward's key
 * prefix (Stripe's and Unkey's form); any other Authorization is a user token on the wrong API.
 * The same key in two headers is one key; two different ones are ambiguous.
 */
export function presentedKeys(headers: Headers): { keys: readonly string[]; otherAuthorization: boolean } {
  const canonical = headers.get("x-api-key")?.trim() || null;
  const retable = headers.get("apikey")?.trim() || null;
  const authorization = headers.get("authorization");
  let bearer: string | null = null;
  if (authorization !== null) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (token?.startsWith(KEY_PRODUCT_PREFIX)) bearer = token;
  }
  const otherAuthorization = authorization !== null && bearer === null;
  // The usual request sends one header: no array to build.
  if (retable === null && bearer === null) return { keys: canonical ? [canonical] : NONE, otherAuthorization };
  const keys = [...new Set([canonical, retable, bearer].filter((key): key is string => key !== null))];
  return { keys, otherAuthorization };
}

export function withApiKey<P = Record<string, string>>(permission: Permission | null, handler: IntegrationHandler<P>) {
  // The permission rides on the handler, so the key test (lib/api-keys/key-test.ts) can be checked
  // against every route.
  return Object.assign(withApiKeyHandler(permission, handler), { permission });
}

function withApiKeyHandler<P>(permission: Permission | null, handler: IntegrationHandler<P>) {
  return (req: NextRequest, context: { params: Promise<P> }): MaybePromise<Response> => {
    const started = performance.now();
    const now = Date.now();
    const ip = clientIp(req);
    let limit: RateLimitState | undefined;
    let outcome: Admission | undefined;
    const failed = (error: unknown) => {
      const apiError = toApiError(error);
      logRequest(req, outcome, apiError.status, apiError.code, ip, now, started);
      return apiErrorResponse(apiError, rateLimitHeaders(limit));
    };
    const answered = (reply: Reply) => {
      const response = toResponse(reply, rateLimitHeaders(limit));
      logRequest(req, outcome, response.status, null, ip, now, started);
      return response;
    };
    try {
      const presented = presentedKeys(req.headers);
      const admission = admitRequest({
        apiKeys: presented.keys,
        hasAuthorization: presented.otherAuthorization,
        ip: ip ?? "unknown",
        permission,
        now,
      });
      const reply = andThen(admission, (admitted) => {
        outcome = admitted;
        limit = admitted.limit;
        if (!admitted.ok) throw admitted.error;
        return handler({ req, key: admitted.key, params: context.params });
      });
      if (!(reply instanceof Promise)) return answered(reply);
      return reply.then(answered).catch(failed);
    } catch (error) {
      return failed(error);
    }
  };
}
