import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearerFor, signIn, snap, workspaceIdOf } from "./support";

/** A source:read key of admin@acme, and the management headers that revoke it afterwards. */
async function adminKey(request: APIRequestContext, name: string) {
  const headers = {
    authorization: `Bearer ${await bearerFor(request, "admin@acme.test")}`,
    "x-tenant-id": await workspaceIdOf(request, "admin@acme.test", "acme"),
  };
  const response = await request.post("/api/api-keys", { headers, data: { name, permissions: ["source:read"] } });
  return { headers, key: (await response.json()) as { id: string; plaintextKey: string } };
}

test("a key's page lists its requests, refused ones with their code, filters them and refreshes itself", async ({
  page,
  request,
}, info) => {
  const { headers, key } = await adminKey(request, "Logged job");
  const withKey = { "X-Api-Key": key.plaintextKey, "User-Agent": "nightly-export/1.4" };
  try {
    expect((await request.get("/api/integration/whoami", { headers: withKey })).status()).toBe(200);
    expect((await request.post("/api/integration/sources", { headers: withKey, data: { name: "x" } })).status()).toBe(403);

    await signIn(page, "admin@acme.test");
    await page.goto(`/w/acme/settings/api-keys/${key.id}`);
    const section = page.getByTestId("key-requests");
    await expect(section.getByRole("heading", { name: "Requests" })).toBeVisible();
    // The log is written in batches; the section picks the entries up on its own.
    await expect(section.getByTestId("request-row")).toHaveCount(2, { timeout: 15_000 });
    await expect(section.getByTestId("request-row").first()).toContainText("insufficient_permissions");
    await expect(section.getByTestId("request-row").last()).toContainText("nightly-export/1.4");
    await expect(page.getByText(/from .*nightly-export\/1\.4/)).toBeVisible();

    await section.getByLabel("Show").selectOption({ label: "Refused" });
    await expect(section.getByTestId("request-row")).toHaveCount(1);
    await section.getByLabel("Error code").selectOption("rate_limited");
    await expect(section.getByTestId("request-row")).toHaveCount(0);
    await section.getByLabel("Error code").selectOption("insufficient_permissions");
    await expect(section.getByTestId("request-row")).toHaveCount(1);
    await section.getByLabel("Show").selectOption({ label: "All requests" });
    expect((await request.get("/api/integration/whoami", { headers: withKey })).status()).toBe(200);
    await expect(section.getByTestId("request-row")).toHaveCount(3, { timeout: 15_000 });

    const download = page.waitForEvent("download");
    await section.getByRole("button", { name: "Download CSV" }).click();
    expect((await download).suggestedFilename()).toBe(`requests-${key.id}.csv`);

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations).toEqual([]);
    await snap(page, info, "key-requests");
  } finally {
    await request.delete(`/api/api-keys/${key.id}`, { headers });
  }
});

test("the key test panel explains the answer check by check and forgets the key when closed", async ({ page, request }, info) => {
  const { headers, key } = await adminKey(request, "Tested job");
  try {
    await signIn(page, "admin@acme.test");
    await page.getByRole("button", { name: "Test a key" }).click();
    const form = page.getByRole("form", { name: "Test a key" });
    await form.getByLabel("API key").fill(key.plaintextKey);
    await form.getByLabel("Method").selectOption("POST");
    await form.getByLabel("Path").fill("/api/integration/sources");
    await form.getByRole("button", { name: "Run test" }).click();
    const result = page.getByTestId("key-test-result");
    await expect(result).toContainText("Would answer 403 insufficient_permissions");
    await expect(result).toContainText("lacks the source:create permission");
    await expect(result.getByText("not evaluated:").first()).toBeAttached();
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations).toEqual([]);
    await snap(page, info, "key-test");

    await page.getByRole("button", { name: "Close" }).first().click();
    await page.getByRole("button", { name: "Test a key" }).click();
    await expect(page.getByRole("form", { name: "Test a key" }).getByLabel("API key")).toHaveValue("");
    await expect(page.getByTestId("key-test-result")).toHaveCount(0);
    expect(await page.content()).not.toContain(key.plaintextKey);
    // A test is not a request: the key's log stays empty.
    await page.waitForTimeout(1000);
    const log = await (await request.get(`/api/api-keys/${key.id}/requests`, { headers })).json();
    expect(log.data).toEqual([]);
  } finally {
    await request.delete(`/api/api-keys/${key.id}`, { headers });
  }
});

test("the API activity page shows the volume, the refusals with their fix and the busiest keys", async ({
  page,
  request,
}, info) => {
  const { headers, key } = await adminKey(request, "Busy job");
  try {
    for (let i = 0; i < 3; i++) await request.get("/api/integration/sources", { headers: { "X-Api-Key": key.plaintextKey } });
    await request.post("/api/integration/sources", { headers: { "X-Api-Key": key.plaintextKey }, data: {} });
    await page.waitForTimeout(1500); // the usage flush (500 ms here)
    await signIn(page, "admin@acme.test");
    await page.getByRole("link", { name: "API activity" }).click();
    await expect(page.getByRole("heading", { name: "API activity", level: 1 })).toBeVisible();
    await expect(page.getByTestId("refusals")).toContainText("insufficient_permissions");
    await expect(page.getByTestId("refusals")).toContainText("lacks a scope");
    await expect(page.getByTestId("busiest-key").filter({ hasText: "Busy job" })).toBeVisible();
    await page.getByRole("link", { name: "24 hours" }).click();
    await expect(page).toHaveURL(/range=24h/);
    await expect(page.getByText("per hour, from the request log")).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations).toEqual([]);
    await snap(page, info, "api-activity");
  } finally {
    await request.delete(`/api/api-keys/${key.id}`, { headers });
  }
});
