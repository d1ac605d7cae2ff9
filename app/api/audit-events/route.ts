import { withWorkspace } from "@/lib/http/with-workspace";
import { readQuery } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/service";

export const GET = withWorkspace({ requires: "audit:read" }, async ({ req, caller }) =>
  json(await listAuditEvents(caller, readQuery(req, auditQuerySchema))),
);
