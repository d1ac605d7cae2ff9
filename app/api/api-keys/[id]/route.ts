import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { updateApiKeySchema } from "@/lib/api-keys/schemas";
import { getApiKey, revokeApiKey, updateApiKey } from "@/lib/api-keys/service";

type Params = { id: string };

export const GET = withWorkspace<Params>({ requires: "keys:manage_own" }, async ({ caller, params }) =>
  json(await getApiKey(caller, params.id)),
);

export const PATCH = withWorkspace<Params>({ requires: "keys:manage_own" }, async ({ req, caller, params }) =>
  json(await updateApiKey(caller, params.id, await readJson(req, updateApiKeySchema))),
);

/** Revokes the key (idempotent). */
export const DELETE = withWorkspace<Params>({ requires: "keys:manage_own" }, async ({ caller, params }) =>
  json(await revokeApiKey(caller, params.id)),
);
