// The workspace's webhook endpoints and their delivery log, for managers only (webhooks:manage).
// Every query is scoped by workspace: another workspace's endpoint or delivery is simply not found.
// Secrets are returned once, on creation and rotation; every change is audited.
import { ApiError, invalidField, notFound } from "../errors";
import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { recordAudit } from "../audit/service";
import { generateSigningSecret, sealSecret } from "./signing";
import { targetRefusal } from "./target-guard";
import { newMessageId, payloadOf } from "./outbox";
import { attemptDelivery } from "./worker";
import type {
  CreateWebhookInput,
  DeliveryQuery,
  UpdateWebhookInput,
  WebhookDeliveryView,
  WebhookEventType,
  WebhookView,
  WebhookWithSecret,
} from "./schemas";

/** Endpoints per workspace: enough for every real integration, few enough that a fan-out stays cheap. */
export const MAX_WEBHOOKS = 20;
/** How long the old secret keeps signing after a rotation. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

type EndpointRow = Prisma.WebhookEndpointGetPayload<object>;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<object>;

function toView(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.split(",") as WebhookEventType[],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretUntil:
      row.previousSecretUntil && row.previousSecretUntil.getTime() > Date.now() ? row.previousSecretUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function deliveryView(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType as WebhookEventType,
    status: row.status as WebhookDeliveryView["status"],
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    request: { body: row.payload },
    response: row.lastAttemptAt ? { status: row.responseStatus, body: row.responseBody, durationMs: row.durationMs } : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

async function assertTargetAllowed(url: string): Promise<void> {
  const refusal = await targetRefusal(url);
  if (refusal) throw invalidField("url", refusal);
}

async function findEndpoint(caller: WorkspaceCaller, id: string): Promise<EndpointRow> {
  requireCapability(caller, "webhooks:manage");
  const row = await getDb().webhookEndpoint.findFirst({ where: { id, workspaceId: caller.workspaceId } });
  if (!row) throw notFound("Webhook");
  return row;
}

export async function listWebhooks(caller: WorkspaceCaller): Promise<WebhookView[]> {
  requireCapability(caller, "webhooks:manage");
  const rows = await getDb().webhookEndpoint.findMany({
    where: { workspaceId: caller.workspaceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toView);
}

export async function getWebhook(caller: WorkspaceCaller, id: string): Promise<WebhookView> {
  return toView(await findEndpoint(caller, id));
}

export async function createWebhook(caller: WorkspaceCaller, input: CreateWebhookInput): Promise<WebhookWithSecret> {
  requireCapability(caller, "webhooks:manage");
  await assertTargetAllowed(input.url);
  const secret = generateSigningSecret();
  const row = await getDb().$transaction(async (tx) => {
    // The workspace row lock serialises concurrent creates, so the limit holds on every database.
    await tx.workspace.update({ where: { id: caller.workspaceId }, data: { keyLock: { increment: 1 } } });
    if ((await tx.webhookEndpoint.count({ where: { workspaceId: caller.workspaceId } })) >= MAX_WEBHOOKS) {
      throw new ApiError("conflict", `A workspace can have at most ${MAX_WEBHOOKS} webhook endpoints`);
    }
    const created = await tx.webhookEndpoint.create({
      data: {
        workspaceId: caller.workspaceId,
        url: input.url,
        description: input.description ?? "",
        events: input.events.join(","),
        secret: sealSecret(secret),
        createdById: caller.userId,
      },
    });
    await recordAudit(tx, caller, {
      action: "webhook.created",
      targetType: "webhook",
      targetId: created.id,
      metadata: { url: created.url, events: input.events },
    });
    return created;
  });
  return { ...toView(row), secret };
}

export async function updateWebhook(caller: WorkspaceCaller, id: string, input: UpdateWebhookInput): Promise<WebhookView> {
  const endpoint = await findEndpoint(caller, id);
  if (input.url !== undefined && input.url !== endpoint.url) await assertTargetAllowed(input.url);
  const enabling = input.enabled === true && !endpoint.enabled;
  const row = await getDb().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        url: input.url,
        description: input.description,
        events: input.events?.join(","),
        enabled: input.enabled,
        // Enabled again: a fresh start, not disabled again at the next check for old failures.
        ...(enabling ? { disabledReason: null, failingSince: null } : {}),
      },
    });
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    await recordAudit(tx, caller, {
      action: "webhook.updated",
      targetType: "webhook",
      targetId: endpoint.id,
      metadata: { url: updated.url, changes },
    });
    return updated;
  });
  return toView(row);
}

export async function deleteWebhook(caller: WorkspaceCaller, id: string): Promise<void> {
  const endpoint = await findEndpoint(caller, id);
  await getDb().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await recordAudit(tx, caller, {
      action: "webhook.deleted",
      targetType: "webhook",
      targetId: endpoint.id,
      metadata: { url: endpoint.url },
    });
  });
}

/** A new secret, returned once; the old one keeps signing alongside it for 24 hours. */
export async function rotateWebhookSecret(caller: WorkspaceCaller, id: string): Promise<WebhookWithSecret> {
  const endpoint = await findEndpoint(caller, id);
  const secret = generateSigningSecret();
  const until = new Date(Date.now() + SECRET_OVERLAP_MS);
  const row = await getDb().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secret: sealSecret(secret), previousSecret: endpoint.secret, previousSecretUntil: until },
    });
    await recordAudit(tx, caller, {
      action: "webhook.secret_rotated",
      targetType: "webhook",
      targetId: endpoint.id,
      metadata: { url: endpoint.url, previousSecretUntil: until.toISOString() },
    });
    return updated;
  });
  return { ...toView(row), secret };
}

/** One attempt now (test and redeliver), answered with the delivery as it stands after it. */
async function attemptNow(id: string): Promise<WebhookDeliveryView> {
  await attemptDelivery(id);
  return deliveryView(await getDb().webhookDelivery.findUniqueOrThrow({ where: { id } }));
}

/** Sends a `ping` at once (one attempt, no retries) and answers with its result. */
export async function sendTestEvent(caller: WorkspaceCaller, id: string): Promise<WebhookDeliveryView> {
  const endpoint = await findEndpoint(caller, id);
  const now = new Date();
  const delivery = await getDb().webhookDelivery.create({
    data: {
      id: newMessageId(),
      endpointId: endpoint.id,
      workspaceId: caller.workspaceId,
      eventType: "ping",
      payload: payloadOf("ping", caller.workspaceId, { webhookId: endpoint.id }, now),
      attemptsLeft: 1,
      nextAttemptAt: now,
      createdAt: now,
    },
  });
  return attemptNow(delivery.id);
}

export async function listDeliveries(
  caller: WorkspaceCaller,
  id: string,
  query: DeliveryQuery,
): Promise<{ data: WebhookDeliveryView[]; nextCursor: string | null }> {
  const endpoint = await findEndpoint(caller, id);
  const db = getDb();
  if (query.cursor && !(await db.webhookDelivery.findFirst({ where: { id: query.cursor, endpointId: endpoint.id } }))) {
    throw invalidField("cursor", "Unknown cursor");
  }
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, status: query.status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(deliveryView), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}

/** Sends a delivery again now, with the same message id (so a receiver that has it can tell). */
export async function redeliver(caller: WorkspaceCaller, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const endpoint = await findEndpoint(caller, id);
  const db = getDb();
  const delivery = await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: endpoint.id } });
  if (!delivery) throw notFound("Delivery");
  await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: { status: "pending", attemptsLeft: Math.max(1, delivery.attemptsLeft), nextAttemptAt: new Date() },
  });
  return attemptNow(delivery.id);
}
