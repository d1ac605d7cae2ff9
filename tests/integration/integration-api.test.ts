import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { getDb } from "@/lib/db/client";
import { ALL_PERMISSIONS, ACTIONS, RESOURCE_IDS, type Action, type Resource } from "@/lib/permissions";
import { PLANS } from "@/lib/plans";
import { usageRecorder } from "@/lib/api-keys/usage-recorder";
import { verifyApiKey, verifiedKeyCache } from "@/lib/api-keys/verify";
import { assembleApiKey, KEY_PREFIX_LENGTH, parseApiKey } from "@/lib/api-keys/format";
import { bearer, call, workspaceId, type Credentials } from "./support/api";
import { apiRoutes } from "../support/routes";

let acme: string;
let globex: string;
let owner: Credentials;

const RATE = PLANS.agency_plus.requestsPerSecond;

async function newKey(as: Credentials, tenant: string, permissions: string[], extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/api-keys", { as, tenant, body: { name: `k ${Math.random()}`, permissions, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; plaintextKey: string; keyPrefix: string };
}

const withKey = (plaintextKey: string, headers: Record<string, string> = {}) => ({
  headers: { "x-api-key": plaintextKey, "x-forwarded-for": `10.0.0.${Math.floor(Math.random() * 250)}`, ...headers },
});

let full: { id: string; plaintextKey: string };
let sourceId: string;
let destinationId: string;
let planId: string;
let eventId: string;
let propertyId: string;

/** Most tests send bursts with one key; only the tests of the limit itself run with the plan's rate. */
const NO_LIMIT = "1000000";
async function withPlanRateLimits(test: () => Promise<void>): Promise<void> {
  delete process.env.KEYWARD_RATE_LIMIT_OVERRIDE;
  try {
    await test();
  } finally {
    process.env.KEYWARD_RATE_LIMIT_OVERRIDE = NO_LIMIT;
  }
}

beforeAll(async () => {
  process.env.KEYWARD_RATE_LIMIT_OVERRIDE = NO_LIMIT;
  acme = await workspaceId("acme");
  globex = await workspaceId("globex");
  // More keys per user and a higher rate for this file; the limits themselves are tested below.
  await getDb().workspace.update({ where: { id: acme }, data: { plan: "agency_plus" } });
  owner = await bearer("owner@acme.test");
  full = await newKey(owner, acme, [...ALL_PERMISSIONS]);
  const k = withKey(full.plaintextKey);
  sourceId = (await call("POST", "/api/integration/sources", { ...k, body: { name: "S1", type: "javascript" } })).body.id;
  destinationId = (
    await call("POST", "/api/integration/destinations", { ...k, body: { name: "D1", type: "s3", config: { bucket: "b" } } })
  ).body.id;
  planId = (await call("POST", "/api/integration/tracking-plans", { ...k, body: { name: "P1" } })).body.id;
  eventId = (await call("POST", `/api/integration/tracking-plans/${planId}/events`, { ...k, body: { name: "E1" } })).body.id;
  propertyId = (
    await call("POST", `/api/integration/tracking-plans/${planId}/properties`, {
      ...k,
      body: { name: "p1", type: "string", eventId },
    })
  ).body.id;
});

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
    const address = { "x-forwarded-for": "203.0.113.7" };
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

// One table drives the matrix: each route and method, the permission it needs.
const ROUTES: { resource: Resource; collection: () => string; item: () => string; body: () => object; patch: object }[] = [
  {
    resource: "source",
    collection: () => "/api/integration/sources",
    item: () => `/api/integration/sources/${sourceId}`,
    body: () => ({ name: `s${Math.random()}`, type: "x" }),
    patch: { name: "S1" },
  },
  {
    resource: "destination",
    collection: () => "/api/integration/destinations",
    item: () => `/api/integration/destinations/${destinationId}`,
    body: () => ({ name: `d${Math.random()}`, type: "x" }),
    patch: { name: "D1" },
  },
  {
    resource: "pipeline",
    collection: () => "/api/integration/pipelines",
    item: () => "/api/integration/pipelines/none",
    body: () => ({ name: `p${Math.random()}`, sourceId, destinationId }),
    patch: { name: "x" },
  },
  {
    resource: "tracking_plan",
    collection: () => "/api/integration/tracking-plans",
    item: () => `/api/integration/tracking-plans/${planId}`,
    body: () => ({ name: `t${Math.random()}` }),
    patch: { name: "P1" },
  },
  {
    resource: "tracking_plan_event",
    collection: () => `/api/integration/tracking-plans/${planId}/events`,
    item: () => `/api/integration/tracking-plans/${planId}/events/${eventId}`,
    body: () => ({ name: `e${Math.random()}` }),
    patch: { name: "E1" },
  },
  {
    resource: "tracking_plan_property",
    collection: () => `/api/integration/tracking-plans/${planId}/properties`,
    item: () => `/api/integration/tracking-plans/${planId}/properties/${propertyId}`,
    body: () => ({ name: `q${Math.random()}`, type: "number" }),
    patch: { name: "p1" },
  },
];
const CALLS: { action: Action; method: string; target: "collection" | "item" }[] = [
  { action: "read", method: "GET", target: "collection" },
  { action: "read", method: "GET", target: "item" },
  { action: "create", method: "POST", target: "collection" },
  { action: "update", method: "PATCH", target: "item" },
  { action: "delete", method: "DELETE", target: "item" },
];

describe("method × resource × permission matrix", () => {
  const keysByAction = new Map<Action, string>();
  beforeAll(async () => {
    const admin = await bearer("admin@acme.test");
    for (const action of ACTIONS) {
      keysByAction.set(
        action,
        (
          await newKey(
            admin,
            acme,
            RESOURCE_IDS.map((resource) => `${resource}:${action}`),
          )
        ).plaintextKey,
      );
    }
  });

  for (const route of ROUTES) {
    for (const { action, method, target } of CALLS) {
      it(`${method} ${route.resource} ${target} needs ${route.resource}:${action}`, async () => {
        const url = target === "collection" ? route.collection() : route.item();
        const body = method === "POST" ? route.body() : method === "PATCH" ? route.patch : undefined;
        for (const other of ACTIONS.filter((each) => each !== action)) {
          const denied = await call(method, url, { ...withKey(keysByAction.get(other)!), body });
          expect([denied.status, denied.body.error.code]).toEqual([403, "insufficient_permissions"]);
          expect(denied.body.error.details.required).toBe(`${route.resource}:${action}`);
        }
        // DELETE on a throwaway item so the shared fixtures stay.
        const targetUrl =
          method === "DELETE"
            ? `${route.collection()}/${(await call("POST", route.collection(), { ...withKey(full.plaintextKey), body: route.body() })).body.id}`
            : url;
        const allowed = await call(method, targetUrl, { ...withKey(keysByAction.get(action)!), body });
        expect(allowed.status, JSON.stringify(allowed.body)).not.toBe(403);
        expect(allowed.status).toBeLessThan(500);
      });
    }
  }
});

describe("resources", () => {
  const k = () => withKey(full.plaintextKey);

  it("creates, reads, updates and deletes a source; names are unique (409)", async () => {
    const created = await call("POST", "/api/integration/sources", {
      ...k(),
      body: { name: "CRUD", type: "http", config: { a: 1 } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "CRUD", type: "http", config: { a: 1 } });
    expect(Object.keys(created.body).sort()).toEqual(["config", "createdAt", "id", "name", "type", "updatedAt"]);
    const dup = await call("POST", "/api/integration/sources", { ...k(), body: { name: "CRUD", type: "http" } });
    expect([dup.status, dup.body.error.code]).toEqual([409, "conflict"]);
    const patched = await call("PATCH", `/api/integration/sources/${created.body.id}`, { ...k(), body: { config: { a: 2 } } });
    expect(patched.body.config).toEqual({ a: 2 });
    expect((await call("GET", `/api/integration/sources/${created.body.id}`, k())).body.name).toBe("CRUD");
    expect((await call("DELETE", `/api/integration/sources/${created.body.id}`, k())).status).toBe(204);
    const gone = await call("GET", `/api/integration/sources/${created.body.id}`, k());
    expect([gone.status, gone.body.error.code]).toEqual([404, "not_found"]);
  });

  it("pipelines need a source and destination of the same workspace; a used source cannot be deleted", async () => {
    const globexOwner = await bearer("owner@globex.test");
    const foreign = await newKey(globexOwner, globex, ["source:all"]);
    const foreignSource = (
      await call("POST", "/api/integration/sources", { ...withKey(foreign.plaintextKey), body: { name: "G", type: "x" } })
    ).body;
    const bad = await call("POST", "/api/integration/pipelines", {
      ...k(),
      body: { name: "cross", sourceId: foreignSource.id, destinationId },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "validation_error"]);
    expect(bad.body.error.details.fieldErrors.sourceId).toBeDefined();
    const ok = await call("POST", "/api/integration/pipelines", {
      ...k(),
      body: { name: "good", sourceId, destinationId, schedule: "@daily" },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ sourceId, destinationId, schedule: "@daily", isActive: true });
    const inUse = await call("DELETE", `/api/integration/sources/${sourceId}`, k());
    expect([inUse.status, inUse.body.error.code]).toEqual([409, "conflict"]);
  });

  it("properties may name an event of their own plan only", async () => {
    const otherPlan = (await call("POST", "/api/integration/tracking-plans", { ...k(), body: { name: "Other" } })).body.id;
    const otherEvent = (
      await call("POST", `/api/integration/tracking-plans/${otherPlan}/events`, { ...k(), body: { name: "E" } })
    ).body.id;
    const bad = await call("POST", `/api/integration/tracking-plans/${planId}/properties`, {
      ...k(),
      body: { name: "x", type: "string", eventId: otherEvent },
    });
    expect(bad.status).toBe(400);
    const badType = await call("POST", `/api/integration/tracking-plans/${planId}/properties`, {
      ...k(),
      body: { name: "x", type: "date" },
    });
    expect(badType.body.error.details.fieldErrors.type).toBeDefined();
    const wrongPlan = await call("GET", `/api/integration/tracking-plans/${otherPlan}/events/${eventId}`, k());
    expect(wrongPlan.status).toBe(404);
  });

  it("pages with limit and cursor", async () => {
    for (let i = 0; i < 5; i++)
      await call("POST", "/api/integration/destinations", { ...k(), body: { name: `page ${i}`, type: "x" } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await call(
        "GET",
        `/api/integration/destinations?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        k(),
      );
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((row) => row.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await getDb().destination.count({ where: { workspaceId: acme } }));
    for (const query of ["limit=0", "limit=101", "limit=abc", "cursor=unknown", "extra=1"]) {
      const res = await call("GET", `/api/integration/destinations?${query}`, k());
      expect([query, res.status]).toEqual([query, 400]);
    }
  });

  it("answers 400 for bad bodies, 413 over 1 MB, 405 for unsupported methods", async () => {
    const url = "/api/integration/sources";
    for (const body of [
      "{",
      "[]",
      "null",
      JSON.stringify({ name: 1, type: "x" }),
      JSON.stringify({ name: "n", type: "x", extra: 1 }),
    ]) {
      const res = await call("POST", url, { ...k(), body });
      expect(res.status, body).toBe(400);
      expect(["validation_error", "invalid_json"]).toContain(res.body.error.code);
    }
    const huge = await call("POST", url, { ...k(), body: { name: "n", type: "x", config: { pad: "x".repeat(1_100_000) } } });
    expect(huge.status).toBe(413);
    const put = await call("PUT", url, k());
    expect([put.status, put.body.error.code]).toEqual([405, "method_not_allowed"]);
    expect(put.headers.get("allow")).toBe("GET, POST");
    expect((await call("POST", "/api/integration/whoami", k())).status).toBe(405);
  });
});

describe("tenant isolation", () => {
  it("another workspace's ids answer 404 on every route, and lists never overlap", async () => {
    const globexOwner = await bearer("owner@globex.test");
    const g = withKey((await newKey(globexOwner, globex, [...ALL_PERMISSIONS])).plaintextKey);
    const src = (await call("POST", "/api/integration/sources", { ...g, body: { name: "GS", type: "x" } })).body.id;
    const dst = (await call("POST", "/api/integration/destinations", { ...g, body: { name: "GD", type: "x" } })).body.id;
    const pipe = (
      await call("POST", "/api/integration/pipelines", { ...g, body: { name: "GP", sourceId: src, destinationId: dst } })
    ).body.id;
    const plan = (await call("POST", "/api/integration/tracking-plans", { ...g, body: { name: "GT" } })).body.id;
    const event = (await call("POST", `/api/integration/tracking-plans/${plan}/events`, { ...g, body: { name: "GE" } })).body.id;
    const prop = (
      await call("POST", `/api/integration/tracking-plans/${plan}/properties`, { ...g, body: { name: "gp", type: "string" } })
    ).body.id;
    const a = withKey(full.plaintextKey);
    const foreignItems = [
      `/api/integration/sources/${src}`,
      `/api/integration/destinations/${dst}`,
      `/api/integration/pipelines/${pipe}`,
      `/api/integration/tracking-plans/${plan}`,
      `/api/integration/tracking-plans/${plan}/events/${event}`,
      `/api/integration/tracking-plans/${plan}/properties/${prop}`,
      `/api/integration/tracking-plans/${planId}/events/${event}`,
      `/api/integration/tracking-plans/${planId}/properties/${prop}`,
    ];
    for (const url of foreignItems) {
      for (const method of ["GET", "PATCH", "DELETE"]) {
        const res = await call(method, url, { ...a, body: method === "PATCH" ? { name: "hijack" } : undefined });
        expect([url, method, res.status, res.body.error.code]).toEqual([url, method, 404, "not_found"]);
      }
    }
    for (const [url, body] of [
      [`/api/integration/tracking-plans/${plan}/events`, { name: "x" }],
      [`/api/integration/tracking-plans/${plan}/properties`, { name: "x", type: "string" }],
    ] as const) {
      expect((await call("GET", url, a)).status).toBe(404);
      expect((await call("POST", url, { ...a, body })).status).toBe(404);
    }
    for (const list of ["sources", "destinations", "pipelines", "tracking-plans"]) {
      const mine = (await call("GET", `/api/integration/${list}?limit=100`, a)).body.data.map((row: { id: string }) => row.id);
      const theirs = (await call("GET", `/api/integration/${list}?limit=100`, g)).body.data.map((row: { id: string }) => row.id);
      expect(mine.filter((id: string) => theirs.includes(id))).toEqual([]);
    }
    expect(await getDb().source.findUnique({ where: { id: src } })).toMatchObject({ name: "GS", workspaceId: globex });
  });
});

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
            headers: { "x-api-key": safeKey || "x", "x-forwarded-for": "198.51.100.1" },
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
