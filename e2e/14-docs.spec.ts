// /docs: the OpenAPI document in a renderer bundled into the app. Nothing loads from another host,
// the code samples come in curl, JavaScript fetch and Python requests, and "Test Request" gets a real
// answer from this server with a pasted key or with the signed-in session.
import { expect, test, type Page } from "@playwright/test";
import { bearerFor, signIn, workspaceIdOf } from "./support";

/** Scrolls the reference to an operation (through its sidebar entry) and returns its section. */
async function operation(page: Page, group: string, summary: string, method = "GET") {
  await expect(page.getByRole("link", { name: group, exact: true })).toBeVisible();
  const closed = page.getByRole("button", { name: `Open Group - ${group}`, exact: true });
  if (await closed.count()) await closed.click();
  await page.getByRole("link", { name: `${summary} HTTP Method: ${method}`, exact: true }).click();
  return page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: summary, exact: true }) })
    .last();
}

/** Opens the request client from an operation, sends, and returns the dialog. */
async function testRequest(page: Page, section: ReturnType<Page["locator"]>, apiKey?: string) {
  await section
    .getByRole("button", { name: /Test Request/ })
    .first()
    .click();
  const client = page.getByRole("dialog");
  if (apiKey) {
    await client.getByLabel("Value").first().fill(apiKey);
  }
  await client.getByRole("button", { name: /^Send get request/ }).click();
  await expect(client.getByText("200 OK")).toBeVisible();
  return client;
}

test("renders the document from this origin only, with curl, fetch and Python samples", async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) elsewhere.push(request.url());
  });
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) cspViolations.push(message.text());
  });
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "Keyward API", level: 1 })).toBeVisible();
  const whoami = await operation(page, "Integration", "Who this key is");
  await expect(whoami.getByText(`curl ${baseURL}/api/integration/whoami`)).toBeVisible();
  // The client chosen under "Client Libraries" writes every operation's sample.
  const samples: [string, string][] = [
    ["JavaScript", `fetch('${baseURL}/api/integration/whoami'`],
    ["Python", `requests.get( "${baseURL}/api/integration/whoami"`],
  ];
  for (const [client, sample] of samples) {
    await page.getByRole("tab", { name: client }).first().click();
    await expect(whoami.getByText(sample)).toBeVisible();
  }
  expect(elsewhere).toEqual([]);
  expect(cspViolations).toEqual([]);
});

test("Test Request answers with a pasted API key", async ({ page, request }) => {
  const headers = {
    authorization: `Bearer ${await bearerFor(request, "owner@globex.test")}`,
    "x-tenant-id": await workspaceIdOf(request, "owner@globex.test", "globex"),
  };
  const key = await (
    await request.post("/api/api-keys", { headers, data: { name: "Docs try-it", permissions: ["source:read"] } })
  ).json();
  try {
    await page.goto("/docs");
    const client = await testRequest(page, await operation(page, "Integration", "Who this key is"), key.plaintextKey);
    await expect(client.getByText('"Docs try-it"')).toBeVisible();
  } finally {
    await request.delete(`/api/api-keys/${key.id}`, { headers });
  }
});

test("Test Request answers with the signed-in session", async ({ page }) => {
  await signIn(page, "viewer@acme.test");
  await page.goto("/docs");
  const client = await testRequest(page, await operation(page, "Authentication", "The signed-in user and their workspaces"));
  await expect(client.getByText('"viewer@acme.test"')).toBeVisible();
});
