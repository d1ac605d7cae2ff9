import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { parseApiKey } from "@/lib/api-keys/format";
import { bearer, call, sessionCookie, workspaceId, userId, type Credentials } from "./support/api";

let acme: string;
let globex: string;
let initech: string;
let owner: Credentials;
let admin: Credentials;
let member: Credentials;
let viewer: Credentials;

beforeAll(async () => {
  acme = await workspaceId("acme");
  globex = await workspaceId("globex");
  initech = await workspaceId("initech");
  owner = await bearer("owner@acme.test");
  admin = await bearer("admin@acme.test");
  member = await bearer("member@acme.test");
  viewer = await bearer("viewer@acme.test");
});

const create = (as: Credentials, body: unknown, tenant = acme) => call("POST", "/api/api-keys", { as, tenant, body });

describe("POST /api/api-keys", () => {
  it("creates a key and returns the plaintext once, with the documented fields", async () => {
    const res = await create(admin, { name: "Airflow - Production", permissions: ["source:all", "pipeline:read"] });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const key = res.body;
    expect(Object.keys(key)).toEqual(
      expect.arrayContaining([
        "id",
        "name",
        "keyPrefix",
        "plaintextKey",
        "userId",
        "tenantId",
        "isActive",
        "permissions",
        "expiresAt",
        "lastUsedAt",
        "createdAt",
        "revokedAt",
      ]),
    );
    expect(key).toMatchObject({
      name: "Airflow - Production",
      userId: await userId("admin@acme.test"),
      tenantId: acme,
      isActive: true,
      status: "active",
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      permissions: ["source:read", "source:create", "source:update", "source:delete", "pipeline:read"],
    });
    expect(parseApiKey(key.plaintextKey)?.keyPrefix).toBe(key.keyPrefix);
    expect(key.keyPrefix).toMatch(/^kw_sk_[0-9a-f]{12}$/);

    const read = await call("GET", `/api/api-keys/${key.id}`, { as: admin, tenant: acme });
    expect(read.status).toBe(200);
    expect(read.body.plaintextKey).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(key.plaintextKey.slice(20));
    expect(read.body.secretHash).toBeUndefined();
  });

  it("accepts an expiry in the future and keeps it to the millisecond", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000 + 123).toISOString();
    const res = await create(admin, { name: "Expiring", permissions: ["source:read"], expiresAt });
    expect(res.status).toBe(201);
    expect(res.body.expiresAt).toBe(expiresAt);
  });

  it.each([
    ["missing name", { permissions: ["source:read"] }, "name"],
    ["empty name", { name: "  ", permissions: ["source:read"] }, "name"],
    ["name over 255 characters", { name: "x".repeat(256), permissions: ["source:read"] }, "name"],
    ["empty permissions", { name: "k", permissions: [] }, "permissions"],
    ["unknown permission", { name: "k", permissions: ["source:fly"] }, "permissions"],
    ["permissions not a list", { name: "k", permissions: "source:read" }, "permissions"],
    ["expiresAt not ISO 8601", { name: "k", permissions: ["source:read"], expiresAt: "tomorrow" }, "expiresAt"],
    ["expiresAt in the past", { name: "k", permissions: ["source:read"], expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt"],
  ])("answers 400 validation_error for %s, naming the field", async (_case, body, field) => {
    const res = await create(admin, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.details.fieldErrors[field]).toBeDefined();
  });

  it("answers 400 for unknown body fields, invalid JSON, and 413 for a body over 1 MB", async () => {
    const unknown = await create(admin, { name: "k", permissions: ["source:read"], isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("validation_error");
    const broken = await create(admin, "{not json");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("invalid_json");
    const huge = await create(admin, { name: "k", permissions: ["source:read"], pad: "x".repeat(1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
  });

  it("refuses viewers (403), permissions beyond the creator's (403 permissions_not_subset), plans without API access", async () => {
    const byViewer = await create(viewer, { name: "k", permissions: ["source:read"] });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe("forbidden");

    const notSubset = await create(member, { name: "k", permissions: ["source:read", "source:delete", "pipeline:all"] });
    expect(notSubset.status).toBe(403);
    expect(notSubset.body.error.code).toBe("permissions_not_subset");
    expect(notSubset.body.error.details.permissions).toEqual(["source:delete", "pipeline:delete"]);

    const initechOwner = await bearer("owner@initech.test");
    const noPlan = await create(initechOwner, { name: "k", permissions: ["source:read"] }, initech);
    expect(noPlan.status).toBe(403);
    expect(noPlan.body.error.code).toBe("plan_required");
  });

  it("answers 401 without credentials, 400 without x-tenant-id, 403 not_a_member for a foreign workspace", async () => {
    const anonymous = await call("POST", "/api/api-keys", { tenant: acme, body: { name: "k", permissions: ["source:read"] } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthorized");

    const badToken = await call("GET", "/api/api-keys", { tenant: acme, headers: { authorization: "Bearer nope" } });
    expect(badToken.status).toBe(401);
    expect(badToken.body.error.code).toBe("invalid_token");

    const noTenant = await call("GET", "/api/api-keys", { as: admin });
    expect(noTenant.status).toBe(400);
    expect(noTenant.body.error.code).toBe("tenant_required");

    const foreign = await call("GET", "/api/api-keys", { as: member, tenant: globex });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("not_a_member");
  });

  it("accepts the session cookie, and refuses cookie changes from another origin", async () => {
    const cookie = await sessionCookie("admin@acme.test");
    const ok = await create(cookie, { name: "From the browser", permissions: ["source:read"] });
    expect(ok.status).toBe(201);
    const list = await call("GET", "/api/api-keys", { as: await sessionCookie("admin@acme.test", null), tenant: acme });
    expect(list.status).toBe(200);

    const evil = await create(await sessionCookie("admin@acme.test", "https://evil.example"), {
      name: "x",
      permissions: ["source:read"],
    });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe("cross_origin_request");
    const noOrigin = await create(await sessionCookie("admin@acme.test", null), { name: "x", permissions: ["source:read"] });
    expect(noOrigin.status).toBe(403);
  });

  it("holds the per-user limit under 20 concurrent creates (agency: 5)", async () => {
    const globexOwner = await bearer("owner@globex.test");
    await getDb().workspace.update({ where: { id: globex }, data: { plan: "agency" } });
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => create(globexOwner, { name: `race ${i}`, permissions: ["source:read"] }, globex)),
      );
      const statuses = results.map((res) => res.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(5);
      expect(statuses.filter((status) => status === 409)).toHaveLength(15);
      expect(results.find((res) => res.status === 409)!.body.error.code).toBe("api_key_limit_reached");
      expect(await getDb().apiKey.count({ where: { workspaceId: globex } })).toBe(5);
    } finally {
      await getDb().workspace.update({ where: { id: globex }, data: { plan: "agency_plus" } });
    }
  });
});

describe("GET /api/api-keys", () => {
  it("shows MEMBERs their own keys and ADMINs all, with status filters", async () => {
    const mine = await create(member, { name: "member key", permissions: ["source:read"] });
    const theirs = await create(admin, { name: "admin key", permissions: ["source:read"] });
    expect(mine.status).toBe(201);

    const memberList = await call("GET", "/api/api-keys", { as: member, tenant: acme });
    expect(memberList.status).toBe(200);
    const memberIds = memberList.body.data.map((key: { id: string }) => key.id);
    expect(memberIds).toContain(mine.body.id);
    expect(memberIds).not.toContain(theirs.body.id);
    expect(memberList.body.slots).toEqual({ used: 1, limit: 5, workspace: null });

    const adminList = await call("GET", "/api/api-keys", { as: owner, tenant: acme });
    const adminIds = adminList.body.data.map((key: { id: string }) => key.id);
    expect(adminIds).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
    for (const key of adminList.body.data) {
      expect(key.plaintextKey).toBeUndefined();
      expect(key.secretHash).toBeUndefined();
      expect(key.maskedKey).toBe(`${key.keyPrefix}••••`);
    }

    await call("DELETE", `/api/api-keys/${theirs.body.id}`, { as: admin, tenant: acme });
    const withoutRevoked = await call("GET", "/api/api-keys", { as: owner, tenant: acme });
    expect(withoutRevoked.body.data.map((key: { id: string }) => key.id)).not.toContain(theirs.body.id);
    const revoked = await call("GET", "/api/api-keys?status=revoked", { as: owner, tenant: acme });
    expect(revoked.body.data.map((key: { id: string }) => key.id)).toEqual([theirs.body.id]);
    const bad = await call("GET", "/api/api-keys?status=broken", { as: owner, tenant: acme });
    expect(bad.status).toBe(400);
  });
});

describe("PATCH, DELETE and rotate", () => {
  it("disables with a reason, enables, renames and changes permissions within the subset rule", async () => {
    const key = (await create(member, { name: "editable", permissions: ["source:read"] })).body;
    const disabled = await call("PATCH", `/api/api-keys/${key.id}`, {
      as: member,
      tenant: acme,
      body: { isActive: false, disabledReason: "Leaked in a log" },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ isActive: false, status: "disabled", disabledReason: "Leaked in a log" });
    const enabled = await call("PATCH", `/api/api-keys/${key.id}`, { as: member, tenant: acme, body: { isActive: true } });
    expect(enabled.body).toMatchObject({ isActive: true, status: "active", disabledReason: null });

    const renamed = await call("PATCH", `/api/api-keys/${key.id}`, {
      as: member,
      tenant: acme,
      body: { name: "renamed", permissions: ["pipeline:all"] },
    });
    expect(renamed.status).toBe(403);
    expect(renamed.body.error.code).toBe("permissions_not_subset");
    const ok = await call("PATCH", `/api/api-keys/${key.id}`, {
      as: member,
      tenant: acme,
      body: { name: "renamed", permissions: ["pipeline:read", "pipeline:update"] },
    });
    expect(ok.body).toMatchObject({ name: "renamed", permissions: ["pipeline:read", "pipeline:update"] });

    // An ADMIN may not give a MEMBER's key a permission the MEMBER lacks.
    const byAdmin = await call("PATCH", `/api/api-keys/${key.id}`, {
      as: admin,
      tenant: acme,
      body: { permissions: ["pipeline:delete"] },
    });
    expect(byAdmin.status).toBe(403);

    const empty = await call("PATCH", `/api/api-keys/${key.id}`, { as: member, tenant: acme, body: {} });
    expect(empty.status).toBe(400);
  });

  it("keeps a short description: set on create, changed, cleared with an empty string, carried by a rotation", async () => {
    const tooLong = await create(admin, { name: "described", permissions: ["source:read"], description: "x".repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fieldErrors.description).toEqual(["Description must be at most 200 characters"]);

    const key = (await create(admin, { name: "described", permissions: ["source:read"], description: "  Nightly sync  " })).body;
    expect(key.description).toBe("Nightly sync");
    const changed = await call("PATCH", `/api/api-keys/${key.id}`, {
      as: admin,
      tenant: acme,
      body: { description: "Ask #data-eng before revoking" },
    });
    expect(changed.body).toMatchObject({ description: "Ask #data-eng before revoking", name: "described" });
    const rotated = await call("POST", `/api/api-keys/${changed.body.id}/rotate`, { as: admin, tenant: acme, body: {} });
    expect(rotated.body.description).toBe("Ask #data-eng before revoking");
    const cleared = await call("PATCH", `/api/api-keys/${rotated.body.id}`, {
      as: admin,
      tenant: acme,
      body: { description: "" },
    });
    expect(cleared.body.description).toBeNull();
    const audit = await call("GET", `/api/audit-events?targetId=${rotated.body.id}`, { as: owner, tenant: acme });
    expect(audit.body.data[0].metadata.changes).toEqual({ description: null });
    await call("DELETE", `/api/api-keys/${rotated.body.id}`, { as: admin, tenant: acme });
  });
  it("revokes idempotently and writes audit events", async () => {
    const key = (await create(admin, { name: "to revoke", permissions: ["source:read"] })).body;
    const first = await call("DELETE", `/api/api-keys/${key.id}`, { as: admin, tenant: acme });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("revoked");
    expect(first.body.revokedBy).toBe(await userId("admin@acme.test"));
    const second = await call("DELETE", `/api/api-keys/${key.id}`, { as: admin, tenant: acme });
    expect(second.status).toBe(200);
    expect(second.body.revokedAt).toBe(first.body.revokedAt);
    const patchRevoked = await call("PATCH", `/api/api-keys/${key.id}`, { as: admin, tenant: acme, body: { name: "x" } });
    expect(patchRevoked.status).toBe(409);

    const audit = await call("GET", `/api/audit-events?targetId=${key.id}`, { as: owner, tenant: acme });
    expect(audit.status).toBe(200);
    expect(audit.body.data.map((event: { action: string }) => event.action)).toEqual(["api_key.revoked", "api_key.created"]);
    const forMember = await call("GET", "/api/audit-events", { as: member, tenant: acme });
    expect(forMember.status).toBe(403);
  });

  it("rotates with the same name, permissions and expiry; no overlap revokes the old key at once", async () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const key = (await create(admin, { name: "rotating", permissions: ["destination:read"], expiresAt })).body;
    const rotated = await call("POST", `/api/api-keys/${key.id}/rotate`, { as: admin, tenant: acme, body: {} });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ name: "rotating", permissions: ["destination:read"], expiresAt, rotatedFromId: key.id });
    expect(rotated.body.plaintextKey).not.toBe(key.plaintextKey);
    expect(rotated.body.oldKey.status).toBe("revoked");
    expect(rotated.body.oldKey.rotatedToId).toBe(rotated.body.id);
    expect((await call("GET", `/api/api-keys/${key.id}`, { as: admin, tenant: acme })).body.rotatedToId).toBe(rotated.body.id);
    const again = await call("POST", `/api/api-keys/${key.id}/rotate`, { as: admin, tenant: acme, body: {} });
    expect(again.status).toBe(409);
  });

  it("rotates with an overlap that never outlives the old key's own expiry", async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const key = (await create(owner, { name: "overlap", permissions: ["source:read"], expiresAt: soon })).body;
    const rotated = await call("POST", `/api/api-keys/${key.id}/rotate`, {
      as: owner,
      tenant: acme,
      body: { oldKeyExpiresInSeconds: 7 * 86_400 },
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body.oldKey).toMatchObject({ status: "active", expiresAt: soon });

    const other = (await create(owner, { name: "overlap 2", permissions: ["source:read"] })).body;
    const before = Date.now();
    const shortOverlap = await call("POST", `/api/api-keys/${other.id}/rotate`, {
      as: owner,
      tenant: acme,
      body: { oldKeyExpiresInSeconds: 3600 },
    });
    const oldExpiry = Date.parse(shortOverlap.body.oldKey.expiresAt);
    expect(oldExpiry).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(oldExpiry).toBeLessThanOrEqual(Date.now() + 3_600_000);

    for (const bad of [-1, 7 * 86_400 + 1, 1.5, "60"]) {
      const res = await call("POST", `/api/api-keys/${other.id}/rotate`, {
        as: owner,
        tenant: acme,
        body: { oldKeyExpiresInSeconds: bad },
      });
      expect(res.status).toBe(400);
    }
  });

  it("answers 404 for keys the caller may not manage and keys of other workspaces", async () => {
    const adminKey = (await create(admin, { name: "admins only", permissions: ["source:read"] })).body;
    const globexOwner = await bearer("owner@globex.test");
    const globexKey = (await create(globexOwner, { name: "globex", permissions: ["source:read"] }, globex)).body;
    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { name: "x" }],
      ["DELETE", "", undefined],
      ["POST", "/rotate", {}],
    ] as const) {
      const memberTry = await call(method, `/api/api-keys/${adminKey.id}${suffix}`, { as: member, tenant: acme, body });
      expect(memberTry.status, `${method} ${suffix} as member`).toBe(404);
      const crossTenant = await call(method, `/api/api-keys/${globexKey.id}${suffix}`, { as: owner, tenant: acme, body });
      expect(crossTenant.status, `${method} ${suffix} across workspaces`).toBe(404);
      expect(crossTenant.body.error.code).toBe("not_found");
    }
  });
});

describe("role × permission matrix for key creation (generated from the role table)", () => {
  it.each(["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const)(
    "%s may give a key exactly the permissions the role holds",
    async (role) => {
      const { ALL_PERMISSIONS, rolePermissions, hasCapability } = await import("@/lib/permissions");
      const email = {
        OWNER: "owner@acme.test",
        ADMIN: "admin@acme.test",
        MEMBER: "member@acme.test",
        VIEWER: "viewer@acme.test",
      }[role];
      const as = await bearer(email);
      const held = [...rolePermissions(role)];
      // Free the user's slots, which earlier tests in this file used up.
      const mine = (await call("GET", "/api/api-keys", { as, tenant: acme })).body.data ?? [];
      for (const key of mine.filter((each: { creator: { email: string } }) => each.creator.email === email)) {
        await call("DELETE", `/api/api-keys/${key.id}`, { as, tenant: acme });
      }
      const all = await create(as, { name: `matrix ${role}`, permissions: held });
      if (!hasCapability(role, "keys:create")) {
        expect([all.status, all.body.error.code]).toEqual([403, "forbidden"]);
        return;
      }
      expect(all.status).toBe(201);
      expect(all.body.permissions).toEqual(held);
      await call("DELETE", `/api/api-keys/${all.body.id}`, { as, tenant: acme });
      for (const permission of ALL_PERMISSIONS.filter((each) => !held.includes(each))) {
        const res = await create(as, { name: "not held", permissions: [permission] });
        expect([res.status, res.body.error.details.permissions]).toEqual([403, [permission]]);
      }
    },
  );
});
