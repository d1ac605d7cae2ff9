import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { call, workspaceId } from "./support/api";

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

  it("throttles repeated failed sign-ins for one email with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call("POST", "/api/auth/token", {
        body: { email: "viewer@acme.test", password: `wrong-${i}` },
        headers: { "x-forwarded-for": `192.0.2.${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    const blocked = await call("POST", "/api/auth/token", { body: { email: "viewer@acme.test", password: DEMO_PASSWORD } });
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "rate_limited"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("throttles repeated failed sign-ins from one address", async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (
        await call("POST", "/api/auth/token", {
          body: { email: `nobody${i}@acme.test`, password: "x" },
          headers: { "x-forwarded-for": "198.51.100.99" },
        })
      ).status;
    }
    expect(last).toBe(429);
  });
});

describe("POST /api/auth/sign-up", () => {
  it("creates a user and an agency workspace they own; a taken email answers 409", async () => {
    const body = { name: "New Person", email: "New@Example.test", password: "long-enough-pw", workspaceName: "Acme" };
    const res = await call("POST", "/api/auth/sign-up", { body });
    expect(res.status).toBe(201);
    expect(res.body.workspace.slug).toMatch(/^acme-[0-9a-f]{6}$/);
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { id: res.body.workspace.id } });
    expect(workspace.plan).toBe("agency");
    const membership = await getDb().membership.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(membership).toMatchObject({ userId: res.body.user.id, role: "OWNER" });
    expect(res.body.user.email).toBe("new@example.test");

    const again = await call("POST", "/api/auth/sign-up", { body });
    expect([again.status, again.body.error.code]).toEqual([409, "conflict"]);
    const weak = await call("POST", "/api/auth/sign-up", { body: { ...body, email: "x@y.test", password: "short" } });
    expect(weak.body.error.details.fieldErrors.password).toBeDefined();
  });
});
