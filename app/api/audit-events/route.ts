import { withWorkspace } from "@/lib/http/with-workspace";
import { readQuery } from "@/lib/http/request";
import { csv, json } from "@/lib/http/respond";
import { wantsCsv } from "@/lib/http/csv";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/service";
import { auditCsv } from "@/lib/audit/sentences";

/** A page of the audit log as JSON, or as CSV sentences (`?format=csv`); filters by action, actor, target and day. */
export const GET = withWorkspace({ requires: "audit:read" }, async ({ req, caller }) => {
  const query = readQuery(req, auditQuerySchema);
  const page = await listAuditEvents(caller, query);
  return wantsCsv(req, query.format) ? csv(auditCsv(page.data), "audit-log.csv", page.nextCursor) : json(page);
});
