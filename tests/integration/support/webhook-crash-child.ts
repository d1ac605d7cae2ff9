// Child process of webhooks.test.ts: creates a key through the service (the key, its audit event and
// its webhook delivery commit together), prints the key's id, and is killed at once, before any
// delivery worker could send the event. The parent then finds the delivery in the outbox.
import { createApiKey } from "@/lib/api-keys/service";

const key = await createApiKey(
  { userId: process.env.OWNER_ID!, workspaceId: process.env.ACME_ID!, plan: "agency_plus", role: "OWNER", ip: null },
  { name: "created, then the process died", permissions: ["source:read"] },
);
process.stdout.write(`${key.id}\n`, () => process.kill(process.pid, "SIGKILL"));
