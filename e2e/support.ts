import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

export const DEMO_PASSWORD = "keyward-demo";

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/[^/]+\/settings\/api-keys/);
}

/** A bearer token for the management API, from the same endpoint scripts use. */
export async function bearerFor(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/api/auth/token", { data: { email, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken as string;
}

export async function workspaceIdOf(request: APIRequestContext, email: string, slug: string): Promise<string> {
  const res = await request.get("/api/me", { headers: { authorization: `Bearer ${await bearerFor(request, email)}` } });
  const { workspaces } = (await res.json()) as { workspaces: { id: string; slug: string }[] };
  return workspaces.find((workspace) => workspace.slug === slug)!.id;
}

export async function openApiKeysFromProfileMenu(page: Page): Promise<void> {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
}

/** Fills and submits the create form; leaves the reveal dialog open. */
export async function createKeyInUi(page: Page, name: string, scopes: string[]): Promise<void> {
  await page.getByRole("button", { name: "Create API key" }).click();
  const form = page.getByRole("form", { name: "Create API key" });
  await form.getByLabel("Token name").fill(name);
  for (const scope of scopes) await form.getByLabel(scope, { exact: true }).check();
  await form.getByRole("button", { name: "Create API key" }).click();
  await expect(page.getByTestId("reveal-dialog")).toBeVisible();
}

/** Reads the new key from the reveal dialog and closes it (copying the key first, so no confirm). */
export async function takeKeyAndClose(page: Page): Promise<string> {
  const key = await page.getByTestId("api-key").inputValue();
  await page.getByTestId("copy-api-key").click();
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByTestId("reveal-dialog")).toBeHidden();
  return key;
}

export function keyRow(page: Page, name: string) {
  return page.locator(`[data-testid="key-row"][data-key-name="${name}"]`);
}

export async function rowAction(page: Page, name: string, action: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: action }).click();
}

export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  await info.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/** The newest mail the app sent to `address` (through the e2e SMTP receiver), waiting for it to arrive. */
export async function mailTo(address: string): Promise<{ subject: string; text: string; link: string }> {
  const { readdirSync, readFileSync, existsSync } = await import("node:fs");
  const folder = "data/e2e-mail";
  for (let attempt = 0; attempt < 50; attempt++) {
    const mails = existsSync(folder)
      ? readdirSync(folder)
          .sort()
          .map((file) => JSON.parse(readFileSync(`${folder}/${file}`, "utf8")) as { to: string[]; subject: string; text: string })
          .filter((mail) => mail.to.includes(address))
      : [];
    const mail = mails.at(-1);
    if (mail) return { ...mail, link: /https?:\/\/\S+/.exec(mail.text)![0] };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${address} arrived`);
}
