import { withWorkspace } from "@/lib/http/with-workspace";
import { readQuery } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { deliveryQuerySchema } from "@/lib/webhooks/schemas";
import { listDeliveries } from "@/lib/webhooks/service";

export const GET = withWorkspace<{ id: string }>({ requires: "webhooks:manage" }, async ({ req, caller, params }) =>
  json(await listDeliveries(caller, params.id, readQuery(req, deliveryQuerySchema))),
);
