import { expect, test } from "@playwright/test";
import { bearerFor, signIn, snap, workspaceIdOf } from "./support";

test("invalid input shows field errors and creates nothing; the sixth key shows the limit", async ({ page, request }, info) => {
  await signIn(page, "owner@acme.test");
  const token = await bearerFor(request, "owner@acme.test");
  const tenant = await workspaceIdOf(request, "owner@acme.test", "acme");
  const countKeys = async () =>
    (await (await request.get("/api/api-keys", { headers: { authorization: `Bearer ${token}`, "x-tenant-id": tenant } })).json())
      .slots.used as number;
  const before = await countKeys();

  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("form", { name: "Create API key" });
  const submit = form.getByRole("button", { name: "Create API key" });
  const name = form.getByLabel("Token name");

  await submit.click();
  await expect(form.getByText("Name is required")).toBeVisible();
  await expect(form.getByText("Choose at least one permission")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await snap(page, info, "empty-form");

  await name.fill("x".repeat(256));
  await form.getByLabel("Source: Read", { exact: true }).check();
  await submit.click();
  await expect(form.getByText("Name must be at most 255 characters")).toBeVisible();
  await expect(form.getByText("Choose at least one permission")).toBeHidden();

  await name.fill("Past expiry");
  await form.getByLabel("Expiration", { exact: true }).selectOption("custom");
  await form.getByLabel("Expiration date").fill("2020-01-01");
  await submit.click();
  await expect(form.getByText("expiresAt must be in the future")).toBeVisible();
  await snap(page, info, "past-expiry");
  expect(await countKeys()).toBe(before);
  await form.getByRole("button", { name: "Cancel" }).click();

  // Fill the owner's five slots through the API, then try a sixth in the UI.
  for (let i = before; i < 5; i++) {
    const res = await request.post("/api/api-keys", {
      headers: { authorization: `Bearer ${token}`, "x-tenant-id": tenant },
      data: { name: `Slot ${i}`, permissions: ["source:read"] },
    });
    expect(res.status()).toBe(201);
  }
  await page.reload();
  await expect(page.getByTestId("key-slots")).toHaveText("5 of 5 active keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  await form.getByLabel("Token name").fill("Sixth");
  await form.getByLabel("Source: Read", { exact: true }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByTestId("form-error")).toContainText("allows 5 active keys per user");
  await expect(page.getByTestId("reveal-dialog")).toHaveCount(0);
  await snap(page, info, "limit-reached");
  expect(await countKeys()).toBe(5);
});
