// The integration resources: the method × permission matrix, CRUD, references, paging, bad bodies
// and tenant isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ALL_PERMISSIONS, ACTIONS, RESOURCE_IDS, type Action, type Resource } from "@/lib/permissions";
import { bearer, call } from "./support/api";
import {
  createIntegrationFixture,
  acme,
  globex,
  full,
  sourceId,
  destinationId,
  planId,
  eventId,
  propertyId,
  newKey,
  withKey,
} from "./support/integration-fixture";

beforeAll(createIntegrationFixture);

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
  it("a list with a warm key answers without a promise on SQLite (the read path skips the ORM), with one on PostgreSQL", async () => {
    const { NextRequest } = await import("next/server");
    const routeModule = (await import("@/app/api/integration/sources/route")) as {
      GET: (req: InstanceType<typeof NextRequest>, ctx: { params: Promise<object> }) => Response | Promise<Response>;
    };
    const request = () => new NextRequest("http://localhost/api/integration/sources?limit=5", withKey(full.plaintextKey));
    await routeModule.GET(request(), { params: Promise.resolve({}) }); // warms the key cache
    const answer = routeModule.GET(request(), { params: Promise.resolve({}) });
    expect(answer instanceof Promise).toBe(process.env.TEST_DATABASE === "postgres");
    const response = await answer;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

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

  it("a config nested 10,000 levels deep answers 400 validation_error, not 500; 32 levels are stored", async () => {
    const nest = (levels: number) => '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
    const deep = await call("POST", "/api/integration/sources", {
      ...k(),
      body: `{"name":"deep","type":"x","config":${nest(10_000)}}`,
    });
    expect([deep.status, deep.body.error.code]).toEqual([400, "validation_error"]);
    expect(deep.body.error.message).toContain("32");
    // The body is level 1, so 31 objects nested in config reach level 32.
    const fits = await call("POST", "/api/integration/sources", {
      ...k(),
      body: `{"name":"fits","type":"x","config":${nest(31)}}`,
    });
    expect(fits.status).toBe(201);
    const over = await call("POST", "/api/integration/sources", {
      ...k(),
      body: `{"name":"over","type":"x","config":${nest(32)}}`,
    });
    expect(over.status).toBe(400);
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

describe("writes through the integration API are audited", () => {
  it("records create, update and delete with the key as the actor, its name and prefix, and the address", async () => {
    const { owner } = await import("./support/integration-fixture");
    const address = { "x-keyward-client-address": "203.0.113.77" };
    const created = await call("POST", "/api/integration/sources", {
      ...withKey(full.plaintextKey, address),
      body: { name: "Audited source", type: "webhook" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call("PATCH", `/api/integration/sources/${id}`, {
      ...withKey(full.plaintextKey, address),
      body: { name: "Audited, renamed" },
    });
    await call("DELETE", `/api/integration/sources/${id}`, withKey(full.plaintextKey, address));
    // A refused write changes nothing and records nothing.
    await call("PATCH", `/api/integration/sources/${id}`, { ...withKey(full.plaintextKey, address), body: { name: "gone" } });

    const log = await call("GET", `/api/audit-events?targetId=${id}`, { as: owner, tenant: acme });
    expect(log.body.data.map((event: { action: string }) => event.action)).toEqual([
      "resource.deleted",
      "resource.updated",
      "resource.created",
    ]);
    const [, updated, first] = log.body.data;
    expect(first).toMatchObject({
      actor: { type: "api_key", id: full.id, name: expect.stringMatching(/^API key /), email: null },
      target: { type: "resource", id },
      ip: "203.0.113.77",
      metadata: { resource: "source", name: "Audited source", key: { keyPrefix: full.plaintextKey.slice(0, 18) } },
    });
    expect(updated.metadata.name).toBe("Audited, renamed");
  });
});
