// The authentication wrappers of management routes. withUser resolves the person (browser session
// cookie, or `Authorization: Bearer <access token>`); withWorkspace also resolves the workspace named
// by `x-tenant-id`, the caller's role, and refuses a role without the capability the route declares.
// Handlers never authenticate; the services they call check the capability again, so a page that
// calls a service directly cannot do what the API refuses.
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { ApiError } from "../errors";
import { isCurrentTokenVersion, verifyAccessToken } from "../auth/tokens";
import { authSecret } from "../auth/secrets";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import type { Capability } from "../permissions";
import { resolveWorkspaceCaller } from "../workspaces/service";
import { KEY_PRODUCT_PREFIX } from "../api-keys/format";
import { clientIp } from "./request";
import { errorResponse } from "./respond";

type Params = Record<string, string | string[]>;
type RouteContext<P extends Params> = { params: Promise<P> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated changes, and sign-ups, must come from our own pages (a CSRF defence next to
 * SameSite=Lax; for sign-up it also stops other sites from creating accounts through a visitor).
 */
export function assertSameOrigin(req: NextRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (req.headers.get("sec-fetch-site") === "same-origin") return;
  const origin = req.headers.get("origin");
  const allowed = new Set([new URL(req.url).origin]);
  if (process.env.NEXTAUTH_URL) allowed.add(new URL(process.env.NEXTAUTH_URL).origin);
  if (!origin || !allowed.has(origin)) {
    throw new ApiError("cross_origin_request", "This change must come from the app's own pages");
  }
}

/** The user id behind a management request, or 401. */
export async function authenticateUser(req: NextRequest): Promise<string> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw new ApiError("unauthorized", "Use Authorization: Bearer <access token>");
    }
    if (token.startsWith(KEY_PRODUCT_PREFIX)) {
      throw new ApiError("invalid_token", "API keys work only on /api/integration/*; management needs a user access token");
    }
    const verified = await verifyAccessToken(token);
    if (!verified || !(await isCurrentTokenVersion(verified.userId, verified.version))) {
      throw new ApiError("invalid_token", "The access token is invalid, expired or signed out; sign in again");
    }
    return verified.userId;
  }
  const session = await getToken({ req, secret: authSecret() });
  if (session?.sub && (await isCurrentTokenVersion(session.sub, session.ver))) {
    assertSameOrigin(req);
    return session.sub;
  }
  throw new ApiError("unauthorized", "Sign in, or send Authorization: Bearer <access token>");
}

export function withUser<P extends Params = Params>(
  handler: (input: { req: NextRequest; userId: string; params: P }) => Promise<Response>,
) {
  return async (req: NextRequest, context: RouteContext<P>): Promise<Response> => {
    try {
      const userId = await authenticateUser(req);
      return await handler({ req, userId, params: await context.params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

type RouteHandler<P extends Params> = ((req: NextRequest, context: RouteContext<P>) => Promise<Response>) & {
  /** The capability the route declares, read by the access tests. */
  requires: Capability;
};

export function withWorkspace<P extends Params = Params>(
  access: { requires: Capability },
  handler: (input: { req: NextRequest; caller: WorkspaceCaller; params: P }) => Promise<Response>,
): RouteHandler<P> {
  const route = withUser<P>(async ({ req, userId, params }) => {
    const tenantId = req.headers.get("x-tenant-id")?.trim();
    if (!tenantId) throw new ApiError("tenant_required", "Name the workspace in the x-tenant-id header");
    const caller = await resolveWorkspaceCaller(userId, { id: tenantId }, clientIp(req));
    requireCapability(caller, access.requires);
    return handler({ req, caller, params });
  });
  return Object.assign(route, { requires: access.requires });
}
