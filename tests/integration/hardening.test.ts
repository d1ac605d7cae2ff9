// The findings of the attacker's pass (issue "Hardening"), each as it was tried: invitations instead
// of unsolicited membership, a sign-up that tells nobody who has an account, passwords, a sign-in
// throttle without lockout, tokens that end with their family, deep JSON. (The forged client address,
// the open redirect, headers and file modes are tried against the running server in e2e/.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { SignJWT } from "jose";
import { getDb } from "@/lib/db/client";
import { bearer, call, sessionCookie, BASE_URL, userId, workspaceId, type Credentials } from "./support/api";
import { startSmtpSink, linkIn } from "../support/smtp-sink";

const DEMO_PASSWORD = "keyward-demo";
const browser = { origin: BASE_URL };
let acme: string;
let owner: Credentials;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  acme = await workspaceId("acme");
  owner = await bearer("owner@acme.test");
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());
afterEach(() => {
  delete process.env.KEYWARD_SMTP_URL;
  delete process.env.KEYWARD_SIGNUP;
});

const tokenOf = (url: string | null) => url!.split("/").at(-1)!;

describe("invitations instead of unsolicited membership (finding 3)", () => {
  it("inviting answers 202 alike for an account and for an unknown email, and makes nobody a member", async () => {
    const victim = await call("POST", "/api/members", {
      as: owner,
      tenant: acme,
      body: { email: "owner@initech.test", role: "OWNER" },
    });
    const unknown = await call("POST", "/api/members", {
      as: owner,
      tenant: acme,
      body: { email: "nobody@nowhere.test", role: "VIEWER" },
    });
    expect([victim.status, unknown.status]).toEqual([202, 202]);
    expect(Object.keys(victim.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(Object.keys(victim.body.invitation).sort()).toEqual(["createdAt", "email", "expiresAt", "id", "invitedBy", "role"]);
    // No mail server here: the inviter gets the link to pass on.
    expect(victim.body.acceptUrl).toMatch(/\/invitations\/[\w-]{40,}$/);
    // The victim is not in the attacker's workspace, and does not land in it.
    const me = await call("GET", "/api/me", { as: await bearer("owner@initech.test") });
    expect(me.body.workspaces.map((workspace: { slug: string }) => workspace.slug)).toEqual(["initech"]);
    const invitations = await call("GET", "/api/invitations", { as: owner, tenant: acme });
    expect(invitations.body.data.map((each: { email: string }) => each.email)).toEqual(
      expect.arrayContaining(["owner@initech.test", "nobody@nowhere.test"]),
    );
  });

  it("mails the link when SMTP is configured (and then does not return it); the invitee accepts it signed in", async () => {
    process.env.KEYWARD_SMTP_URL = smtp.url;
    const sent = await call("POST", "/api/members", {
      as: owner,
      tenant: acme,
      body: { email: "owner@globex.test", role: "MEMBER" },
    });
    expect(sent.status).toBe(202);
    expect(sent.body.acceptUrl).toBeUndefined();
    const mail = smtp.to("owner@globex.test").at(-1)!;
    expect(mail.subject).toContain("Acme Analytics");
    const token = tokenOf(linkIn(mail));

    const stranger = await call("POST", `/api/invitations/${token}/accept`, { as: await bearer("viewer@acme.test") });
    expect([stranger.status, stranger.body.error.code]).toEqual([403, "forbidden"]);
    const invitee = await bearer("owner@globex.test");
    const accepted = await call("POST", `/api/invitations/${token}/accept`, { as: invitee });
    expect(accepted.status).toBe(200);
    expect(accepted.body.workspace.slug).toBe("acme");
    const members = await call("GET", "/api/members", { as: owner, tenant: acme });
    expect(members.body.data.find((each: { email: string }) => each.email === "owner@globex.test")?.role).toBe("MEMBER");
    // A link works once.
    expect((await call("POST", `/api/invitations/${token}/accept`, { as: invitee })).status).toBe(404);
    const audit = await call("GET", "/api/audit-events?action=member.joined", { as: owner, tenant: acme });
    expect(audit.body.data[0].metadata).toMatchObject({ email: "owner@globex.test", role: "MEMBER" });
  });

  it("a revoked invitation's link stops working; only an owner invites an OWNER", async () => {
    const admin = await bearer("admin@acme.test");
    const owners = await call("POST", "/api/members", { as: admin, tenant: acme, body: { email: "boss@x.test", role: "OWNER" } });
    expect([owners.status, owners.body.error.details.requires]).toEqual([403, "members:manage_owners"]);
    const sent = await call("POST", "/api/members", { as: admin, tenant: acme, body: { email: "temp@x.test", role: "VIEWER" } });
    expect((await call("DELETE", `/api/invitations/${sent.body.invitation.id}`, { as: admin, tenant: acme })).status).toBe(204);
    const signUp = await call("POST", `/api/invitations/${tokenOf(sent.body.acceptUrl)}/sign-up`, {
      headers: browser,
      body: { name: "Temp", password: "a sound passphrase" },
    });
    expect(signUp.status).toBe(404);
    const already = await call("POST", "/api/members", {
      as: admin,
      tenant: acme,
      body: { email: "member@acme.test", role: "VIEWER" },
    });
    expect([already.status, already.body.error.code]).toEqual([409, "conflict"]);
  });

  it("a new person signs up through the link, also when sign-up is closed, and joins with the invited role", async () => {
    process.env.KEYWARD_SIGNUP = "closed";
    const sent = await call("POST", "/api/members", {
      as: owner,
      tenant: acme,
      body: { email: "newcomer@x.test", role: "VIEWER" },
    });
    const created = await call("POST", `/api/invitations/${tokenOf(sent.body.acceptUrl)}/sign-up`, {
      headers: browser,
      body: { name: "New Comer", password: "a sound passphrase" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user: { email: "newcomer@x.test", name: "New Comer" }, workspace: { slug: "acme" } });
    const token = await call("POST", "/api/auth/token", { body: { email: "newcomer@x.test", password: "a sound passphrase" } });
    const me = await call("GET", "/api/me", { headers: { authorization: `Bearer ${token.body.accessToken}` } });
    expect(me.body.workspaces).toEqual([expect.objectContaining({ slug: "acme", role: "VIEWER" })]);
    // Open sign-up is refused meanwhile.
    const open = await call("POST", "/api/auth/sign-up", {
      headers: browser,
      body: { name: "X", email: "x@x.test", password: "a sound passphrase", workspaceName: "X" },
    });
    expect([open.status, open.body.error.code]).toEqual([403, "forbidden"]);
  });
});

describe("sign-up tells nobody who has an account (finding 4)", () => {
  const signUp = (email: string, extra: Record<string, string> = {}) =>
    call("POST", "/api/auth/sign-up", {
      headers: { ...browser, "x-keyward-client-address": extra.ip ?? "198.51.100.40" },
      body: { name: "Sam", email, password: extra.password ?? "correct horse battery", workspaceName: "Sam's" },
    });

  it("answers the same 202 for an existing email and a new one; the emailed link creates the account", async () => {
    process.env.KEYWARD_SMTP_URL = smtp.url;
    const existing = await signUp("owner@acme.test");
    const fresh = await signUp("sam@new.test");
    expect([existing.status, fresh.status]).toEqual([202, 202]);
    expect(existing.body).toEqual({ status: "confirmation_sent", email: "owner@acme.test" });
    expect(fresh.body).toEqual({ status: "confirmation_sent", email: "sam@new.test" });
    expect(await getDb().user.findUnique({ where: { email: "sam@new.test" } })).toBeNull();
    expect(smtp.to("owner@acme.test").at(-1)!.subject).toContain("Someone tried");

    const link = linkIn(smtp.to("sam@new.test").at(-1)!);
    expect(link).toMatch(/\/sign-up\/confirm\//);
    const confirmed = await call("POST", "/api/auth/sign-up/confirm", { headers: browser, body: { token: tokenOf(link) } });
    expect(confirmed.status).toBe(201);
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { id: confirmed.body.workspace.id } });
    expect(workspace.plan).toBe("agency");
    expect(
      (await call("POST", "/api/auth/token", { body: { email: "sam@new.test", password: "correct horse battery" } })).status,
    ).toBe(200);
    expect((await call("POST", "/api/auth/sign-up/confirm", { headers: browser, body: { token: tokenOf(link) } })).status).toBe(
      404,
    );
  });

  it("gives a self-signed-up workspace KEYWARD_DEFAULT_PLAN", async () => {
    process.env.KEYWARD_DEFAULT_PLAN = "starter";
    try {
      process.env.KEYWARD_SMTP_URL = smtp.url;
      await signUp("plan@new.test", { ip: "198.51.100.41" });
      const confirmed = await call("POST", "/api/auth/sign-up/confirm", {
        headers: browser,
        body: { token: tokenOf(linkIn(smtp.to("plan@new.test")[0]!)) },
      });
      expect((await getDb().workspace.findUniqueOrThrow({ where: { id: confirmed.body.workspace.id } })).plan).toBe("starter");
    } finally {
      delete process.env.KEYWARD_DEFAULT_PLAN;
    }
  });

  it("refuses other origins and throttles per address", async () => {
    const foreign = await call("POST", "/api/auth/sign-up", {
      headers: { origin: "https://evil.test" },
      body: { name: "E", email: "e@e.test", password: "correct horse battery", workspaceName: "E" },
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, "cross_origin_request"]);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signUp(`flood${i}@new.test`, { ip: "198.51.100.42" })).status);
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await signUp("other@new.test", { ip: "198.51.100.43" })).status).toBe(202);
  });
});

describe("passwords (finding 5)", () => {
  it.each([
    ["shorter than 12 characters", "aaaaaaaaaa"],
    ["one character repeated", "aaaaaaaaaaaa"],
    ["a common password", "password1234"],
    ["the email's name in it", "sam.doe-secret-2026"],
    ["over 72 bytes", "é".repeat(37)],
  ])("refuses a password %s, on the password field", async (_case, password) => {
    const res = await call("POST", "/api/auth/sign-up", {
      headers: { ...browser, "x-keyward-client-address": "198.51.100.50" },
      body: { name: "Sam", email: "sam.doe@new.test", password, workspaceName: "W" },
    });
    expect([res.status, res.body.error.code]).toEqual([400, "validation_error"]);
    expect(res.body.error.details.fieldErrors.password).toHaveLength(1);
  });

  it("existing users keep signing in with the password they have", async () => {
    expect((await call("POST", "/api/auth/token", { body: { email: "member@acme.test", password: DEMO_PASSWORD } })).status).toBe(
      200,
    );
  });
});

describe("sign-in throttle without lockout (finding 6)", () => {
  const attempt = (email: string, password: string, ip: string) =>
    call("POST", "/api/auth/token", { headers: { "x-keyward-client-address": ip }, body: { email, password } });

  it("10 failures block that address for that email, with a Retry-After; the user signs in from their own address", async () => {
    for (let i = 0; i < 10; i++) expect((await attempt("viewer@acme.test", `wrong-${i}`, "10.60.0.1")).status).toBe(401);
    const blocked = await attempt("viewer@acme.test", DEMO_PASSWORD, "10.60.0.1");
    expect([blocked.status, blocked.body.error.code]).toEqual([429, "rate_limited"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await attempt("viewer@acme.test", DEMO_PASSWORD, "203.0.113.80")).status).toBe(200);
  });

  it("100 failures from one address block it for every email", async () => {
    for (let i = 0; i < 100; i++) await attempt(`guess${i % 20}@acme.test`, "nope", "10.60.0.9");
    const blocked = await attempt("admin@acme.test", DEMO_PASSWORD, "10.60.0.9");
    expect(blocked.status).toBe(429);
    expect((await attempt("admin@acme.test", DEMO_PASSWORD, "10.60.0.10")).status).toBe(200);
  });
});

describe("tokens end with their family (finding 9)", () => {
  const accessKey = () => createHmac("sha256", process.env.NEXTAUTH_SECRET!).update("keyward access token v1").digest();

  it("a token without exp is refused, even correctly signed", async () => {
    const forged = await new SignJWT({ typ: "access", ver: 0 })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(await userId("owner@acme.test"))
      .setIssuer("keyward")
      .setAudience("keyward-management-api")
      .sign(accessKey());
    const res = await call("GET", "/api/me", { headers: { authorization: `Bearer ${forged}` } });
    expect([res.status, res.body.error.code]).toEqual([401, "invalid_token"]);
  });

  it("sign-out-all ends every access token, refresh token and browser session at once", async () => {
    const pair = (await call("POST", "/api/auth/token", { body: { email: "admin@acme.test", password: DEMO_PASSWORD } })).body;
    const access = { headers: { authorization: `Bearer ${pair.accessToken}` } };
    const cookie = await sessionCookie("admin@acme.test");
    expect((await call("GET", "/api/me", { as: cookie })).status).toBe(200);
    expect((await call("POST", "/api/auth/sign-out-all", { as: access })).status).toBe(204);
    expect((await call("GET", "/api/me", access)).status).toBe(401);
    expect((await call("GET", "/api/me", { as: cookie })).status).toBe(401);
    expect((await call("POST", "/api/auth/refresh", { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
    // Signing in again works.
    expect((await call("GET", "/api/me", { as: await bearer("admin@acme.test") })).status).toBe(200);
  });

  it("reuse of a spent refresh token ends the access tokens issued before, not just the refresh family", async () => {
    const first = (await call("POST", "/api/auth/token", { body: { email: "member@acme.test", password: DEMO_PASSWORD } })).body;
    const second = (await call("POST", "/api/auth/refresh", { body: { refreshToken: first.refreshToken } })).body;
    expect((await call("POST", "/api/auth/refresh", { body: { refreshToken: first.refreshToken } })).status).toBe(401);
    for (const token of [first.accessToken, second.accessToken]) {
      expect((await call("GET", "/api/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    }
  });
});
