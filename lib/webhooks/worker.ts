// The delivery worker: its own loop on every instance, polling the outbox about every second
// (KEYWARD_WEBHOOK_POLL_MS). A delivery is sent by one instance at a time: it is claimed with a
// conditional update (a lease that outlives the send's timeout), so two workers never both send it.
// An attempt that gets no 2xx within 10 s is retried after about 5 s, 30 s, 2 min, 10 min, 1 h and
// 6 h (KEYWARD_WEBHOOK_BACKOFF_SCALE scales them for tests), then the delivery is marked failed. The
// deliveries of one endpoint are sent one after another, oldest first; endpoints in parallel.
// At least once: a receiver deduplicates by webhook-id, which every attempt of a message shares.
import http from "node:http";
import https from "node:https";
import { getDb } from "../db/client";
import { reportIncident } from "../dependency-failure";
import { onShutdown } from "../shutdown";
import { openSecret, signMessage } from "./signing";
import { guardedLookup, sendTimeRefusal, TargetRefused } from "./target-guard";

const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000];
const backoffScale = () => {
  const scale = Number(process.env.KEYWARD_WEBHOOK_BACKOFF_SCALE);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
};
export const POLL_MS = Math.max(50, Number(process.env.KEYWARD_WEBHOOK_POLL_MS) || 1000);
const timeoutMs = () => Math.max(100, Number(process.env.KEYWARD_WEBHOOK_TIMEOUT_MS) || 10_000);
/** A claim lasts past the timeout, so an instance that dies mid-send frees the delivery soon after. */
const claimMs = () => timeoutMs() + 20_000;
const BATCH = 50;
const RESPONSE_EXCERPT = 1000;

export interface AttemptResult {
  status: number | null;
  body: string | null;
  durationMs: number;
  error: string | null;
}

/** One POST: no redirect followed, the connection made only to an address the guard checked. */
export function postSigned(url: string, body: string, headers: Record<string, string>): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refusal = sendTimeRefusal(url);
  if (refusal) return Promise.resolve({ status: null, body: null, durationMs: 0, error: `Refused: ${refusal}` });
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = transport.request(
      target,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Keyward-Webhooks/1.0",
        },
        lookup: guardedLookup,
        timeout: timeoutMs(),
        agent: false,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (text.length < RESPONSE_EXCERPT) text += chunk;
          else response.destroy();
        });
        const settle = () =>
          resolve({
            status: response.statusCode ?? null,
            body: text.slice(0, RESPONSE_EXCERPT),
            durationMs: elapsed(),
            error:
              response.statusCode && response.statusCode >= 300 && response.statusCode < 400
                ? `Redirect to ${response.headers.location ?? "(no location)"} not followed`
                : null,
          });
        response.on("end", settle);
        response.on("close", settle);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer within ${timeoutMs()} ms`)));
    request.on("error", (error) =>
      resolve({
        status: null,
        body: null,
        durationMs: elapsed(),
        error: error instanceof TargetRefused ? `Refused: ${error.message}` : error.message || "Connection failed",
      }),
    );
    request.end(body);
  });
}

const succeeded = (result: AttemptResult) => result.status !== null && result.status >= 200 && result.status < 300;

/**
 * Claims a delivery and makes one attempt, recording its result; false when another sender holds it
 * or it is settled. Used by the worker, and by "send test event" to answer with the result.
 */
export async function attemptDelivery(id: string, now = new Date()): Promise<boolean> {
  const db = getDb();
  const claimed = await db.webhookDelivery.updateMany({
    where: { id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + claimMs()) },
  });
  if (claimed.count === 0) return false;
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id }, include: { endpoint: true } });
  const { endpoint } = delivery;
  const secrets = [openSecret(endpoint.secret)];
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now) {
    secrets.push(openSecret(endpoint.previousSecret));
  }
  const sentAt = new Date();
  const result = await postSigned(endpoint.url, delivery.payload, {
    ...signMessage(delivery.id, sentAt, delivery.payload, secrets),
  });
  const attempts = delivery.attempts + 1;
  const attemptsLeft = delivery.attemptsLeft - 1;
  const ok = succeeded(result);
  const finished = new Date();
  const retryIn = (RETRY_DELAYS_MS[Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1)] ?? 0) * backoffScale();
  await db.$transaction([
    db.webhookDelivery.update({
      where: { id },
      data: {
        attempts,
        attemptsLeft,
        status: ok ? "delivered" : attemptsLeft > 0 ? "pending" : "failed",
        nextAttemptAt: ok || attemptsLeft <= 0 ? finished : new Date(finished.getTime() + retryIn),
        lockedUntil: null,
        lastAttemptAt: sentAt,
        deliveredAt: ok ? finished : null,
        responseStatus: result.status,
        responseBody: result.body,
        durationMs: result.durationMs,
        error: ok ? null : (result.error ?? `Answered ${result.status}`),
      },
    }),
    ok
      ? db.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } })
      : db.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: sentAt } }),
  ]);
  return true;
}

/** One poll: the due deliveries of enabled endpoints, each endpoint's in order, endpoints in parallel. */
export async function deliverDueWebhooks(now = new Date()): Promise<number> {
  const due = await getDb().webhookDelivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
      endpoint: { enabled: true },
    },
    select: { id: true, endpointId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  const byEndpoint = new Map<string, string[]>();
  for (const delivery of due) {
    const ids = byEndpoint.get(delivery.endpointId) ?? [];
    ids.push(delivery.id);
    byEndpoint.set(delivery.endpointId, ids);
  }
  let sent = 0;
  await Promise.all(
    [...byEndpoint.values()].map(async (ids) => {
      // A delivery another instance holds (or has just settled) means that instance is working
      // through this endpoint: sending its later messages alongside would break their order.
      for (const id of ids) {
        if (!(await attemptDelivery(id))) break;
        sent++;
      }
    }),
  );
  return sent;
}

const holder = globalThis as unknown as { [key: symbol]: { stop: () => Promise<void> } | undefined };
const WORKER = Symbol.for("keyward.webhookWorker");

/** Starts this process's worker once (instrumentation.ts); it stops, finishing its sends, at shutdown. */
export function startWebhookWorker(): void {
  if (holder[WORKER]) return;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    current = deliverDueWebhooks()
      .then(() => undefined)
      .catch((error: unknown) => reportIncident("webhook delivery", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, POLL_MS);
      });
  };
  timer = setTimeout(loop, POLL_MS);
  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
  holder[WORKER] = { stop };
  onShutdown("webhook deliveries", stop);
}
