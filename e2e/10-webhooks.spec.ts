import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { startWebhookReceiver } from "../tests/support/webhook-receiver";
import { bearerFor, signIn, snap, workspaceIdOf } from "./support";

async function adminHeaders(request: APIRequestContext) {
  return {
    authorization: `Bearer ${await bearerFor(request, "admin@acme.test")}`,
    "x-tenant-id": await workspaceIdOf(request, "admin@acme.test", "acme"),
  };
}

test("an admin adds a webhook, sees its secret once, sends a test event, reads the delivery log and redelivers", async ({
  page,
  request,
}, info) => {
  const receiver = await startWebhookReceiver();
  const headers = await adminHeaders(request);
  let keyId: string | undefined;
  try {
    await signIn(page, "admin@acme.test");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.getByText("Choose at least one event")).toBeVisible();
    await dialog.getByLabel(/^api_key\.created/).check();
    await dialog.getByLabel(/^api_key\.revoked/).check();
    await dialog.getByLabel("Description").fill("Ops alerts");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();

    const secretDialog = page.getByTestId("secret-dialog");
    await expect(secretDialog).toBeVisible();
    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await snap(page, info, "webhook-secret");
    await secretDialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("status").first()).toContainText(`Endpoint ${receiver.url} added.`);
    const card = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(card).toContainText("2 events");
    await expect(card).toContainText("Enabled");
    await card.getByRole("link", { name: /Deliveries & settings/ }).click();

    // The test event goes out at once and verifies with the secret shown once.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("webhook-notice")).toHaveText("Test event delivered: the endpoint answered 200.");
    expect(receiver.verify(receiver.received[0]!, secret).type).toBe("ping");

    // A key change reaches it through the server's own delivery worker.
    const created = await request.post("/api/api-keys", { headers, data: { name: "Hooked key", permissions: ["source:read"] } });
    keyId = ((await created.json()) as { id: string }).id;
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(receiver.verify(receiver.received[1]!, secret)).toMatchObject({
      type: "api_key.created",
      data: { apiKey: { id: keyId } },
    });

    await page.reload();
    const delivery = page.getByTestId("webhook-delivery").filter({ hasText: "api_key.created" });
    await expect(delivery).toContainText("HTTP 200");
    await expect(delivery).toContainText("1 attempt");
    await delivery.locator("summary").click();
    await expect(delivery.getByText("Request body")).toBeVisible();
    await expect(delivery.locator("pre").first()).toContainText('"type": "api_key.created"');
    await delivery.getByRole("button", { name: "Redeliver" }).click();
    await expect(page.getByTestId("webhook-notice")).toHaveText("Redelivered.");
    await expect(delivery).toContainText("2 attempts");
    expect(receiver.received[2]!.headers["webhook-id"]).toBe(receiver.received[1]!.headers["webhook-id"]);

    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    expect(axe.violations).toEqual([]);
    await snap(page, info, "webhook-deliveries");

    // Rotating shows the new secret once; then the endpoint is deleted.
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByTestId("webhook-secret")).not.toHaveValue(secret);
    await page.getByTestId("secret-dialog").getByRole("button", { name: "Done" }).click();
    await expect(page.getByText(/the previous secret signs too until/)).toBeVisible();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByText("No endpoints yet.")).toBeVisible();
  } finally {
    if (keyId) await request.delete(`/api/api-keys/${keyId}`, { headers });
    await receiver.close();
  }
});

test("a member is told that webhooks are for owners and admins", async ({ page }) => {
  await signIn(page, "member@acme.test");
  await page.goto("/w/acme/settings/webhooks");
  await expect(page.getByText("Only owners and admins manage the workspace's webhooks.")).toBeVisible();
});

test("a key reported leaked is revoked and shown in a banner on the API keys page", async ({ page, request }, info) => {
  const headers = await adminHeaders(request);
  const created = await request.post("/api/api-keys", {
    headers,
    data: { name: "Published by mistake", permissions: ["source:read"] },
  });
  const key = (await created.json()) as { id: string; plaintextKey: string };
  const reported = await request.post("/api/api-keys/report-leak", {
    data: { key: key.plaintextKey, url: "https://gist.example.com/oops" },
  });
  expect(reported.status()).toBe(202);
  expect((await request.get("/api/integration/whoami", { headers: { "X-Api-Key": key.plaintextKey } })).status()).toBe(401);

  await signIn(page, "admin@acme.test");
  const banner = page.getByTestId("leak-banner");
  await expect(banner).toContainText("A key was found in public");
  await expect(banner).toContainText("Published by mistake");
  await expect(banner).toContainText("https://gist.example.com/oops");
  await expect(banner).toContainText("is now revoked");
  await snap(page, info, "leak-banner");
  await banner.getByRole("link", { name: "Published by mistake" }).click();
  await expect(page.getByRole("heading", { name: "Published by mistake", level: 1 })).toBeVisible();
  await expect(page.getByTestId("leak-note")).toContainText("at https://gist.example.com/oops");
});
