import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEFAULT_KEY_POLICY } from "../lib/key-policy/schemas";
import { bearerFor, keyRow, signIn, snap, takeKeyAndClose, workspaceIdOf } from "./support";

const DEFAULTS = DEFAULT_KEY_POLICY;

async function management(request: APIRequestContext) {
  const headers = {
    authorization: `Bearer ${await bearerFor(request, "admin@acme.test")}`,
    "x-tenant-id": await workspaceIdOf(request, "admin@acme.test", "acme"),
  };
  return {
    create: async (name: string) =>
      (await (await request.post("/api/api-keys", { headers, data: { name, permissions: ["source:read"] } })).json()) as {
        id: string;
        plaintextKey: string;
      },
    revokeByName: async (...names: string[]) => {
      const list = (await (await request.get("/api/api-keys", { headers })).json()) as { data: { id: string; name: string }[] };
      for (const key of list.data.filter((each) => names.includes(each.name)))
        await request.delete(`/api/api-keys/${key.id}`, { headers });
    },
    putPolicy: async (changes: Record<string, unknown>) =>
      expect((await request.put("/api/workspace/key-policy", { headers, data: { ...DEFAULTS, ...changes } })).status()).toBe(200),
    resetPolicy: () => request.put("/api/workspace/key-policy", { headers, data: DEFAULTS }),
  };
}

test("the key policy page explains each rule, saves for an admin, and is read-only for a member", async ({
  page,
  request,
}, info) => {
  const api = await management(request);
  try {
    await signIn(page, "admin@acme.test");
    await page.getByRole("link", { name: "Key policy" }).click();
    await expect(page.getByRole("heading", { name: "Key policy", level: 1 })).toBeVisible();
    await expect(page.getByText("Off: only owners and admins create keys.")).toBeVisible();
    const idle = page.getByLabel("Disable keys unused for (days)");
    await idle.fill("3");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText("At least 7 days")).toBeVisible();
    await idle.fill("");
    await page.getByLabel("Maximum lifetime (days)").fill("90");
    await page.getByLabel("Default expiry (days)").fill("30");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByRole("status")).toContainText("The key policy was saved");
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations).toEqual([]);
    await snap(page, info, "key-policy");

    await page.context().clearCookies();
    await signIn(page, "member@acme.test");
    await page.goto("/w/acme/settings/key-policy");
    await expect(page.getByLabel("Maximum lifetime (days)")).toHaveValue("90");
    await expect(page.getByLabel("Maximum lifetime (days)")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save policy" })).toHaveCount(0);
  } finally {
    await api.resetPolicy();
  }
});

test("the create form offers the owner choice, checks allowed IPs inline, and follows the policy's expiry", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  const api = await management(request);
  try {
    await api.putPolicy({ maxLifetimeDays: 90, defaultExpiryDays: 30 });
    await signIn(page, "admin@acme.test");
    await page.getByRole("button", { name: "Create API key" }).click();
    const form = page.getByRole("form", { name: "Create API key" });
    const expiry = form.getByLabel("Expiration", { exact: true });
    await expect(expiry).toHaveValue("30");
    await expect(expiry.locator("option", { hasText: "Never expires" })).toHaveCount(0);
    await expiry.selectOption({ label: "Custom date" });
    const latest = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await expect(form.getByLabel("Expiration date")).toHaveAttribute("max", new RegExp(latest.slice(0, 8)));
    await expiry.selectOption({ label: "30 days" });

    await form.getByLabel("This workspace").check();
    await form.getByLabel("Token name").fill("Warehouse loader");
    await form.getByLabel("Source: Read", { exact: true }).check();
    const ips = form.getByLabel(/Allowed IP addresses/);
    await ips.fill("203.0.113.0/24\nnot-an-ip");
    await ips.blur();
    await expect(form.getByText('"not-an-ip" is not an IP address or CIDR range')).toBeVisible();
    await expect(ips).toHaveAttribute("aria-invalid", "true");
    // The browser reaches the server over loopback, IPv4 or IPv6.
    await ips.fill("127.0.0.1\n::1");
    await ips.blur();
    await expect(ips).not.toHaveAttribute("aria-invalid", "true");
    await form.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByTestId("reveal-dialog")).toBeVisible();
    await expect(page.getByLabel("Creator's user ID")).toBeVisible();
    const key = await takeKeyAndClose(page);
    const whoami = await request.get("/api/integration/whoami", { headers: { "X-Api-Key": key } });
    expect(whoami.status()).toBe(200);
    expect(await whoami.json()).toMatchObject({ owner: "workspace" });

    await expect(keyRow(page, "Warehouse loader").getByTestId("key-owner")).toContainText("Workspace");
    await page.getByLabel("Owner").selectOption({ label: "Personal keys" });
    await expect(keyRow(page, "Warehouse loader")).toHaveCount(0);
    await page.getByLabel("Owner").selectOption({ label: "Workspace keys" });
    await expect(keyRow(page, "Warehouse loader")).toHaveCount(1);
    await snap(page, info, "workspace-key");
  } finally {
    await api.resetPolicy();
    await api.revokeByName("Warehouse loader");
  }
});

test("a key blocked by a new policy is marked with the reason and fixed from the list", async ({ page, request }, info) => {
  const api = await management(request);
  const old = await api.create("Old cron job");
  const call = async () =>
    (await request.get("/api/integration/whoami", { headers: { "X-Api-Key": old.plaintextKey } })).status();
  try {
    expect(await call()).toBe(200);
    await signIn(page, "admin@acme.test");
    await page.goto("/w/acme/settings/key-policy");
    await page.getByLabel("Every key must expire").check();
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByRole("status")).toContainText("saved");
    expect(await call()).toBe(403);

    await page.goto("/w/acme/settings/api-keys");
    const row = keyRow(page, "Old cron job");
    await expect(row.getByTestId("policy-block")).toContainText("Blocked by policy");
    await expect(row.getByTestId("policy-block")).toContainText("requires every key to have an expiry date");
    await snap(page, info, "policy-blocked");
    await row.getByRole("button", { name: "Set an expiry for Old cron job" }).click();
    const form = page.getByRole("form", { name: "Edit API key" });
    await expect(form.getByLabel("Expiration", { exact: true })).toHaveValue("30");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(row.getByTestId("policy-block")).toHaveCount(0);
    expect(await call()).toBe(200);
  } finally {
    await api.resetPolicy();
    await api.revokeByName("Old cron job");
  }
});
