// "Test this key": the integration API's own checks in a dry run. Each outcome with its failing check,
// nothing counted, consumed or logged, another workspace's key indistinguishable from an unknown one,
// and the route-to-permission table held to every integration route's own declaration.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { usageRecorder } from "@/lib/api-keys/usage-recorder";
import { requestLog } from "@/lib/request-log/recorder";
import { permissionFor } from "@/lib/api-keys/key-test";
import { apiRoutes } from "../support/routes";
import { bearer, call, workspaceId, type Credentials } from "./support/api";

let acme: string;
let owner: Credentials;
const created: string[] = [];

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
});
afterEach(async () => {
  for (const id of created.splice(0)) await call("DELETE", `/api/api-keys/${id}`, { as: owner, tenant: acme });
});

async function newKey(body: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/api-keys", {
    as: owner,
    tenant: acme,
    body: { name: "tested", permissions: ["source:read"], ...body },
  });
  expect(res.status).toBe(201);
  created.push(res.body.id);
  return res.body as { id: string; plaintextKey: string };
}

const test = (body: Record<string, unknown>) => call("POST", "/api/api-keys/test", { as: owner, tenant: acme, body });

describe("testing a key", () => {
  it("reports an allowed request check by check, the allowlists and the rate limit not evaluated", async () => {
    const key = await newKey();
    const res = await test({ key: key.plaintextKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 200, code: null, message: "Would be allowed: GET /api/integration/whoami" });
    expect(res.body.checks.map((check: { name: string; passed: boolean | null }) => [check.name, check.passed])).toEqual([
      ["Key", true],
      ["Not revoked", true],
      ["Not expired", true],
      ["Enabled", true],
      ["Plan", true],
      ["Key policy", true],
      ["IP allowlists", null],
      ["Permission", true],
      ["Rate limit", null],
    ]);
  });

  it("names the failing check and leaves the later ones unevaluated", async () => {
    const key = await newKey({ allowedIps: ["203.0.113.0/24"] });
    const create = await test({ key: key.plaintextKey, method: "POST", path: "/api/integration/sources", ip: "203.0.113.5" });
    expect(create.body).toMatchObject({ status: 403, code: "insufficient_permissions" });
    expect(create.body.message).toContain("source:create");
    const byName = Object.fromEntries(create.body.checks.map((check: { name: string }) => [check.name, check]));
    expect(byName["IP allowlists"].passed).toBe(true);
    expect(byName.Permission).toMatchObject({ passed: false });
    expect(byName["Rate limit"]).toMatchObject({ passed: null, detail: "Not evaluated: an earlier check decided" });

    const outside = await test({ key: key.plaintextKey, ip: "198.51.100.1" });
    expect(outside.body).toMatchObject({ status: 403, code: "ip_not_allowed" });
    await call("PATCH", `/api/api-keys/${key.id}`, {
      as: owner,
      tenant: acme,
      body: { isActive: false, disabledReason: "paused" },
    });
    expect((await test({ key: key.plaintextKey })).body).toMatchObject({ status: 423, code: "api_key_disabled" });
  });

  it("counts no usage, consumes no rate limit and writes no log entry", async () => {
    const key = await newKey();
    for (let i = 0; i < 30; i++) expect((await test({ key: key.plaintextKey })).body.status).toBe(200);
    await Promise.all([usageRecorder().flush(), requestLog().flush()]);
    expect(await getDb().apiKeyUsageDay.count({ where: { apiKeyId: key.id } })).toBe(0);
    expect(await getDb().apiRequest.count({ where: { apiKeyId: key.id } })).toBe(0);
    const real = await call("GET", "/api/integration/whoami", { headers: { "x-api-key": key.plaintextKey } });
    expect(real.status).toBe(200);
    expect(Number(real.headers.get("ratelimit-remaining"))).toBe(Number(real.headers.get("ratelimit-limit")) - 1);
  });

  it("answers a key of another workspace exactly like an unknown key", async () => {
    const globex = await workspaceId("globex");
    const gloria = await bearer("owner@globex.test");
    const theirs = await call("POST", "/api/api-keys", {
      as: gloria,
      tenant: globex,
      body: { name: "theirs", permissions: ["source:read"] },
    });
    const mine = await newKey();
    const unknown = mine.plaintextKey.slice(0, 6) + "0".repeat(12) + mine.plaintextKey.slice(18);
    const foreign = await test({ key: theirs.body.plaintextKey });
    expect(foreign.body).toEqual((await test({ key: unknown })).body);
    expect(foreign.body).toEqual((await test({ key: "not a key at all" })).body);
    expect(foreign.body).toMatchObject({ status: 401, code: "invalid_api_key" });
    await call("DELETE", `/api/api-keys/${theirs.body.id}`, { as: gloria, tenant: globex });
  });

  it("refuses what is not an integration route, without echoing the key", async () => {
    const key = await newKey();
    const res = await test({ key: key.plaintextKey, method: "DELETE", path: "/api/integration/sources" });
    expect([res.status, res.body.error.details.fieldErrors.path]).toEqual([
      400,
      ["DELETE /api/integration/sources is not a route of the integration API"],
    ]);
    expect(JSON.stringify(res.body)).not.toContain(key.plaintextKey);
    const bad = await test({ key: key.plaintextKey, path: "/api/members" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toContain(key.plaintextKey);
  });

  it("knows the permission of every integration route and method", async () => {
    const ID = "00000000-0000-4000-8000-000000000000";
    let compared = 0;
    for (const route of apiRoutes().filter((each) => each.template.startsWith("/api/integration/"))) {
      const handlers = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
        const handler = handlers[method] as { permission?: string | null } | undefined;
        const path = route.template.replace(/\{\w+\}/g, ID);
        expect(permissionFor(method, path), `${method} ${route.template}`).toBe(handler ? handler.permission : undefined);
        if (handler) compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(20);
  });
});
