/** Where the e2e server keeps its database (a fresh folder each run, created by the app). */
export const E2E_DATABASE = "data/e2e/keyward.db";

/** The demo server: `npm start` on an empty database, with the living demo seed. */
export const DEMO_URL = `http://localhost:${process.env.E2E_DEMO_PORT ?? 3101}`;
export const DEMO_DATABASE = "data/e2e-demo/keyward.db";
/** What the demo server printed (its start-up's last line names the URL and the demo sign-in). */
export const DEMO_LOG = "data/e2e-demo.log";
