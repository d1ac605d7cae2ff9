// Once per run: a migrated, seeded template database that every test file copies. SQLite (default):
// a template file copied per file. PostgreSQL (TEST_DATABASE=postgres): a template database that each
// file clones with CREATE DATABASE ... TEMPLATE, dropped afterwards.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { testPostgresUrl, withDatabase } from "./postgres";

const root = path.resolve(import.meta.dirname, "../../..");
export const TEMPLATE_DIR = path.join(root, "data/test");

function migrateAndSeed(databaseUrl: string): void {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  const tsx = path.join(root, "node_modules/.bin/tsx");
  execFileSync(tsx, ["scripts/db-migrate.ts", "deploy"], { cwd: root, env, stdio: "inherit" });
  execFileSync(tsx, ["scripts/seed.ts", "--fixture"], { cwd: root, env, stdio: "inherit" });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.TEST_DATABASE === "postgres") {
    const template = `keyward_test_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client(testPostgresUrl());
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    migrateAndSeed(withDatabase(testPostgresUrl(), template));
    project.provide("postgresTemplate", template);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  const file = path.join(TEMPLATE_DIR, "template.db");
  migrateAndSeed(`file:${file}`);
  // Fold the WAL into the main file so a plain copy is complete.
  execFileSync(
    process.execPath,
    [
      "-e",
      `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.pragma('wal_checkpoint(TRUNCATE)');d.pragma('journal_mode=DELETE');d.close();`,
    ],
    { cwd: root },
  );
  project.provide("postgresTemplate", "");
  return async () => undefined;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
