import { expect, test } from "@playwright/test";
import { createKeyInUi, keyRow, openApiKeysFromProfileMenu, signIn, snap, workspaceIdOf } from "./support";

test("admin creates a key, copies the three values, and the key works against the API", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await signIn(page, "admin@acme.test");
  await openApiKeysFromProfileMenu(page);
  await createKeyInUi(page, "Airflow - Production", ["Source: All", "Pipeline: Read"]);
  await snap(page, info, "reveal-dialog");

  const dialog = page.getByTestId("reveal-dialog");
  await expect(dialog.getByRole("heading")).toHaveText("Your API key has been successfully created!");
  await expect(dialog).toContainText("will not be shown again");
  const values = {
    "api-key": await page.getByTestId("api-key").inputValue(),
    "workspace-id": await page.getByTestId("workspace-id").inputValue(),
    "user-id": await page.getByTestId("user-id").inputValue(),
  };
  expect(values["api-key"]).toMatch(/^kw_sk_[0-9a-f]{12}_[0-9A-Za-z]{49}$/);
  expect(values["workspace-id"]).toBe(await workspaceIdOf(request, "admin@acme.test", "acme"));
  for (const [testId, value] of Object.entries(values)) {
    await page.getByTestId(`copy-${testId}`).click();
    await expect(page.getByTestId(`copy-${testId}`)).toContainText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  }
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(dialog).toBeHidden();
  // The plaintext is gone from the page once the dialog is closed.
  expect(await page.content()).not.toContain(values["api-key"]);

  const row = keyRow(page, "Airflow - Production");
  const prefix = values["api-key"].slice(0, 18);
  await expect(row.getByTestId("masked-key")).toHaveText(`${prefix}••••`);
  await expect(row.getByTestId("last-used")).toHaveText("Never");
  await expect(row).toContainText("Source: all · Pipeline: read");
  await snap(page, info, "list-after-create");

  const response = await request.get("/api/integration/sources", { headers: { "X-Api-Key": values["api-key"] } });
  expect(response.status()).toBe(200);
  expect((await response.json()).data.map((source: { name: string }) => source.name)).toContain("Website");

  await expect(async () => {
    await page.reload();
    await expect(keyRow(page, "Airflow - Production").getByTestId("last-used")).toHaveText(/just now|second/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await snap(page, info, "list-after-use");
});
