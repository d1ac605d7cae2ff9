/** Where the e2e server keeps its database (a fresh folder each run, created by the app). */
export const E2E_DATABASE = "data/e2e/keyward.db";

/** The demo server: `npm start` on an empty database, with the living demo seed. */
export const DEMO_URL = `http://localhost:${process.env.E2E_DEMO_PORT ?? 3101}`;
export const DEMO_DATABASE = "data/e2e-demo/keyward.db";
/** What the demo server printed (its start-up's last line names the URL and the demo sign-in). */
export const DEMO_LOG = "data/e2e-demo.log";

/** Every page of a workspace (the Acme fixture), for the layout and contrast checks. */
export const WORKSPACE_PAGES = [
  "/w/acme/settings/api-keys",
  "/w/acme/settings/key-policy",
  "/w/acme/settings/api-activity",
  "/w/acme/settings/webhooks",
  "/w/acme/settings/members",
  "/w/acme/settings/audit-log",
  "/w/acme/sources",
  "/w/acme/destinations",
  "/w/acme/pipelines",
  "/w/acme/tracking-plans",
];
