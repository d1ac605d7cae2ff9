// Usage counting without a write per request, and fuzzing of headers and bodies (never a 500).
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { getDb } from "@/lib/db/client";
import { usageRecorder } from "@/lib/api-keys/usage-recorder";
import { call } from "./support/api";
import { createIntegrationFixture, acme, owner, full, sourceId, planId, newKey, withKey } from "./support/integration-fixture";

beforeAll(createIntegrationFixture);

describe("usage", () => {
  it("keeps lastUsedAt and per-day counts without a write per request, flushed on demand", async () => {
    const key = await newKey(owner, acme, ["source:read"]);
    const k = withKey(key.plaintextKey);
    for (let i = 0; i < 3; i++) await call("GET", "/api/integration/sources", k);
    await call("GET", "/api/integration/destinations", k);
    expect((await getDb().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
    await usageRecorder().flush();
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.lastUsedAt).not.toBeNull();
    const usage = await getDb().apiKeyUsageDay.findMany({ where: { apiKeyId: key.id } });
    expect(Object.fromEntries(usage.map((each) => [each.outcome, each.count]))).toEqual({
      allowed: 3,
      insufficient_permissions: 1,
    });
  });
});

describe("fuzzing", () => {
  it("random headers and bodies never produce a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constant(full.plaintextKey), fc.constant(full.plaintextKey.slice(0, -2))),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.anything().map((value) => {
            try {
              return JSON.stringify(value) ?? "null";
            } catch {
              return "null";
            }
          }),
        ),
        fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT"),
        fc.constantFrom(
          "/api/integration/sources",
          `/api/integration/sources/${sourceId}`,
          `/api/integration/tracking-plans/${planId}/properties`,
          "/api/integration/pipelines",
        ),
        async (apiKey, body, method, url) => {
          const safeKey = apiKey.replace(/[^\x20-\x7e]/g, "");
          const res = await call(method, url, {
            headers: { "x-api-key": safeKey || "x", "x-keyward-client-address": "198.51.100.1" },
            body: method === "GET" || method === "DELETE" ? undefined : body,
          });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(typeof res.body.error.code).toBe("string");
        },
      ),
      { numRuns: 150 },
    );
  });
});
