import { withWorkspace } from "@/lib/http/with-workspace";
import { json } from "@/lib/http/respond";
import { sendTestEvent } from "@/lib/webhooks/service";

/** Sends a `ping` now and answers with the attempt's result. */
export const POST = withWorkspace<{ id: string }>({ requires: "webhooks:manage" }, async ({ caller, params }) =>
  json(await sendTestEvent(caller, params.id)),
);
