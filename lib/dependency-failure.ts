// When something Keyward depends on fails (the database unreachable, locked, timed out or out of
// space; Redis timing out), the request answers 503 `service_unavailable` with Retry-After, not a
// 500 with a stack per request: the client should try again, and the log gets one line per incident
// and dependency (with a count of what followed) instead of one per request.
import { ApiError } from "./errors";

export const RETRY_AFTER_SECONDS = 5;

/** What failed, for the message and the log: "database" or "redis"; null when the error is not a dependency's. */
export function failedDependency(error: unknown): "database" | "redis" | null {
  const seen = new Set<unknown>();
  // Prisma and the drivers wrap their causes; look through the chain.
  for (let current = error; current && typeof current === "object" && !seen.has(current);) {
    seen.add(current);
    const { code, message, name, kind } = current as { code?: unknown; message?: unknown; name?: unknown; kind?: unknown };
    const text = typeof message === "string" ? message : "";
    if (name === "ReplyError" || /Redis|ioredis|Command timed out|Stream isn't writeable/i.test(text)) return "redis";
    if (typeof code === "string" && DATABASE_CODES.has(code)) return "database";
    if (typeof kind === "string" && DATABASE_KINDS.has(kind)) return "database";
    if (DATABASE_MESSAGES.test(text)) return "database";
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 connection closed,
// P2024 pool timeout, P2034 write conflict or deadlock. Node and pg: the socket's codes; 57P0x the
// server shutting down, 53xxx out of resources. SQLite: busy, locked, full, I/O.
const DATABASE_CODES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2034",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "53100",
  "53200",
  "53300",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_FULL",
  "SQLITE_IOERR",
  "SQLITE_CANTOPEN",
]);
// Prisma driver-adapter error kinds.
const DATABASE_KINDS = new Set([
  "SocketTimeout",
  "ConnectionClosed",
  "DatabaseDoesNotExist",
  "TooManyConnections",
  "TransactionWriteConflict",
]);
const DATABASE_MESSAGES =
  /database is locked|database table is locked|disk (image )?is (malformed|full)|SQLITE_BUSY|Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Query read timeout|canceling statement due to statement timeout|the database system is (shutting down|starting up)|Can't reach database server/i;

const incidents = new Map<string, { since: number; count: number }>();
const QUIET_MS = 60_000;

/**
 * Logs the first failure of something (a dependency, a background job), then at most once a minute
 * with how many followed: one line per incident, never a stack.
 */
export function reportIncident(subject: string, error: unknown): void {
  const now = Date.now();
  const incident = incidents.get(subject);
  if (incident && now - incident.since < QUIET_MS) {
    incident.count++;
    return;
  }
  const followed = incident ? ` (${incident.count} more failures since the last report)` : "";
  incidents.set(subject, { since: now, count: 0 });
  console.error(`keyward: ${subject}${followed}: ${describe(error)}`);
}

/** The first line of the first message in the error's chain, or its code (AggregateError has no message). */
function describe(error: unknown): string {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current);) {
    seen.add(current);
    const { message, code, errors } = current as { message?: unknown; code?: unknown; errors?: unknown[] };
    const lines = typeof message === "string" ? message.split("\n").filter((line) => line.trim()) : [];
    // Prisma's first line only names the call ("Invalid `prisma.user.findUnique()` invocation:").
    if (lines.length > 0) return (lines[0]!.startsWith("Invalid `") ? lines.at(-1)! : lines[0]!).trim();
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause ?? errors?.[0];
  }
  return String(error);
}

/** A 503 for a dependency's failure, or null when `error` is something else. */
export function dependencyFailure(error: unknown): ApiError | null {
  const dependency = failedDependency(error);
  if (!dependency) return null;
  reportIncident(`${dependency} unavailable`, error);
  return new ApiError("service_unavailable", `Keyward's ${dependency} is unavailable right now; try again in a few seconds`, {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}
