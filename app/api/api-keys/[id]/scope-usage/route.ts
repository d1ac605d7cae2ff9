import { withWorkspace } from "@/lib/http/with-workspace";
import { json } from "@/lib/http/respond";
import { apiKeyScopeUsage } from "@/lib/api-keys/scope-usage";

/** When each of a key's permissions was last used, and which look unused. */
export const GET = withWorkspace<{ id: string }>({ requires: "keys:manage_own" }, async ({ caller, params }) =>
  json(await apiKeyScopeUsage(caller, params.id)),
);
