import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // The real package throws outside React Server Components; tests run services directly.
  "server-only": path.join(root, "tests/support/empty-module.ts"),
};
const env = {
  NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef0123456789",
  NEXTAUTH_URL: "http://localhost:3000",
  KEYWARD_API_KEY_PEPPER: "test-pepper-0123456789abcdef0123456789abcdef",
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "lib/**/*.test.ts"], env },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          env,
          globalSetup: ["tests/integration/support/global-setup.ts"],
          setupFiles: ["tests/integration/support/per-file-database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
