// Route handlers of the integration resources, generated from the resource table: the permission a
// method needs (GET read, POST create, PATCH update, DELETE delete) comes from one map, and methods a
// route does not serve answer 405 with the JSON error body.
import type { NextRequest } from "next/server";
import { ApiError } from "../errors";
import type { Action } from "../permissions";
import {
  createResource,
  deleteResource,
  getResource,
  listResourcesJson,
  updateResource,
  type ResourceDefinition,
  type ResourceScope,
} from "../resources/service";
import { listQuerySchema } from "../resources/schemas";
import { andThen } from "../maybe-async";
import { clientIp, readJson, readQuery } from "./request";
import type { KeyActor } from "../audit/service";
import type { VerifiedApiKey } from "../api-keys/verify";
import { errorResponse, noContent } from "./respond";
import { withApiKey } from "./with-api-key";

export const METHOD_ACTIONS = { GET: "read", POST: "create", PATCH: "update", DELETE: "delete" } as const satisfies Record<
  string,
  Action
>;
const ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof ALL_METHODS)[number];
type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;

function methodNotAllowed(allowed: string[]): Handler {
  return () =>
    errorResponse(new ApiError("method_not_allowed", `Use one of: ${allowed.join(", ")}`), { Allow: allowed.join(", ") });
}

/** Fills in the methods a route does not serve: HEAD as GET, OPTIONS with Allow, the rest 405. */
export function withMethodNotAllowed(handlers: Partial<Record<Method, Handler>>): Record<Method, Handler> {
  const allowed = Object.keys(handlers);
  const options: Handler = () => noContent({ Allow: [...allowed, "OPTIONS"].join(", ") });
  const filled: Partial<Record<Method, Handler>> = { HEAD: handlers.GET, OPTIONS: options, ...handlers };
  return Object.fromEntries(ALL_METHODS.map((method) => [method, filled[method] ?? methodNotAllowed(allowed)])) as Record<
    Method,
    Handler
  >;
}

const scopeOf = (definition: ResourceDefinition, workspaceId: string, params: Record<string, string>): ResourceScope =>
  definition.nestedIn ? { workspaceId, trackingPlanId: params.planId } : { workspaceId };

const actorOf = (key: VerifiedApiKey, req: Request): KeyActor => ({
  keyId: key.keyId,
  workspaceId: key.workspaceId,
  name: key.name,
  keyPrefix: key.keyPrefix,
  ip: clientIp(req),
});

// Most list requests ask for the first page with the default size: the query's parse, done once.
const FIRST_PAGE = Object.freeze(listQuerySchema.parse({}));

/** `GET` list and `POST` create on a collection, e.g. /api/integration/sources. */
export function collectionRoute(definition: ResourceDefinition) {
  const permission = (action: Action) => `${definition.resource}:${action}` as const;
  return withMethodNotAllowed({
    GET: withApiKey(permission("read"), ({ req, key, params }) => {
      const page = req.nextUrl.search === "" ? FIRST_PAGE : readQuery(req, listQuerySchema);
      const list = (ids: Record<string, string>) =>
        andThen(listResourcesJson(definition, scopeOf(definition, key.workspaceId, ids), page), (serialized) => ({ serialized }));
      // Only nested collections need the path's ids: awaiting them would put a promise on every list,
      // which otherwise answers synchronously on SQLite.
      return definition.nestedIn ? params.then(list) : list({});
    }),
    POST: withApiKey(permission("create"), async ({ req, key, params }) => {
      const body = (await readJson(req, definition.createSchema)) as Record<string, unknown>;
      const scope = scopeOf(definition, key.workspaceId, await params);
      return { status: 201, body: await createResource(definition, scope, body, actorOf(key, req)) };
    }),
  });
}

/** `GET`, `PATCH` and `DELETE` on one item, e.g. /api/integration/sources/{id}. */
export function itemRoute(definition: ResourceDefinition, idParam: string) {
  const permission = (action: Action) => `${definition.resource}:${action}` as const;
  return withMethodNotAllowed({
    GET: withApiKey(permission("read"), async ({ key, params }) => {
      const ids = await params;
      return { body: await getResource(definition, scopeOf(definition, key.workspaceId, ids), ids[idParam]!) };
    }),
    PATCH: withApiKey(permission("update"), async ({ req, key, params }) => {
      const ids = await params;
      const body = (await readJson(req, definition.updateSchema)) as Record<string, unknown>;
      const scope = scopeOf(definition, key.workspaceId, ids);
      return { body: await updateResource(definition, scope, ids[idParam]!, body, actorOf(key, req)) };
    }),
    DELETE: withApiKey(permission("delete"), async ({ req, key, params }) => {
      const ids = await params;
      await deleteResource(definition, scopeOf(definition, key.workspaceId, ids), ids[idParam]!, actorOf(key, req));
      return { status: 204 };
    }),
  });
}
