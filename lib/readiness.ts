// Readiness for load balancers and orchestrators (GET /api/health/ready): can this instance reach
// what it needs? The database answers a trivial query, and Redis a PING when it is configured, each
// within a bound. /api/health stays liveness: it touches nothing, so a slow database never gets an
// instance restarted, only taken out of rotation.
import { directRead } from "./db/direct-reads";
import { redis } from "./scale/redis";
import type { Readiness } from "./http/schemas";

const CHECK_TIMEOUT_MS = 2000;

async function within<T>(work: () => Promise<T>): Promise<"ok" | "unavailable"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS)));
  try {
    await Promise.race([work(), timeout]);
    return "ok";
  } catch {
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(): Promise<Readiness> {
  const connection = redis();
  const [database, cache] = await Promise.all([
    within(async () => directRead('SELECT 1 AS "ok"', [])),
    connection ? within(() => connection.client.ping()) : Promise.resolve("not_configured" as const),
  ]);
  const ready = database === "ok" && cache !== "unavailable";
  return { status: ready ? "ready" : "unavailable", checks: { database, redis: cache } };
}
