import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { WORKSPACE_PAGES } from "./paths";
import { bearerFor, signIn, workspaceIdOf } from "./support";

const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/** How far the page is wider than its window (0 when nothing scrolls sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The elements that reach past the window's right edge, for the failure message. */
const culprits = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      // What a scrolling box holds may reach further; the box itself is what must fit.
      .filter((element) => !element.parentElement?.closest(".overflow-x-auto, .overflow-auto"))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`)
      .join(" | "),
  );

/** Visits each path at each size: nothing may scroll sideways; a screenshot of each goes in the report. */
async function measure(page: Page, info: TestInfo, paths: string[]): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      const wider = await overflow(page);
      expect(wider, `${path} at ${size.width}px: ${wider > 0 ? await culprits(page) : ""}`).toBeLessThanOrEqual(0);
      await info.attach(`${path.slice(1).replaceAll("/", "-")} ${size.width}x${size.height}`, {
        body: await page.screenshot({ fullPage: true }),
        contentType: "image/png",
      });
    }
  }
}

test("the signed-out pages and the API reference fit 390, 1280 and 1920 pixels", async ({ page }, info) => {
  await measure(page, info, ["/sign-in", "/sign-up", "/docs"]);
});

test("every workspace page fits 390, 1280 and 1920 pixels without scrolling sideways", async ({ page, request }, info) => {
  // A key with a long name, so its own page and its row are measured too.
  const headers = {
    authorization: `Bearer ${await bearerFor(request, "admin@acme.test")}`,
    "x-tenant-id": await workspaceIdOf(request, "admin@acme.test", "acme"),
  };
  const created = await request.post("/api/api-keys", {
    headers,
    data: { name: "Nightly warehouse export for the finance team", permissions: ["source:read", "pipeline:read"] },
  });
  const key = (await created.json()) as { id: string };
  await signIn(page, "admin@acme.test");
  try {
    await measure(page, info, [...WORKSPACE_PAGES, `/w/acme/settings/api-keys/${key.id}`]);
  } finally {
    await request.delete(`/api/api-keys/${key.id}`, { headers });
  }
});

test("on a phone the sidebar is a menu button that opens the navigation", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "admin@acme.test");
  await expect(page.getByRole("navigation", { name: "Workspace" })).toBeHidden();
  await page.getByRole("button", { name: "Open the menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Workspace menu" });
  await drawer.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  // The key list's actions stay in reach: the row menu is on screen, not scrolled away.
  await page.goto("/w/acme/settings/api-keys");
  const actions = page.getByRole("button", { name: /^Actions for / }).first();
  if (await actions.count()) {
    const box = (await actions.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
});
