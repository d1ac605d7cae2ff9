// `npm run test:cluster`: two Keyward instances on one PostgreSQL database and one Redis, driven with
// real HTTP, proving what the README promises for scale-out. Needs PostgreSQL (TEST_POSTGRES_URL,
// default postgresql://postgres@127.0.0.1:5432/test) and the redis-server binary: it runs its own
// Redis on a spare port so that it can stop and restart it. Prints "N passed, M failed" and exits 1
// on any failure.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createConnection } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import Redis from "ioredis";
import pg from "pg";
import { buildIfNeeded } from "./build-if-needed";
import { poolConfigFromUrl, RUNTIME_POOL_TIMEOUTS } from "../lib/db/postgres-pool";
import { startTcpProxy } from "../tests/support/tcp-proxy";
import { startWebhookReceiver } from "../tests/support/webhook-receiver";

const root = path.resolve(import.meta.dirname, "..");
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const REDIS_PORT = Number(process.env.TEST_REDIS_PORT ?? 6390);
const redisUrl = `redis://127.0.0.1:${REDIS_PORT}`;
let redisServer: ChildProcess | undefined;

async function startRedis(): Promise<void> {
  // A Redis left on the port (by a run that crashed) would answer instead, and never go down.
  const squatter = await new Promise<boolean>((resolve) => {
    const socket = createConnection(REDIS_PORT, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
  if (squatter) throw new Error(`port ${REDIS_PORT} is taken (a Redis left by an earlier run?); set TEST_REDIS_PORT or stop it`);
  redisServer = spawn("redis-server", ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const probe = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: null });
  probe.on("error", () => undefined);
  await probe.connect().catch(() => undefined);
  await probe.ping();
  probe.disconnect();
}

function stopRedis(): void {
  redisServer?.kill("SIGKILL");
  redisServer = undefined;
}
const database = `keyward_cluster_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
})();
// A and B share Redis; C and D run without it (invalidation over PostgreSQL LISTEN/NOTIFY); E reaches
// PostgreSQL through a TCP proxy the test cuts and freezes.
const PORTS = { A: 3501, B: 3502, C: 3503, D: 3504, E: 3506 } as const;
type Instance = keyof typeof PORTS;

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  NEXTAUTH_SECRET: "cluster-nextauth-secret-0123456789abcdef012345",
  KEYWARD_API_KEY_PEPPER: "cluster-pepper-0123456789abcdef0123456789abcd",
  KEYWARD_USAGE_FLUSH_MS: "500",
  NEXT_MANUAL_SIG_HANDLE: "true",
  // The webhook receiver of scenario 2c is on loopback.
  KEYWARD_WEBHOOK_ALLOW_PRIVATE: "1",
};
// A and B poll the outbox and tick the scheduler fast, for scenario 2c; the other instances keep the
// defaults, so that background work on the two shared cores does not slow the shutdown of scenario 8.
const FAST_BACKGROUND_JOBS = { KEYWARD_WEBHOOK_POLL_MS: "200", KEYWARD_SCHEDULER_MS: "300" };

let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}

const servers = new Map<Instance, ChildProcess>();
async function start(
  instance: Instance,
  overrides: Record<string, string> = {},
  onLogLine?: (line: string) => void,
): Promise<void> {
  const withoutRedis = instance === "C" || instance === "D";
  // The production server, as `npm start` runs it (server.ts).
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...env,
      PORT: String(PORTS[instance]),
      NEXTAUTH_URL: `http://localhost:${PORTS[instance]}`,
      ...(withoutRedis ? { REDIS_URL: "" } : {}),
      ...overrides,
    },
    stdio: ["ignore", "ignore", onLogLine ? "pipe" : "inherit"],
  });
  if (onLogLine) {
    createInterface({ input: server.stderr! }).on("line", (line) => {
      process.stderr.write(`[${instance}] ${line}\n`);
      onLogLine(line);
    });
  }
  servers.set(instance, server);
  for (let i = 0; i < 150; i++) {
    if (
      await fetch(`http://localhost:${PORTS[instance]}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance ${instance} did not start`);
}

const url = (instance: Instance, pathname: string) => `http://localhost:${PORTS[instance]}${pathname}`;

async function api(instance: Instance, method: string, pathname: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(url(instance, pathname), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

async function main(): Promise<void> {
  buildIfNeeded({ ...process.env, NODE_ENV: "production" });
  const admin = new pg.Client(postgresUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await startRedis();
  try {
    for (const script of [
      ["scripts/db-migrate.ts", "deploy"],
      ["scripts/seed.ts", "--fixture"],
    ]) {
      const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), script, { cwd: root, env, stdio: "inherit" });
      if (result.status !== 0) throw new Error(`${script[0]} failed`);
    }
    await Promise.all([start("A", FAST_BACKGROUND_JOBS), start("B", FAST_BACKGROUND_JOBS)]);
    await scenarios();
  } finally {
    for (const server of servers.values()) server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    stopRedis();
  }
}

async function scenarios(): Promise<void> {
  const token = async (email: string) =>
    (await api("A", "POST", "/api/auth/token", {}, { email, password: "keyward-demo" })).body!.accessToken as string;
  const me = async (bearer: string) => (await api("A", "GET", "/api/me", { authorization: `Bearer ${bearer}` })).body!;
  const adminToken = await token("admin@acme.test");
  const acme = (await me(adminToken)).workspaces.find((w: { slug: string }) => w.slug === "acme").id as string;
  const manage = { authorization: `Bearer ${adminToken}`, "x-tenant-id": acme };
  const createKey = async (name: string, headers = manage) =>
    (await api("A", "POST", "/api/api-keys", headers, { name, permissions: ["source:read"] })).body!;
  const whoami = (instance: Instance, key: string) => api(instance, "GET", "/api/integration/whoami", { "x-api-key": key });

  // 1. A key created through A works on B at once.
  const first = await createKey("cluster one");
  const onB = await whoami("B", first.plaintextKey);
  check("a key created on A works on B at once", onB.status === 200, `status ${onB.status}`);

  // 2. Revoking or disabling on A is seen by B on the very next request, with B's cache warm.
  const disabledKey = await createKey("cluster disable");
  await whoami("B", disabledKey.plaintextKey);
  await api("A", "PATCH", `/api/api-keys/${disabledKey.id}`, manage, { isActive: false, disabledReason: "cluster test" });
  const disabled = await whoami("B", disabledKey.plaintextKey);
  check("disable on A → 423 on B next request (warm cache)", disabled.status === 423, `status ${disabled.status}`);
  await api("A", "PATCH", `/api/api-keys/${disabledKey.id}`, manage, { isActive: true });
  const enabled = await whoami("B", disabledKey.plaintextKey);
  check("enable on A → 200 on B next request", enabled.status === 200, `status ${enabled.status}`);
  await whoami("B", first.plaintextKey);
  await api("A", "DELETE", `/api/api-keys/${first.id}`, manage);
  const revoked = await whoami("B", first.plaintextKey);
  check(
    "revoke on A → 401 on B next request (warm cache)",
    revoked.status === 401 && revoked.body?.error.code === "api_key_revoked",
    `status ${revoked.status}`,
  );

  // 2b. A key's allowlist edit and a workspace policy change on A hold on B on the next request.
  const governed = await createKey("cluster governance");
  await whoami("B", governed.plaintextKey);
  await api("A", "PATCH", `/api/api-keys/${governed.id}`, manage, { allowedIps: ["10.0.0.0/8"] });
  const fenced = await whoami("B", governed.plaintextKey);
  check(
    "allowlist edit on A → 403 ip_not_allowed on B next request (warm cache)",
    fenced.status === 403 && fenced.body?.error.code === "ip_not_allowed" && fenced.body.error.details.list === "key",
    `status ${fenced.status}`,
  );
  await api("A", "PATCH", `/api/api-keys/${governed.id}`, manage, { allowedIps: [] });
  await whoami("B", governed.plaintextKey);
  const policy = (await api("A", "GET", "/api/workspace/key-policy", manage)).body!;
  await api("A", "PUT", "/api/workspace/key-policy", manage, { ...policy, requireExpiry: true });
  const blocked = await whoami("B", governed.plaintextKey);
  await api("A", "PUT", "/api/workspace/key-policy", manage, policy);
  const unblocked = await whoami("B", governed.plaintextKey);
  check(
    "key policy change on A → 403 api_key_policy_blocked on B next request, and back",
    blocked.status === 403 && blocked.body?.error.code === "api_key_policy_blocked" && unblocked.status === 200,
    `blocked ${blocked.status}, after ${unblocked.status}`,
  );
  await api("A", "DELETE", `/api/api-keys/${governed.id}`, manage);

  // 2c. Both instances poll the outbox and tick the scheduler: each event is still sent exactly once.
  await webhooksAcrossInstances(manage);

  // 3. A key limited to N requests/s gets N across both instances together (agency: 12/s).
  const limited = await createKey("cluster rate");
  await api("A", "DELETE", `/api/api-keys/${disabledKey.id}`, manage);
  const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => whoami(i % 2 ? "A" : "B", limited.plaintextKey)));
  const allowed = burst.filter((res) => res.status === 200).length;
  check(
    "12 requests/s allowed across A and B together (burst of 40)",
    allowed === 12,
    `${allowed} allowed, ${burst.filter((r) => r.status === 429).length} refused`,
  );

  // 4. Redis down: both instances keep serving, each limiting alone; Redis back: sharing resumes.
  const outage = await createKey("cluster outage");
  stopRedis();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const duringOutage = await Promise.all(Array.from({ length: 40 }, (_, i) => whoami(i % 2 ? "A" : "B", outage.plaintextKey)));
  const outageStatuses = new Set(duringOutage.map((res) => res.status));
  const outageAllowed = duringOutage.filter((res) => res.status === 200).length;
  check(
    "Redis down: requests still served, limited per instance (12 to 24 of 40)",
    [...outageStatuses].every((status) => status === 200 || status === 429) && outageAllowed >= 12 && outageAllowed <= 24,
    `${outageAllowed} allowed, statuses ${[...outageStatuses].join("/")}`,
  );
  // 4b. Redis down, on PostgreSQL: invalidations still travel, over LISTEN/NOTIFY.
  const revokedInOutage = await createKey("cluster revoke during outage");
  await whoami("B", revokedInOutage.plaintextKey);
  await api("A", "DELETE", `/api/api-keys/${revokedInOutage.id}`, manage);
  const afterRevoke = await whoami("B", revokedInOutage.plaintextKey);
  check(
    "Redis down: revoke on A → 401 on B next request (LISTEN/NOTIFY)",
    afterRevoke.status === 401,
    `status ${afterRevoke.status}`,
  );
  // 4c. No channel at all (Redis down, the LISTEN connections cut): B re-checks cached keys against
  // the database, so even a revoke nobody announced (made behind the app's back) is refused at once.
  const unannounced = await createKey("cluster unannounced revoke");
  await whoami("B", unannounced.plaintextKey);
  const admin = new pg.Client(databaseUrl);
  await admin.connect();
  await admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()",
  );
  // B learns of the loss when its connection's end reaches it (a cut that sends nothing is noticed by
  // TCP keepalive instead); the instances reconnect after 1 s, so this stays well inside the gap.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await admin.query('UPDATE "ApiKey" SET "revokedAt" = now() WHERE "id" = $1', [unannounced.id]);
  await admin.end();
  const unheard = await whoami("B", unannounced.plaintextKey);
  check(
    "no invalidation channel: a revoke nobody announced → 401 on B (re-checked, warm cache)",
    unheard.status === 401,
    `status ${unheard.status}`,
  );
  await startRedis();
  await new Promise((resolve) => setTimeout(resolve, 2500)); // the instances reconnect within ~1 s
  const resumed = await createKey("cluster resumed");
  const afterOutage = await Promise.all(Array.from({ length: 40 }, (_, i) => whoami(i % 2 ? "A" : "B", resumed.plaintextKey)));
  const resumedAllowed = afterOutage.filter((res) => res.status === 200).length;
  check("Redis back: the limit is shared again (12 of 40)", resumedAllowed === 12, `${resumedAllowed} allowed`);
  await api("A", "DELETE", `/api/api-keys/${outage.id}`, manage);
  await api("A", "DELETE", `/api/api-keys/${resumed.id}`, manage);

  // 5. Usage counts from both instances sum to the requests sent.
  const globexToken = await token("owner@globex.test");
  const globex = (await me(globexToken)).workspaces[0].id as string;
  const counted = await createKey("cluster usage", { authorization: `Bearer ${globexToken}`, "x-tenant-id": globex });
  for (let i = 0; i < 40; i++) {
    await whoami(i % 2 ? "A" : "B", counted.plaintextKey);
    if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const db = new pg.Client(databaseUrl);
  db.on("error", () => undefined); // the database is dropped at the end, maybe before this ends
  await db.connect();
  const usage = await db.query(
    `SELECT outcome, SUM(count)::int AS n FROM "ApiKeyUsageDay" WHERE "apiKeyId" = $1 GROUP BY outcome`,
    [counted.id],
  );
  const sum = usage.rows.reduce((total: number, row: { n: number }) => total + row.n, 0);
  check("usage from A and B sums to the 40 requests sent", sum === 40, JSON.stringify(usage.rows));
  // Each instance logged the 20 requests it answered; the log read on either shows all 40.
  const globexManage = { authorization: `Bearer ${globexToken}`, "x-tenant-id": globex };
  const logged = await api("B", "GET", `/api/requests?keyId=${counted.id}&limit=100`, globexManage);
  check(
    "the request log holds the entries of both instances in one list",
    logged.status === 200 && logged.body!.data.length === 40,
    `${logged.body?.data?.length} entries`,
  );

  // 6. Without Redis, on PostgreSQL: invalidation travels over LISTEN/NOTIFY.
  await Promise.all([start("C"), start("D")]);
  const noRedis = await createKey("cluster without redis");
  const onD = await whoami("D", noRedis.plaintextKey);
  await api("C", "DELETE", `/api/api-keys/${noRedis.id}`, manage);
  const afterNotify = await whoami("D", noRedis.plaintextKey);
  check(
    "without Redis: revoke on C → 401 on D next request (LISTEN/NOTIFY, warm cache)",
    onD.status === 200 && afterNotify.status === 401,
    `before ${onD.status}, after ${afterNotify.status}`,
  );
  for (const instance of ["C", "D"] as const) {
    servers.get(instance)!.kill("SIGTERM");
    servers.delete(instance);
  }

  // 9. PostgreSQL cut, then frozen, between E and the database (E has no Redis: the LISTEN channel is
  //    its only one, and it runs through the proxy too). Health keeps answering, the rest answers 503
  //    within the pools' bounds, a revoke made on A meanwhile is refused on E once the documented
  //    bound (5 s) has passed, and E recovers without a restart. Its log gets lines, not stacks.
  await faults(createKey, whoami, manage);

  // 7. SIGKILL of A under load loses no acknowledged key or revoke; B keeps serving.
  const load = autocannon({
    url: url("B", "/api/integration/whoami"),
    connections: 8,
    duration: 4,
    headers: { "x-api-key": counted.plaintextKey },
  });
  const loadA = autocannon({ url: url("A", "/api/health"), connections: 8, duration: 4 });
  const acknowledged = [await createKey("survivor 1"), await createKey("survivor 2")];
  const doomed = await createKey("revoked before the crash");
  const revokeAck = await api("A", "DELETE", `/api/api-keys/${doomed.id}`, manage);
  servers.get("A")!.kill("SIGKILL");
  servers.delete("A");
  const [loadResult] = await Promise.all([load, loadA]);
  check(
    "B kept serving while A was killed",
    loadResult.errors === 0 && loadResult["2xx"] > 0,
    `${loadResult["2xx"]} ok, ${loadResult.errors} errors`,
  );
  for (const key of acknowledged) {
    const res = await whoami("B", key.plaintextKey);
    check(`acknowledged key "${key.name}" works on B after A died`, res.status === 200, `status ${res.status}`);
  }
  const afterCrash = await whoami("B", doomed.plaintextKey);
  check(
    "acknowledged revoke holds on B after A died",
    revokeAck.status === 200 && afterCrash.status === 401,
    `status ${afterCrash.status}`,
  );
  const rows = await db.query(`SELECT COUNT(*)::int AS n FROM "ApiKey" WHERE id = ANY($1)`, [acknowledged.map((key) => key.id)]);
  check("acknowledged keys are in the database", rows.rows[0].n === acknowledged.length);

  // 8. SIGTERM to `npm start` under load: in-flight requests finish, keep-alive connections are not
  //    reset, the usage of every answered request is flushed, and the process exits.
  // A is gone (scenario 7): B serves the management API now.
  const drained = (await api("B", "POST", "/api/api-keys", manage, { name: "cluster drain", permissions: ["source:read"] }))
    .body!;
  const port = 3505;
  const npmStart = spawn("npm", ["start"], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      KEYWARD_SEED: "off",
      KEYWARD_USAGE_FLUSH_MS: "60000", // only the shutdown flush writes this key's usage
      KEYWARD_RATE_LIMIT_OVERRIDE: "1000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`http://localhost:${port}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // One answered request first: the drain is measured on a warm server. A cold one spends its first
  // second loading the route and connecting, answering almost nothing, and a SIGTERM then lands on
  // connections the kernel accepted that the server never got to (they are reset when it stops
  // listening; the README says so).
  const warm = await fetch(`http://localhost:${port}/api/integration/whoami`, { headers: { "x-api-key": drained.plaintextKey } });
  await warm.arrayBuffer();
  const warmAnswered = warm.ok ? 1 : 0;
  const errors = new Map<string, number>();
  let flood!: autocannon.Instance;
  const floodDone = new Promise<autocannon.Result>((resolve, reject) => {
    flood = autocannon(
      {
        url: `http://localhost:${port}/api/integration/whoami`,
        connections: 8,
        duration: 3,
        headers: { "x-api-key": drained.plaintextKey },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  flood.on("reqError", (error: NodeJS.ErrnoException) => {
    const code = error.code ?? error.message;
    errors.set(code, (errors.get(code) ?? 0) + 1);
  });
  // Clients that honour "Connection: close" (Node's fetch here, as browsers and most SDKs do) beside
  // autocannon, which does not: they must see no reset at all, only a refused connection at the end.
  let stopped = false;
  const polite = { answered: 0, other: 0, errors: new Map<string, number>() };
  const politeClients = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (!stopped) {
        try {
          const res = await fetch(`http://localhost:${port}/api/integration/whoami`, {
            headers: { "x-api-key": drained.plaintextKey },
          });
          await res.arrayBuffer();
          if (res.ok) polite.answered++;
          else polite.other++;
        } catch (error) {
          const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
          const code = cause?.code ?? cause?.message ?? String(error);
          if (code === "ECONNREFUSED") return; // the listener has closed: the drain's expected end
          polite.errors.set(code, (polite.errors.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const signalled = Date.now();
  npmStart.kill("SIGTERM");
  const exitCode = await new Promise<number | null>((resolve) => npmStart.on("exit", resolve));
  const exitMs = Date.now() - signalled;
  stopped = true;
  await politeClients;
  const floodResult = await floodDone;
  check(
    "SIGTERM to npm start: clients that honour Connection: close see no reset",
    polite.errors.size === 0 && polite.answered > 0 && polite.other === 0,
    `${polite.answered} answered, ${polite.other} other, errors ${JSON.stringify(Object.fromEntries(polite.errors))}`,
  );
  const resets = (errors.get("ECONNRESET") ?? 0) + (errors.get("EPIPE") ?? 0);
  // autocannon ignores "Connection: close" and writes its next request on a connection the server
  // is closing; the server stops listening without closing idle connections at once (see server.ts),
  // so even it is not reset.
  check(
    "SIGTERM to npm start under load: exits 143 within the drain bound, connections closed, none reset",
    exitCode === 143 && exitMs < 12_000 && resets === 0 && floodResult["2xx"] > 0,
    `exit ${exitCode} after ${exitMs} ms, ${floodResult["2xx"]} answered, errors ${JSON.stringify(Object.fromEntries(errors))}`,
  );
  const flushed = await db.query(`SELECT COALESCE(SUM(count), 0)::int AS n FROM "ApiKeyUsageDay" WHERE "apiKeyId" = $1`, [
    drained.id,
  ]);
  check(
    "every request answered before the shutdown is in the usage flushed at shutdown",
    flushed.rows[0].n === floodResult["2xx"] + polite.answered + warmAnswered && floodResult.non2xx === 0,
    `${flushed.rows[0].n} counted, ${floodResult["2xx"] + polite.answered + warmAnswered} answered 2xx, ${floodResult.non2xx} other`,
  );
  // The request log is flushed at shutdown too: what it kept plus what it counted is every request.
  const shutdownLog = await db.query(
    `SELECT (SELECT COUNT(*) FROM "ApiRequest" WHERE "apiKeyId" = $1)::int AS kept,
            (SELECT COALESCE(SUM(count), 0) FROM "ApiRequestOverflow" WHERE "apiKeyId" = $1)::int AS counted`,
    [drained.id],
  );
  const { kept, counted: notKept } = shutdownLog.rows[0] as { kept: number; counted: number };
  check(
    "the request log is flushed at shutdown: entries kept plus counted are the requests answered",
    kept > 0 && kept + notKept === floodResult["2xx"] + polite.answered + warmAnswered,
    `${kept} kept + ${notKept} counted, ${floodResult["2xx"] + polite.answered + warmAnswered} answered`,
  );
  await db.end();
}

type CreateKey = (name: string) => Promise<Record<string, any>>;
type Whoami = (instance: Instance, key: string) => ReturnType<typeof api>;

async function webhooksAcrossInstances(manage: Record<string, string>): Promise<void> {
  const receiver = await startWebhookReceiver();
  try {
    const endpoint = (
      await api("A", "POST", "/api/webhooks", manage, {
        url: receiver.url,
        events: ["api_key.created", "api_key.expiring_soon"],
      })
    ).body!;
    const expiresAt = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000).toISOString();
    const key = (
      await api("B", "POST", "/api/api-keys", manage, { name: "cluster hooks", permissions: ["source:read"], expiresAt })
    ).body!;
    // About 20 scheduler ticks and 30 polls on each instance.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const payloads = receiver.received.map((hook) => receiver.verify(hook, endpoint.secret as string));
    const about = (type: string) => payloads.filter((p) => p.type === type && (p.data.apiKey as { id: string }).id === key.id);
    check(
      "webhooks: one api_key.created and one api_key.expiring_soon across two instances, both verifying",
      about("api_key.created").length === 1 && about("api_key.expiring_soon").length === 1 && payloads.length === 2,
      `${payloads.map((p) => p.type).join(", ") || "nothing"} received`,
    );
    await api("A", "DELETE", `/api/webhooks/${endpoint.id}`, manage);
    await api("A", "DELETE", `/api/api-keys/${key.id}`, manage);
  } finally {
    await receiver.close();
  }
}

async function faults(createKey: CreateKey, whoami: Whoami, manage: Record<string, string>): Promise<void> {
  const database = new URL(databaseUrl);
  const proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  const log: string[] = [];
  await start("E", { DATABASE_URL: proxied.toString(), REDIS_URL: "" }, (line) => log.push(line));
  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    return { ...result, ms: Date.now() - started };
  };
  const health = () => timed(() => api("E", "GET", "/api/health", {}));
  const listKeys = () => timed(() => api("E", "GET", "/api/api-keys", manage));
  const recovered = async () => {
    for (let i = 0; i < 60; i++) {
      if ((await api("E", "GET", "/api/health/ready", {})).status === 200) return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  };
  // Polls a key on E from its revoke (answered by A) for `forMs`: the latest 200 it saw, by how long
  // after the revoke that request was sent.
  const revokeDuringOutage = async (key: Record<string, any>, forMs: number) => {
    const revoke = await api("A", "DELETE", `/api/api-keys/${key.id}`, manage);
    const revokedAt = Date.now();
    let latestAcceptedMs = -1;
    const statuses = new Set<number>();
    while (Date.now() - revokedAt < forMs) {
      const sentMs = Date.now() - revokedAt;
      const res = await whoami("E", key.plaintextKey);
      statuses.add(res.status);
      if (res.status === 200) latestAcceptedMs = sentMs;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { revoked: revoke.status === 200, latestAcceptedMs, statuses: [...statuses].join("/") };
  };
  try {
    const steady = await createKey("fault steady");
    const inCut = await createKey("fault revoked during the cut");
    const inFreeze = await createKey("fault revoked during the freeze");
    for (const key of [steady, inCut, inFreeze]) await whoami("E", key.plaintextKey);
    const unseen = await createKey("fault never seen by E");

    // Cut: every connection reset, new ones refused.
    proxy.cut();
    const cutHealth = await health();
    check("database cut: /api/health answers at once", cutHealth.status === 200 && cutHealth.ms < 1000, `${cutHealth.ms} ms`);
    const cutList = await listKeys();
    check(
      "database cut: the management API answers 503 with Retry-After within the pool bounds",
      cutList.status === 503 && cutList.body?.error.code === "service_unavailable" && cutList.ms < 8000,
      `status ${cutList.status} in ${cutList.ms} ms`,
    );
    const cutUnknown = await whoami("E", unseen.plaintextKey);
    check("database cut: a key E never saw answers 503, not 500", cutUnknown.status === 503, `status ${cutUnknown.status}`);
    const cutRevoke = await revokeDuringOutage(inCut, 7000);
    check(
      "database cut: a key revoked on A meanwhile is never accepted on E past the 5 s bound",
      cutRevoke.revoked && cutRevoke.latestAcceptedMs <= 5000 && !cutRevoke.statuses.includes("500"),
      `last 200 sent ${cutRevoke.latestAcceptedMs} ms after the revoke; statuses ${cutRevoke.statuses}`,
    );
    proxy.restore();
    const afterCut = (await recovered()) && (await whoami("E", inCut.plaintextKey)).status === 401;
    const steadyAfterCut = await whoami("E", steady.plaintextKey);
    check(
      "database back after the cut: E recovers without a restart (ready, revoke honoured, keys work)",
      afterCut && steadyAfterCut.status === 200 && (await listKeys()).status === 200,
      `steady key ${steadyAfterCut.status}`,
    );

    // Freeze: connections stay open, nothing moves. E's usage flush may be caught mid-transaction,
    // holding the row lock of the very key A is about to revoke; this client, with the app's own
    // bounds, is such a flush caught for certain, so the revoke below has to get past it.
    await whoami("E", inFreeze.plaintextKey);
    const stranded = new pg.Client({ ...poolConfigFromUrl(proxied.toString()), ...RUNTIME_POOL_TIMEOUTS });
    stranded.on("error", () => {}); // the server ends it: that is the point
    await stranded.connect();
    await stranded.query("BEGIN");
    await stranded.query(`UPDATE "ApiKey" SET "lastUsedAt" = now() WHERE id = $1`, [inFreeze.id]);
    proxy.freeze();
    const frozenHealth = await health();
    check(
      "database frozen: /api/health answers at once",
      frozenHealth.status === 200 && frozenHealth.ms < 1000,
      `${frozenHealth.ms} ms`,
    );
    const frozenList = await listKeys();
    check(
      "database frozen: the management API answers 503 within the pool bounds, not after the freeze",
      frozenList.status === 503 && frozenList.ms < 8000,
      `status ${frozenList.status} in ${frozenList.ms} ms`,
    );
    const freezeRevoke = await revokeDuringOutage(inFreeze, 7000);
    check(
      "database frozen: a key revoked on A meanwhile is never accepted on E past the 5 s bound",
      freezeRevoke.revoked && freezeRevoke.latestAcceptedMs <= 5000 && !freezeRevoke.statuses.includes("500"),
      `last 200 sent ${freezeRevoke.latestAcceptedMs} ms after the revoke; statuses ${freezeRevoke.statuses}`,
    );
    proxy.restore();
    await stranded.end().catch(() => {});
    const afterFreeze = (await recovered()) && (await whoami("E", inFreeze.plaintextKey)).status === 401;
    const steadyAfterFreeze = await whoami("E", steady.plaintextKey);
    check(
      "database thawed: E recovers without a restart (ready, revoke honoured, keys work)",
      afterFreeze && steadyAfterFreeze.status === 200 && (await listKeys()).status === 200,
      `steady key ${steadyAfterFreeze.status}`,
    );
    const stacks = log.filter((line) => /^\s+at /.test(line)).length;
    check(
      "the outages were logged in a few lines, without stacks",
      stacks === 0 && log.length <= 20,
      `${log.length} lines, ${stacks} stack frames`,
    );
    // Frees the slots for the scenarios that follow.
    for (const key of [steady, unseen]) await api("A", "DELETE", `/api/api-keys/${key.id}`, manage);
  } finally {
    servers.get("E")?.kill("SIGTERM");
    servers.delete("E");
    await proxy.close();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    failed++;
  })
  .finally(() => {
    console.log(`\ncluster: ${passed} passed, ${failed} failed`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  });
