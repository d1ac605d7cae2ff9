import { withApiKey } from "@/lib/http/with-api-key";
import { withMethodNotAllowed } from "@/lib/http/integration-routes";
import { rateLimitForPlan } from "@/lib/api-keys/rate-limits";
import { sortPermissions } from "@/lib/permissions";
import { json } from "@/lib/http/respond";

/** Who a key is: any valid key may ask. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = withMethodNotAllowed({
  GET: withApiKey(null, async ({ key }) =>
    json({
      keyId: key.keyId,
      name: key.name,
      tenantId: key.workspaceId,
      userId: key.userId,
      permissions: sortPermissions(key.permissions),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      rateLimit: rateLimitForPlan(key.plan),
    }),
  ),
});
