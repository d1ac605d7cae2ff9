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
import { admitRequest } from "../api-keys/admission";
import type { VerifiedApiKey } from "../api-keys/verify";
import type { RateLimitState } from "../api-keys/rate-limits";
import type { Permission } from "../permissions";
import { clientIp } from "./request";
import { errorResponse, json, noContent, serializedJson } from "./respond";

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

export function withApiKey<P = Record<string, string>>(permission: Permission | null, handler: IntegrationHandler<P>) {
  return (req: NextRequest, context: { params: Promise<P> }): MaybePromise<Response> => {
    let limit: RateLimitState | undefined;
    try {
      const admission = admitRequest({
        apiKey: req.headers.get("x-api-key"),
        hasAuthorization: req.headers.has("authorization"),
        ip: clientIp(req) ?? "unknown",
        permission,
        now: Date.now(),
      });
      const reply = andThen(admission, (outcome) => {
        limit = outcome.limit;
        if (!outcome.ok) throw outcome.error;
        return handler({ req, key: outcome.key, params: context.params });
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
