import { z } from "zod";
import { withWorkspace } from "@/lib/http/with-user";
import { readQuery } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { ApiError } from "@/lib/errors";
import { AUDIT_ACTIONS, listAuditEvents } from "@/lib/audit/service";
import { managesWorkspace } from "@/lib/permissions";

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  targetId: z.string().max(100).optional(),
});

export const GET = withWorkspace(async ({ req, caller }) => {
  if (!managesWorkspace(caller.role)) throw new ApiError("forbidden", "Only owners and admins can read the audit log");
  return json(await listAuditEvents(caller.workspaceId, readQuery(req, querySchema)));
});
