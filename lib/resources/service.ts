// The integration resources: sources, destinations, pipelines, tracking plans and their events and
// properties. One generic CRUD over a table of definitions; every query carries the workspace id (and
// the tracking plan for nested resources), so another workspace's id is simply not found.
import { z } from "zod";
import { ApiError, fieldDetails, invalidField, notFound } from "../errors";
import { getDb, isUniqueViolation, type DbTransaction } from "../db/client";
import type { Resource } from "../permissions";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { readPage, readRow, rowExists, type ResourceTable } from "../db/resource-reads";
import { viewColumns, viewJson, viewOf } from "./views";
import { andThen, type MaybePromise } from "../maybe-async";
import * as schemas from "./schemas";
import { recordKeyAudit, type KeyActor } from "../audit/service";
import type { AuditAction } from "../audit/schemas";

/** Where a resource lives: its workspace, and for events and properties their tracking plan. */
export interface ResourceScope {
  workspaceId: string;
  trackingPlanId?: string;
}

// A row Prisma returned from a write.
type Row = { id: string; createdAt: Date; updatedAt: Date } & Record<string, unknown>;

// Prisma's delegates are generic per model; the writes below need only these calls, all given plain
// objects they build themselves. Reads skip the ORM (lib/db/resource-reads.ts).
interface Delegate {
  create(args: object): Promise<Row>;
  update(args: object): Promise<Row>;
  delete(args: object): Promise<Row>;
}

export interface ResourceDefinition<Create extends z.ZodType = z.ZodType, Update extends z.ZodType = z.ZodType> {
  resource: Resource;
  label: string;
  /** Its Prisma model's table, for the reads that skip the ORM (lib/db/resource-reads.ts). */
  table: ResourceTable;
  delegate: (db: DbTransaction) => Delegate;
  createSchema: Create;
  updateSchema: Update;
  /** The view every answer has; its fields are columns of the table of the same names (./views.ts). */
  view: z.ZodObject;
  /** Turns a validated body into columns, checking references within the scope. */
  toData: (tx: DbTransaction, scope: ResourceScope, body: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** For nested resources: the parent that must exist in the workspace. */
  nestedIn?: "trackingPlan";
}

/** The view of a row Prisma returned from a write. */
function viewOfRow(definition: ResourceDefinition, row: Row): Record<string, unknown> {
  const columns = viewColumns(definition.view);
  return viewOf(
    columns,
    columns.names.map((name) => row[name]),
  );
}

async function assertInWorkspace(
  tx: DbTransaction,
  model: "source" | "destination",
  id: unknown,
  workspaceId: string,
  field: string,
): Promise<void> {
  if (id === undefined) return;
  const found =
    model === "source"
      ? await tx.source.findFirst({ where: { id: String(id), workspaceId }, select: { id: true } })
      : await tx.destination.findFirst({ where: { id: String(id), workspaceId }, select: { id: true } });
  if (!found) throw invalidField(field, `No ${model} with id "${String(id)}" in this workspace`);
}

const connector = (resource: "source" | "destination", label: string): ResourceDefinition => ({
  resource,
  label,
  table: resource === "source" ? "Source" : "Destination",
  delegate: (db) => (resource === "source" ? db.source : db.destination) as unknown as Delegate,
  createSchema: schemas.connectorCreateSchema,
  updateSchema: schemas.connectorUpdateSchema,
  view: schemas.connectorViewSchema,
  toData: async (_tx, _scope, body) => ({
    ...body,
    config: body.config === undefined ? undefined : JSON.stringify(body.config),
  }),
});

export const RESOURCE_DEFINITIONS = {
  source: connector("source", "Source"),
  destination: connector("destination", "Destination"),
  pipeline: {
    resource: "pipeline",
    label: "Pipeline",
    table: "Pipeline",
    delegate: (db) => db.pipeline as unknown as Delegate,
    createSchema: schemas.pipelineCreateSchema,
    updateSchema: schemas.pipelineUpdateSchema,
    view: schemas.pipelineViewSchema,
    toData: async (tx, scope, body) => {
      await assertInWorkspace(tx, "source", body.sourceId, scope.workspaceId, "sourceId");
      await assertInWorkspace(tx, "destination", body.destinationId, scope.workspaceId, "destinationId");
      return body;
    },
  },
  tracking_plan: {
    resource: "tracking_plan",
    label: "Tracking plan",
    table: "TrackingPlan",
    delegate: (db) => db.trackingPlan as unknown as Delegate,
    createSchema: schemas.trackingPlanCreateSchema,
    updateSchema: schemas.trackingPlanUpdateSchema,
    view: schemas.trackingPlanViewSchema,
    toData: async (_tx, _scope, body) => body,
  },
  tracking_plan_event: {
    resource: "tracking_plan_event",
    label: "Event",
    table: "TrackingPlanEvent",
    nestedIn: "trackingPlan",
    delegate: (db) => db.trackingPlanEvent as unknown as Delegate,
    createSchema: schemas.eventCreateSchema,
    updateSchema: schemas.eventUpdateSchema,
    view: schemas.eventViewSchema,
    toData: async (_tx, _scope, body) => body,
  },
  tracking_plan_property: {
    resource: "tracking_plan_property",
    label: "Property",
    table: "TrackingPlanProperty",
    nestedIn: "trackingPlan",
    delegate: (db) => db.trackingPlanProperty as unknown as Delegate,
    createSchema: schemas.propertyCreateSchema,
    updateSchema: schemas.propertyUpdateSchema,
    view: schemas.propertyViewSchema,
    toData: async (tx, scope, body) => {
      if (body.eventId) {
        const event = await tx.trackingPlanEvent.findFirst({
          where: { id: String(body.eventId), workspaceId: scope.workspaceId, trackingPlanId: scope.trackingPlanId },
          select: { id: true },
        });
        if (!event) throw invalidField("eventId", `No event with id "${String(body.eventId)}" in this tracking plan`);
      }
      return body;
    },
  },
} satisfies Record<Resource, ResourceDefinition>;

/** The columns every row of a scope matches: the one place tenant scoping of resources is decided. */
function scopeWhere(scope: ResourceScope): Record<string, string> {
  return scope.trackingPlanId
    ? { workspaceId: scope.workspaceId, trackingPlanId: scope.trackingPlanId }
    : { workspaceId: scope.workspaceId };
}

/** Inside a write's transaction: the parent tracking plan exists in the workspace. */
async function assertParent(tx: DbTransaction, definition: ResourceDefinition, scope: ResourceScope): Promise<void> {
  if (!definition.nestedIn) return;
  const plan = await tx.trackingPlan.findFirst({
    where: { id: scope.trackingPlanId ?? "", workspaceId: scope.workspaceId },
    select: { id: true },
  });
  if (!plan) throw notFound("Tracking plan");
}

/** The same check for reads, without the ORM. */
function assertParentForRead(definition: ResourceDefinition, scope: ResourceScope): MaybePromise<void> {
  if (!definition.nestedIn) return;
  return andThen(rowExists("TrackingPlan", { workspaceId: scope.workspaceId }, scope.trackingPlanId ?? ""), (found) => {
    if (!found) throw notFound("Tracking plan");
  });
}
function conflictOrRethrow(definition: ResourceDefinition, error: unknown): never {
  if (isUniqueViolation(error)) {
    const where = definition.nestedIn ? "this tracking plan" : "this workspace";
    throw new ApiError("conflict", `${definition.label} names are unique in ${where}; this name is taken`, {
      details: fieldDetails("name", "Name already in use"),
    });
  }
  const code = (error as { code?: string } | null)?.code;
  if (code === "P2025") throw notFound(definition.label);
  if (code === "P2003") {
    throw new ApiError("conflict", `${definition.label} is still used by another resource (a pipeline?); remove that first`);
  }
  throw error;
}

export type ResourcePage = { data: Record<string, unknown>[]; nextCursor: string | null };

/** A page's rows as values in the view's field order, and the cursor of the page after it. */
function readListPage(
  definition: ResourceDefinition,
  scope: ResourceScope,
  page: schemas.ListQuery,
): MaybePromise<{ rows: unknown[][]; nextCursor: string | null }> {
  const where = scopeWhere(scope);
  return andThen(assertParentForRead(definition, scope), () =>
    andThen(page.cursor ? rowExists(definition.table, where, page.cursor) : true, (known) => {
      if (!known) throw invalidField("cursor", "Unknown cursor");
      const columns = viewColumns(definition.view);
      return andThen(readPage(definition.table, columns.names, where, { limit: page.limit + 1, after: page.cursor }), (rows) => {
        const more = rows.length > page.limit;
        if (more) rows.length = page.limit;
        // A view starts with its id (viewColumns).
        return { rows, nextCursor: more ? String(rows.at(-1)![0]) : null };
      });
    }),
  );
}

// Reads answer synchronously on SQLite (lib/db/direct-reads.ts), so they are chained with andThen.
export function listResources(
  definition: ResourceDefinition,
  scope: ResourceScope,
  page: schemas.ListQuery,
): MaybePromise<ResourcePage> {
  const columns = viewColumns(definition.view);
  return andThen(readListPage(definition, scope, page), ({ rows, nextCursor }) => ({
    data: rows.map((values) => viewOf(columns, values)),
    nextCursor,
  }));
}

/** The same page as the API answers it: JSON.stringify(listResources(…)), written from the rows (./views.ts). */
export function listResourcesJson(
  definition: ResourceDefinition,
  scope: ResourceScope,
  page: schemas.ListQuery,
): MaybePromise<string> {
  const columns = viewColumns(definition.view);
  return andThen(
    readListPage(definition, scope, page),
    ({ rows, nextCursor }) =>
      `{"data":[${rows.map((values) => viewJson(columns, values)).join(",")}],"nextCursor":${JSON.stringify(nextCursor)}}`,
  );
}

export function getResource(
  definition: ResourceDefinition,
  scope: ResourceScope,
  id: string,
): MaybePromise<Record<string, unknown>> {
  return andThen(assertParentForRead(definition, scope), () =>
    andThen(readRow(definition.table, viewColumns(definition.view).names, scopeWhere(scope), id), (values) => {
      if (!values) throw notFound(definition.label);
      return viewOf(viewColumns(definition.view), values);
    }),
  );
}

/** The audit event of a change made with a key, in the change's transaction. */
function audited(
  tx: DbTransaction,
  actor: KeyActor,
  definition: ResourceDefinition,
  action: AuditAction,
  id: string,
  name?: unknown,
) {
  return recordKeyAudit(tx, actor, {
    action,
    targetType: "resource",
    targetId: id,
    metadata: { resource: definition.resource, ...(typeof name === "string" ? { name } : {}) },
  });
}

export async function createResource(
  definition: ResourceDefinition,
  scope: ResourceScope,
  body: Record<string, unknown>,
  actor: KeyActor,
) {
  try {
    return await getDb().$transaction(async (tx) => {
      await assertParent(tx, definition, scope);
      const data = await definition.toData(tx, scope, body);
      const view = viewOfRow(definition, await definition.delegate(tx).create({ data: { ...data, ...scopeWhere(scope) } }));
      await audited(tx, actor, definition, "resource.created", String(view.id), view.name);
      return view;
    });
  } catch (error) {
    conflictOrRethrow(definition, error);
  }
}

export async function updateResource(
  definition: ResourceDefinition,
  scope: ResourceScope,
  id: string,
  body: Record<string, unknown>,
  actor: KeyActor,
) {
  try {
    return await getDb().$transaction(async (tx) => {
      await assertParent(tx, definition, scope);
      const data = await definition.toData(tx, scope, body);
      const view = viewOfRow(definition, await definition.delegate(tx).update({ where: { id, ...scopeWhere(scope) }, data }));
      await audited(tx, actor, definition, "resource.updated", id, view.name);
      return view;
    });
  } catch (error) {
    conflictOrRethrow(definition, error);
  }
}

export async function deleteResource(
  definition: ResourceDefinition,
  scope: ResourceScope,
  id: string,
  actor: KeyActor,
): Promise<void> {
  try {
    await getDb().$transaction(async (tx) => {
      await assertParent(tx, definition, scope);
      await definition.delegate(tx).delete({ where: { id, ...scopeWhere(scope) } });
      await audited(tx, actor, definition, "resource.deleted", id);
    });
  } catch (error) {
    conflictOrRethrow(definition, error);
  }
}

/**
 * Everything of one kind in the caller's workspace (up to 500), for the read-only pages of the admin
 * UI: people read with resources:read, integrations through the API with a key's permissions.
 */
export async function listResourcesForMember(
  caller: WorkspaceCaller,
  definition: ResourceDefinition,
  trackingPlanId?: string,
): Promise<Record<string, unknown>[]> {
  requireCapability(caller, "resources:read");
  return (await listResources(definition, { workspaceId: caller.workspaceId, trackingPlanId }, { limit: 500 })).data;
}
