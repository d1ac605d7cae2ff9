// The request log: an entry for every request that presented a known key (allowed or refused, a wrong
// secret for its prefix included) with its code, address and agent; the budget per key and minute,
// refusals kept first and everything beyond counted exactly; paging, filters, CSV, retention, who may
// read it; and "last used from" on the key.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// A small budget so the test can go past it (read when the recorder starts, at the first request).
process.env.KEYWARD_REQUEST_LOG_BUDGET = "5";
process.env.KEYWARD_REQUEST_LOG_BUFFER = "10";

import { getDb } from "@/lib/db/client";
import { requestLog, pruneRequestLog } from "@/lib/request-log/recorder";
import { usageRecorder } from "@/lib/api-keys/usage-recorder";
import { workspaceActivity } from "@/lib/request-log/activity";
import { resolveWorkspaceCaller } from "@/lib/workspaces/service";
import { bearer, call, userId, workspaceId, type Credentials } from "./support/api";

let acme: string;
let owner: Credentials;
let member: Credentials;
const created: string[] = [];

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  member = await bearer("member@acme.test");
});

// Frees the slots each test took (5 keys per user on Acme's plan).
afterEach(async () => {
  for (const id of created.splice(0)) await call("DELETE", `/api/api-keys/${id}`, { as: owner, tenant: acme });
});
afterAll(() => {
  delete process.env.KEYWARD_REQUEST_LOG_BUDGET;
  delete process.env.KEYWARD_REQUEST_LOG_BUFFER;
});

async function newKey(as = owner, permissions = ["source:read"]) {
  const res = await call("POST", "/api/api-keys", { as, tenant: acme, body: { name: `logged ${created.length}`, permissions } });
  expect(res.status).toBe(201);
  created.push(res.body.id);
  return res.body as { id: string; plaintextKey: string };
}

const from = (key: string, ip: string, agent = "python-requests/2.32") => ({
  headers: { "x-api-key": key, "x-keyward-client-address": ip, "user-agent": agent },
});

async function requestsOf(keyId: string, query = "", as = owner) {
  await requestLog().flush();
  return call("GET", `/api/api-keys/${keyId}/requests${query}`, { as, tenant: acme });
}

describe("the request log", () => {
  it("records each outcome with its code, status, route, address and agent, newest first", async () => {
    const key = await newKey();
    await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.7"));
    await call("GET", "/api/integration/sources/00000000-0000-4000-8000-000000000000", from(key.plaintextKey, "203.0.113.7"));
    await call("POST", "/api/integration/sources", { ...from(key.plaintextKey, "203.0.113.8"), body: { name: "x", type: "y" } });
    // A wrong secret for this key's prefix (the cache holds the key, so its hash decides).
    const wrong = key.plaintextKey.slice(0, -12) + "A".repeat(12);
    expect((await call("GET", "/api/integration/whoami", from(wrong, "198.51.100.66", "curl/8.5"))).status).toBe(401);
    await call("PATCH", `/api/api-keys/${key.id}`, {
      as: owner,
      tenant: acme,
      body: { isActive: false, disabledReason: "paused" },
    });
    await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.7"));

    const page = await requestsOf(key.id);
    expect(page.status).toBe(200);
    expect(
      page.body.data.map((entry: Record<string, unknown>) => [entry.method, entry.route, entry.status, entry.code, entry.ip]),
    ).toEqual([
      ["GET", "/api/integration/whoami", 423, "api_key_disabled", "203.0.113.7"],
      ["GET", "/api/integration/whoami", 401, "invalid_api_key", "198.51.100.66"],
      ["POST", "/api/integration/sources", 403, "insufficient_permissions", "203.0.113.8"],
      ["GET", "/api/integration/sources/{id}", 404, "not_found", "203.0.113.7"],
      ["GET", "/api/integration/whoami", 200, null, "203.0.113.7"],
    ]);
    expect(page.body.data[1]).toMatchObject({ userAgent: "curl/8.5", keyId: key.id });
    expect(page.body.data[3].path).toBe("/api/integration/sources/00000000-0000-4000-8000-000000000000");
    expect(page.body.data.every((entry: { latencyMs: number }) => entry.latencyMs >= 0)).toBe(true);
    expect(page.body.notLogged).toBe(0);

    const denied = await requestsOf(key.id, "?outcome=denied&limit=2");
    expect(denied.body.data.map((entry: { code: string }) => entry.code)).toEqual(["api_key_disabled", "invalid_api_key"]);
    const next = await requestsOf(key.id, `?outcome=denied&limit=2&cursor=${denied.body.nextCursor}`);
    expect(next.body.data.map((entry: { code: string }) => entry.code)).toEqual(["insufficient_permissions", "not_found"]);
    expect(next.body.nextCursor).toBeNull();
    expect((await requestsOf(key.id, "?outcome=allowed")).body.data).toHaveLength(1);
    expect((await requestsOf(key.id, "?status=403")).body.data).toHaveLength(1);
    expect((await requestsOf(key.id, "?code=invalid_api_key")).body.data).toHaveLength(1);
    expect((await requestsOf(key.id, `?since=${new Date(Date.now() + 60_000).toISOString()}`)).body.data).toHaveLength(0);
    expect((await requestsOf(key.id, "?status=99")).status).toBe(400);
    expect((await requestsOf(key.id, "?cursor=nope")).status).toBe(400);
  });

  it("keeps the budget per key and minute, refusals first, and counts the rest exactly", async () => {
    const key = await newKey();
    for (let i = 0; i < 8; i++)
      expect((await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.1"))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await call("POST", "/api/integration/sources", { ...from(key.plaintextKey, "203.0.113.1"), body: {} });
      expect(res.status).toBe(403);
    }
    const page = await requestsOf(key.id);
    // 5 kept of 10: both refusals took the places of allowed entries; 5 counted, not kept.
    expect(page.body.data.map((entry: { status: number }) => entry.status).sort()).toEqual([200, 200, 200, 403, 403]);
    expect(page.body.notLogged).toBe(5);
    expect(await getDb().apiRequest.count({ where: { apiKeyId: key.id } })).toBe(5);
    // Usage still counts every request.
    await usageRecorder().flush();
    const usage = await getDb().apiKeyUsageDay.aggregate({ where: { apiKeyId: key.id }, _sum: { count: true } });
    expect(usage._sum.count).toBe(10);
  });

  it("holds at most the buffer's cap between flushes, whatever the number of keys, and counts the rest", async () => {
    await requestLog().flush();
    const keys = [await newKey(), await newKey(), await newKey()];
    for (const key of keys) {
      for (let i = 0; i < 5; i++) await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.5"));
    }
    expect(requestLog().buffered).toBe(10);
    await requestLog().flush();
    const pages = await Promise.all(keys.map((key) => requestsOf(key.id)));
    expect(pages.reduce((sum, page) => sum + page.body.data.length, 0)).toBe(10);
    expect(pages.reduce((sum, page) => sum + page.body.notLogged, 0)).toBe(5);
  });

  it("downloads the same rows as CSV, by query or by Accept", async () => {
    const key = await newKey();
    await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.9", '=HYPERLINK("x"), "quoted"'));
    await requestLog().flush();
    const downloads: { url: string; headers: Record<string, string> }[] = [
      { url: `/api/api-keys/${key.id}/requests?format=csv`, headers: {} },
      { url: `/api/api-keys/${key.id}/requests`, headers: { accept: "text/csv" } },
    ];
    for (const options of downloads) {
      const res = await call("GET", options.url, { as: { headers: { ...owner.headers, ...options.headers } }, tenant: acme });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const [header, row, end] = String(res.body).split("\r\n");
      expect(header).toBe("createdAt,keyId,method,route,path,status,code,latencyMs,ip,userAgent");
      expect(row).toContain(`,${key.id},GET,/api/integration/whoami,/api/integration/whoami,200,,`);
      // A formula is defused and quotes are doubled.
      expect(row!.endsWith(`,203.0.113.9,"'=HYPERLINK(""x""), ""quoted"""`)).toBe(true);
      expect(end).toBe("");
    }
  });

  it("the workspace log is for managers, filters by key, and a key of another workspace is not found", async () => {
    const key = await newKey();
    await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.2"));
    await requestLog().flush();
    const all = await call("GET", `/api/requests?keyId=${key.id}`, { as: owner, tenant: acme });
    expect(all.body.data.map((entry: { keyId: string }) => entry.keyId)).toEqual([key.id]);
    const refused = await call("GET", "/api/requests", { as: member, tenant: acme });
    expect([refused.status, refused.body.error.details.requires]).toEqual([403, "requests:read"]);

    const globex = await workspaceId("globex");
    const gloria = await bearer("owner@globex.test");
    const foreign = await call("POST", "/api/api-keys", {
      as: gloria,
      tenant: globex,
      body: { name: "theirs", permissions: ["source:read"] },
    });
    expect((await call("GET", `/api/api-keys/${foreign.body.id}/requests`, { as: owner, tenant: acme })).status).toBe(404);
    // A member reads the log of their own key, not of someone else's.
    const mine = await newKey(member);
    expect((await requestsOf(mine.id, "", member)).status).toBe(200);
    expect((await requestsOf(key.id, "", member)).status).toBe(404);
  });

  it("prunes entries older than the retention", async () => {
    const key = await newKey();
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    await getDb().apiRequest.create({
      data: {
        workspaceId: acme,
        apiKeyId: key.id,
        createdAt: old,
        method: "GET",
        route: "/x",
        path: "/x",
        status: 200,
        latencyMs: 1,
      },
    });
    await getDb().apiRequestOverflow.create({ data: { workspaceId: acme, apiKeyId: key.id, minute: old, count: 3 } });
    await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.3"));
    await requestLog().flush();
    expect(await pruneRequestLog()).toBe(1);
    const left = await requestsOf(key.id);
    expect([left.body.data.length, left.body.notLogged]).toEqual([1, 0]);
  });

  it("sums the workspace's activity: requests by day and hour, refusals with what fixes them, busiest keys", async () => {
    const key = await newKey();
    // 11 requests: more than any other key of this file, so it is the busiest.
    for (let i = 0; i < 10; i++) await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.4"));
    await call("POST", "/api/integration/sources", { ...from(key.plaintextKey, "203.0.113.4"), body: {} });
    await Promise.all([usageRecorder().flush(), requestLog().flush()]);
    const caller = await resolveWorkspaceCaller(await userId("owner@acme.test"), { id: acme }, null);
    const week = await workspaceActivity(caller, "7d");
    expect(week.buckets).toHaveLength(7);
    const today = week.buckets.at(-1)!;
    expect(today.allowed).toBeGreaterThanOrEqual(10);
    expect(today.deniedByCode.insufficient_permissions).toBeGreaterThanOrEqual(1);
    expect(week.refusals.find((refusal) => refusal.code === "insufficient_permissions")?.help).toMatch(/scope/);
    expect(week.busiestKeys[0]).toMatchObject({ keyId: key.id, requests: 11, denied: 1 });
    const day = await workspaceActivity(caller, "24h");
    expect(day.buckets).toHaveLength(24);
    expect(day.buckets.at(-1)!.allowed + day.buckets.at(-1)!.denied).toBeGreaterThanOrEqual(4);
  });

  it("shows where a key was last used from, written by the usage flush", async () => {
    const key = await newKey();
    await call("GET", "/api/integration/whoami", from(key.plaintextKey, "203.0.113.44", "airflow/2.9"));
    await usageRecorder().flush();
    const view = await call("GET", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
    expect(view.body).toMatchObject({ lastUsedIp: "203.0.113.44", lastUsedUserAgent: "airflow/2.9" });
  });
});
