import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson, readQuery } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { createApiKeySchema, listApiKeysQuerySchema } from "@/lib/api-keys/schemas";
import { createApiKey, keySlotsOf, listApiKeys } from "@/lib/api-keys/service";

/** A page of keys (`?limit&cursor`, filters, sort), the caller's slots and the counts per status. */
export const GET = withWorkspace({ requires: "keys:manage_own" }, async ({ req, caller }) => {
  const query = readQuery(req, listApiKeysQuerySchema);
  const [page, slots] = await Promise.all([listApiKeys(caller, query), keySlotsOf(caller)]);
  return json({ ...page, slots });
});

export const POST = withWorkspace({ requires: "keys:create" }, async ({ req, caller }) =>
  json(await createApiKey(caller, await readJson(req, createApiKeySchema)), { status: 201 }),
);
