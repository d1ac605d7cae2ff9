// SQLite's "database is busy" (another connection holds the lock): waited out asynchronously, so
// the event loop keeps serving, up to a bound after which the error goes to the caller (a 503).
import { setTimeout as sleep } from "node:timers/promises";

const DEFAULT_BUSY_MS = 5_000;
export const busyBoundMs = () => Number(process.env.KEYWARD_SQLITE_BUSY_MS) || DEFAULT_BUSY_MS;

/** Whether an error is SQLite's busy, from better-sqlite3 itself or wrapped by Prisma's adapter. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  const original = (error as { cause?: { originalCode?: unknown } })?.cause?.originalCode;
  return [code, original].some((each) => typeof each === "string" && each.startsWith("SQLITE_BUSY"));
}

/** Runs `work`; while SQLite answers busy, again after 5, 10, 20 … 200 ms, until the bound. */
export async function retryWhileBusy<T>(work: () => Promise<T> | T): Promise<T> {
  const deadline = Date.now() + busyBoundMs();
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      return await work();
    } catch (error) {
      const remaining = deadline - Date.now();
      if (!isSqliteBusy(error) || remaining <= 0) throw error;
      await sleep(Math.min(wait, remaining));
    }
  }
}
