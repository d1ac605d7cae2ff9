// The scheduler and what it tells people: expiry reminders exactly once across two instances, idle
// keys disabled (and who may enable them), emails through a real SMTP receiver; and leaked keys,
// reported by anyone or by GitHub's secret scanning (signed with a key pair made here).
import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DEFAULT_KEY_POLICY, type KeyPolicy } from "@/lib/key-policy/schemas";
import { disableIdleKeys, dueNotice } from "@/lib/api-keys/lifecycle";
import { acquireLease, runScheduledJobs } from "@/lib/scheduler";
import { REPORTS_PER_ADDRESS_PER_HOUR } from "@/lib/api-keys/leaks";
import { bearer, call, workspaceId, type Credentials } from "./support/api";
import { startSmtpSink } from "../support/smtp-sink";

let acme: string;
let owner: Credentials;
let member: Credentials;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  member = await bearer("member@acme.test");
  await getDb().workspace.update({ where: { id: acme }, data: { plan: "agency_plus" } });
  smtp = await startSmtpSink();
  process.env.KEYWARD_SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.KEYWARD_SMTP_URL;
  await smtp.close();
});
afterEach(async () => {
  await putPolicy({});
  await getDb().apiKey.updateMany({ where: { workspaceId: acme, revokedAt: null }, data: { revokedAt: new Date() } });
  await getDb().schedulerLease.deleteMany({});
});

const putPolicy = (changes: Partial<KeyPolicy>) =>
  call("PUT", "/api/workspace/key-policy", { as: owner, tenant: acme, body: { ...DEFAULT_KEY_POLICY, ...changes } });

async function newKey(as: Credentials = owner, body: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/api-keys", {
    as,
    tenant: acme,
    body: { name: `notified ${randomUUID().slice(0, 6)}`, permissions: ["source:read"], ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; plaintextKey: string; keyPrefix: string; name: string };
}

const whoami = (key: string) =>
  call("GET", "/api/integration/whoami", { headers: { "x-api-key": key, "x-keyward-client-address": "198.51.100.9" } });
const notices = (keyId: string) => getDb().apiKeyNotice.findMany({ where: { apiKeyId: keyId }, orderBy: { createdAt: "asc" } });

describe("scheduler", () => {
  it("runs on one instance at a time, and another takes over once the lease expires", async () => {
    const now = new Date();
    const [a, b] = await Promise.all([acquireLease("instance-a", now, 1000), acquireLease("instance-b", now, 1000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const holder = a ? "instance-a" : "instance-b";
    const other = a ? "instance-b" : "instance-a";
    expect(await acquireLease(holder, new Date(now.getTime() + 1000), 1000)).toBe(true);
    expect(await acquireLease(other, new Date(now.getTime() + 2000), 1000)).toBe(false);
    // The holder stops renewing: three periods after its last renewal the other takes over.
    expect(await acquireLease(other, new Date(now.getTime() + 4500), 1000)).toBe(true);
    expect(await acquireLease(holder, new Date(now.getTime() + 5000), 1000)).toBe(false);
  });

  it("reminds 7 days and 1 day before expiry and at expiry, each exactly once across two instances", async () => {
    const now = Date.now();
    const key = await newKey(member, { expiresAt: new Date(now + 6 * DAY).toISOString() });
    const mailsBefore = smtp.to("member@acme.test").length;
    // Two instances tick at the same moments; a third run at each moment finds nothing to do.
    for (const at of [now, now + 5.5 * DAY, now + 6.1 * DAY]) {
      const runs = await Promise.all([
        runScheduledJobs("instance-a", new Date(at)),
        runScheduledJobs("instance-b", new Date(at)),
      ]);
      expect(runs.filter((run) => run !== null)).toHaveLength(1);
      await getDb().schedulerLease.deleteMany({});
      await runScheduledJobs("instance-c", new Date(at));
      await getDb().schedulerLease.deleteMany({});
    }
    expect((await notices(key.id)).map((notice) => notice.kind)).toEqual(["expiring_7d", "expiring_1d", "expired"]);
    // Mail for the two reminders, to the key's creator.
    const mails = smtp.to("member@acme.test").slice(mailsBefore);
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Your Keyward API key "${key.name}" expires in 6 days`,
      `Your Keyward API key "${key.name}" expires tomorrow`,
    ]);
    expect(mails[0]!.text).toContain(`/settings/api-keys/${key.id}`);
  });

  it("knows which notice is due when", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(dueNotice(at(8 * DAY), now)).toBeNull();
    expect(dueNotice(at(7 * DAY), now)).toBe("expiring_7d");
    expect(dueNotice(at(DAY + 1), now)).toBe("expiring_7d");
    expect(dueNotice(at(DAY), now)).toBe("expiring_1d");
    expect(dueNotice(at(0), now)).toBe("expired");
    expect(dueNotice(at(-8 * DAY), now)).toBeNull();
  });

  it("mails a workspace key's reminder to the workspace's owners", async () => {
    const key = await newKey(owner, { owner: "workspace", expiresAt: new Date(Date.now() + 3 * DAY).toISOString() });
    await runScheduledJobs("instance-a");
    const owners = await getDb().membership.findMany({ where: { workspaceId: acme, role: "OWNER" }, include: { user: true } });
    for (const person of owners) expect(smtp.to(person.user.email).some((mail) => mail.subject.includes(key.name))).toBe(true);
    expect(smtp.to("member@acme.test").some((mail) => mail.subject.includes(key.name))).toBe(false);
  });
});

describe("idle keys", () => {
  it("disables keys idle past the policy's days, with the reason in the 423; only a manager enables them, restarting the clock", async () => {
    expect((await putPolicy({ idleDisableDays: 30 })).status).toBe(200);
    const idle = await newKey(member);
    const used = await newKey(member);
    // Made 40 days ago; one of them used yesterday.
    await getDb().apiKey.update({ where: { id: idle.id }, data: { createdAt: new Date(Date.now() - 40 * DAY) } });
    await getDb().apiKey.update({
      where: { id: used.id },
      data: { createdAt: new Date(Date.now() - 40 * DAY), lastUsedAt: new Date(Date.now() - DAY) },
    });
    expect((await whoami(idle.plaintextKey)).status).toBe(200);
    expect(await disableIdleKeys()).toBe(1);

    const refused = await whoami(idle.plaintextKey);
    expect(refused.status).toBe(423);
    expect(refused.body.error.message).toMatch(/Idle for 30 days \(never used\); disabled by the key policy/);
    expect((await whoami(used.plaintextKey)).status).toBe(200);
    const view = await call("GET", `/api/api-keys/${idle.id}`, { as: member, tenant: acme });
    expect(view.body).toMatchObject({ status: "disabled", disabledBySystem: "idle", disabledBy: null });
    const audit = await call("GET", `/api/api-keys/${idle.id}/audit-events`, { as: owner, tenant: acme });
    expect(audit.body.data[0]).toMatchObject({
      action: "api_key.auto_disabled",
      actor: { type: "system", name: "Keyward (scheduled job)" },
    });
    expect(smtp.to("member@acme.test").at(-1)!.subject).toContain(`"${idle.name}" was disabled after 30 idle days`);

    // Its creator may not enable it; a manager may, and the idle clock starts again then.
    const byMember = await call("PATCH", `/api/api-keys/${idle.id}`, { as: member, tenant: acme, body: { isActive: true } });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.details).toEqual({ disabledBySystem: "idle" });
    const byOwner = await call("PATCH", `/api/api-keys/${idle.id}`, { as: owner, tenant: acme, body: { isActive: true } });
    expect(byOwner.body).toMatchObject({ status: "active", disabledBySystem: null });
    expect(await disableIdleKeys()).toBe(0);
    expect(await disableIdleKeys(new Date(Date.now() + 28 * DAY))).toBe(0);
    expect(await disableIdleKeys(new Date(Date.now() + 31 * DAY))).toBe(2);
  });

  it("leaves workspaces without the rule alone", async () => {
    const key = await newKey();
    await getDb().apiKey.update({ where: { id: key.id }, data: { createdAt: new Date(Date.now() - 400 * DAY) } });
    expect(await disableIdleKeys()).toBe(0);
  });
});

describe("leaked keys: the public report", () => {
  const report = (body: unknown, from = `203.0.113.${Math.floor(Math.random() * 250)}`) =>
    call("POST", "/api/api-keys/report-leak", { body, headers: { "x-keyward-client-address": from } });

  it("revokes a real key (the policy's default), audits where it was found, mails and flags it", async () => {
    const key = await newKey(member);
    const res = await report({ key: key.plaintextKey, url: "https://gist.example.com/leak" });
    expect(res).toMatchObject({ status: 202, body: { received: true } });
    expect((await whoami(key.plaintextKey)).body.error.code).toBe("api_key_revoked");
    const view = await call("GET", `/api/api-keys/${key.id}`, { as: member, tenant: acme });
    expect(view.body).toMatchObject({ status: "revoked", leak: { url: "https://gist.example.com/leak", source: "report" } });
    const audit = await call("GET", `/api/api-keys/${key.id}/audit-events`, { as: owner, tenant: acme });
    expect(audit.body.data[0]).toMatchObject({
      action: "api_key.leaked",
      actor: { type: "system", name: "Keyward (leak report)" },
      metadata: { url: "https://gist.example.com/leak", source: "report", action: "revoked" },
    });
    expect(smtp.to("member@acme.test").at(-1)!.subject).toBe(
      `Your Keyward API key "${key.name}" was found in public and revoked`,
    );
  });

  it("disables instead when the policy says so; only a manager enables it again", async () => {
    await putPolicy({ leakedKeyAction: "disable" });
    const key = await newKey(member);
    expect((await report({ key: key.plaintextKey })).status).toBe(202);
    const refused = await whoami(key.plaintextKey);
    expect(refused.status).toBe(423);
    expect(refused.body.error.message).toContain("Reported leaked");
    const byMember = await call("PATCH", `/api/api-keys/${key.id}`, { as: member, tenant: acme, body: { isActive: true } });
    expect(byMember.status).toBe(403);
    expect(byMember.body.error.message).toContain("reported leaked");
  });

  it("answers a revoked key and garbage alike, changing nothing but noting the revoked key's report", async () => {
    const key = await newKey();
    await call("DELETE", `/api/api-keys/${key.id}`, { as: owner, tenant: acme });
    const eventsBefore = await getDb().auditEvent.count({ where: { workspaceId: acme } });
    const revoked = await report({ key: key.plaintextKey, url: "https://paste.example.com/1" });
    const garbage = await report({ key: "kw_sk_000000000000_not-a-real-key-at-all" });
    const unknown = await report({ key: key.plaintextKey.slice(0, -3) + "abc" });
    for (const res of [revoked, garbage, unknown]) expect(res).toMatchObject({ status: 202, body: { received: true } });
    const events = await getDb().auditEvent.findMany({ where: { workspaceId: acme }, orderBy: { createdAt: "desc" } });
    expect(events.length - eventsBefore).toBe(1);
    expect(JSON.parse(events[0]!.metadata)).toMatchObject({ action: "none", url: "https://paste.example.com/1" });
  });

  it("validates the body and throttles each address", async () => {
    expect((await report({})).status).toBe(400);
    expect((await report({ key: "x", url: "not a url" })).body.error.details.fieldErrors.url).toBeDefined();
    const from = "203.0.113.250";
    for (let i = 0; i < REPORTS_PER_ADDRESS_PER_HOUR; i++) expect((await report({ key: `garbage ${i}` }, from)).status).toBe(202);
    const throttled = await report({ key: "one more" }, from);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("leaked keys: GitHub secret scanning", () => {
  const github = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const impostor = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const KEY_ID = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";

  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), "keyward-github-"));
    const file = path.join(dir, "keys.json");
    writeFileSync(
      file,
      JSON.stringify({
        public_keys: [
          { key_identifier: KEY_ID, key: github.publicKey.export({ type: "spki", format: "pem" }), is_current: true },
        ],
      }),
    );
    process.env.KEYWARD_GITHUB_SCANNING_KEYS = file;
  });
  afterAll(() => delete process.env.KEYWARD_GITHUB_SCANNING_KEYS);

  const post = (body: string, signer = github.privateKey, keyId = KEY_ID) =>
    call("POST", "/api/secret-scanning/github", {
      body,
      headers: {
        "github-public-key-identifier": keyId,
        "github-public-key-signature": sign("sha256", Buffer.from(body), signer).toString("base64"),
      },
    });
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  it("stops every real key it reports and labels each token as GitHub expects", async () => {
    const live = await newKey(member);
    const revoked = await newKey();
    await call("DELETE", `/api/api-keys/${revoked.id}`, { as: owner, tenant: acme });
    const url = "https://github.com/octocat/Hello-World/blob/12345600b9cbe38a219f39a9941c9319b600c002/foo/bar.txt";
    const body = JSON.stringify([
      { token: live.plaintextKey, type: "keyward_api_key", url, source: "content" },
      { token: revoked.plaintextKey, type: "keyward_api_key", url, source: "content" },
      { token: "kw_sk_deadbeefdead_nothing", type: "keyward_api_key", url, source: "content" },
    ]);
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { token_hash: sha256(live.plaintextKey), token_type: "keyward_api_key", label: "true_positive" },
      { token_hash: sha256(revoked.plaintextKey), token_type: "keyward_api_key", label: "true_positive" },
      { token_hash: sha256("kw_sk_deadbeefdead_nothing"), token_type: "keyward_api_key", label: "false_positive" },
    ]);
    expect((await whoami(live.plaintextKey)).body.error.code).toBe("api_key_revoked");
    const view = await call("GET", `/api/api-keys/${live.id}`, { as: owner, tenant: acme });
    expect(view.body.leak).toMatchObject({ url, source: "github" });
  });

  it("refuses a bad or missing signature (401) and changes nothing", async () => {
    const key = await newKey();
    const body = JSON.stringify([
      { token: key.plaintextKey, type: "keyward_api_key", url: "https://github.com/x", source: "content" },
    ]);
    const forged = await post(body, impostor.privateKey);
    const unknownKeyId = await post(body, github.privateKey, "f".repeat(64));
    const tampered = await call("POST", "/api/secret-scanning/github", {
      body: body.replace("github.com/x", "github.com/y"),
      headers: {
        "github-public-key-identifier": KEY_ID,
        "github-public-key-signature": sign("sha256", Buffer.from(body), github.privateKey).toString("base64"),
      },
    });
    const unsigned = await call("POST", "/api/secret-scanning/github", { body });
    for (const res of [forged, unknownKeyId, tampered, unsigned]) expect(res.status).toBe(401);
    expect((await whoami(key.plaintextKey)).status).toBe(200);
    // Signed but not GitHub's shape: 400, still nothing changed.
    expect((await post(JSON.stringify({ token: key.plaintextKey }))).status).toBe(400);
    expect((await whoami(key.plaintextKey)).status).toBe(200);
  });

  it("answers 404 when the operator has not configured GitHub's keys", async () => {
    const saved = process.env.KEYWARD_GITHUB_SCANNING_KEYS;
    delete process.env.KEYWARD_GITHUB_SCANNING_KEYS;
    try {
      expect((await post("[]")).status).toBe(404);
    } finally {
      process.env.KEYWARD_GITHUB_SCANNING_KEYS = saved;
    }
  });
});
