/** Where the e2e server keeps its database (a fresh folder each run, created by the app). */
export const E2E_DATABASE = "data/e2e/keyward.db";
