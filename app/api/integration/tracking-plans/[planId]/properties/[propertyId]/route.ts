import { itemRoute } from "@/lib/http/integration-routes";
import { RESOURCE_DEFINITIONS } from "@/lib/resources/service";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = itemRoute(
  RESOURCE_DEFINITIONS.tracking_plan_property,
  "propertyId",
);
