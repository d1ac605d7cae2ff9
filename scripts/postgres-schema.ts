// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (the one source of truth): only
// the provider, the generated client's folder and the `// postgresql-only:` lines differ. Run by
// postinstall and by db-migrate; `--check` exits 1 if the committed copy is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");

export function postgresSchemaText(sqlite: string): string {
  const derived = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output       = "../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgres"')
    // Indexes only PostgreSQL has (a trigram index): written as comments so SQLite's schema skips them.
    .replace(/^(\s*)\/\/ postgresql-only: /gm, "$1");
  if (derived === sqlite || !derived.includes('"../../lib/db/generated/postgres"')) {
    throw new Error("prisma/schema.prisma no longer has the provider/output lines this script rewrites");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/postgres-schema.ts: do not edit.\n${derived}`;
}

const target = path.join(root, "prisma/postgres/schema.prisma");
const text = postgresSchemaText(source);
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error("prisma/postgres/schema.prisma is stale: run npm run db:derive");
    process.exit(1);
  }
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}
