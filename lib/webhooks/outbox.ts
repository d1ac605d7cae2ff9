// The outbox. A service that changes something calls queueWebhookEvent in the transaction of the
// change: one delivery row per enabled endpoint subscribed to the event is written with it, so an
// event is recorded exactly when its change commits, and a crash after the commit loses nothing (the
// delivery worker, ./worker.ts, sends what is pending on whichever instance is up).
import { randomBytes } from "node:crypto";
import type { DbTransaction } from "../db/client";
import type { WebhookEventType } from "./schemas";

/** Attempts per delivery: the first and six retries (./worker.ts RETRY_DELAYS_MS). */
export const DELIVERY_ATTEMPTS = 7;

/** A message id in Standard Webhooks' style: msg_ + 24 random bytes, base64url. */
export const newMessageId = () => `msg_${randomBytes(18).toString("base64url")}`;

export const payloadOf = (type: WebhookEventType, workspaceId: string, data: Record<string, unknown>, at: Date) =>
  JSON.stringify({ type, timestamp: at.toISOString(), data: { workspaceId, ...data } });

/** Queues an event for every enabled endpoint of the workspace subscribed to it. */
export async function queueWebhookEvent(
  tx: DbTransaction,
  workspaceId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { workspaceId, enabled: true },
    select: { id: true, events: true },
  });
  const subscribed = endpoints.filter((endpoint) => endpoint.events.split(",").includes(type));
  if (subscribed.length === 0) return;
  const now = new Date();
  const payload = payloadOf(type, workspaceId, data, now);
  await tx.webhookDelivery.createMany({
    data: subscribed.map((endpoint) => ({
      id: newMessageId(),
      endpointId: endpoint.id,
      workspaceId,
      eventType: type,
      payload,
      attemptsLeft: DELIVERY_ATTEMPTS,
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
}
