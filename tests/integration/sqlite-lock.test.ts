// Another process holds the SQLite database's write lock (a backup, a sqlite3 shell): the server
// keeps answering cached key checks and /api/health at once, its event loop never stalls, writes
// wait and go through when the lock is released, or answer 503 with Retry-After past the bound. A
// full disk answers writes with 503 too, and loses nothing that was acknowledged.
// The lock is held by a real second process (python3's sqlite3). On the PostgreSQL run the test
// makes a SQLite database of its own, so it always tests SQLite.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { bearer, call, workspaceId, type Credentials } from "./support/api";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "keyward-lock-"));
const file = path.join(dir, "keyward.db");
const realDatabase = process.env.DATABASE_URL;
let owner: Credentials;
let acme: string;
let key: string;

beforeAll(async () => {
  const env = { ...process.env, DATABASE_URL: `file:${file}` };
  const tsx = path.join(root, "node_modules/.bin/tsx");
  execFileSync(tsx, ["scripts/db-migrate.ts", "deploy"], { cwd: root, env, stdio: "ignore" });
  execFileSync(tsx, ["scripts/seed.ts", "--fixture"], { cwd: root, env, stdio: "ignore" });
  await disconnectDb();
  process.env.DATABASE_URL = `file:${file}`;
  process.env.KEYWARD_SQLITE_BUSY_MS = "1500";
  owner = await bearer("owner@acme.test");
  acme = await workspaceId("acme");
  key = (await call("POST", "/api/api-keys", { as: owner, tenant: acme, body: { name: "locked", permissions: ["source:read"] } }))
    .body.plaintextKey;
});

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = realDatabase;
  delete process.env.KEYWARD_SQLITE_BUSY_MS;
  rmSync(dir, { recursive: true, force: true });
});

/** A python3 process that takes the write lock, says so, and holds it for `seconds`. */
async function holdLock(seconds: number): Promise<ChildProcess> {
  const script = `import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")`;
  const child = spawn("python3", ["-c", script, file, String(seconds)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.on("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.on("exit", resolve));

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe("a SQLite write lock held by another process", () => {
  it("cached key checks and health answer at once, and a write past the bound answers 503 with Retry-After", async () => {
    expect((await call("GET", "/api/integration/whoami", { headers: { "x-api-key": key } })).status).toBe(200);
    const holder = await holdLock(4);
    try {
      const write = timed(() =>
        call("POST", "/api/api-keys", { as: owner, tenant: acme, body: { name: "waits", permissions: ["source:read"] } }),
      );
      // While the write waits for the lock, everything that needs no write answers at once.
      for (let i = 0; i < 5; i++) {
        const whoami = await timed(() => call("GET", "/api/integration/whoami", { headers: { "x-api-key": key } }));
        expect(whoami.result.status).toBe(200);
        expect(whoami.ms).toBeLessThan(1000);
        const health = await timed(() => call("GET", "/api/health"));
        expect(health.ms).toBeLessThan(1000);
      }
      const { result, ms } = await write;
      expect([result.status, result.body.error.code]).toEqual([503, "service_unavailable"]);
      expect(result.headers.get("retry-after")).toBe("5");
      expect(ms).toBeGreaterThanOrEqual(1400);
      expect(ms).toBeLessThan(3500);
    } finally {
      await exited(holder);
    }
  });

  it("a write that starts while the lock is held goes through once it is released, and then everything recovers", async () => {
    const holder = await holdLock(0.7);
    const write = call("POST", "/api/api-keys", {
      as: owner,
      tenant: acme,
      body: { name: "after the lock", permissions: ["source:read"] },
    });
    await exited(holder);
    expect((await write).status).toBe(201);
    expect(
      (await call("GET", "/api/api-keys", { as: owner, tenant: acme })).body.data.map((each: { name: string }) => each.name),
    ).toContain("after the lock");
  });
});

describe("a full SQLite disk", () => {
  // SQLite's own limit on the file's size (PRAGMA max_page_count) fails a write that needs one more
  // page exactly as a full disk does (SQLITE_FULL), without needing a small filesystem to mount.
  it("answers 503 with Retry-After, loses nothing acknowledged, and recovers once there is room", async () => {
    const keyId = (await call("GET", "/api/api-keys", { as: owner, tenant: acme })).body.data[0].id as string;
    const [size] = await getDb().$queryRawUnsafe<{ pages: bigint }[]>('SELECT page_count AS "pages" FROM pragma_page_count()');
    await getDb().$queryRawUnsafe(`PRAGMA max_page_count = ${Number(size!.pages)}`);
    const acknowledged: string[] = [];
    let full: Awaited<ReturnType<typeof call<any>>> | undefined;
    try {
      // Each rename writes the key and an audit event; the file soon needs a page it may not have.
      for (let i = 0; i < 300 && !full; i++) {
        const name = `renamed while filling ${i} ${"x".repeat(60)}`;
        const res = await call("PATCH", `/api/api-keys/${keyId}`, { as: owner, tenant: acme, body: { name } });
        if (res.status === 200) acknowledged.push(name);
        else full = res;
      }
      expect(full && [full.status, full.body.error.code]).toEqual([503, "service_unavailable"]);
      expect(full!.headers.get("retry-after")).toBe("5");
      expect((await call("GET", "/api/health")).status).toBe(200);
    } finally {
      await getDb().$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    }
    const key = await call("GET", `/api/api-keys/${keyId}`, { as: owner, tenant: acme });
    expect(key.body.name).toBe(acknowledged.at(-1));
    const renames = await getDb().auditEvent.count({ where: { action: "api_key.updated", targetId: keyId } });
    expect(renames).toBe(acknowledged.length);
    const after = await call("PATCH", `/api/api-keys/${keyId}`, { as: owner, tenant: acme, body: { name: "room again" } });
    expect(after.status).toBe(200);
  });
});
