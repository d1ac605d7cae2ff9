// Who may do what, generated from the capability table (lib/permissions.ts): every management route
// and every service call a page makes, for every role and for a non-member. A route or a service that
// forgets its check, or a table change that the code does not follow, fails here.
import { beforeAll, describe, expect, it } from "vitest";
import { CAPABILITIES, ROLES, hasCapability, type Capability, type Role } from "@/lib/permissions";
import { resolveWorkspaceCaller } from "@/lib/workspaces/service";
import type { WorkspaceCaller } from "@/lib/auth/caller";
import { createApiKey, getApiKey, keySlotsOf, listApiKeyAuditEvents, listApiKeys, rotateApiKey } from "@/lib/api-keys/service";
import { apiKeyUsage } from "@/lib/api-keys/usage-history";
import { listAuditEvents } from "@/lib/audit/service";
import { listMembers } from "@/lib/members/service";
import { getKeyPolicy } from "@/lib/key-policy/service";
import { workspaceActivity } from "@/lib/request-log/activity";
import { listInvitations } from "@/lib/members/invitations";
import { RESOURCE_DEFINITIONS, listResourcesForMember } from "@/lib/resources/service";
import { apiRoutes } from "../support/routes";
import { bearer, call, userId, workspaceId, type Credentials } from "./support/api";

const EMAIL: Record<Role, string> = {
  OWNER: "owner@acme.test",
  ADMIN: "admin@acme.test",
  MEMBER: "member@acme.test",
  VIEWER: "viewer@acme.test",
};
const NON_MEMBER = "owner@initech.test";
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

let acme: string;
const as = {} as Record<Role | "NON_MEMBER", Credentials>;
const callers = {} as Record<Role, WorkspaceCaller>;

beforeAll(async () => {
  acme = await workspaceId("acme");
  for (const role of ROLES) {
    as[role] = await bearer(EMAIL[role]);
    callers[role] = await resolveWorkspaceCaller(await userId(EMAIL[role]), { id: acme }, "203.0.113.9");
  }
  as.NON_MEMBER = await bearer(NON_MEMBER);
});

const managementRoutes = await Promise.all(
  apiRoutes().map(async (route) => {
    const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
    return Object.entries(routeModule)
      .filter(([, handler]) => typeof handler === "function" && "requires" in handler)
      .map(([method, handler]) => ({
        method,
        template: route.template,
        requires: (handler as { requires: Capability }).requires,
      }));
  }),
).then((lists) => lists.flat());

describe("management routes × roles (from the capability table)", () => {
  it("every workspace route declares a capability", () => {
    // The management API is every route that takes x-tenant-id: keys, members, audit.
    const templates = new Set(managementRoutes.map((route) => route.template));
    for (const template of [
      "/api/api-keys",
      "/api/api-keys/{id}",
      "/api/api-keys/{id}/rotate",
      "/api/api-keys/{id}/audit-events",
      "/api/audit-events",
      "/api/members",
      "/api/members/{userId}",
      "/api/workspace/key-policy",
    ]) {
      expect(templates, template).toContain(template);
    }
  });

  for (const route of managementRoutes) {
    for (const who of [...ROLES, "NON_MEMBER"] as const) {
      const allowed = who !== "NON_MEMBER" && hasCapability(who, route.requires);
      it(`${route.method} ${route.template} (${route.requires}) as ${who}: ${allowed ? "allowed" : "refused"}`, async () => {
        // Ids that exist nowhere, and an empty body: an allowed caller gets past the access check to
        // 200, 400 or 404 and changes nothing; a refused one is stopped before the handler reads anything.
        const url = route.template.replace(/\{\w+\}/g, MISSING_ID);
        const res = await call(route.method, url, {
          as: as[who],
          tenant: acme,
          body: route.method === "GET" || route.method === "DELETE" ? undefined : {},
        });
        if (who === "NON_MEMBER") {
          expect([res.status, res.body.error.code]).toEqual([403, "not_a_member"]);
        } else if (allowed) {
          expect(res.status, JSON.stringify(res.body)).not.toBe(403);
          expect([200, 400, 404]).toContain(res.status);
        } else {
          expect([res.status, res.body.error.code]).toEqual([403, "forbidden"]);
          expect(res.body.error.message).toBe(CAPABILITIES[route.requires].denied);
          expect(res.body.error.details.requires).toBe(route.requires);
        }
      });
    }
  }
});

describe("service calls pages make × roles (from the capability table)", () => {
  const pageCalls: { name: string; requires: Capability; run: (caller: WorkspaceCaller) => Promise<unknown> }[] = [
    { name: "listApiKeys", requires: "keys:manage_own", run: (caller) => listApiKeys(caller) },
    { name: "keySlotsOf", requires: "keys:manage_own", run: (caller) => keySlotsOf(caller) },
    { name: "listMembers", requires: "members:read", run: (caller) => listMembers(caller) },
    { name: "getKeyPolicy", requires: "policy:read", run: (caller) => getKeyPolicy(caller) },
    { name: "workspaceActivity", requires: "requests:read", run: (caller) => workspaceActivity(caller, "7d") },
    { name: "listInvitations", requires: "members:read", run: (caller) => listInvitations(caller) },
    { name: "listAuditEvents", requires: "audit:read", run: (caller) => listAuditEvents(caller, { limit: 5 }) },
    {
      name: "listResourcesForMember",
      requires: "resources:read",
      run: (caller) => listResourcesForMember(caller, RESOURCE_DEFINITIONS.source),
    },
  ];
  for (const pageCall of pageCalls) {
    for (const role of ROLES) {
      const allowed = hasCapability(role, pageCall.requires);
      it(`${pageCall.name} (${pageCall.requires}) as ${role}: ${allowed ? "allowed" : "refused"}`, async () => {
        const outcome = await pageCall.run(callers[role]).then(
          () => "allowed",
          (error: { code?: string }) => error.code,
        );
        expect(outcome).toBe(allowed ? "allowed" : "forbidden");
      });
    }
  }

  it("a non-member gets no caller at all, so no page service can run for them", async () => {
    await expect(resolveWorkspaceCaller(await userId(NON_MEMBER), { id: acme }, null)).rejects.toMatchObject({
      code: "not_a_member",
    });
  });

  it("a key another member holds is not found (404), from a page as from the API", async () => {
    const adminKey = await createApiKey(callers.ADMIN, { name: "admin's", permissions: ["source:read"] });
    for (const lookup of [
      getApiKey,
      apiKeyUsage,
      (caller: WorkspaceCaller, id: string) => listApiKeyAuditEvents(caller, id, { limit: 5 }),
    ]) {
      await expect(lookup(callers.MEMBER, adminKey.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(lookup(callers.OWNER, adminKey.id)).resolves.toBeDefined();
    }
    expect((await call("GET", `/api/api-keys/${adminKey.id}/audit-events`, { as: as.MEMBER, tenant: acme })).status).toBe(404);
  });
});

describe("the three inconsistencies the access model closes", () => {
  it("a MEMBER reads their own key's history on its page and through the API alike, and the workspace log through neither", async () => {
    const key = await createApiKey(callers.MEMBER, { name: "member history", permissions: ["source:read"] });
    await call("PATCH", `/api/api-keys/${key.id}`, { as: as.MEMBER, tenant: acme, body: { name: "member history 2" } });
    const fromPage = await listApiKeyAuditEvents(callers.MEMBER, key.id, { limit: 50 });
    const fromApi = await call("GET", `/api/api-keys/${key.id}/audit-events`, { as: as.MEMBER, tenant: acme });
    expect(fromApi.status).toBe(200);
    expect(fromApi.body).toEqual(fromPage);
    expect(fromPage.data.map((event) => event.action)).toEqual(["api_key.updated", "api_key.created"]);
    await expect(listAuditEvents(callers.MEMBER, { limit: 50 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await call("GET", "/api/audit-events", { as: as.MEMBER, tenant: acme })).status).toBe(403);
  });

  it("a VIEWER cannot rotate a key they still hold from before a demotion (403 forbidden): rotation mints a new key", async () => {
    const viewerId = await userId(EMAIL.VIEWER);
    expect(
      (await call("PATCH", `/api/members/${viewerId}`, { as: as.OWNER, tenant: acme, body: { role: "MEMBER" } })).status,
    ).toBe(200);
    const held = await call("POST", "/api/api-keys", {
      as: as.VIEWER,
      tenant: acme,
      body: { name: "from before", permissions: ["source:read"] },
    });
    expect(held.status).toBe(201);
    expect(
      (await call("PATCH", `/api/members/${viewerId}`, { as: as.OWNER, tenant: acme, body: { role: "VIEWER" } })).status,
    ).toBe(200);

    const rotated = await call("POST", `/api/api-keys/${held.body.id}/rotate`, { as: as.VIEWER, tenant: acme, body: {} });
    expect([rotated.status, rotated.body.error.code, rotated.body.plaintextKey]).toEqual([403, "forbidden", undefined]);
    const viewer = await resolveWorkspaceCaller(viewerId, { id: acme }, null);
    await expect(rotateApiKey(viewer, held.body.id, { oldKeyExpiresInSeconds: 0 })).rejects.toMatchObject({ code: "forbidden" });
    // What a viewer may still do with a key they hold: see it, and revoke it.
    expect((await call("GET", `/api/api-keys/${held.body.id}`, { as: as.VIEWER, tenant: acme })).status).toBe(200);
    expect((await call("DELETE", `/api/api-keys/${held.body.id}`, { as: as.VIEWER, tenant: acme })).body.status).toBe("revoked");
  });

  it("a key a manager disabled can be enabled again only by a manager; the MEMBER is told who disabled it", async () => {
    const key = await createApiKey(callers.MEMBER, { name: "stopped by ops", permissions: ["source:read"] });
    const disabled = await call("PATCH", `/api/api-keys/${key.id}`, {
      as: as.ADMIN,
      tenant: acme,
      body: { isActive: false, disabledReason: "paused by ops" },
    });
    expect(disabled.body).toMatchObject({
      status: "disabled",
      disabledReason: "paused by ops",
      disabledBy: { id: await userId(EMAIL.ADMIN), email: EMAIL.ADMIN },
    });

    const byMember = await call("PATCH", `/api/api-keys/${key.id}`, { as: as.MEMBER, tenant: acme, body: { isActive: true } });
    expect([byMember.status, byMember.body.error.code]).toEqual([403, "forbidden"]);
    expect(byMember.body.error.message).toContain("admin@acme.test");
    expect((await getApiKey(callers.MEMBER, key.id)).status).toBe("disabled");
    // Other edits stay the member's to make.
    expect(
      (await call("PATCH", `/api/api-keys/${key.id}`, { as: as.MEMBER, tenant: acme, body: { name: "renamed" } })).status,
    ).toBe(200);

    const byAdmin = await call("PATCH", `/api/api-keys/${key.id}`, { as: as.ADMIN, tenant: acme, body: { isActive: true } });
    expect(byAdmin.body).toMatchObject({ status: "active", disabledBy: null, disabledReason: null });

    // A key the member disabled themselves is theirs to enable.
    await call("PATCH", `/api/api-keys/${key.id}`, { as: as.MEMBER, tenant: acme, body: { isActive: false } });
    const again = await call("PATCH", `/api/api-keys/${key.id}`, { as: as.MEMBER, tenant: acme, body: { isActive: true } });
    expect([again.status, again.body.status]).toEqual([200, "active"]);
  });
});
