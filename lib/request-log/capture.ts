// What the request log and "last used from" learn of one request to /api/integration/*, taken after it
// is answered: which key (when its prefix was known), the outcome, the time it took, where it came
// from. A key whose prefix is unknown belongs to no workspace: nothing is logged (the invalid-key
// throttle counts it). Over the budget, this is one map lookup and a counter.
import type { NextRequest } from "next/server";
import type { Admission } from "../api-keys/admission";
import { usageRecorder } from "../api-keys/usage-recorder";
import { requestLog } from "./recorder";

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** The route pattern of a path: ids become `{id}` (/api/integration/sources/{id}). */
export function routePattern(path: string): string {
  return path
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "{id}" : segment))
    .join("/");
}

export function logRequest(
  req: NextRequest,
  outcome: Admission | undefined,
  status: number,
  errorCode: string | null,
  ip: string | null,
  now: number,
  started: number,
): void {
  const keyId = outcome?.ok ? outcome.key.keyId : outcome?.keyId;
  const workspaceId = outcome?.ok ? outcome.key.workspaceId : outcome?.workspaceId;
  if (!keyId || !workspaceId) return;
  const code = outcome?.ok ? errorCode : outcome!.error.code;
  const userAgent = req.headers.get("user-agent");
  if (outcome?.ok) usageRecorder().noteClient(keyId, ip, userAgent);
  const log = requestLog();
  if (!log.admit(keyId, workspaceId, code !== null, now)) return;
  const path = new URL(req.url).pathname;
  log.add({
    workspaceId,
    apiKeyId: keyId,
    createdAt: new Date(now),
    method: req.method,
    route: routePattern(path),
    path,
    status,
    code,
    latencyMs: Math.round(performance.now() - started),
    ip,
    userAgent,
  });
}
