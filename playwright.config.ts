import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { DEMO_DATABASE, DEMO_LOG, DEMO_URL, E2E_DATABASE } from "./e2e/paths";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3125);

// Debian's Chromium where Playwright cannot download its own (these machines); set
// PLAYWRIGHT_CHROMIUM_PATH to choose another, or to "" to use Playwright's bundled browser.
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : "");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    screenshot: "on",
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      // A real SMTP receiver for the mail the app sends (e2e/mail-sink.ts).
      command: "node --import tsx e2e/mail-sink.ts",
      port: SMTP_PORT,
      reuseExistingServer: false,
      env: { E2E_SMTP_PORT: String(SMTP_PORT) },
    },
    {
      // A fresh database in a fresh folder each run, seeded with the test fixture; the same start script
      // as `npm start` (the folder is created by the app, so its mode is the app's: 0700).
      command: "rm -rf data/e2e && node --import tsx scripts/start.ts",
      url: `${BASE_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        DATABASE_URL: `file:./${E2E_DATABASE}`,
        NEXTAUTH_URL: BASE_URL,
        NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789abcdef0123456789",
        KEYWARD_API_KEY_PEPPER: "e2e-pepper-0123456789abcdef0123456789abcdef",
        KEYWARD_USAGE_FLUSH_MS: "500",
        KEYWARD_SEED: "fixture",
        KEYWARD_SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        // The webhooks spec's receiver listens on this machine's loopback.
        KEYWARD_WEBHOOK_ALLOW_PRIVATE: "1",
      },
    },
    {
      // `npm start` as a new user runs it: the living demo in a fresh database (e2e/13-demo.spec.ts).
      // Started after the server above, so the build it made is reused. Its output goes to a file too,
      // so the spec can read the start-up's last line. Background jobs are off: its reminder mails
      // must not land in the other specs' inbox.
      command: `rm -rf ${dirname(DEMO_DATABASE)} ${DEMO_LOG} && mkdir -p ${dirname(DEMO_LOG)} && node --import tsx scripts/start.ts | tee ${DEMO_LOG}`,
      url: `${DEMO_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      env: {
        PORT: new URL(DEMO_URL).port,
        DATABASE_URL: `file:./${DEMO_DATABASE}`,
        NEXTAUTH_URL: DEMO_URL,
        NEXTAUTH_SECRET: "e2e-demo-nextauth-secret-0123456789abcdef0123456789",
        KEYWARD_API_KEY_PEPPER: "e2e-demo-pepper-0123456789abcdef0123456789abcdef",
        KEYWARD_BACKGROUND_JOBS: "off",
      },
    },
  ],
});
