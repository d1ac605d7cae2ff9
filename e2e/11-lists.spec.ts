import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE } from "./paths";
import { signIn, snap } from "./support";

const KEYS = 130;

/**
 * A large workspace written straight into the running server's SQLite database: Adam Admin owns it,
 * with 130 active keys made a minute apart (API creation would stop at the plan's per-user limit).
 */
function seedLargeWorkspace(): string {
  const db = new Database(E2E_DATABASE);
  const slug = `bigco-${randomBytes(3).toString("hex")}`;
  const now = Date.now();
  const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}+00:00`;
  const admin = db.prepare(`SELECT "id" FROM "User" WHERE "email" = 'admin@acme.test'`).get() as { id: string };
  const workspaceId = randomUUID();
  db.transaction(() => {
    db.prepare(`INSERT INTO "Workspace" ("id","name","slug","plan","keyLock","createdAt") VALUES (?,?,?,?,0,?)`).run(
      workspaceId,
      "Big Co",
      slug,
      "agency_plus",
      stamp(now),
    );
    db.prepare(
      `INSERT INTO "Membership" ("id","workspaceId","userId","role","keyLock","createdAt") VALUES (?,?,?,'OWNER',0,?)`,
    ).run(randomUUID(), workspaceId, admin.id, stamp(now));
    const key = db.prepare(
      `INSERT INTO "ApiKey" ("id","workspaceId","owner","createdById","name","keyPrefix","secretHash","permissions","allowedIps","isActive","createdAt","updatedAt","expiresAt")
       VALUES (?,?,'user',?,?,?,?,'source:read','',1,?,?,?)`,
    );
    for (let i = 1; i <= KEYS; i++) {
      key.run(
        randomUUID(),
        workspaceId,
        admin.id,
        `Pipeline key ${String(i).padStart(3, "0")}`,
        `kw_sk_${randomBytes(6).toString("hex")}`,
        "0".repeat(64),
        stamp(now - (KEYS - i) * 60_000),
        stamp(now),
        stamp(now + (i % 40) * 86_400_000 + 86_400_000),
      );
    }
  })();
  db.close();
  return slug;
}

test("a workspace with many keys: one page first, load more, search and sort in the URL, bulk actions on ticked keys and on all matching", async ({
  page,
}, info) => {
  const slug = seedLargeWorkspace();
  await signIn(page, "admin@acme.test");
  await page.goto(`/w/${slug}/settings/api-keys`);
  const rows = page.getByTestId("key-row");
  await expect(page.getByTestId("list-summary")).toHaveText(`${KEYS} keys`);
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAttribute("data-key-name", "Pipeline key 130");
  await page.getByRole("button", { name: `Load more (50 of ${KEYS} shown)` }).click();
  await expect(rows).toHaveCount(100);
  await expect(page.getByTestId("notice")).toHaveText("50 more keys loaded.");

  // Search and sort live in the URL, answered by the server.
  await page.getByLabel("Search keys").fill("key 12");
  await expect(page).toHaveURL(/[?&]q=key\+12/);
  await expect(page.getByTestId("list-summary")).toHaveText("10 keys matching “key 12”");
  await expect(rows).toHaveCount(10);
  await page.getByLabel("Search keys").fill("");
  await expect(rows).toHaveCount(50);
  await page.getByLabel("Sort").selectOption({ label: "Expiring soonest" });
  await expect(page).toHaveURL(/sort=expires&order=asc/);
  await expect(rows.first()).toHaveAttribute("data-key-name", /Pipeline key (040|080|120)/);
  await page.reload();
  await expect(page.getByLabel("Sort")).toHaveValue("expires:asc");

  // Bulk on ticked keys: the confirmation names them.
  await page.getByLabel("Sort").selectOption({ label: "Newest first" });
  await expect(rows.first()).toHaveAttribute("data-key-name", "Pipeline key 130");
  for (const name of ["Pipeline key 130", "Pipeline key 129", "Pipeline key 128"])
    await page.getByLabel(`Select ${name}`).check();
  await expect(page.getByTestId("bulk-bar")).toContainText("3 selected");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Disable" }).click();
  const dialog = page.getByRole("dialog", { name: "Disable 3 keys?" });
  await expect(dialog.getByTestId("bulk-keys")).toContainText("Pipeline key 129");
  await dialog.getByLabel("Reason").fill("migrating to workspace keys");
  await dialog.getByRole("button", { name: "Disable 3 keys" }).click();
  await expect(page.getByTestId("notice")).toHaveText("3 keys disabled.");
  await expect(page.getByTestId("key-row").first().getByTestId("key-status")).toContainText("migrating to workspace keys");

  // Bulk on every key matching the filter, without loading them: the count and filter are shown.
  await page.getByLabel("Select every key on this page").check();
  await page.getByRole("button", { name: `Select all ${KEYS} keys matching this filter` }).click();
  await expect(page.getByTestId("bulk-bar")).toContainText(`All ${KEYS} keys matching this filter are selected`);
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Revoke" }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke ${KEYS} keys?` });
  await expect(revoke.getByTestId("bulk-matching")).toHaveText(`Every key matching this filter (all but revoked): ${KEYS} keys.`);
  await snap(page, info, "bulk-revoke-all-matching");
  await revoke.getByRole("button", { name: `Revoke ${KEYS} keys` }).click();
  await expect(page.getByTestId("notice")).toHaveText(`${KEYS} keys revoked.`, { timeout: 30_000 });
  await expect(page.getByTestId("empty-state")).toContainText("No keys match this filter");
  await expect(page.getByTestId("list-summary")).toContainText(`${KEYS} revoked keys hidden - show`);
  await page.getByTestId("list-summary").getByRole("button", { name: "show" }).click();
  await expect(page).toHaveURL(/status=all/);
  await expect(rows).toHaveCount(50);
});
