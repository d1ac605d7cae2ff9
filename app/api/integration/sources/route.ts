import { collectionRoute } from "@/lib/http/integration-routes";
import { RESOURCE_DEFINITIONS } from "@/lib/resources/service";

export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = collectionRoute(RESOURCE_DEFINITIONS.source);
