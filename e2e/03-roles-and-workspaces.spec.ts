import { expect, test } from "@playwright/test";
import { createKeyInUi, signIn, snap, workspaceIdOf } from "./support";

test("a MEMBER sees the Delete boxes disabled with the reason", async ({ page }, info) => {
  await signIn(page, "member@acme.test");
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("form", { name: "Create API key" });
  for (const resource of [
    "Source",
    "Destination",
    "Pipeline",
    "Tracking Plan",
    "Tracking Plan Event",
    "Tracking Plan Property",
  ]) {
    await expect(form.getByLabel(`${resource}: Delete`, { exact: true })).toBeDisabled();
    await expect(form.getByLabel(`${resource}: Read`, { exact: true })).toBeEnabled();
  }
  await expect(form).toContainText("Your role (MEMBER) cannot delete");
  await form.getByLabel("Source: All", { exact: true }).check();
  await expect(form.getByLabel("Source: Update", { exact: true })).toBeChecked();
  await expect(form.getByLabel("Source: Delete", { exact: true })).not.toBeChecked();
  await snap(page, info, "member-form");
});

test("a VIEWER cannot create keys", async ({ page, request }, info) => {
  await signIn(page, "viewer@acme.test");
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await expect(page.getByText("Viewers cannot create API keys.")).toBeVisible();
  const token = (
    await (await request.post("/api/auth/token", { data: { email: "viewer@acme.test", password: "keyward-demo" } })).json()
  ).accessToken;
  const res = await request.post("/api/api-keys", {
    headers: { authorization: `Bearer ${token}`, "x-tenant-id": await workspaceIdOf(request, "viewer@acme.test", "acme") },
    data: { name: "nope", permissions: ["source:read"] },
  });
  expect(res.status()).toBe(403);
  await snap(page, info, "viewer");
});

test("a workspace on a plan without API access sees the plan notice", async ({ page }, info) => {
  await signIn(page, "owner@initech.test");
  await expect(page.getByTestId("plan-notice")).toContainText("API access is not part of the Starter plan");
  await expect(page.getByTestId("plan-notice")).toContainText("Agency");
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await snap(page, info, "plan-notice");
});

test("switching workspace changes the Workspace ID in the reveal dialog", async ({ page, request }, info) => {
  await signIn(page, "admin@acme.test");
  await page.goto("/w/acme/settings/api-keys");
  await createKeyInUi(page, "Acme switch test", ["Source: Read"]);
  await expect(page.getByTestId("workspace-id")).toHaveValue(await workspaceIdOf(request, "admin@acme.test", "acme"));
  // Escape before copying asks first.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alertdialog", { name: "Close without copying?" })).toBeVisible();
  await page.getByRole("button", { name: "Close without copying" }).click();
  await expect(page.getByTestId("reveal-dialog")).toBeHidden();

  await page.getByTestId("workspace-switcher").selectOption("globex");
  await page.waitForURL("**/w/globex/settings/api-keys");
  await expect(page.getByTestId("workspace-switcher")).toHaveValue("globex");
  await createKeyInUi(page, "Globex switch test", ["Source: Read"]);
  await expect(page.getByTestId("workspace-id")).toHaveValue(await workspaceIdOf(request, "admin@acme.test", "globex"));
  await snap(page, info, "globex-reveal");
});
