import { withWorkspace } from "@/lib/http/with-workspace";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { createWebhookSchema } from "@/lib/webhooks/schemas";
import { createWebhook, listWebhooks } from "@/lib/webhooks/service";

export const GET = withWorkspace({ requires: "webhooks:manage" }, async ({ caller }) =>
  json({ data: await listWebhooks(caller) }),
);

/** Creates an endpoint; the answer carries its signing secret, once. */
export const POST = withWorkspace({ requires: "webhooks:manage" }, async ({ req, caller }) =>
  json(await createWebhook(caller, await readJson(req, createWebhookSchema)), { status: 201 }),
);
