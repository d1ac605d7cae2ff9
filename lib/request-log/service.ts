// The request log's read side: a key's requests (whoever may see the key), the workspace's (requests:read),
// newest first, paged by an opaque cursor, as JSON or CSV rows.
import { invalidField } from "../errors";
import { csv, json } from "../http/respond";
import { csvTable, wantsCsv } from "../http/csv";
import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { requireCapability, type WorkspaceCaller } from "../auth/caller";
import { getApiKey } from "../api-keys/service";
import type { RequestEntry, RequestPage, RequestQuery, WorkspaceRequestQuery } from "./schemas";

export async function listKeyRequests(caller: WorkspaceCaller, keyId: string, query: RequestQuery): Promise<RequestPage> {
  await getApiKey(caller, keyId); // 404 unless the caller may see the key
  return readRequests({ workspaceId: caller.workspaceId, apiKeyId: keyId }, query);
}

export async function listWorkspaceRequests(caller: WorkspaceCaller, query: WorkspaceRequestQuery): Promise<RequestPage> {
  requireCapability(caller, "requests:read");
  return readRequests({ workspaceId: caller.workspaceId, apiKeyId: query.keyId }, query);
}

async function readRequests(scope: { workspaceId: string; apiKeyId?: string }, query: RequestQuery): Promise<RequestPage> {
  const db = getDb();
  if (query.cursor && !(await db.apiRequest.findFirst({ where: { id: query.cursor, ...scope }, select: { id: true } }))) {
    throw invalidField("cursor", "Unknown cursor");
  }
  const range = { ...(query.since ? { gte: query.since } : {}), ...(query.until ? { lt: query.until } : {}) };
  const where: Prisma.ApiRequestWhereInput = {
    ...scope,
    ...(query.since || query.until ? { createdAt: range } : {}),
    ...(query.outcome === "allowed" ? { code: null } : query.outcome === "denied" ? { code: { not: null } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.code ? { code: query.code } : {}),
  };
  const [rows, overflow] = await Promise.all([
    db.apiRequest.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    }),
    db.apiRequestOverflow.aggregate({
      where: { ...scope, ...(query.since || query.until ? { minute: range } : {}) },
      _sum: { count: true },
    }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((row): RequestEntry => ({
      id: row.id,
      keyId: row.apiKeyId,
      createdAt: row.createdAt.toISOString(),
      method: row.method,
      route: row.route,
      path: row.path,
      status: row.status,
      code: row.code,
      latencyMs: row.latencyMs,
      ip: row.ip,
      userAgent: row.userAgent,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    notLogged: overflow._sum.count ?? 0,
  };
}

const CSV_COLUMNS = ["createdAt", "keyId", "method", "route", "path", "status", "code", "latencyMs", "ip", "userAgent"] as const;

export function requestsCsv(entries: RequestEntry[]): string {
  return csvTable(
    CSV_COLUMNS.map((name) => ({ name, value: (entry: RequestEntry) => entry[name] })),
    entries,
  );
}

/** A page as the client asked for it: JSON, or CSV for `?format=csv` or `Accept: text/csv`. */
export function requestPageResponse(req: Request, query: RequestQuery, page: RequestPage, filename: string): Response {
  return wantsCsv(req, query.format) ? csv(requestsCsv(page.data), filename, page.nextCursor) : json(page);
}
