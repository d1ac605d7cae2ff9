import { withWorkspace } from "@/lib/http/with-workspace";
import { readQuery } from "@/lib/http/request";
import { requestQuerySchema } from "@/lib/request-log/schemas";
import { listKeyRequests, requestPageResponse } from "@/lib/request-log/service";

/** A key's request log, for whoever may see the key. */
export const GET = withWorkspace<{ id: string }>({ requires: "keys:manage_own" }, async ({ req, caller, params }) => {
  const query = readQuery(req, requestQuerySchema);
  return requestPageResponse(req, query, await listKeyRequests(caller, params.id, query), `requests-${params.id}.csv`);
});
