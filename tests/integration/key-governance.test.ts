// Key governance: workspace-owned service keys, the workspace key policy, IP allowlists per key and
// per workspace, and the header forms integrations send keys in. Every rule through the real routes
// and the real database; the verified-key cache stays warm between the change and the next request.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DEFAULT_KEY_POLICY, type KeyPolicy } from "@/lib/key-policy/schemas";
import type { Role } from "@/lib/permissions";
import { bearer, call, workspaceId, type Credentials } from "./support/api";

let acme: string;
let owner: Credentials;
let admin: Credentials;
let member: Credentials;
let viewer: Credentials;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  admin = await bearer("admin@acme.test");
  member = await bearer("member@acme.test");
  viewer = await bearer("viewer@acme.test");
});

// Each test leaves the policy as it found it and frees the slots it took.
const created: string[] = [];
afterEach(async () => {
  await putPolicy({});
  for (const id of created.splice(0)) await call("DELETE", `/api/api-keys/${id}`, { as: owner, tenant: acme });
});

async function putPolicy(changes: Partial<KeyPolicy>, as = owner) {
  return call("PUT", "/api/workspace/key-policy", { as, tenant: acme, body: { ...DEFAULT_KEY_POLICY, ...changes } });
}

async function createKey(as: Credentials, body: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/api-keys", {
    as,
    tenant: acme,
    body: { name: `governed ${randomUUID().slice(0, 8)}`, permissions: ["source:read"], ...body },
  });
  if (res.status === 201) created.push(res.body.id);
  return res;
}

const whoami = (key: string, from = "198.51.100.1", headers: Record<string, string> = { "x-api-key": key }) =>
  call("GET", "/api/integration/whoami", { headers: { ...headers, "x-keyward-client-address": from } });

/** A new person in acme, made in the database, for tests that remove or demote the creator. */
async function newMember(role: Role): Promise<{ id: string; credentials: Credentials }> {
  const email = `${randomUUID().slice(0, 8)}@acme.test`;
  const user = await getDb().user.create({ data: { email, name: `Temp ${role}`, passwordHash: "x" } });
  await getDb().membership.create({ data: { workspaceId: acme, userId: user.id, role } });
  return { id: user.id, credentials: await bearer(email) };
}

describe("workspace-owned service keys", () => {
  it("only owners and admins create them; members and viewers get 403", async () => {
    // The route needs keys:create (a viewer stops there), the service keys:manage_workspace.
    const expected: [Credentials, string][] = [
      [member, "keys:manage_workspace"],
      [viewer, "keys:create"],
    ];
    for (const [who, requires] of expected) {
      const res = await createKey(who, { owner: "workspace" });
      expect([res.status, res.body.error.code, res.body.error.details.requires]).toEqual([403, "forbidden", requires]);
    }
    const key = await createKey(admin, { owner: "workspace" });
    expect(key.status).toBe(201);
    expect(key.body).toMatchObject({ owner: "workspace", userId: expect.any(String), creator: { name: "Adam Admin" } });
    expect((await whoami(key.body.plaintextKey)).body).toMatchObject({ owner: "workspace" });
  });

  it("keep working when the creator is demoted, removed, or their account deleted, with the audit trail kept", async () => {
    const creator = await newMember("ADMIN");
    const key = await createKey(creator.credentials, { owner: "workspace", permissions: ["source:read", "source:delete"] });
    const personal = await createKey(creator.credentials);
    expect((await whoami(key.body.plaintextKey)).body.permissions).toEqual(["source:read", "source:delete"]);

    const demoted = await call("PATCH", `/api/members/${creator.id}`, { as: owner, tenant: acme, body: { role: "VIEWER" } });
    expect(demoted.status).toBe(200);
    // A workspace key answers to no member's role: it keeps source:delete; a user key would lose it.
    expect((await whoami(key.body.plaintextKey)).body.permissions).toEqual(["source:read", "source:delete"]);
    expect((await call("DELETE", `/api/members/${creator.id}`, { as: owner, tenant: acme })).status).toBe(204);
    expect((await whoami(key.body.plaintextKey)).status).toBe(200);
    expect((await whoami(personal.body.plaintextKey)).status).toBe(401);

    await getDb().user.delete({ where: { id: creator.id } });
    expect((await whoami(key.body.plaintextKey)).status).toBe(200);
    const view = await call("GET", `/api/api-keys/${key.body.id}`, { as: owner, tenant: acme });
    expect(view.body).toMatchObject({ owner: "workspace", userId: null, creator: null, status: "active" });
    const history = await call("GET", `/api/api-keys/${key.body.id}/audit-events`, { as: owner, tenant: acme });
    expect(history.body.data.map((event: { action: string }) => event.action)).toContain("api_key.created");
  });

  it("are hidden from members and changed only by those who manage workspace keys", async () => {
    const key = await createKey(owner, { owner: "workspace" });
    expect((await call("GET", `/api/api-keys/${key.body.id}`, { as: member, tenant: acme })).status).toBe(404);
    const list = await call("GET", "/api/api-keys", { as: member, tenant: acme });
    expect(list.body.data.some((each: { id: string }) => each.id === key.body.id)).toBe(false);
    expect(list.body.slots.workspace).toBeNull();
    // An admin edits its permissions up to their own, and the filter finds it.
    const edited = await call("PATCH", `/api/api-keys/${key.body.id}`, {
      as: admin,
      tenant: acme,
      body: { permissions: ["source:all"] },
    });
    expect(edited.body.permissions).toEqual(["source:read", "source:create", "source:update", "source:delete"]);
    const workspaceOnly = await call("GET", "/api/api-keys?owner=workspace", { as: admin, tenant: acme });
    expect(workspaceOnly.body.data.every((each: { owner: string }) => each.owner === "workspace")).toBe(true);
    expect(workspaceOnly.body.data.map((each: { id: string }) => each.id)).toContain(key.body.id);
    const userOnly = await call("GET", "/api/api-keys?owner=user", { as: admin, tenant: acme });
    expect(userOnly.body.data.every((each: { owner: string }) => each.owner === "user")).toBe(true);
    const rotated = await call("POST", `/api/api-keys/${key.body.id}/rotate`, { as: admin, tenant: acme, body: {} });
    expect(rotated.body).toMatchObject({ owner: "workspace" });
    created.push(rotated.body.id);
  });

  it("have their own cap from the plan, which holds under concurrent creates", async () => {
    const attempts = await Promise.all(Array.from({ length: 8 }, () => createKey(owner, { owner: "workspace" })));
    const statuses = attempts.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    const refused = attempts.find((res) => res.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: "api_key_limit_reached", details: { limit: 5, owner: "workspace" } });
    // The owner's own slots are apart: a personal key still fits.
    expect((await createKey(owner)).status).toBe(201);
    const slots = (await call("GET", "/api/api-keys", { as: owner, tenant: acme })).body.slots;
    expect(slots.workspace).toEqual({ used: 5, limit: 5 });
  });
});

describe("the workspace key policy", () => {
  it("is read by every member, changed by owners and admins, validated, and audited", async () => {
    const read = await call("GET", "/api/workspace/key-policy", { as: viewer, tenant: acme });
    expect(read.body).toEqual(DEFAULT_KEY_POLICY);
    const refused = await putPolicy({ requireExpiry: true }, member);
    expect([refused.status, refused.body.error.code]).toEqual([403, "forbidden"]);
    for (const [change, field] of [
      [{ maxKeysPerMember: 6 }, "maxKeysPerMember"],
      [{ maxKeysPerMember: 0 }, "maxKeysPerMember"],
      [{ maxLifetimeDays: 30, defaultExpiryDays: 60 }, "defaultExpiryDays"],
      [{ maxLifetimeDays: 3651 }, "maxLifetimeDays"],
      [{ idleDisableDays: 3 }, "idleDisableDays"],
      [{ allowedIps: ["10.0.0.0/8", "10.0.0.0/40"] }, "allowedIps"],
      [{ leakedKeyAction: "ignore" }, "leakedKeyAction"],
    ] as [Record<string, unknown>, string][]) {
      const res = await putPolicy(change as Partial<KeyPolicy>);
      expect([res.status, res.body.error.code, Object.keys(res.body.error.details.fieldErrors)]).toEqual([
        400,
        "validation_error",
        [field],
      ]);
    }
    const partial = await call("PUT", "/api/workspace/key-policy", { as: owner, tenant: acme, body: { requireExpiry: true } });
    expect(partial.status).toBe(400);

    const saved = await putPolicy({ maxLifetimeDays: 366, allowedIps: ["203.0.113.9/24"] }, admin);
    expect(saved.body).toMatchObject({ maxLifetimeDays: 366, allowedIps: ["203.0.113.0/24"] });
    const audit = await call("GET", "/api/audit-events?action=key_policy.updated", { as: owner, tenant: acme });
    expect(audit.body.data[0].metadata.changes).toEqual({
      maxLifetimeDays: { from: null, to: 366 },
      allowedIps: { from: [], to: ["203.0.113.0/24"] },
    });
  });

  it("memberKeyCreation off: members cannot create keys but may rotate one they hold; viewers never", async () => {
    const held = await createKey(member);
    await putPolicy({ memberKeyCreation: false });
    const refused = await createKey(member);
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      400,
      "key_policy_violation",
      { rule: "member_key_creation" },
    ]);
    expect((await createKey(admin)).status).toBe(201);
    const rotated = await call("POST", `/api/api-keys/${held.body.id}/rotate`, { as: member, tenant: acme, body: {} });
    expect(rotated.status).toBe(201);
    created.push(rotated.body.id);
    const viewerKey = await getDb().apiKey.findFirstOrThrow({ where: { id: rotated.body.id } });
    expect(viewerKey.owner).toBe("user");
    const byViewer = await call("POST", `/api/api-keys/${rotated.body.id}/rotate`, { as: viewer, tenant: acme, body: {} });
    expect(byViewer.status).toBe(403);
  });

  it("maxKeysPerMember: lowering it blocks no existing key, new ones wait until the member is under it", async () => {
    const person = await newMember("MEMBER");
    const first = await createKey(person.credentials);
    const second = await createKey(person.credentials);
    await putPolicy({ maxKeysPerMember: 1 });
    expect((await whoami(first.body.plaintextKey)).status).toBe(200);
    expect((await whoami(second.body.plaintextKey)).status).toBe(200);
    const refused = await createKey(person.credentials);
    expect([refused.status, refused.body.error.code, refused.body.error.details.limit]).toEqual([
      409,
      "api_key_limit_reached",
      1,
    ]);
    expect(refused.body.error.message).toMatch(/key policy/);
    await call("DELETE", `/api/api-keys/${first.body.id}`, { as: person.credentials, tenant: acme });
    expect((await createKey(person.credentials)).status).toBe(409);
    await call("DELETE", `/api/api-keys/${second.body.id}`, { as: person.credentials, tenant: acme });
    expect((await createKey(person.credentials)).status).toBe(201);
    expect((await call("GET", "/api/api-keys", { as: person.credentials, tenant: acme })).body.slots).toMatchObject({
      used: 1,
      limit: 1,
    });
  });

  it("requireExpiry: new keys need one; an older key without one is blocked (not revoked) until it gets one", async () => {
    const old = await createKey(owner);
    expect((await whoami(old.body.plaintextKey)).status).toBe(200);
    await putPolicy({ requireExpiry: true });
    const refused = await createKey(owner, { expiresAt: null });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      400,
      "key_policy_violation",
      { rule: "require_expiry" },
    ]);
    expect((await createKey(owner)).status).toBe(400); // omitted, and no default to apply

    const blocked = await whoami(old.body.plaintextKey);
    expect([blocked.status, blocked.body.error.code, blocked.body.error.details]).toEqual([
      403,
      "api_key_policy_blocked",
      { rule: "require_expiry" },
    ]);
    const view = await call("GET", `/api/api-keys/${old.body.id}`, { as: owner, tenant: acme });
    expect(view.body).toMatchObject({ status: "active", policyBlock: { rule: "require_expiry" } });
    const cleared = await call("PATCH", `/api/api-keys/${old.body.id}`, { as: owner, tenant: acme, body: { expiresAt: null } });
    expect([cleared.status, cleared.body.error.code]).toEqual([400, "key_policy_violation"]);
    const fixed = await call("PATCH", `/api/api-keys/${old.body.id}`, {
      as: owner,
      tenant: acme,
      body: { expiresAt: new Date(Date.now() + 30 * DAY).toISOString() },
    });
    expect([fixed.status, fixed.body.policyBlock]).toEqual([200, null]);
    expect((await whoami(old.body.plaintextKey)).status).toBe(200);
  });

  it("maxLifetimeDays and defaultExpiryDays: creates are capped and defaulted, keys that expire later are blocked", async () => {
    const far = await createKey(owner, { expiresAt: new Date(Date.now() + 200 * DAY).toISOString() });
    await putPolicy({ maxLifetimeDays: 90, defaultExpiryDays: 7 });
    const tooLong = await createKey(owner, { expiresAt: new Date(Date.now() + 120 * DAY).toISOString() });
    expect([tooLong.status, tooLong.body.error.details]).toEqual([400, { rule: "max_lifetime" }]);
    const never = await createKey(owner, { expiresAt: null });
    expect([never.status, never.body.error.details]).toEqual([400, { rule: "max_lifetime" }]);
    const defaulted = await createKey(owner);
    expect(defaulted.status).toBe(201);
    expect(Math.abs(Date.parse(defaulted.body.expiresAt) - (Date.now() + 7 * DAY))).toBeLessThan(60_000);

    const blocked = await whoami(far.body.plaintextKey);
    expect([blocked.status, blocked.body.error.details]).toEqual([403, { rule: "max_lifetime" }]);
    await call("PATCH", `/api/api-keys/${far.body.id}`, {
      as: owner,
      tenant: acme,
      body: { expiresAt: new Date(Date.now() + 60 * DAY).toISOString() },
    });
    expect((await whoami(far.body.plaintextKey)).status).toBe(200);
  });

  it("defaults keep today's behaviour: no expiry needed, explicit null means never", async () => {
    const key = await createKey(member, { expiresAt: null });
    expect([key.status, key.body.expiresAt, key.body.policyBlock]).toEqual([201, null, null]);
  });
});

describe("IP allowlists", () => {
  it("a key's list admits its ranges (IPv4, IPv6, IPv4-mapped) and refuses the rest with the address seen", async () => {
    const key = await createKey(owner, { allowedIps: ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] });
    expect(key.body.allowedIps).toEqual(["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"]);
    for (const from of ["203.0.113.0", "203.0.113.255", "::ffff:203.0.113.9", "2001:db8:ffff::1", "198.51.100.7"]) {
      expect((await whoami(key.body.plaintextKey, from)).status, from).toBe(200);
    }
    for (const from of ["203.0.114.0", "198.51.100.8", "2001:db9::1"]) {
      const res = await whoami(key.body.plaintextKey, from);
      expect([res.status, res.body.error.code, res.body.error.details], from).toEqual([
        403,
        "ip_not_allowed",
        { ip: from, list: "key" },
      ]);
    }
  });

  it("the key's and the workspace's lists both apply: an address must be in each", async () => {
    const key = await createKey(owner, { allowedIps: ["10.0.0.0/8"] });
    expect((await whoami(key.body.plaintextKey, "10.2.0.1")).status).toBe(200);
    await putPolicy({ allowedIps: ["10.1.0.0/16", "192.0.2.0/24"] });
    expect((await whoami(key.body.plaintextKey, "10.1.2.3")).status).toBe(200);
    expect((await whoami(key.body.plaintextKey, "10.2.0.1")).body.error.details).toEqual({ ip: "10.2.0.1", list: "workspace" });
    expect((await whoami(key.body.plaintextKey, "192.0.2.1")).body.error.details).toEqual({ ip: "192.0.2.1", list: "key" });
    // A key without a list of its own is held to the workspace's.
    const open = await createKey(owner);
    expect((await whoami(open.body.plaintextKey, "192.0.2.1")).status).toBe(200);
    expect((await whoami(open.body.plaintextKey, "198.51.100.1")).body.error.details).toEqual({
      ip: "198.51.100.1",
      list: "workspace",
    });
  });

  it("an edit takes effect on the next request, and malformed entries are named one by one", async () => {
    const key = await createKey(owner);
    expect((await whoami(key.body.plaintextKey, "198.51.100.1")).status).toBe(200);
    const edited = await call("PATCH", `/api/api-keys/${key.body.id}`, {
      as: owner,
      tenant: acme,
      body: { allowedIps: ["203.0.113.0/24"] },
    });
    expect(edited.status).toBe(200);
    expect((await whoami(key.body.plaintextKey, "198.51.100.1")).status).toBe(403);
    const bad = await call("PATCH", `/api/api-keys/${key.body.id}`, {
      as: owner,
      tenant: acme,
      body: { allowedIps: ["203.0.113.0/24", "not-an-ip", "10.0.0.0/33"] },
    });
    expect([bad.status, bad.body.error.details.fieldErrors.allowedIps]).toEqual([
      400,
      ['"not-an-ip" is not an IP address or CIDR range', '"10.0.0.0/33" is not an IP address or CIDR range'],
    ]);
    const tooMany = await createKey(owner, { allowedIps: Array.from({ length: 101 }, (_, i) => `10.0.${i}.0/24`) });
    expect(tooMany.status).toBe(400);
  });
});

describe("header forms", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createKey(owner)).body.plaintextKey;
    created.pop(); // kept for both tests of this block
  });

  it("accepts X-Api-Key, ApiKey and Authorization: Bearer with a Keyward key", async () => {
    const forms: Record<string, string>[] = [
      { "x-api-key": key },
      { apikey: key },
      { authorization: `Bearer ${key}` },
      { "x-api-key": key, apikey: key },
    ];
    for (const headers of forms) {
      expect((await whoami(key, undefined, headers)).status, JSON.stringify(Object.keys(headers))).toBe(200);
    }
  });

  it("a user token in Authorization is still refused, and two different keys are ambiguous", async () => {
    const token = (await call("GET", "/api/integration/whoami", { as: owner })).body;
    expect(token.error.code).toBe("api_key_required");
    const other: string = (await createKey(owner)).body.plaintextKey;
    const pairs: Record<string, string>[] = [
      { "x-api-key": key, apikey: other },
      { "x-api-key": key, authorization: `Bearer ${other}` },
      { apikey: key, authorization: `Bearer ${other}` },
    ];
    for (const headers of pairs) {
      const res = await whoami(key, undefined, headers);
      expect([res.status, res.body.error.code]).toEqual([400, "ambiguous_api_key"]);
    }
    // A user token beside a key is not a second key: the key decides.
    expect((await whoami(key, undefined, { "x-api-key": key, ...owner.headers })).status).toBe(200);
  });
});
