// The integration API's key check: every outcome, caching and invalidation, expiry, the invalid-key
// throttle and the per-key rate limit.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ALL_PERMISSIONS } from "@/lib/permissions";
import { verifyApiKey, verifiedKeyCache } from "@/lib/api-keys/verify";
import { assembleApiKey, KEY_PREFIX_LENGTH, parseApiKey } from "@/lib/api-keys/format";
import { bearer, call } from "./support/api";
import { apiRoutes } from "../support/routes";
import {
  createIntegrationFixture,
  acme,
  globex,
  owner,
  full,
  RATE,
  newKey,
  withKey,
  withPlanRateLimits,
  NO_LIMIT,
} from "./support/integration-fixture";

beforeAll(createIntegrationFixture);

describe("routes", () => {
  it("every integration route is declared always dynamic, so Next does not watch each header read for static rendering", async () => {
    const routes = apiRoutes().filter((route) => route.template.startsWith("/api/integration/"));
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const route of routes) {
      const routeModule = (await import(/* @vite-ignore */ route.file)) as { dynamic?: string };
      expect(routeModule.dynamic, route.template).toBe("force-dynamic");
    }
  });
});

describe("authentication outcomes", () => {
  it("answers each documented code", () =>
    withPlanRateLimits(async () => {
      const none = await call("GET", "/api/integration/whoami", {});
      expect([none.status, none.body.error.code]).toEqual([401, "missing_api_key"]);

      const userToken = await call("GET", "/api/integration/whoami", { as: owner });
      expect([userToken.status, userToken.body.error.code]).toEqual([401, "api_key_required"]);

      for (const bad of [
        "nope",
        full.plaintextKey.slice(0, -1) + (full.plaintextKey.endsWith("A") ? "B" : "A"),
        full.plaintextKey + "x",
      ]) {
        const res = await call("GET", "/api/integration/whoami", withKey(bad));
        expect([res.status, res.body.error.code]).toEqual([401, "invalid_api_key"]);
      }

      const whoami = await call("GET", "/api/integration/whoami", withKey(full.plaintextKey, { "x-tenant-id": globex }));
      expect(whoami.status).toBe(200);
      expect(whoami.body).toMatchObject({
        keyId: full.id,
        tenantId: acme,
        rateLimit: { limit: RATE, windowSeconds: 1 },
        expiresAt: null,
      });
      expect(whoami.body.permissions).toHaveLength(ALL_PERMISSIONS.length);
      expect(whoami.headers.get("cache-control")).toBe("no-store");
      expect(whoami.headers.get("ratelimit-limit")).toBe(String(RATE));
      expect(Number(whoami.headers.get("ratelimit-remaining"))).toBeLessThan(RATE);
      expect(whoami.headers.get("ratelimit-reset")).toMatch(/^\d+$/);
    }));

  it("refuses a forged key of a real prefix with a valid checksum, cached or not, and the real key keeps working", async () => {
    const key = await newKey(owner, acme, ["source:read"]);
    const forged = assembleApiKey(key.plaintextKey.slice(0, KEY_PREFIX_LENGTH), "A".repeat(43));
    expect(parseApiKey(forged)).not.toBeNull();
    verifiedKeyCache.clear();
    for (const presented of [forged, key.plaintextKey, forged, key.plaintextKey]) {
      const res = await call("GET", "/api/integration/sources", withKey(presented));
      expect(res.status).toBe(presented === forged ? 401 : 200);
      if (presented === forged) expect(res.body.error.code).toBe("invalid_api_key");
    }
    await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
  });

  it("answers a warm key check without a promise, and a cold one with a single lookup", async () => {
    verifiedKeyCache.clear();
    const cold = verifyApiKey(full.plaintextKey);
    expect(cold).toBeInstanceOf(Promise);
    expect(await cold).toMatchObject({ ok: true });
    const warm = verifyApiKey(full.plaintextKey);
    expect(warm).not.toBeInstanceOf(Promise);
    expect(warm).toMatchObject({ ok: true, key: { keyId: full.id } });
  });

  it("revocation, disabling and permission changes apply on the next request with the cache warm", async () => {
    const key = await newKey(owner, acme, ["source:read"]);
    const k = withKey(key.plaintextKey);
    expect((await call("GET", "/api/integration/sources", k)).status).toBe(200);
    expect(verifiedKeyCache.size()).toBeGreaterThan(0);

    await call("PATCH", `/api/api-keys/${key.id}`, { as: owner, tenant: acme, body: { permissions: ["destination:read"] } });
    const lost = await call("GET", "/api/integration/sources", k);
    expect([lost.status, lost.body.error.code, lost.body.error.details.required]).toEqual([
      403,
      "insufficient_permissions",
      "source:read",
    ]);
    expect((await call("GET", "/api/integration/destinations", k)).status).toBe(200);

    await call("PATCH", `/api/api-keys/${key.id}`, {
      as: owner,
      tenant: acme,
      body: { isActive: false, disabledReason: "rotating secrets" },
    });
    const disabled = await call("GET", "/api/integration/destinations", k);
    expect([disabled.status, disabled.body.error.code]).toEqual([423, "api_key_disabled"]);
    expect(disabled.body.error.message).toContain("rotating secrets");

    await call("PATCH", `/api/api-keys/${key.id}`, { as: owner, tenant: acme, body: { isActive: true } });
    expect((await call("GET", "/api/integration/destinations", k)).status).toBe(200);

    await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
    const revoked = await call("GET", "/api/integration/destinations", k);
    expect([revoked.status, revoked.body.error.code]).toEqual([401, "api_key_revoked"]);
  });

  it("whoami answers the key as it is now: a rename, new permissions and the rate limit show on the next request", async () => {
    const key = await newKey(owner, acme, ["source:read"]);
    const k = withKey(key.plaintextKey);
    const before = await call("GET", "/api/integration/whoami", k);
    expect([before.body.permissions, before.body.rateLimit.limit]).toEqual([["source:read"], Number(NO_LIMIT)]);

    await call("PATCH", `/api/api-keys/${key.id}`, {
      as: owner,
      tenant: acme,
      body: { name: "renamed", permissions: ["destination:read", "source:read"] },
    });
    const after = await call("GET", "/api/integration/whoami", k);
    expect([after.body.name, after.body.permissions]).toEqual(["renamed", ["source:read", "destination:read"]]);

    await withPlanRateLimits(async () => {
      const planRate = await call("GET", "/api/integration/whoami", k);
      expect(planRate.body.rateLimit).toEqual({ limit: RATE, windowSeconds: 1 });
      expect(planRate.headers.get("ratelimit-limit")).toBe(String(RATE));
    });
    await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
  });

  it("rotation: without overlap the old key stops at once and the new one works", async () => {
    const key = await newKey(owner, acme, ["source:read"]);
    expect((await call("GET", "/api/integration/sources", withKey(key.plaintextKey))).status).toBe(200);
    const rotated = await call("POST", `/api/api-keys/${key.id}/rotate`, { as: owner, tenant: acme, body: {} });
    expect((await call("GET", "/api/integration/sources", withKey(key.plaintextKey))).body.error.code).toBe("api_key_revoked");
    expect((await call("GET", "/api/integration/sources", withKey(rotated.body.plaintextKey))).status).toBe(200);
    await call("DELETE", `/api/api-keys/${rotated.body.id}`, { as: owner, tenant: acme });
  });

  it("expiry is exact to the millisecond", async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const key = await newKey(owner, acme, ["source:read"], { expiresAt: expiresAt.toISOString() });
    expect((await verifyApiKey(key.plaintextKey, expiresAt.getTime() - 1)).ok).toBe(true);
    expect(await verifyApiKey(key.plaintextKey, expiresAt.getTime())).toMatchObject({ ok: false, code: "api_key_expired" });

    const soon = await newKey(owner, acme, ["source:read"], { expiresAt: new Date(Date.now() + 400).toISOString() });
    expect((await call("GET", "/api/integration/sources", withKey(soon.plaintextKey))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const expired = await call("GET", "/api/integration/sources", withKey(soon.plaintextKey));
    expect([expired.status, expired.body.error.code]).toEqual([401, "api_key_expired"]);
    await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
  });

  it("a demoted creator's keys lose what the creator lost; a removed creator's keys fail with 401", async () => {
    const adminToken = await bearer("admin@acme.test");
    const key = await newKey(adminToken, acme, ["source:read", "source:delete"]);
    const k = withKey(key.plaintextKey);
    const scratch = (
      await call("POST", "/api/integration/sources", { ...withKey(full.plaintextKey), body: { name: "scratch", type: "x" } })
    ).body;
    await call("PATCH", `/api/members/${(await getDb().user.findUniqueOrThrow({ where: { email: "admin@acme.test" } })).id}`, {
      as: owner,
      tenant: acme,
      body: { role: "MEMBER" },
    });
    expect((await call("GET", "/api/integration/sources", k)).status).toBe(200);
    const denied = await call("DELETE", `/api/integration/sources/${scratch.id}`, k);
    expect([denied.status, denied.body.error.code]).toEqual([403, "insufficient_permissions"]);

    const adminId = (await getDb().user.findUniqueOrThrow({ where: { email: "admin@acme.test" } })).id;
    await call("DELETE", `/api/members/${adminId}`, { as: owner, tenant: acme });
    const gone = await call("GET", "/api/integration/sources", k);
    expect([gone.status, gone.body.error.code]).toEqual([401, "invalid_api_key"]);
    // Put the admin back for the other tests.
    await getDb().membership.create({ data: { workspaceId: acme, userId: adminId, role: "ADMIN" } });
  });

  it("a plan without API access answers 403 plan_required", async () => {
    const key = await newKey(owner, acme, ["source:read"]);
    await getDb().workspace.update({ where: { id: acme }, data: { plan: "pro" } });
    const { workspaceChanged } = await import("@/lib/api-keys/events");
    workspaceChanged(acme);
    try {
      const res = await call("GET", "/api/integration/sources", withKey(key.plaintextKey));
      expect([res.status, res.body.error.code]).toEqual([403, "plan_required"]);
    } finally {
      await getDb().workspace.update({ where: { id: acme }, data: { plan: "agency_plus" } });
      workspaceChanged(acme);
      await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
    }
  });

  it("limits invalid-key attempts per client address", async () => {
    const address = { "x-keyward-client-address": "203.0.113.7" };
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await call("GET", "/api/integration/whoami", withKey(`kw_sk_guess${i}`, address))).status);
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const blocked = await call("GET", "/api/integration/whoami", withKey(full.plaintextKey, address));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("GET", "/api/integration/whoami", withKey(full.plaintextKey))).status).toBe(200);
  });
});

describe("rate limit per key", () => {
  it("allows exactly the plan's rate per second and refuses the next, without touching other keys", () =>
    withPlanRateLimits(async () => {
      const key = await newKey(owner, acme, ["source:read"]);
      const other = await newKey(owner, acme, ["source:read"]);
      const results = [];
      for (let i = 0; i <= RATE; i++) results.push(await call("GET", "/api/integration/whoami", withKey(key.plaintextKey)));
      expect(results.slice(0, RATE).every((res) => res.status === 200)).toBe(true);
      const refused = results[RATE]!;
      expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      expect(refused.headers.get("ratelimit-limit")).toBe(String(RATE));
      expect((await call("GET", "/api/integration/whoami", withKey(other.plaintextKey))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await call("GET", "/api/integration/whoami", withKey(key.plaintextKey))).status).toBe(200);
      for (const each of [key, other]) await call("DELETE", `/api/api-keys/${each.id}`, { as: owner, tenant: acme });
    }));
});
