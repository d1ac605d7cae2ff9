// The request log's write side: entries for requests to /api/integration/* are kept in memory and
// written in batches (with the usage flush's cadence, and on shutdown), never on the request path.
//
// Volume is bounded twice. Per key, minute and instance, at most KEYWARD_REQUEST_LOG_BUDGET entries
// (default 120) are kept; refused requests come first (a refusal over the budget takes the place of
// an allowed request already kept), and everything beyond is counted exactly per key and minute
// (ApiRequestOverflow). And the buffer holds at most KEYWARD_REQUEST_LOG_BUFFER entries (default 20,000) whatever the number of keys,
// so a flood cannot grow memory: what does not fit is counted the same way.
import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import { resolveDatabaseTarget } from "../db/target";
import { reportIncident } from "../dependency-failure";
import { onShutdown } from "../shutdown";
import { FLUSH_MS } from "../api-keys/usage-recorder";

const budgetFromEnv = () => Math.max(1, Number(process.env.KEYWARD_REQUEST_LOG_BUDGET) || 120);
const bufferCapFromEnv = () => Math.max(10, Number(process.env.KEYWARD_REQUEST_LOG_BUFFER) || 20_000);
const USER_AGENT_MAX = 200;
const MINUTE_MS = 60_000;
const WRITE_CHUNK = 250;

export interface RequestLogEntry {
  workspaceId: string;
  apiKeyId: string;
  createdAt: Date;
  method: string;
  route: string;
  path: string;
  status: number;
  code: string | null;
  latencyMs: number;
  ip: string | null;
  userAgent: string | null;
}

/** One key's current minute: what it kept, and the kept allowed entries a refusal may displace. */
interface KeyMinute {
  minute: number;
  kept: number;
  allowed: RequestLogEntry[];
}

interface Overflow {
  workspaceId: string;
  count: number;
}

class RequestLogRecorder {
  readonly budget = budgetFromEnv();
  readonly bufferCap = bufferCapFromEnv();
  #buffer = new Set<RequestLogEntry>();
  #minutes = new Map<string, KeyMinute>();
  /** "keyId|minute ms" → requests not kept */
  #overflow = new Map<string, Overflow>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  /**
   * Whether an entry for this key now would be kept (call before building it, so requests beyond the
   * budget cost a map lookup). A refusal is kept while the budget lasts or an allowed entry can make
   * room; anything not kept is counted.
   */
  admit(apiKeyId: string, workspaceId: string, refused: boolean, now: number): boolean {
    const minute = now - (now % MINUTE_MS);
    let current = this.#minutes.get(apiKeyId);
    if (!current || current.minute !== minute) {
      current = { minute, kept: 0, allowed: [] };
      this.#minutes.set(apiKeyId, current);
      if (this.#minutes.size > this.bufferCap) this.#forgetOldMinutes(minute);
    }
    if (current.kept < this.budget && this.#buffer.size < this.bufferCap) return true;
    if (refused && current.allowed.length > 0) {
      // Refusals are what an admin looks for: drop an allowed entry of this minute instead.
      this.#buffer.delete(current.allowed.pop()!);
      current.kept--;
      this.#count(apiKeyId, workspaceId, minute);
      return this.#buffer.size < this.bufferCap;
    }
    this.#count(apiKeyId, workspaceId, minute);
    return false;
  }

  /** Adds an entry admit() said to keep. */
  add(entry: RequestLogEntry): void {
    const current = this.#minutes.get(entry.apiKeyId);
    if (current) {
      current.kept++;
      if (entry.code === null) current.allowed.push(entry);
    }
    if (entry.userAgent && entry.userAgent.length > USER_AGENT_MAX) entry.userAgent = entry.userAgent.slice(0, USER_AGENT_MAX);
    this.#buffer.add(entry);
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  #count(apiKeyId: string, workspaceId: string, minute: number): void {
    const key = `${apiKeyId}|${minute}`;
    const overflow = this.#overflow.get(key);
    if (overflow) overflow.count++;
    else this.#overflow.set(key, { workspaceId, count: 1 });
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  #forgetOldMinutes(minute: number): void {
    for (const [keyId, entry] of this.#minutes) if (entry.minute !== minute) this.#minutes.delete(keyId);
  }

  /** Writes what is buffered. Safe to call concurrently; calls run one after another. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing
      .then(() => this.#write())
      .catch((error: unknown) => reportIncident("could not write the request log; will retry", error));
    return this.#flushing;
  }

  async #write(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#buffer.size === 0 && this.#overflow.size === 0) return;
    const entries = [...this.#buffer];
    const overflow = this.#overflow;
    this.#buffer = new Set();
    this.#overflow = new Map();
    for (const minute of this.#minutes.values()) minute.allowed = [];
    let written = 0;
    try {
      // In chunks, one transaction each, letting the event loop run between them: on SQLite a
      // transaction runs synchronously, and twenty thousand rows at once would stall every request.
      for (; written < entries.length; written += WRITE_CHUNK) {
        await insertEntries(entries.slice(written, written + WRITE_CHUNK));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await getDb().$transaction(async (tx) => {
        for (const [key, { workspaceId, count }] of overflow) {
          const [apiKeyId, minute] = key.split("|") as [string, string];
          await tx.apiRequestOverflow.upsert({
            where: { apiKeyId_minute: { apiKeyId, minute: new Date(Number(minute)) } },
            create: { apiKeyId, workspaceId, minute: new Date(Number(minute)), count },
            update: { count: { increment: count } },
          });
        }
      });
    } catch (error) {
      // Back into the buffer what was not written, as far as it has room; the rest is counted.
      for (const entry of entries.slice(written)) {
        if (this.#buffer.size < this.bufferCap) this.#buffer.add(entry);
        else this.#count(entry.apiKeyId, entry.workspaceId, entry.createdAt.getTime() - (entry.createdAt.getTime() % MINUTE_MS));
      }
      for (const [key, value] of overflow) {
        const current = this.#overflow.get(key);
        if (current) current.count += value.count;
        else this.#overflow.set(key, value);
      }
      this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
      throw error;
    }
  }

  get buffered(): number {
    return this.#buffer.size;
  }
}

const COLUMNS = [
  "id",
  "workspaceId",
  "apiKeyId",
  "createdAt",
  "method",
  "route",
  "path",
  "status",
  "code",
  "latencyMs",
  "ip",
  "userAgent",
];

/**
 * One multi-row INSERT per chunk through Prisma's raw path: the ORM's createMany spent about 0.5 ms of
 * CPU per row building its query (measured), which at the log's volume cost the server a tenth of a
 * core. Timestamps are written in the form Prisma itself stores (SQLite: ISO with "+00:00"; PostgreSQL
 * `timestamp(3)`: UTC without a zone).
 */
async function insertEntries(entries: RequestLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const postgres = resolveDatabaseTarget().provider === "postgresql";
  const values: unknown[] = [];
  const rows = entries.map((entry) => {
    const at = entry.createdAt.toISOString();
    values.push(
      randomUUID(),
      entry.workspaceId,
      entry.apiKeyId,
      postgres ? at.slice(0, 23).replace("T", " ") : `${at.slice(0, 23)}+00:00`,
      entry.method,
      entry.route,
      entry.path,
      entry.status,
      entry.code,
      entry.latencyMs,
      entry.ip,
      entry.userAgent,
    );
    const base = values.length - COLUMNS.length;
    return `(${COLUMNS.map((column, i) => (postgres ? `$${base + i + 1}${column === "createdAt" ? "::timestamp" : ""}` : "?")).join(",")})`;
  });
  const sql = `INSERT INTO "ApiRequest" (${COLUMNS.map((column) => `"${column}"`).join(",")}) VALUES ${rows.join(",")}`;
  await getDb().$executeRawUnsafe(sql, ...values);
}

const holder = globalThis as unknown as { [key: symbol]: RequestLogRecorder | undefined };
const SLOT = Symbol.for("keyward.requestLogRecorder");

export function requestLog(): RequestLogRecorder {
  let recorder = holder[SLOT];
  if (!recorder) {
    const created = (recorder = holder[SLOT] = new RequestLogRecorder());
    onShutdown("request log", () => created.flush());
  }
  return recorder;
}

/** How long entries are kept (KEYWARD_REQUEST_LOG_DAYS, default 30). */
export const RETENTION_DAYS = Math.max(1, Number(process.env.KEYWARD_REQUEST_LOG_DAYS) || 30);
/** Deletes entries and overflow counts older than the retention (the scheduler's job); returns how many went. */
export async function pruneRequestLog(now = Date.now()): Promise<number> {
  const before = new Date(now - RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const db = getDb();
  const [entries] = await Promise.all([
    db.apiRequest.deleteMany({ where: { createdAt: { lt: before } } }),
    db.apiRequestOverflow.deleteMany({ where: { minute: { lt: before } } }),
  ]);
  return entries.count;
}
