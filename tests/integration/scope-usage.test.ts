// Least privilege: which permissions a key exercises, counted by the usage flush, and the one PATCH that
// removes the unused ones (audited like any edit).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { usageRecorder } from "@/lib/api-keys/usage-recorder";
import { bearer, call, workspaceId, type Credentials } from "./support/api";

let acme: string;
let owner: Credentials;
let member: Credentials;
const created: string[] = [];
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  member = await bearer("member@acme.test");
});
afterEach(async () => {
  for (const id of created.splice(0)) await call("DELETE", `/api/api-keys/${id}`, { as: owner, tenant: acme });
});

async function newKey(permissions: string[]) {
  const res = await call("POST", "/api/api-keys", { as: owner, tenant: acme, body: { name: "scoped", permissions } });
  created.push(res.body.id);
  return res.body as { id: string; plaintextKey: string };
}

describe("scope usage", () => {
  it("counts the permission each allowed request needed, never whoami's or a refusal's", async () => {
    const key = await newKey(["source:read", "source:create", "destination:read"]);
    const headers = { "x-api-key": key.plaintextKey };
    for (let i = 0; i < 3; i++) expect((await call("GET", "/api/integration/sources", { headers })).status).toBe(200);
    await call("GET", "/api/integration/whoami", { headers });
    expect((await call("GET", "/api/integration/pipelines", { headers })).status).toBe(403);
    await usageRecorder().flush();
    const usage = await call("GET", `/api/api-keys/${key.id}/scope-usage`, { as: owner, tenant: acme });
    expect(usage.status).toBe(200);
    expect(usage.body.data).toEqual([
      { permission: "source:read", lastUsedAt: expect.any(String), requests30d: 3 },
      { permission: "source:create", lastUsedAt: null, requests30d: 0 },
      { permission: "destination:read", lastUsedAt: null, requests30d: 0 },
    ]);
    // A key made today has not had the time to use everything: nothing is called unused yet.
    expect(usage.body.unusedPermissions).toEqual([]);
  });

  it("calls unused what was never used by a key older than 7 days or not for 30 days, and one PATCH removes it", async () => {
    const key = await newKey(["source:read", "source:create", "destination:read"]);
    await getDb().apiKey.update({ where: { id: key.id }, data: { createdAt: new Date(Date.now() - 60 * DAY) } });
    const longAgo = new Date(Date.now() - 40 * DAY);
    await getDb().apiKeyScopeDay.create({
      data: {
        apiKeyId: key.id,
        workspaceId: acme,
        permission: "destination:read",
        day: longAgo.toISOString().slice(0, 10),
        count: 9,
        lastUsedAt: longAgo,
      },
    });
    await call("GET", "/api/integration/sources", { headers: { "x-api-key": key.plaintextKey } });
    await usageRecorder().flush();
    const usage = await call("GET", `/api/api-keys/${key.id}/scope-usage`, { as: owner, tenant: acme });
    expect(usage.body.unusedPermissions).toEqual(["source:create", "destination:read"]);
    expect(usage.body.data[2]).toEqual({ permission: "destination:read", lastUsedAt: longAgo.toISOString(), requests30d: 0 });

    const kept = usage.body.data
      .map((row: { permission: string }) => row.permission)
      .filter((permission: string) => !usage.body.unusedPermissions.includes(permission));
    const patched = await call("PATCH", `/api/api-keys/${key.id}`, { as: owner, tenant: acme, body: { permissions: kept } });
    expect(patched.body.permissions).toEqual(["source:read"]);
    const audit = await call("GET", `/api/api-keys/${key.id}/audit-events`, { as: owner, tenant: acme });
    expect(audit.body.data[0]).toMatchObject({
      action: "api_key.updated",
      metadata: { changes: { permissions: ["source:read"] } },
    });
    expect(
      (await call("GET", `/api/api-keys/${key.id}/scope-usage`, { as: owner, tenant: acme })).body.unusedPermissions,
    ).toEqual([]);
  });

  it("is readable by whoever may see the key, and no one else", async () => {
    const key = await newKey(["source:read"]);
    expect((await call("GET", `/api/api-keys/${key.id}/scope-usage`, { as: member, tenant: acme })).status).toBe(404);
  });
});
