import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "lib/db/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      "next-env.d.ts",
    ],
  },
  {
    // Tests read loosely typed JSON bodies; `any` there keeps assertions readable.
    files: ["tests/**/*.ts", "e2e/**/*.ts", "scripts/cluster-test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Components are UI only: they take data as props and import shapes from schemas.ts, never a
    // service, the database or a server-only module.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex:
                "^(@/lib|\\.\\./lib|\\.\\./\\.\\./lib)/(.+/)?(service|users|tokens|verify|usage-recorder|usage-history|page-context|session)$",
              message: "Components import types from lib/<domain>/schemas.ts; pages call the services and pass data down.",
            },
            { regex: "^(@/lib|\\.\\./lib)/db(/|$)", message: "Components never reach the database." },
          ],
        },
      ],
    },
  },
];

export default config;
