import { withWorkspace } from "@/lib/http/with-workspace";
import { readQuery } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { keyAuditQuerySchema } from "@/lib/audit/schemas";
import { listApiKeyAuditEvents } from "@/lib/api-keys/service";

/** A key's history, for whoever may see the key. */
export const GET = withWorkspace<{ id: string }>({ requires: "keys:manage_own" }, async ({ req, caller, params }) =>
  json(await listApiKeyAuditEvents(caller, params.id, readQuery(req, keyAuditQuerySchema))),
);
