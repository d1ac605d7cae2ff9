// Members join by invitation: an owner invites by email, the link arrives by mail, the invitee
// creates their account on the invitation page (or accepts signed in) and lands in the workspace.
// The new pages are checked with axe and at a phone's width.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mailTo, signIn, snap } from "./support";

async function expectAccessibleAndFitting(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => violation.id),
  ).toEqual([]);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
}

test("an owner invites a new person, who signs up through the mailed link and lands in the workspace", async ({
  page,
  browser,
}, info) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/w/acme/settings/members");
  const email = `ivy+${Date.now()}@example.test`;
  await page.getByLabel("Invite by email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText(`${email} is invited`);
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toContainText("VIEWER");
  await snap(page, info, "invited");

  const mail = await mailTo(email);
  expect(mail.subject).toContain("Acme Analytics");
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(mail.link);
  await expect(invitee.getByRole("heading", { name: "Join Acme Analytics" })).toBeVisible();
  await expectAccessibleAndFitting(invitee);
  await invitee.getByLabel("Your name").fill("Ivy Invited");
  await invitee.getByLabel(/^Password/).fill("a long passphrase");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await invitee.waitForURL(/\/w\/acme\/settings\/api-keys/);
  await expect(invitee.getByText("Viewers cannot create API keys.")).toBeVisible();
  await snap(invitee, info, "joined");

  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toBeVisible();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toHaveCount(0);
  await invitee.goto(mail.link);
  await expect(invitee.getByRole("heading", { name: "This invitation no longer works" })).toBeVisible();
});

test("an existing user accepts an invitation signed in; a revoked invitation stops working", async ({ page, browser }, info) => {
  await signIn(page, "owner@globex.test");
  await page.goto("/w/globex/settings/members");
  await page.getByLabel("Invite by email").fill("viewer@acme.test");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const { link } = await mailTo("viewer@acme.test");

  const invitee = await (await browser.newContext()).newPage();
  await signIn(invitee, "viewer@acme.test");
  await invitee.goto(link);
  await expectAccessibleAndFitting(invitee);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await invitee.waitForURL(/\/w\/globex\/settings\/api-keys/);
  await snap(invitee, info, "accepted");

  await page.getByLabel("Invite by email").fill("nobody-yet@example.test");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const revoked = await mailTo("nobody-yet@example.test");
  await page.getByRole("button", { name: "Revoke the invitation of nobody-yet@example.test" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: "nobody-yet@example.test" })).toHaveCount(0);
  await invitee.goto(revoked.link);
  await expect(invitee.getByRole("heading", { name: "This invitation no longer works" })).toBeVisible();
});

test("the sign-up confirmation page is accessible and fits a phone", async ({ page }) => {
  await page.goto("/sign-up/confirm/not-a-real-token-0123456789abcdef");
  await expectAccessibleAndFitting(page);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "unknown, used or expired" })).toBeVisible();
});
