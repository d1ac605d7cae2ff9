import { expect, test } from "@playwright/test";
import { createKeyInUi, keyRow, rowAction, signIn, snap, takeKeyAndClose } from "./support";

test("disable, enable, rotate and revoke, each confirmed in the UI and through the API", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  const call = async (key: string) => (await request.get("/api/integration/whoami", { headers: { "X-Api-Key": key } })).status();
  await signIn(page, "admin@acme.test");
  await createKeyInUi(page, "Lifecycle", ["Source: Read"]);
  const key = await takeKeyAndClose(page);
  expect(await call(key)).toBe(200);

  await rowAction(page, "Lifecycle", "Disable");
  await page.getByLabel(/Reason/).fill("Investigating a leak");
  await page.getByRole("button", { name: "Disable key" }).click();
  await expect(keyRow(page, "Lifecycle").getByTestId("key-status")).toContainText("disabled");
  await expect(keyRow(page, "Lifecycle")).toContainText("Investigating a leak");
  const disabled = await request.get("/api/integration/whoami", { headers: { "X-Api-Key": key } });
  expect(disabled.status()).toBe(423);
  expect((await disabled.json()).error.message).toContain("Investigating a leak");
  await snap(page, info, "disabled");

  await rowAction(page, "Lifecycle", "Enable");
  await expect(keyRow(page, "Lifecycle").getByTestId("key-status")).toContainText("active");
  expect(await call(key)).toBe(200);

  await rowAction(page, "Lifecycle", "Edit");
  const editForm = page.getByRole("form", { name: "Edit API key" });
  await editForm.getByLabel("Destination: Read", { exact: true }).check();
  await editForm.getByLabel(/Description/).fill("Nightly export; ask #data before revoking");
  await editForm.getByRole("button", { name: "Save changes" }).click();
  await expect(keyRow(page, "Lifecycle")).toContainText("Source: read · Destination: read");
  await expect(keyRow(page, "Lifecycle").getByTestId("key-description")).toHaveText("Nightly export; ask #data before revoking");
  const whoami = await request.get("/api/integration/whoami", { headers: { "X-Api-Key": key } });
  expect((await whoami.json()).permissions).toEqual(["source:read", "destination:read"]);

  await rowAction(page, "Lifecycle", "Rotate");
  await page.getByLabel("Old key keeps working for").selectOption({ label: "None: the old key stops now" });
  await page.getByRole("button", { name: "Rotate key" }).click();
  const rotated = await takeKeyAndClose(page);
  expect(rotated).not.toBe(key);
  expect(await call(key)).toBe(401);
  expect(await call(rotated)).toBe(200);
  await expect(keyRow(page, "Lifecycle")).toHaveCount(1);
  await expect(keyRow(page, "Lifecycle").getByTestId("masked-key")).toHaveText(`${rotated.slice(0, 18)}••••`);
  await snap(page, info, "rotated");

  await rowAction(page, "Lifecycle", "Revoke");
  const revoke = page.getByRole("button", { name: "Revoke key" });
  await expect(revoke).toBeDisabled();
  await page.getByLabel(/to confirm/).fill("Lifecycle");
  await revoke.click();
  await expect(keyRow(page, "Lifecycle")).toHaveCount(0);
  expect(await call(rotated)).toBe(401);
  await page.getByLabel("Show").selectOption("revoked");
  await expect(keyRow(page, "Lifecycle").first().getByTestId("key-status")).toContainText("revoked");
  await snap(page, info, "revoked");
});
