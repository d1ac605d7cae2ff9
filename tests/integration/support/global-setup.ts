// Once per run: a migrated, seeded template database that every test file copies (a copy costs
// milliseconds; migrating and hashing the demo password costs seconds).
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const TEMPLATE_DIR = path.resolve(import.meta.dirname, "../../../data/test");
export const TEMPLATE_FILE = path.join(TEMPLATE_DIR, "template.db");

export default function setup(): void {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `file:${TEMPLATE_FILE}` };
  const tsx = path.resolve(import.meta.dirname, "../../../node_modules/.bin/tsx");
  execFileSync(tsx, ["scripts/db-migrate.ts", "deploy"], { env, stdio: "inherit" });
  execFileSync(tsx, ["scripts/seed.ts"], { env, stdio: "inherit" });
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(process.execPath, ["-e", `const D=require('better-sqlite3');const d=new D(${JSON.stringify(TEMPLATE_FILE)});d.pragma('wal_checkpoint(TRUNCATE)');d.pragma('journal_mode=DELETE');d.close();`]);
}
