// `npm start`'s database checks (scripts/preflight.ts), run as the start script runs them: a locked
// SQLite file, a corrupt one, and a PostgreSQL nobody answers each end with exit code 1 and one
// sentence saying what to do, within seconds; a healthy database passes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "keyward-preflight-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function preflight(databaseUrl: string) {
  const started = Date.now();
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/preflight.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}

describe("start-up checks", () => {
  it("a SQLite file another process holds locked: exit 1 with a sentence naming the lock", () => {
    const file = path.join(dir, "locked.db");
    const holder = new Database(file);
    holder.exec('PRAGMA journal_mode = WAL; CREATE TABLE "t" ("x" INTEGER);');
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const result = preflight(`file:${file}`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The database file ${file} is locked by another process`);
      expect(result.stderr).toContain("stop that process");
      expect(result.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack
      expect(result.seconds).toBeLessThan(15);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("a corrupt SQLite file: exit 1 with a sentence saying to restore or move it", () => {
    const file = path.join(dir, "corrupt.db");
    const healthy = new Database(file);
    healthy.exec('CREATE TABLE "t" ("x" TEXT); INSERT INTO "t" VALUES (\'a\');');
    healthy.close();
    // Keep SQLite's header, overwrite the pages behind it.
    const bytes = Buffer.alloc(8192, 0xab);
    readFileSync(file).subarray(0, 100).copy(bytes, 0);
    writeFileSync(file, bytes);
    const result = preflight(`file:${file}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is corrupt/);
    expect(result.stderr).toContain("restore it from a backup, or move it away");
  });

  it("a PostgreSQL that does not answer: exit 1 with a sentence naming the server and DATABASE_URL", () => {
    const result = preflight("postgresql://postgres@127.0.0.1:1/keyward");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Cannot reach PostgreSQL at 127.0.0.1:1/keyward");
    expect(result.stderr).toContain("check DATABASE_URL");
  });

  it("a healthy database, or none yet, passes", () => {
    const file = path.join(dir, "healthy.db");
    const healthy = new Database(file);
    healthy.exec('PRAGMA journal_mode = WAL; CREATE TABLE "t" ("x" INTEGER);');
    healthy.close();
    expect(preflight(`file:${file}`).code).toBe(0);
    expect(preflight(`file:${path.join(dir, "new.db")}`).code).toBe(0);
  });
});
