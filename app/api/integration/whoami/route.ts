import { withApiKey } from "@/lib/http/with-api-key";
import { withMethodNotAllowed } from "@/lib/http/integration-routes";
import { rateLimitForPlan } from "@/lib/api-keys/rate-limits";

export const dynamic = "force-dynamic";

/** Who a key is: any valid key may ask. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = withMethodNotAllowed({
  GET: withApiKey(null, ({ key }) => ({
    body: {
      keyId: key.keyId,
      name: key.name,
      tenantId: key.workspaceId,
      userId: key.userId,
      permissions: key.permissions,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      rateLimit: rateLimitForPlan(key.plan),
    },
  })),
});
