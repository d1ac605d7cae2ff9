// The living demo, as a new user meets it: `npm start` on an empty database (the demo server of
// playwright.config.ts). Keys in every state, usage in every chart and column, and both themes
// passing axe's colour-contrast rule on every page.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_LOG, DEMO_URL, WORKSPACE_PAGES } from "./paths";
import { signIn } from "./support";

test.use({ baseURL: DEMO_URL });

const keyRow = (page: Page, name: string) => page.locator(`[data-testid="key-row"][data-key-name="${name}"]`);

test("npm start ends its start-up with the URL and the demo sign-in", () => {
  const lines = readFileSync(DEMO_LOG, "utf8").trim().split("\n");
  const listening = lines.findIndex((line) => line.startsWith("keyward: listening on"));
  expect(listening).toBeGreaterThan(-1);
  expect(lines[listening + 1]).toBe(
    `keyward: ready at ${DEMO_URL}; sign in as owner@acme.test (or admin@, member@, viewer@acme.test) with password "keyward-demo"`,
  );
});

test("the demo's keys come in every state, each with its last use", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await expect(page.getByText("1 revoked key hidden")).toBeVisible();
  const states: [string, string][] = [
    ["Airflow - Production", "Active"],
    ["Billing service", "Active"],
    ["Looker dashboards", "Disabled"],
    ["Legacy importer", "Expired"],
    ["Local dev - Mia", "Active"],
  ];
  for (const [name, status] of states) {
    await expect(keyRow(page, name).getByTestId("key-status")).toContainText(status, { ignoreCase: true });
  }
  await expect(keyRow(page, "Looker dashboards")).toContainText("Paused by ops during the warehouse migration");
  await expect(keyRow(page, "Airflow - Production").getByTestId("key-description")).toHaveText(
    "Nightly warehouse loads; ask #data-eng before revoking",
  );
  // Expiring soon: relative, in the warning colour.
  await expect(keyRow(page, "Local dev - Mia").getByTestId("key-expiry")).toHaveText("in 3 days");
  await expect(keyRow(page, "Local dev - Mia").getByTestId("key-expiry")).toHaveClass(/text-amber-800/);
  // Mid-rotation: the old key still works through its overlap, next to its replacement.
  await expect(keyRow(page, "Zapier automations")).toHaveCount(2);
  await expect(keyRow(page, "Zapier automations").filter({ hasText: "replaced by a rotation" })).toHaveCount(1);
  await expect(keyRow(page, "Billing service")).toContainText("Workspace");
  for (const row of await page.getByTestId("key-row").all()) await expect(row.getByTestId("last-used")).not.toHaveText("Never");

  // A status filter says what it hides, and undoes itself in one click.
  await page.getByLabel("Show").selectOption({ label: "Disabled" });
  await expect(page.getByTestId("list-summary")).toHaveText("1 key · 7 with another status hidden - show all");
  await page.getByTestId("list-summary").getByRole("button", { name: "show all" }).click();
  await expect(page.getByTestId("list-summary")).toHaveText("8 keys");
  await expect(keyRow(page, "Old CI token").getByTestId("key-status")).toContainText("Revoked", { ignoreCase: true });
});

test("every chart and log has something to show on first run", async ({ page }) => {
  await signIn(page, "owner@acme.test");
  await page.goto("/w/acme/settings/api-activity?range=30d");
  await expect(page.getByText(/^[1-9][\d,]* allowed · [1-9][\d,]* denied$/)).toBeVisible();
  await expect(page.getByTestId("refusals")).toContainText("api_key_disabled");
  await expect(page.getByTestId("busiest-key").first()).toContainText("Airflow - Production");

  await keyPage(page, "Airflow - Production");
  await expect(page.getByTestId("usage-totals")).toHaveText(/^[1-9][\d,]* allowed · [1-9][\d,]* denied$/);
  await expect(page.getByTestId("request-row").first()).toBeVisible();
  // More scopes than it uses: the least-privilege hint names them.
  await expect(page.getByTestId("unused-scopes")).toContainText("pipeline:delete (never)");

  await page.goto("/w/acme/settings/audit-log");
  await expect(
    page.getByText("Adam Admin disabled the key Looker dashboards (reason: Paused by ops during the warehouse migration)"),
  ).toBeVisible();
  await expect(page.getByText(/Olivia Owner rotated the key Zapier automations/)).toBeVisible();
});

async function keyPage(page: Page, name: string): Promise<void> {
  await page.goto("/w/acme/settings/api-keys");
  await keyRow(page, name).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every page passes axe colour-contrast in the ${colorScheme} theme`, async ({ page }, info) => {
    await page.emulateMedia({ colorScheme });
    const contrastFailures = async (path: string) => {
      const { violations } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
      return violations.flatMap((violation) => violation.nodes.map((node) => `${path}: ${node.target} ${node.failureSummary}`));
    };
    await page.goto("/sign-in");
    expect(await contrastFailures("/sign-in")).toEqual([]);
    // The theme follows the system setting: the page itself is dark or light.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightness = Number(/[\d.]+/.exec(background)?.[0]);
    const dark = background.startsWith("oklch") ? lightness < 0.3 : lightness < 80;
    expect(dark, background).toBe(colorScheme === "dark");

    await signIn(page, "owner@acme.test");
    await keyPage(page, "Looker dashboards");
    const keyDetail = new URL(page.url()).pathname;
    for (const path of [...WORKSPACE_PAGES, keyDetail]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      expect(await contrastFailures(path)).toEqual([]);
    }
    await page.goto("/w/acme/settings/api-keys");
    await info.attach(`api-keys ${colorScheme}`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  });
}
