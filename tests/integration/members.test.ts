import { beforeAll, describe, expect, it } from "vitest";
import { bearer, call, userId, workspaceId, type Credentials } from "./support/api";

let acme: string;
let owner: Credentials;
let admin: Credentials;
let member: Credentials;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  admin = await bearer("admin@acme.test");
  member = await bearer("member@acme.test");
});

describe("members", () => {
  it("lists members for ADMIN/OWNER only", async () => {
    const list = await call("GET", "/api/members", { as: admin, tenant: acme });
    expect(list.status).toBe(200);
    expect(list.body.data.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual([
      "owner@acme.test:OWNER",
      "admin@acme.test:ADMIN",
      "member@acme.test:MEMBER",
      "viewer@acme.test:VIEWER",
    ]);
    expect((await call("GET", "/api/members", { as: member, tenant: acme })).status).toBe(403);
  });

  it("invites, the invitee accepts, roles change, the member is removed, and each step is audited", async () => {
    const sent = await call("POST", "/api/members", {
      as: admin,
      tenant: acme,
      body: { email: "owner@globex.test", role: "VIEWER" },
    });
    expect(sent.status).toBe(202);
    expect(
      (await call("POST", "/api/members", { as: admin, tenant: acme, body: { email: "owner@globex.test", role: "GOD" } })).status,
    ).toBe(400);
    const token = sent.body.acceptUrl.split("/").at(-1);
    const joined = await call("POST", `/api/invitations/${token}/accept`, { as: await bearer("owner@globex.test") });
    expect(joined.status).toBe(200);
    const invitee = await userId("owner@globex.test");
    // Already a member now.
    expect(
      (await call("POST", "/api/members", { as: admin, tenant: acme, body: { email: "owner@globex.test", role: "VIEWER" } }))
        .status,
    ).toBe(409);
    // Only an owner grants OWNER.
    expect((await call("PATCH", `/api/members/${invitee}`, { as: admin, tenant: acme, body: { role: "OWNER" } })).status).toBe(
      403,
    );
    const promoted = await call("PATCH", `/api/members/${invitee}`, { as: admin, tenant: acme, body: { role: "MEMBER" } });
    expect(promoted.body.role).toBe("MEMBER");
    expect((await call("DELETE", `/api/members/${invitee}`, { as: admin, tenant: acme })).status).toBe(204);
    expect((await call("DELETE", `/api/members/${invitee}`, { as: admin, tenant: acme })).status).toBe(404);
    const audit = await call("GET", `/api/audit-events?targetId=${invitee}`, { as: owner, tenant: acme });
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
      "member.removed",
      "member.role_changed",
      "member.joined",
    ]);
    const invited = await call("GET", `/api/audit-events?action=member.invited`, { as: owner, tenant: acme });
    expect(invited.body.data[0].metadata).toEqual({ email: "owner@globex.test", role: "VIEWER" });
  });

  it("a member removed and invited back has working keys again on the next request, with the key cache warm", async () => {
    const memberId = await userId("member@acme.test");
    const created = await call("POST", "/api/api-keys", {
      as: member,
      tenant: acme,
      body: { name: "comes back", permissions: ["source:read"] },
    });
    const whoami = () => call("GET", "/api/integration/whoami", { headers: { "x-api-key": created.body.plaintextKey } });
    expect((await whoami()).status).toBe(200);
    expect((await call("DELETE", `/api/members/${memberId}`, { as: owner, tenant: acme })).status).toBe(204);
    expect((await whoami()).status).toBe(401);
    expect((await whoami()).status).toBe(401); // the refusal is cached now
    const sent = await call("POST", "/api/members", {
      as: owner,
      tenant: acme,
      body: { email: "member@acme.test", role: "MEMBER" },
    });
    const accepted = await call("POST", `/api/invitations/${sent.body.acceptUrl.split("/").at(-1)}/accept`, {
      as: await bearer("member@acme.test"),
    });
    expect(accepted.status).toBe(200);
    expect((await whoami()).status).toBe(200);
  });

  it("protects the last owner from removal and demotion", async () => {
    const ownerId = await userId("owner@acme.test");
    const demote = await call("PATCH", `/api/members/${ownerId}`, { as: owner, tenant: acme, body: { role: "ADMIN" } });
    expect([demote.status, demote.body.error.code]).toEqual([409, "last_owner"]);
    const remove = await call("DELETE", `/api/members/${ownerId}`, { as: owner, tenant: acme });
    expect([remove.status, remove.body.error.code]).toEqual([409, "last_owner"]);
    const byAdmin = await call("DELETE", `/api/members/${ownerId}`, { as: admin, tenant: acme });
    expect(byAdmin.status).toBe(403);
  });

  it("MEMBERs cannot manage members; other workspaces' users answer 404", async () => {
    const viewerId = await userId("viewer@acme.test");
    expect((await call("PATCH", `/api/members/${viewerId}`, { as: member, tenant: acme, body: { role: "ADMIN" } })).status).toBe(
      403,
    );
    const globexOwner = await userId("owner@globex.test");
    expect(
      (await call("PATCH", `/api/members/${globexOwner}`, { as: admin, tenant: acme, body: { role: "ADMIN" } })).status,
    ).toBe(404);
  });

  it("pages the audit log newest first and rejects a foreign cursor", async () => {
    const first = await call("GET", "/api/audit-events?limit=1", { as: owner, tenant: acme });
    expect(first.body.data).toHaveLength(1);
    const globexOwner = await bearer("owner@globex.test");
    const foreign = await call("GET", "/api/audit-events?limit=1", { as: globexOwner, tenant: await workspaceId("globex") });
    const bad = await call("GET", `/api/audit-events?cursor=${foreign.body.data[0].id}`, { as: owner, tenant: acme });
    expect(bad.status).toBe(400);
    const filtered = await call("GET", "/api/audit-events?action=workspace.created", { as: owner, tenant: acme });
    expect(filtered.body.data.every((e: { action: string }) => e.action === "workspace.created")).toBe(true);
  });
});

describe("members across workspaces", () => {
  it("DELETE and PATCH with another workspace's user id answer 404 and change nothing", async () => {
    const globexOwner = await userId("owner@globex.test");
    expect((await call("DELETE", `/api/members/${globexOwner}`, { as: owner, tenant: acme })).status).toBe(404);
    expect(
      (await call("PATCH", `/api/members/${globexOwner}`, { as: owner, tenant: acme, body: { role: "VIEWER" } })).status,
    ).toBe(404);
    const globex = await workspaceId("globex");
    const globexToken = await bearer("owner@globex.test");
    const list = await call("GET", "/api/members", { as: globexToken, tenant: globex });
    expect(list.body.data.find((m: { email: string }) => m.email === "owner@globex.test").role).toBe("OWNER");
  });
});
