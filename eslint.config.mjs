import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "lib/db/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "data/**", "next-env.d.ts"],
  },
  {
    // Tests read loosely typed JSON bodies; `any` there keeps assertions readable.
    files: ["tests/**/*.ts", "e2e/**/*.ts", "scripts/cluster-test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
];

export default config;
