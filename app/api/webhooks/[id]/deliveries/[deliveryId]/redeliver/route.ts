import { withWorkspace } from "@/lib/http/with-workspace";
import { json } from "@/lib/http/respond";
import { redeliver } from "@/lib/webhooks/service";

/** Sends the delivery again now (same message id) and answers with the attempt's result. */
export const POST = withWorkspace<{ id: string; deliveryId: string }>(
  { requires: "webhooks:manage" },
  async ({ caller, params }) => json(await redeliver(caller, params.id, params.deliveryId)),
);
