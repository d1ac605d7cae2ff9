import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;

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
  webServer: {
    // A fresh database each run, seeded with the demo data; the same start script as `npm start`.
    command: "rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm && node --import tsx scripts/start.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: "file:./data/e2e.db",
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: "e2e-nextauth-secret-0123456789abcdef0123456789",
      KEYWARD_API_KEY_PEPPER: "e2e-pepper-0123456789abcdef0123456789abcdef",
      KEYWARD_USAGE_FLUSH_MS: "500",
      KEYWARD_SEED_DEMO: "1",
    },
  },
});
