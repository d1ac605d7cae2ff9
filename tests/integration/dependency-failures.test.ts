// What a request answers when the database cannot be reached: 503 service_unavailable with
// Retry-After (never a 500 with a stack per request), on the management API, on the key check of an
// uncached key, and on readiness, while liveness stays up. The database here is a PostgreSQL URL on a
// port where nothing listens: a real refused connection, whichever database the suite runs on.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { verifiedKeyCache } from "@/lib/api-keys/verify";
import { bearer, call, workspaceId, type Credentials } from "./support/api";

let acme: string;
let owner: Credentials;
let key: string;
const realDatabase = process.env.DATABASE_URL;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  key = (await call("POST", "/api/api-keys", { as: owner, tenant: acme, body: { name: "outage", permissions: ["source:read"] } }))
    .body.plaintextKey;
});

afterEach(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = realDatabase;
  vi.restoreAllMocks();
});

async function cutDatabase(): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/unreachable";
}

describe("an unreachable database", () => {
  it("answers 503 service_unavailable with Retry-After on every path that needs it, and logs one line, not one per request", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    verifiedKeyCache.clear();
    await cutDatabase();
    const management = await call("GET", "/api/api-keys", { as: owner, tenant: acme });
    expect([management.status, management.body.error.code]).toEqual([503, "service_unavailable"]);
    expect(management.headers.get("retry-after")).toBe("5");
    // An uncached key cannot be checked: retryable, not "invalid" and not 500.
    const integration = await call("GET", "/api/integration/whoami", { headers: { "x-api-key": key } });
    expect([integration.status, integration.body.error.code]).toEqual([503, "service_unavailable"]);
    for (let i = 0; i < 5; i++) await call("GET", "/api/api-keys", { as: owner, tenant: acme });
    const incidentLines = logged.mock.calls.filter(([line]) => String(line).includes("database unavailable"));
    expect(incidentLines).toHaveLength(1);
    expect(logged.mock.calls.some(([line]) => String(line).includes("unexpected error"))).toBe(false);

    const ready = await call("GET", "/api/health/ready");
    expect([ready.status, ready.body.status, ready.body.checks.database]).toEqual([503, "unavailable", "unavailable"]);
    expect(ready.headers.get("retry-after")).toBe("5");
    expect((await call("GET", "/api/health")).status).toBe(200);
  });

  it("recovers without a restart when the database is back", async () => {
    await cutDatabase();
    expect((await call("GET", "/api/health/ready")).status).toBe(503);
    await disconnectDb();
    process.env.DATABASE_URL = realDatabase;
    expect((await call("GET", "/api/health/ready")).body).toEqual({
      status: "ready",
      checks: { database: "ok", redis: "not_configured" },
    });
    expect((await call("GET", "/api/integration/whoami", { headers: { "x-api-key": key } })).status).toBe(200);
  });
});
