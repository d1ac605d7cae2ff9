import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { keyTestSchema } from "@/lib/api-keys/schemas";
import { testApiKey } from "@/lib/api-keys/key-test";

/** What a request with this key would be answered; changes nothing. */
export const POST = withWorkspace({ requires: "keys:manage_own" }, async ({ req, caller }) =>
  json(await testApiKey(caller, await readJson(req, keyTestSchema))),
);
