// The one periodic job (KEYWARD_SCHEDULER_MS, default 60 s), run by exactly one instance at a time:
// each instance ticks, and only the holder of the lease row works. The holder renews the lease at
// every tick; when it stops (crash, shutdown), another instance takes over once the lease has expired
// (three periods). The jobs are also safe to run twice: reminders are unique per key and kind, idle
// keys are disabled with a conditional update, and pruning deletes what is past retention.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getDb, isUniqueViolation } from "./db/client";
import { reportIncident } from "./dependency-failure";
import { onShutdown } from "./shutdown";
import { disableIdleKeys, sendExpiryNotices } from "./api-keys/lifecycle";
import { pruneRequestLog } from "./request-log/recorder";
import { disableFailingEndpoints, pruneWebhookDeliveries } from "./webhooks/maintenance";

export const SCHEDULER_MS = Math.max(100, Number(process.env.KEYWARD_SCHEDULER_MS) || 60_000);
const LEASE = "scheduler";

/** This process's name on the lease. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** Takes or renews the lease; whether this holder now has it. */
export async function acquireLease(holder: string, now = new Date(), periodMs = SCHEDULER_MS): Promise<boolean> {
  const db = getDb();
  const expiresAt = new Date(now.getTime() + 3 * periodMs);
  const { count } = await db.schedulerLease.updateMany({
    where: { name: LEASE, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.schedulerLease.create({ data: { name: LEASE, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Gives the lease up (at shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(holder: string): Promise<void> {
  await getDb().schedulerLease.deleteMany({ where: { name: LEASE, holder } });
}

const JOBS: [string, (now: Date) => Promise<number>][] = [
  ["expiry notices", sendExpiryNotices],
  ["idle keys", disableIdleKeys],
  ["failing webhook endpoints", disableFailingEndpoints],
  ["request log retention", (now) => pruneRequestLog(now.getTime())],
  ["webhook delivery retention", pruneWebhookDeliveries],
];

/** One tick: the jobs, when this holder has the lease. What each did, or null when another instance holds it. */
export async function runScheduledJobs(holder = INSTANCE_ID, now = new Date()): Promise<Record<string, number> | null> {
  if (!(await acquireLease(holder, now))) return null;
  const done: Record<string, number> = {};
  for (const [name, job] of JOBS) {
    // One job failing (the database for a moment) leaves the others to run; it is retried next tick.
    try {
      done[name] = await job(now);
    } catch (error) {
      reportIncident(`scheduled job "${name}" failed`, error);
    }
  }
  return done;
}

const holder = globalThis as unknown as { [key: symbol]: boolean | undefined };
const STARTED = Symbol.for("keyward.scheduler");

/** Starts this process's ticks once (instrumentation.ts); at shutdown the lease is released. */
export function startScheduler(): void {
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  let stopped = false;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // A tick that outlasts the period is not overlapped by the next one.
    if (stopped || running) return;
    running = true;
    current = runScheduledJobs()
      .catch((error: unknown) => reportIncident("the scheduler could not run", error))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, SCHEDULER_MS).unref();
  setTimeout(tick, Math.min(SCHEDULER_MS, 5_000)).unref();
  onShutdown("scheduler", async () => {
    stopped = true;
    clearInterval(timer);
    await current;
    // Without the database the lease simply expires; one line says so, no stack.
    await releaseLease(INSTANCE_ID).catch((error: unknown) => reportIncident("could not release the scheduler lease", error));
  });
}
