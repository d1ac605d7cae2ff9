import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { rotateApiKeySchema } from "@/lib/api-keys/schemas";
import { rotateApiKey } from "@/lib/api-keys/service";

export const POST = withWorkspace<{ id: string }>({ requires: "keys:create" }, async ({ req, caller, params }) =>
  json(await rotateApiKey(caller, params.id, await readJson(req, rotateApiKeySchema)), { status: 201 }),
);
