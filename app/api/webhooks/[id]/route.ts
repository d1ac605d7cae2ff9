import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json, noContent } from "@/lib/http/respond";
import { updateWebhookSchema } from "@/lib/webhooks/schemas";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/service";

type Params = { id: string };

export const GET = withWorkspace<Params>({ requires: "webhooks:manage" }, async ({ caller, params }) =>
  json(await getWebhook(caller, params.id)),
);

export const PATCH = withWorkspace<Params>({ requires: "webhooks:manage" }, async ({ req, caller, params }) =>
  json(await updateWebhook(caller, params.id, await readJson(req, updateWebhookSchema))),
);

export const DELETE = withWorkspace<Params>({ requires: "webhooks:manage" }, async ({ caller, params }) => {
  await deleteWebhook(caller, params.id);
  return noContent();
});
