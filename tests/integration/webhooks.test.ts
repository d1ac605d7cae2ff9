// Signed webhooks: every event type reaches a real local receiver and verifies with the
// standardwebhooks package; retries back off and give up; the outbox survives a process that dies
// between commit and send; SSRF refusals (at save and at send); secret rotation; access rules.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DEFAULT_KEY_POLICY } from "@/lib/key-policy/schemas";
import { SUBSCRIBABLE_EVENTS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/schemas";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";
import { setWebhookResolver } from "@/lib/webhooks/target-guard";
import { disableFailingEndpoints, pruneWebhookDeliveries } from "@/lib/webhooks/maintenance";
import { disableIdleKeys, sendExpiryNotices } from "@/lib/api-keys/lifecycle";
import { bearer, call, userId, workspaceId, type Credentials } from "./support/api";
import { startWebhookReceiver } from "../support/webhook-receiver";

let acme: string;
let owner: Credentials;
let member: Credentials;
const DAY = 24 * 60 * 60 * 1000;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  member = await bearer("member@acme.test");
  await getDb().workspace.update({ where: { id: acme }, data: { plan: "agency_plus" } });
});
beforeEach(async () => {
  process.env.KEYWARD_WEBHOOK_ALLOW_PRIVATE = "1";
  process.env.KEYWARD_WEBHOOK_BACKOFF_SCALE = "0.001";
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
  setWebhookResolver(null);
  await getDb().webhookEndpoint.deleteMany({ where: { workspaceId: acme } });
  await call("PUT", "/api/workspace/key-policy", { as: owner, tenant: acme, body: DEFAULT_KEY_POLICY });
  await getDb().apiKey.updateMany({ where: { workspaceId: acme, revokedAt: null }, data: { revokedAt: new Date() } });
});
afterAll(() => {
  delete process.env.KEYWARD_WEBHOOK_ALLOW_PRIVATE;
  delete process.env.KEYWARD_WEBHOOK_BACKOFF_SCALE;
});

async function addEndpoint(url = receiver.url, events: readonly string[] = SUBSCRIBABLE_EVENTS) {
  const res = await call("POST", "/api/webhooks", { as: owner, tenant: acme, body: { url, events } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string };
}

async function newKey(body: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/api-keys", {
    as: owner,
    tenant: acme,
    body: { name: `hooked ${randomUUID().slice(0, 6)}`, permissions: ["source:read"], ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; plaintextKey: string; keyPrefix: string };
}

/** Runs the worker until nothing is due (what the loop does every second), or the bound passes. */
async function drain(until: () => boolean = () => false, boundMs = 5000) {
  const end = Date.now() + boundMs;
  while (Date.now() < end) {
    const sent = await deliverDueWebhooks();
    if (until()) return;
    if (sent === 0) {
      const pending = await getDb().webhookDelivery.count({ where: { status: "pending", workspaceId: acme } });
      if (pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe("events", () => {
  it("delivers every event type, each verifying with the standardwebhooks package, never a secret", async () => {
    const endpoint = await addEndpoint();
    const now = Date.now();
    // api_key.created, .updated, .disabled, .enabled, .rotated, .revoked
    const key = await newKey();
    await call("PATCH", `/api/api-keys/${key.id}`, { as: owner, tenant: acme, body: { name: "renamed" } });
    await call("PATCH", `/api/api-keys/${key.id}`, {
      as: owner,
      tenant: acme,
      body: { isActive: false, disabledReason: "pause" },
    });
    await call("PATCH", `/api/api-keys/${key.id}`, { as: owner, tenant: acme, body: { isActive: true } });
    const rotated = await call("POST", `/api/api-keys/${key.id}/rotate`, { as: owner, tenant: acme, body: {} });
    await call("DELETE", `/api/api-keys/${rotated.body.id}`, { as: owner, tenant: acme });
    // .expiring_soon and .expired: the scheduler's job, run now and 2 days on.
    const expiring = await newKey({ expiresAt: new Date(now + 1.5 * DAY).toISOString() });
    expect(await sendExpiryNotices(new Date(now))).toBe(1);
    expect(await sendExpiryNotices(new Date(now + 2 * DAY))).toBe(1);
    // .leaked: the public report.
    const leaked = await newKey();
    expect((await call("POST", "/api/api-keys/report-leak", { body: { key: leaked.plaintextKey } })).status).toBe(202);
    // .auto_disabled: a key idle past the policy's days.
    await call("PUT", "/api/workspace/key-policy", {
      as: owner,
      tenant: acme,
      body: { ...DEFAULT_KEY_POLICY, idleDisableDays: 7 },
    });
    const idle = await newKey();
    expect(await disableIdleKeys(new Date(now + 8 * DAY))).toBeGreaterThanOrEqual(1);
    // .policy_blocked and key_policy.updated: a key without expiry, then a policy requiring one.
    await newKey({ expiresAt: null });
    await call("PUT", "/api/workspace/key-policy", {
      as: owner,
      tenant: acme,
      body: { ...DEFAULT_KEY_POLICY, requireExpiry: true },
    });
    // member.invited, .joined, .role_changed, .removed
    const email = `hook-${randomUUID().slice(0, 6)}@example.test`;
    const invited = await call("POST", "/api/members", { as: owner, tenant: acme, body: { email, role: "MEMBER" } });
    const token = invited.body.acceptUrl.split("/").at(-1);
    const joined = await call("POST", `/api/invitations/${token}/sign-up`, {
      body: { name: "Hook Person", password: "a quite long and unusual passphrase 42" },
      headers: { origin: "http://localhost:3000" },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const person = await userId(email);
    await call("PATCH", `/api/members/${person}`, { as: owner, tenant: acme, body: { role: "VIEWER" } });
    await call("DELETE", `/api/members/${person}`, { as: owner, tenant: acme });
    // ping
    const ping = await call("POST", `/api/webhooks/${endpoint.id}/test`, { as: owner, tenant: acme });
    expect(ping.body).toMatchObject({ eventType: "ping", status: "delivered", attempts: 1, response: { status: 200 } });

    await drain(() => new Set(receiver.received.map((hook) => JSON.parse(hook.body).type)).size === WEBHOOK_EVENT_TYPES.length);
    const payloads = receiver.received.map((hook) => receiver.verify(hook, endpoint.secret));
    expect(new Set(payloads.map((payload) => payload.type))).toEqual(new Set(WEBHOOK_EVENT_TYPES));
    for (const payload of payloads) expect(payload.data.workspaceId).toBe(acme);
    const byType = (type: string) => payloads.filter((payload) => payload.type === type);
    expect(byType("api_key.disabled")[0]!.data.apiKey).toMatchObject({ id: key.id, status: "disabled", disabledReason: "pause" });
    expect(byType("api_key.rotated")[0]!.data).toMatchObject({ apiKey: { id: key.id }, newKey: { id: rotated.body.id } });
    expect(byType("api_key.expiring_soon")[0]!.data).toMatchObject({ apiKey: { id: expiring.id }, daysLeft: 2 });
    expect(byType("api_key.leaked")[0]!.data).toMatchObject({ apiKey: { id: leaked.id, status: "revoked" }, action: "revoked" });
    expect(byType("api_key.auto_disabled").map((payload) => (payload.data.apiKey as { id: string }).id)).toContain(idle.id);
    expect(byType("api_key.policy_blocked")[0]!.data).toMatchObject({ rule: "require_expiry" });
    expect(byType("member.role_changed")[0]!.data).toMatchObject({ member: { email, role: "VIEWER" }, from: "MEMBER" });
    // No plaintext key, hash or signing secret ever travels in a payload.
    for (const hook of receiver.received) {
      expect(hook.body).not.toMatch(/kw_sk_[0-9a-f]{12}_/);
      expect(hook.body).not.toContain("secretHash");
      expect(hook.body).not.toContain("whsec_");
    }
    // Each message was sent once (the worker claims before it sends).
    const ids = receiver.received.map((hook) => hook.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sends only the events an endpoint chose, and nothing to a disabled endpoint", async () => {
    const endpoint = await addEndpoint(receiver.url, ["api_key.revoked"]);
    const key = await newKey();
    await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
    await drain();
    await call("PATCH", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme, body: { enabled: false } });
    const other = await newKey();
    await call("DELETE", `/api/api-keys/${other.id}`, { as: owner, tenant: acme });
    await drain();
    expect(receiver.received.map((hook) => [JSON.parse(hook.body).type, JSON.parse(hook.body).data.apiKey.id])).toEqual([
      ["api_key.revoked", key.id],
    ]);
  });
});

describe("delivery", () => {
  it("retries a failing receiver with growing delays and the same webhook-id, then succeeds", async () => {
    receiver.respondWith([500, 503, 200]);
    const endpoint = await addEndpoint(receiver.url, ["api_key.created"]);
    await newKey();
    await drain(() => receiver.received.length >= 3);
    expect(receiver.received.map((hook) => hook.headers["webhook-id"])).toEqual(
      Array(3).fill(receiver.received[0]!.headers["webhook-id"]),
    );
    // 5 s and 30 s scaled by 0.001: the second gap at least the 30 ms of the schedule.
    const [first, second, third] = receiver.received.map((hook) => hook.at);
    expect(second! - first!).toBeGreaterThanOrEqual(5);
    expect(third! - second!).toBeGreaterThanOrEqual(30);
    const log = await call("GET", `/api/webhooks/${endpoint.id}/deliveries`, { as: owner, tenant: acme });
    expect(log.body.data[0]).toMatchObject({ status: "delivered", attempts: 3, response: { status: 200, body: "ok" } });
    expect((await call("GET", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme })).body.failingSince).toBeNull();
  });

  it("marks a delivery failed after the last attempt; an endpoint failing for 3 days is disabled and audited", async () => {
    receiver.respondWith([500]);
    // The whole schedule (about 7 h 12 min) in about 2.6 s.
    process.env.KEYWARD_WEBHOOK_BACKOFF_SCALE = "0.0001";
    const endpoint = await addEndpoint(receiver.url, ["api_key.created"]);
    await newKey();
    await drain(() => false, 20_000);
    const log = await call("GET", `/api/webhooks/${endpoint.id}/deliveries`, { as: owner, tenant: acme });
    expect(log.body.data[0]).toMatchObject({ status: "failed", attempts: 7, nextAttemptAt: null, error: "Answered 500" });
    expect(receiver.received).toHaveLength(7);
    const failingSince = (await call("GET", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme })).body.failingSince;
    expect(failingSince).not.toBeNull();

    expect(await disableFailingEndpoints(new Date(Date.now() + 2 * DAY))).toBe(0);
    expect(await disableFailingEndpoints(new Date(Date.now() + 3.1 * DAY))).toBe(1);
    const shown = await call("GET", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme });
    expect(shown.body).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("failed for 3 days") });
    const audit = await call("GET", "/api/audit-events?action=webhook.disabled", { as: owner, tenant: acme });
    expect(audit.body.data[0]).toMatchObject({ actor: { type: "system" }, target: { type: "webhook", id: endpoint.id } });
    // Enabled again by a manager: a fresh start.
    const enabled = await call("PATCH", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme, body: { enabled: true } });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("sends each message once when two workers poll together, an endpoint's messages oldest first", async () => {
    await addEndpoint(receiver.url, ["api_key.created"]);
    const keys = [];
    for (let i = 0; i < 4; i++) keys.push(await newKey());
    // Two instances' workers at the same moment: each delivery is claimed by one of them, and while
    // one sends the endpoint's first message (its receiver takes a while) the other sends none.
    receiver.answerAfter(150);
    const sent = await Promise.all([deliverDueWebhooks(), deliverDueWebhooks()]);
    receiver.answerAfter(0);
    expect(receiver.maxInFlight).toBe(1);
    expect(sent[0] + sent[1]).toBe(4);
    const ids = receiver.received.map((hook) => hook.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(4);
    const order = receiver.received.map((hook) => JSON.parse(hook.body).data.apiKey.id);
    expect(order).toEqual(keys.map((key) => key.id));
  });

  it("gives up on an attempt after the timeout and retries it", async () => {
    process.env.KEYWARD_WEBHOOK_TIMEOUT_MS = "200";
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = await addEndpoint(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, ["api_key.created"]);
      await newKey();
      const started = Date.now();
      await deliverDueWebhooks();
      expect(Date.now() - started).toBeLessThan(5000);
      const [delivery] = (await call("GET", `/api/webhooks/${endpoint.id}/deliveries`, { as: owner, tenant: acme })).body.data;
      expect(delivery).toMatchObject({ status: "pending", attempts: 1, error: "No answer within 200 ms" });
    } finally {
      delete process.env.KEYWARD_WEBHOOK_TIMEOUT_MS;
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("prunes settled deliveries past retention and keeps pending ones", async () => {
    const endpoint = await addEndpoint(receiver.url, ["api_key.created"]);
    await newKey();
    await drain();
    receiver.respondWith([500]);
    await newKey();
    await deliverDueWebhooks();
    const statuses = async () =>
      (await getDb().webhookDelivery.findMany({ where: { endpointId: endpoint.id } })).map((row) => row.status).sort();
    expect(await statuses()).toEqual(["delivered", "pending"]);
    expect(await pruneWebhookDeliveries(new Date(Date.now() + 29 * DAY))).toBe(0);
    expect(await pruneWebhookDeliveries(new Date(Date.now() + 31 * DAY))).toBe(1);
    expect(await statuses()).toEqual(["pending"]);
  });

  it("redelivers a delivery on demand with the same webhook-id", async () => {
    receiver.respondWith([500]);
    const endpoint = await addEndpoint(receiver.url, ["api_key.created"]);
    await call("PATCH", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme, body: { enabled: false } });
    await newKey();
    // Queued while enabled? No: a disabled endpoint gets nothing. Enable, queue, fail once.
    await call("PATCH", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme, body: { enabled: true } });
    await newKey();
    await deliverDueWebhooks();
    const [delivery] = (await call("GET", `/api/webhooks/${endpoint.id}/deliveries`, { as: owner, tenant: acme })).body.data;
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    receiver.respondWith([204]);
    const again = await call("POST", `/api/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`, {
      as: owner,
      tenant: acme,
    });
    expect(again.body).toMatchObject({ id: delivery.id, status: "delivered", attempts: 2, response: { status: 204 } });
    expect(receiver.received.map((hook) => hook.headers["webhook-id"])).toEqual([delivery.id, delivery.id]);
  });

  it("delivers an event whose process died between the commit and the send", async () => {
    const endpoint = await addEndpoint(receiver.url, ["api_key.created"]);
    // A child process creates a key through the service (the change and its delivery commit), then
    // is killed before any worker of its own could send it.
    const child = path.join(import.meta.dirname, "support/webhook-crash-child.ts");
    const root = path.resolve(import.meta.dirname, "../..");
    let out = "";
    try {
      execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--tsconfig", path.join(root, "tsconfig.json"), child], {
        cwd: root,
        env: { ...process.env, ACME_ID: acme, OWNER_ID: await userId("owner@acme.test") },
        encoding: "utf8",
      });
    } catch (error) {
      // Killed by SIGKILL, as intended: what it printed before is the key's id.
      // tsx runs the script in a child of its own and passes the kill on as exit status 128 + 9.
      const { signal, status, stderr } = error as { signal?: string; status?: number; stderr?: string };
      expect(signal === "SIGKILL" || status === 137, String(stderr)).toBe(true);
      out = String((error as { stdout?: string }).stdout);
    }
    const keyId = out.trim().split("\n").at(-1)!;
    expect(receiver.received).toHaveLength(0);
    expect(await getDb().webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } })).toBe(1);
    // This process's worker finds it in the outbox and sends it.
    await drain(() => receiver.received.length > 0);
    expect(receiver.verify(receiver.received[0]!, endpoint.secret)).toMatchObject({
      type: "api_key.created",
      data: { apiKey: { id: keyId } },
    });
  });

  it("rotating the secret signs with both the new and the old secret for 24 hours", async () => {
    const endpoint = await addEndpoint(receiver.url, ["api_key.created"]);
    const rotated = await call("POST", `/api/webhooks/${endpoint.id}/rotate-secret`, { as: owner, tenant: acme });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretUntil) - Date.now()).toBeGreaterThan(23.9 * 60 * 60 * 1000);
    await newKey();
    await drain(() => receiver.received.length > 0);
    const [hook] = receiver.received;
    expect(String(hook!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(receiver.verify(hook!, rotated.body.secret).type).toBe("api_key.created");
    expect(receiver.verify(hook!, endpoint.secret).type).toBe("api_key.created");
    expect(() => receiver.verify(hook!, "whsec_" + Buffer.alloc(32, 7).toString("base64"))).toThrow();
    // Neither secret is ever readable again.
    const read = await call("GET", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme });
    expect(JSON.stringify(read.body)).not.toContain("whsec_");
    expect((await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret).not.toContain("whsec_");
  });
});

describe("no SSRF", () => {
  beforeEach(() => {
    delete process.env.KEYWARD_WEBHOOK_ALLOW_PRIVATE;
    setWebhookResolver(async (hostname) => {
      const table: Record<string, string> = {
        "hooks.example.com": "93.184.216.34",
        "internal.example.com": "10.20.30.40",
        "metadata.example.com": "169.254.169.254",
        "mapped.example.com": "::ffff:127.0.0.1",
      };
      if (!table[hostname]) throw new Error("ENOTFOUND");
      return [{ address: table[hostname], family: table[hostname].includes(":") ? 6 : 4 }];
    });
  });

  it.each([
    ["http://hooks.example.com/x", "https"],
    ["https://127.0.0.1/x", "not a public address"],
    ["https://[::1]/x", "not a public address"],
    ["https://10.1.2.3/x", "not a public address"],
    ["https://169.254.169.254/latest/meta-data", "not a public address"],
    ["https://localhost/x", "not a public address"],
    ["https://internal.example.com/x", "resolves to 10.20.30.40"],
    ["https://metadata.example.com/x", "resolves to 169.254.169.254"],
    ["https://mapped.example.com/x", "resolves to ::ffff:127.0.0.1"],
    ["https://nowhere.example.com/x", "does not resolve"],
    ["https://user:pw@hooks.example.com/x", "user name or password"],
  ])("refuses %s", async (url, reason) => {
    const res = await call("POST", "/api/webhooks", { as: owner, tenant: acme, body: { url, events: ["api_key.created"] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fieldErrors.url[0]).toContain(reason);
  });

  it("refuses at send time a name that resolves to a private address by then (DNS rebinding)", async () => {
    const endpoint = await addEndpoint("https://hooks.example.com/x", ["api_key.created"]);
    setWebhookResolver(async () => [{ address: "127.0.0.1", family: 4 }]);
    await newKey();
    await deliverDueWebhooks();
    const [delivery] = (await call("GET", `/api/webhooks/${endpoint.id}/deliveries`, { as: owner, tenant: acme })).body.data;
    expect(delivery.error).toContain("Refused: hooks.example.com resolves to 127.0.0.1");
    expect(delivery.response).toMatchObject({ status: null });
  });

  it("never follows a redirect (here to a private address)", async () => {
    process.env.KEYWARD_WEBHOOK_ALLOW_PRIVATE = "1";
    const inside = await startWebhookReceiver();
    const redirecting = await startWebhookReceiver({ statuses: [302], headers: { location: inside.url } });
    try {
      const endpoint = await addEndpoint(redirecting.url, ["api_key.created"]);
      await newKey();
      await deliverDueWebhooks();
      const [delivery] = (await call("GET", `/api/webhooks/${endpoint.id}/deliveries`, { as: owner, tenant: acme })).body.data;
      expect(delivery).toMatchObject({ status: "pending", response: { status: 302 } });
      expect(delivery.error).toContain("not followed");
      expect(redirecting.received).toHaveLength(1);
      expect(inside.received).toHaveLength(0);
    } finally {
      await Promise.all([inside.close(), redirecting.close()]);
    }
  });
});

describe("access", () => {
  it("is for owners and admins; other workspaces' endpoints are not found", async () => {
    const endpoint = await addEndpoint();
    const refused = await call("GET", "/api/webhooks", { as: member, tenant: acme });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ requires: "webhooks:manage" });
    const globex = await workspaceId("globex");
    const stranger = await bearer("owner@globex.test");
    for (const [method, url] of [
      ["GET", `/api/webhooks/${endpoint.id}`],
      ["PATCH", `/api/webhooks/${endpoint.id}`],
      ["DELETE", `/api/webhooks/${endpoint.id}`],
      ["POST", `/api/webhooks/${endpoint.id}/test`],
      ["POST", `/api/webhooks/${endpoint.id}/rotate-secret`],
      ["GET", `/api/webhooks/${endpoint.id}/deliveries`],
    ] as const) {
      const res = await call(method, url, {
        as: stranger,
        tenant: globex,
        body: method === "PATCH" ? { enabled: false } : undefined,
      });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect((await call("GET", "/api/webhooks", { as: stranger, tenant: globex })).body.data).toEqual([]);
  });

  it("validates bodies and queries with field errors", async () => {
    const bad = await call("POST", "/api/webhooks", { as: owner, tenant: acme, body: { url: "nope", events: ["api_key.nope"] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fieldErrors).sort()).toEqual(["events", "url"]);
    const none = await call("POST", "/api/webhooks", { as: owner, tenant: acme, body: { url: receiver.url, events: [] } });
    expect(none.body.error.details.fieldErrors.events).toEqual(["Choose at least one event"]);
    const endpoint = await addEndpoint();
    const cursor = await call("GET", `/api/webhooks/${endpoint.id}/deliveries?cursor=nope`, { as: owner, tenant: acme });
    expect(cursor.status).toBe(400);
    const empty = await call("PATCH", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme, body: {} });
    expect(empty.status).toBe(400);
  });

  it("audits every change to an endpoint", async () => {
    const endpoint = await addEndpoint();
    await call("PATCH", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme, body: { description: "ops" } });
    await call("POST", `/api/webhooks/${endpoint.id}/rotate-secret`, { as: owner, tenant: acme });
    await call("DELETE", `/api/webhooks/${endpoint.id}`, { as: owner, tenant: acme });
    const audit = await call("GET", "/api/audit-events?limit=10", { as: owner, tenant: acme });
    const actions = audit.body.data.filter((event: { target: { id: string } }) => event.target.id === endpoint.id);
    expect(actions.map((event: { action: string }) => event.action)).toEqual([
      "webhook.deleted",
      "webhook.secret_rotated",
      "webhook.updated",
      "webhook.created",
    ]);
  });
});
