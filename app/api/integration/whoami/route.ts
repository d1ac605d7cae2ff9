import { withApiKey } from "@/lib/http/with-api-key";
import { withMethodNotAllowed } from "@/lib/http/integration-routes";
import { serializedKeyIdentity } from "@/lib/api-keys/identity";

export const dynamic = "force-dynamic";

/** Who a key is: any valid key may ask. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = withMethodNotAllowed({
  GET: withApiKey(null, ({ key }) => ({ serialized: serializedKeyIdentity(key) })),
});
