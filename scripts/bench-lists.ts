// `npm run bench -- --lists`: lists that scale. Seeds 2,000 members and 20,000 keys (theirs, of every
// status, a tenth never used, a third without expiry) into Acme, on SQLite and then on PostgreSQL, starts
// the production server and measures, one request at a time: the API keys page (server time and
// HTML size, signed in as the owner), GET /api/api-keys's first page, a search, a page after 10,000
// keys reached by cursor, a sort by last use, and the members list's first page and a search.
// Prints p50 and p99 of each; the figures go to docs/performance.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "./build-if-needed";

const root = path.resolve(import.meta.dirname, "..");
const KEYS = 20_000;
const MEMBERS = 2_000;
const SAMPLES = 200;
const PORT = 3350;
const base = `http://localhost:${PORT}`;
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789abcdef0123456789",
  NEXTAUTH_URL: base,
  KEYWARD_API_KEY_PEPPER: "bench-pepper-0123456789abcdef0123456789abcdef",
  KEYWARD_BACKGROUND_JOBS: "off",
};

const tsx = path.join(root, "node_modules", ".bin", "tsx");
function prepare(databaseUrl: string): void {
  for (const script of [
    ["scripts/db-migrate.ts", "deploy"],
    ["scripts/seed.ts", "--fixture"],
    ["scripts/bench-lists.ts", "--seed"],
  ]) {
    const result = spawnSync(tsx, script, { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${script.join(" ")} failed`);
  }
}

/** The child that writes the rows (Prisma's createMany in batches; no key is ever used). */
async function seedRows(): Promise<void> {
  const { getDb, disconnectDb } = await import("../lib/db/client");
  const db = getDb();
  const acme = await db.workspace.findUniqueOrThrow({ where: { slug: "acme" } });
  await db.workspace.update({ where: { id: acme.id }, data: { plan: "agency_plus" } });
  const owner = await db.user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
  const now = Date.now();
  // The members first: the keys are theirs. Creation caps each person's live keys (10 on Agency Plus),
  // so a workspace of 20,000 keys is many people's keys over years, most of them revoked or expired.
  const creators = [owner.id];
  for (let start = 0; start < MEMBERS; start += 1000) {
    const users = Array.from({ length: Math.min(1000, MEMBERS - start) }, (_, offset) => ({
      id: randomUUID(),
      email: `person${start + offset}@bench.test`,
      name: `Person ${start + offset}`,
      passwordHash: "x",
    }));
    await db.user.createMany({ data: users });
    creators.push(...users.map((user) => user.id));
    await db.membership.createMany({
      data: users.map((user, offset) => ({
        workspaceId: acme.id,
        userId: user.id,
        role: "MEMBER",
        createdAt: new Date(now - (MEMBERS - start - offset) * 1000),
      })),
    });
  }
  for (let start = 0; start < KEYS; start += 2000) {
    await db.apiKey.createMany({
      data: Array.from({ length: Math.min(2000, KEYS - start) }, (_, offset) => {
        const i = start + offset;
        return {
          id: randomUUID(),
          workspaceId: acme.id,
          owner: i % 10 === 0 ? "workspace" : "user",
          createdById: creators[i % creators.length]!,
          name: `${["Airflow", "dbt", "Segment", "Looker", "Fivetran"][i % 5]} service ${i}`,
          keyPrefix: `kw_sk_${randomBytes(6).toString("hex")}`,
          secretHash: "0".repeat(64),
          permissions: "source:read",
          createdAt: new Date(now - (KEYS - i) * 60_000),
          lastUsedAt: i % 10 === 3 ? null : new Date(now - ((i * 7919) % 100_000) * 60_000),
          expiresAt: i % 3 === 0 ? null : new Date(now + (((i * 104729) % 400) - 30) * 86_400_000),
          revokedAt: i % 9 === 0 ? new Date(now - 86_400_000) : null,
          isActive: i % 13 !== 0,
        };
      }),
    });
  }
  await disconnectDb();
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...env, PORT: String(PORT), DATABASE_URL: databaseUrl },
    stdio: "ignore",
  });
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error("the server did not start");
}

/** A browser session cookie, through next-auth's own credentials sign-in. */
async function sessionCookie(): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "owner@acme.test", password: "keyward-demo", json: "true" }),
  });
  const session = signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error("sign-in failed");
  return session.split(";")[0]!;
}

async function timed(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p99: times[Math.floor(times.length * 0.99)]!, bytes };
}

async function measure(label: string, databaseUrl: string): Promise<void> {
  console.log(`\n${label}: seeding ${KEYS.toLocaleString("en")} keys and ${MEMBERS.toLocaleString("en")} members…`);
  prepare(databaseUrl);
  if (databaseUrl.startsWith("postgres")) {
    // What autovacuum does soon after a bulk load: statistics for the planner and a visibility map for
    // index-only scans. Measured straight after the load, PostgreSQL plans as if each table were empty.
    const client = new pg.Client(databaseUrl);
    await client.connect();
    await client.query("VACUUM ANALYZE");
    await client.end();
  }
  const server = await startServer(databaseUrl);
  try {
    const token = (
      (await (
        await fetch(`${base}/api/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "owner@acme.test", password: "keyward-demo" }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
    const me = (await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      workspaces: { id: string; slug: string }[];
    };
    const api = { authorization: `Bearer ${token}`, "x-tenant-id": me.workspaces.find((w) => w.slug === "acme")!.id };
    // The cursor after 10,000 keys, followed page by page as a client would.
    let cursor = "";
    for (let seen = 0; seen < 10_000; seen += 100) {
      const page = (await (
        await fetch(`${base}/api/api-keys?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers: api })
      ).json()) as {
        nextCursor: string;
      };
      cursor = page.nextCursor;
    }
    const cookie = await sessionCookie();
    const rows: [string, string, Record<string, string>][] = [
      ["API keys page (HTML)", "/w/acme/settings/api-keys", { cookie }],
      ["GET /api/api-keys (first page)", "/api/api-keys", api],
      ["GET /api/api-keys?q=segment service 1", "/api/api-keys?q=segment%20service%201", api],
      ["GET /api/api-keys?q=<prefix start>", "/api/api-keys?q=kw_sk_ab", api],
      ["GET /api/api-keys (after 10,000 keys)", `/api/api-keys?cursor=${cursor}`, api],
      ["GET /api/api-keys?sort=lastUsed", "/api/api-keys?sort=lastUsed", api],
      ["GET /api/members (first page)", "/api/members", api],
      ["GET /api/members?q=person 19", "/api/members?q=person%2019", api],
    ];
    console.log(`${"".padEnd(42)}   p50 ms   p99 ms   bytes`);
    for (const [name, url, headers] of rows) {
      await timed(`${base}${url}`, headers).then(() => undefined); // warm-up round
      const result = await timed(`${base}${url}`, headers);
      console.log(
        `${name.padEnd(42)}${result.p50.toFixed(1).padStart(9)}${result.p99.toFixed(1).padStart(9)}${String(result.bytes).padStart(9)}`,
      );
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--seed")) return seedRows();
  console.log("Keyward list benchmark: building the production app if the sources changed…");
  buildIfNeeded(env);
  const file = path.join(root, "data", "bench", "lists.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  await measure("SQLite", `file:${file}`);
  const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const database = `keyward_bench_lists_${Date.now()}`;
  const admin = new pg.Client(postgresUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  try {
    const url = new URL(postgresUrl);
    url.pathname = `/${database}`;
    await measure("PostgreSQL", url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
