import { withWorkspace } from "@/lib/http/with-workspace";
import { readQuery } from "@/lib/http/request";
import { workspaceRequestQuerySchema } from "@/lib/request-log/schemas";
import { listWorkspaceRequests, requestPageResponse } from "@/lib/request-log/service";

/** The workspace's request log. */
export const GET = withWorkspace({ requires: "requests:read" }, async ({ req, caller }) => {
  const query = readQuery(req, workspaceRequestQuerySchema);
  return requestPageResponse(req, query, await listWorkspaceRequests(caller, query), "requests.csv");
});
