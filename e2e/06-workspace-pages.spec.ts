import { expect, test } from "@playwright/test";
import { createKeyInUi, mailTo, signIn, snap, takeKeyAndClose } from "./support";

test("a key's detail page shows its permissions, 30-day usage and audit events", async ({
  page,
  context,
  request,
  baseURL,
}, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await signIn(page, "owner@globex.test");
  await createKeyInUi(page, "Detail page", ["Source: Read"]);
  const key = await takeKeyAndClose(page);
  for (let i = 0; i < 3; i++)
    expect((await request.get("/api/integration/sources", { headers: { "X-Api-Key": key } })).status()).toBe(200);
  expect((await request.get("/api/integration/pipelines", { headers: { "X-Api-Key": key } })).status()).toBe(403);

  await page.getByRole("link", { name: "Detail page" }).click();
  await expect(page.getByRole("heading", { name: "Detail page", level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /Source/ }).getByLabel("granted", { exact: true })).toHaveCount(1);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("usage-totals")).toHaveText("3 allowed · 1 denied", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText("api_key.created")).toBeVisible();
  await snap(page, info, "key-detail");
});

test("members, audit log and the read-only resource pages", async ({ page }, info) => {
  await signIn(page, "owner@acme.test");
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Members" }).click();
  await expect(page.getByTestId("member-row")).toHaveCount(4);
  await page.getByLabel("Role of Victor Viewer").selectOption("MEMBER");
  await expect(page.getByRole("status").filter({ hasText: "Victor Viewer is now MEMBER." })).toBeVisible();
  await page.getByLabel("Role of Victor Viewer").selectOption("VIEWER");
  await expect(page.getByRole("status").filter({ hasText: "Victor Viewer is now VIEWER." })).toBeVisible();
  await page.getByLabel("Role of Olivia Owner").selectOption("ADMIN");
  await expect(page.getByRole("status").filter({ hasText: "last owner" })).toBeVisible();
  await snap(page, info, "members");

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Audit log" }).click();
  // Filters apply at once and live in the URL; each event reads as a sentence.
  await page.getByLabel("Action").selectOption("member.role_changed");
  await expect(page).toHaveURL(/action=member\.role_changed/);
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  await expect(page.getByTestId("audit-sentence").first()).toHaveText(
    /^Olivia Owner changed the role of viewer@acme\.test from MEMBER to VIEWER( from [\d.:a-f]+)?$/,
  );
  await page.getByLabel("Actor").selectOption({ label: "Adam Admin" });
  await expect(page).toHaveURL(/actorId=/);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await page.getByLabel("Actor").selectOption({ label: "Anyone" });
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await (await download).path().then((file) => import("node:fs").then((fs) => fs.readFileSync(file!, "utf8")));
  expect(csv.split("\r\n")[0]).toBe("time,sentence,changes,action,actorType,actorId,targetType,targetId,ip");
  expect(csv).toContain("Olivia Owner changed the role of viewer@acme.test from MEMBER to VIEWER");
  await snap(page, info, "audit-log");

  for (const [link, text] of [
    ["Sources", "Website"],
    ["Destinations", "Snowflake"],
    ["Pipelines", "Web to warehouse"],
    ["Tracking plans", "Signed Up"],
  ] as const) {
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("main")).toContainText(text);
  }
  await snap(page, info, "tracking-plans");
});

test("sign-up mails a confirmation link; following it creates the account and a workspace on the agency plan", async ({
  page,
}, info) => {
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await expect(page.getByText("Name is required", { exact: true })).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  const email = `nina+${Date.now()}@example.test`;
  await page.getByLabel("Your name").fill("Nina New");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password (12+ characters)").fill("a long passphrase");
  await page.getByLabel("Workspace name").fill("Nina Labs");
  await page.getByRole("button", { name: "Create account and workspace" }).click();
  await expect(page.getByTestId("sign-up-sent")).toContainText(email);
  await snap(page, info, "sign-up-sent");

  const mail = await mailTo(email);
  expect(mail.subject).toBe("Confirm your Keyward account");
  await page.goto(mail.link);
  await page.getByRole("button", { name: "Create my account" }).click();
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/nina-labs[^/]*\/settings\/api-keys/);
  await expect(page.getByTestId("workspace-switcher")).toHaveValue(/nina-labs/);
  await expect(page.getByTestId("empty-state")).toContainText("No API keys yet");
  await expect(page.getByText("Agency plan · you are owner")).toBeVisible();
  await snap(page, info, "signed-up");
});
