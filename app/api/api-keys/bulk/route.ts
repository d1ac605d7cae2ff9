import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { bulkKeySchema } from "@/lib/api-keys/schemas";
import { bulkChangeKeys } from "@/lib/api-keys/service";

/** Disables or revokes the ticked keys, or (in rounds) every key matching a filter. */
export const POST = withWorkspace({ requires: "keys:manage_own" }, async ({ req, caller }) =>
  json(await bulkChangeKeys(caller, await readJson(req, bulkKeySchema))),
);
