import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, snap } from "./support";

async function expectNoSeriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

async function tabTo(page: Page, matches: () => Promise<boolean>, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await matches()) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the element with Tab");
}

test("the create form and the reveal dialog work by keyboard alone and pass axe", async ({ page, context, baseURL }, info) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await signIn(page, "owner@globex.test");
  await expectNoSeriousViolations(page);

  const createButton = page.getByRole("button", { name: "Create API key" });
  await tabTo(page, () => createButton.evaluate((el) => el === document.activeElement));
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "Create API key" });
  await expect(form).toBeVisible();
  await expectNoSeriousViolations(page, '[role="dialog"]');

  const name = form.getByLabel("Token name");
  await tabTo(page, () => name.evaluate((el) => el === document.activeElement));
  await page.keyboard.type("Keyboard only");
  const sourceAll = form.getByLabel("Source: All", { exact: true });
  await tabTo(page, () => sourceAll.evaluate((el) => el === document.activeElement));
  await page.keyboard.press("Space");
  await expect(sourceAll).toBeChecked();
  const submit = form.getByRole("button", { name: "Create API key" });
  await tabTo(page, () => submit.evaluate((el) => el === document.activeElement));
  await page.keyboard.press("Enter");

  const dialog = page.getByTestId("reveal-dialog");
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page, '[role="dialog"]');
  await snap(page, info, "keyboard-reveal");
  const copy = page.getByTestId("copy-api-key");
  await tabTo(page, () => copy.evaluate((el) => el === document.activeElement));
  await page.keyboard.press("Enter");
  await expect(copy).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId("api-key").inputValue());
  // Copied, so Escape closes without asking.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-testid="key-row"][data-key-name="Keyboard only"]')).toHaveCount(1);
  await expectNoSeriousViolations(page);
});
