// The attacker's findings that need the real server (issue "Hardening"): a forged client address, the
// open redirect after sign-in, the security headers, the database files' modes. Last in the suite:
// it uses up the invalid-key and sign-in budgets of the test machine's address.
import { statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE } from "./paths";
import { bearerFor, signIn, workspaceIdOf } from "./support";

test("a forged X-Forwarded-For changes nothing: invalid keys and failed sign-ins count against the real address (finding 1)", async ({
  request,
}) => {
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const res = await request.get("/api/integration/whoami", {
      headers: { "x-api-key": `kw_sk_${i}`, "x-forwarded-for": `10.60.0.${i}`, "x-keyward-client-address": `10.61.0.${i}` },
    });
    statuses.push(res.status());
  }
  expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
  expect(statuses[30]).toBe(429);

  for (let i = 0; i < 10; i++) {
    const res = await request.post("/api/auth/token", {
      headers: { "x-forwarded-for": `10.60.1.${i}`, "x-real-ip": `10.60.2.${i}` },
      data: { email: "viewer@acme.test", password: `wrong-${i}` },
    });
    expect(res.status()).toBe(401);
  }
  const blocked = await request.post("/api/auth/token", {
    headers: { "x-forwarded-for": "10.60.9.9" },
    data: { email: "viewer@acme.test", password: "keyward-demo" },
  });
  expect(blocked.status()).toBe(429);
});

test("the audit log records the address the server saw, not the one a client claims", async ({ request }) => {
  const token = await bearerFor(request, "owner@globex.test");
  const tenant = await workspaceIdOf(request, "owner@globex.test", "globex");
  const headers = { authorization: `Bearer ${token}`, "x-tenant-id": tenant, "x-forwarded-for": "203.0.113.66" };
  const created = await request.post("/api/api-keys", { headers, data: { name: "address check", permissions: ["source:read"] } });
  expect(created.status()).toBe(201);
  const audit = await request.get(`/api/audit-events?targetId=${(await created.json()).id}`, { headers });
  const [event] = (await audit.json()).data as { ip: string }[];
  expect(event!.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});

test("sign-in follows only the app's own paths: backslash and tab tricks land on / (finding 2)", async ({ page, baseURL }) => {
  await page.goto("/sign-in?callbackUrl=/%5Cevil.test/x");
  await page.getByLabel("Email").fill("member@acme.test");
  await page.getByLabel("Password").fill("keyward-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  // "/" sends a signed-in person on to their workspace.
  await page.waitForURL((url) => url.pathname.startsWith("/w/"));
  expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);

  // Signed in, the server's own redirect is a path on this origin.
  for (const callback of ["/%5Cevil.test/x", "/%09/evil.test/x", "//evil.test/x", "https://evil.test/"]) {
    const res = await page.request.get(`/sign-in?callbackUrl=${callback}`, { maxRedirects: 0 });
    expect(res.status(), callback).toBe(307);
    expect(res.headers().location, callback).toBe("/");
  }
});

test("pages carry a strict Content-Security-Policy with a nonce on Next's scripts; API answers carry none (finding 7)", async ({
  page,
  request,
}) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  const policy = headers["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Not served over https here, so no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  const scripts = await page
    .locator("script")
    .evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((each) => each === nonce)).toBe(true);
  // The page works under the policy: signing in still runs Next's scripts.
  await signIn(page, "member@acme.test");

  const api = await request.get("/api/integration/whoami");
  expect(api.headers()["content-security-policy"]).toBeUndefined();
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("the database folder is the owner's alone and its files are 0600 (finding 7)", async () => {
  expect(statSync(path.dirname(E2E_DATABASE)).mode & 0o777).toBe(0o700);
  for (const suffix of ["", "-wal", "-shm"]) {
    const file = E2E_DATABASE + suffix;
    expect(statSync(file).mode & 0o777, file).toBe(0o600);
  }
});
