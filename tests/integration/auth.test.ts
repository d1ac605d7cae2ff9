import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { BASE_URL, call, workspaceId } from "./support/api";

const DEMO_PASSWORD = "keyward-demo";

describe("POST /api/auth/token and /api/auth/refresh", () => {
  it("issues a 15-minute bearer token that works on management routes", async () => {
    const res = await call("POST", "/api/auth/token", { body: { email: "owner@acme.test", password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    expect(res.body.refreshToken).toMatch(/^kw_rt_/);
    const me = await call("GET", "/api/me", { headers: { authorization: `Bearer ${res.body.accessToken}` } });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: "owner@acme.test", name: "Olivia Owner" });
    expect(me.body.user.passwordHash).toBeUndefined();
    expect(me.body.workspaces).toEqual([
      { id: await workspaceId("acme"), name: "Acme Analytics", slug: "acme", plan: "agency", role: "OWNER" },
    ]);
  });

  it("answers 401 for a wrong password or unknown email, 400 for malformed input", async () => {
    const wrong = await call("POST", "/api/auth/token", { body: { email: "owner@acme.test", password: "nope" } });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, "invalid_credentials"]);
    const unknown = await call("POST", "/api/auth/token", { body: { email: "ghost@acme.test", password: "nope" } });
    expect([unknown.status, unknown.body.error.code]).toEqual([401, "invalid_credentials"]);
    for (const body of [{}, { email: "not-an-email", password: "x" }, { email: "a@b.c", password: "x", extra: 1 }]) {
      const res = await call("POST", "/api/auth/token", { body });
      expect(res.status).toBe(400);
    }
  });

  it("rotates refresh tokens; reusing a spent one answers 401 and revokes the family", async () => {
    const first = (await call("POST", "/api/auth/token", { body: { email: "admin@acme.test", password: DEMO_PASSWORD } })).body;
    const second = await call("POST", "/api/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);

    const reuse = await call("POST", "/api/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect([reuse.status, reuse.body.error.code]).toEqual([401, "invalid_token"]);
    // The thief's reuse also kills the token the rightful owner got.
    const afterReuse = await call("POST", "/api/auth/refresh", { body: { refreshToken: second.body.refreshToken } });
    expect(afterReuse.status).toBe(401);

    const garbage = await call("POST", "/api/auth/refresh", { body: { refreshToken: "kw_rt_garbage" } });
    expect(garbage.status).toBe(401);
  });
});

describe("POST /api/auth/sign-up and /confirm", () => {
  it("creates, from the logged link when no mail is configured, a user and an agency workspace they own", async () => {
    const logged: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logged.push(args.join(" "));
    let res;
    try {
      res = await call("POST", "/api/auth/sign-up", {
        headers: { origin: BASE_URL },
        body: { name: "New Person", email: "New@Example.test", password: "long enough phrase", workspaceName: "Acme" },
      });
    } finally {
      console.log = log;
    }
    expect(res.status).toBe(202);
    const token = /\/sign-up\/confirm\/([\w-]+)/.exec(logged.join("\n"))?.[1];
    expect(token).toBeDefined();
    const created = await call("POST", "/api/auth/sign-up/confirm", { headers: { origin: BASE_URL }, body: { token } });
    expect(created.status).toBe(201);
    expect(created.body.workspace.slug).toMatch(/^acme-[0-9a-f]{6}$/);
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { id: created.body.workspace.id } });
    expect(workspace.plan).toBe("agency");
    const membership = await getDb().membership.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(membership).toMatchObject({ userId: created.body.user.id, role: "OWNER" });
    expect(created.body.user.email).toBe("new@example.test");
  });
});
