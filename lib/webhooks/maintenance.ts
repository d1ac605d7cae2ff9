// The scheduler's webhook jobs: endpoints whose every delivery failed for 3 days are disabled (an
// endpoint nobody reads should not be retried forever), and settled deliveries past retention go.
import { getDb } from "../db/client";
import { recordSystemAudit } from "../audit/service";

const DAY_MS = 24 * 60 * 60 * 1000;
export const FAILING_DAYS_BEFORE_DISABLE = 3;
/** How long delivered and failed deliveries are kept (KEYWARD_WEBHOOK_RETENTION_DAYS, default 30). */
export const DELIVERY_RETENTION_DAYS = Math.max(1, Number(process.env.KEYWARD_WEBHOOK_RETENTION_DAYS) || 30);

/** Disables endpoints failing since 3 days or more; their pending deliveries are marked failed. */
export async function disableFailingEndpoints(now = new Date()): Promise<number> {
  const db = getDb();
  const failing = await db.webhookEndpoint.findMany({
    where: { enabled: true, failingSince: { lt: new Date(now.getTime() - FAILING_DAYS_BEFORE_DISABLE * DAY_MS) } },
  });
  for (const endpoint of failing) {
    const reason = `Every delivery failed for ${FAILING_DAYS_BEFORE_DISABLE} days (since ${endpoint.failingSince!.toISOString()}); enable it again once the receiver works`;
    await db.$transaction(async (tx) => {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledReason: reason } });
      await tx.webhookDelivery.updateMany({
        where: { endpointId: endpoint.id, status: "pending" },
        data: { status: "failed", error: "The endpoint was disabled", lockedUntil: null },
      });
      await recordSystemAudit(tx, endpoint.workspaceId, "webhook_delivery", {
        action: "webhook.disabled",
        targetType: "webhook",
        targetId: endpoint.id,
        metadata: { url: endpoint.url, reason },
      });
    });
  }
  return failing.length;
}

/** Deletes settled deliveries older than the retention; returns how many went. */
export async function pruneWebhookDeliveries(now = new Date()): Promise<number> {
  const { count } = await getDb().webhookDelivery.deleteMany({
    where: {
      status: { in: ["delivered", "failed"] },
      createdAt: { lt: new Date(now.getTime() - DELIVERY_RETENTION_DAYS * DAY_MS) },
    },
  });
  return count;
}
