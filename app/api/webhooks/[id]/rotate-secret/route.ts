import { withWorkspace } from "@/lib/http/with-workspace";
import { json } from "@/lib/http/respond";
import { rotateWebhookSecret } from "@/lib/webhooks/service";

/** A new signing secret, returned once; the old one keeps signing for 24 hours. */
export const POST = withWorkspace<{ id: string }>({ requires: "webhooks:manage" }, async ({ caller, params }) =>
  json(await rotateWebhookSecret(caller, params.id)),
);
