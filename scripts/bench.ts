// `npm run bench [-- --keys 100000 --pairs 10 --seconds 5 --connections 16 --db postgres]`
// `npm run bench -- --lists` runs the list benchmark instead (scripts/bench-lists.ts).
// Builds the app, seeds N keys into a fresh SQLite database, starts the production server (server.ts, as `npm start` runs it), and drives it with
// autocannon on loopback: runs of /api/integration/whoami and /api/integration/sources with valid keys,
// plus invalid-key traffic, each between two runs of an unauthenticated /api/health baseline. Every
// other pair runs the routes in reverse order, so their place in the pair does not favour any.
// Prints req/s, p50, p99 and the server's CPU time per request (from /proc, Linux) per run, and the
// median paired ratios of both, the req/s one with a 95 % interval: req/s is what the target names;
// CPU per request is the same comparison with the noise of neighbours on a shared machine mostly
// taken out. It also times one verification in-process (cache hit and miss) with 1,000 keys and with
// N keys, and checks that a run of authenticated requests writes nothing per request: the database
// files may change only when the usage flush runs (one batch per KEYWARD_USAGE_FLUSH_MS), never in
// every run.
// With --db postgres it then repeats the authenticated runs on PostgreSQL + Redis with one and with
// two instances, and prints their ratio to the SQLite single-instance figure.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { buildIfNeeded } from "./build-if-needed";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    keys: { type: "string", default: "100000" },
    pairs: { type: "string", default: "10" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
    port: { type: "string", default: "3300" },
    db: { type: "string", default: "sqlite" },
    lists: { type: "boolean", default: false },
  },
});
const KEYS = Number(args.keys);
const PAIRS = Math.max(5, Number(args.pairs));
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PORT = Number(args.port);
const SAMPLE = 256;

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: "bench-nextauth-secret-0123456789abcdef0123456789",
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  KEYWARD_API_KEY_PEPPER: "bench-pepper-0123456789abcdef0123456789abcdef",
  // Nothing may be refused for being fast; usage flushes after the runs (a batch, not per request).
  KEYWARD_RATE_LIMIT_OVERRIDE: "1000000000",
  KEYWARD_INVALID_KEY_LIMIT: "1000000000",
  KEYWARD_USAGE_FLUSH_MS: "60000",
};

const dbFile = (name: string) => path.join(root, "data", "bench", `${name}.db`);

/** A fresh, migrated, demo-seeded database with `count` keys in Acme; returns a sample of plaintexts. */
async function seedDatabase(name: string, count: number, databaseUrl?: string): Promise<string[]> {
  const file = dbFile(name);
  if (!databaseUrl) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const dbEnv = { ...env, DATABASE_URL: databaseUrl ?? `file:${file}` };
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  for (const script of [
    ["scripts/db-migrate.ts", "deploy"],
    ["scripts/seed.ts", "--fixture"],
  ]) {
    const result = spawnSync(tsx, script, { cwd: root, env: dbEnv, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${script.join(" ")} failed`);
  }
  return seedKeys(dbEnv, count);
}

/** Adds keys to a seeded database; `--allowlisted` ones carry a 20-entry allowlist under a key policy. */
function seedKeys(dbEnv: NodeJS.ProcessEnv, count: number, ...flags: string[]): string[] {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const result = spawnSync(tsx, ["scripts/bench-seed-keys.ts", String(count), String(SAMPLE), ...flags], {
    cwd: root,
    env: dbEnv,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`seeding keys failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as string[];
}

function timeVerification(name: string, keys: string[]): { hitUs: number; missUs: number } {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/bench-verify.ts"], {
    cwd: root,
    env: { ...env, DATABASE_URL: `file:${dbFile(name)}`, BENCH_KEYS: JSON.stringify(keys.slice(0, 64)) },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`verification timing failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { hitUs: number; missUs: number };
}

async function startServer(name: string, port = PORT, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  // The production server, as `npm start` runs it (server.ts), on an already built app.
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: { ...env, PORT: String(port), DATABASE_URL: `file:${dbFile(name)}`, ...extraEnv },
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/api/health`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error("the server did not start");
}

interface RunResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** The server's CPU time per request, in microseconds; NaN where /proc is not available. */
  cpuUs: number;
}

/** User + system CPU time of a process in microseconds (Linux /proc; clock ticks of 10 ms). */
function processCpuMicros(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

let serverPid: number | undefined;

async function run(
  name: string,
  pathname: string,
  keys: string[] | null,
  expectStatus: number,
  port = PORT,
  seconds = SECONDS,
): Promise<RunResult> {
  let next = 0;
  const cpuBefore = processCpuMicros(serverPid);
  const result = await autocannon({
    url: `http://localhost:${port}${pathname}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          if (keys) request.headers = { ...request.headers, "x-api-key": keys[next++ % keys.length]! };
          return request;
        },
      },
    ],
  });
  const unexpected = expectStatus === 200 ? result.non2xx : result["2xx"];
  const cpuUs = (processCpuMicros(serverPid) - cpuBefore) / result.requests.total;
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: unexpected, cpuUs };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/**
 * A 95 % interval of the median of paired ratios: the medians of 2,000 resamples of the pairs
 * (percentile bootstrap), from a seeded generator so the same pairs print the same interval. On a
 * noisy machine it says how far one run's median can be trusted.
 */
function medianInterval(values: number[]): string {
  let state = 0x2545f491;
  const random = () => {
    // mulberry32
    let t = (state = (state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const medians = Array.from({ length: 2000 }, () =>
    median(values.map(() => values[Math.floor(random() * values.length)]!)),
  ).sort((a, b) => a - b);
  return `95 % ${medians[50]!.toFixed(2)}–${medians[1949]!.toFixed(2)}`;
}
const fmt = (value: number, digits = 0) => value.toFixed(digits).padStart(9);

async function main(): Promise<void> {
  console.log(
    `Keyward benchmark: ${KEYS.toLocaleString("en")} keys, ${PAIRS} A/B pairs of ${SECONDS}s, ${CONNECTIONS} connections`,
  );
  console.log("building the production app if the sources changed…");
  buildIfNeeded(env);

  console.log("seeding 1,000 keys and %s keys…", KEYS.toLocaleString("en"));
  const smallKeys = await seedDatabase("small", 1000);
  const keys = await seedDatabase("large", KEYS);
  const allowlisted = seedKeys({ ...env, DATABASE_URL: `file:${dbFile("large")}` }, SAMPLE, "--allowlisted");

  const small = timeVerification("small", smallKeys);
  const large = timeVerification("large", keys);
  console.log("\nIn-process verification (CPU time per call):");
  console.log(`  1,000 keys:   cache hit ${small.hitUs.toFixed(1)} us, miss (median) ${small.missUs.toFixed(1)} us`);
  console.log(
    `  ${KEYS.toLocaleString("en")} keys: cache hit ${large.hitUs.toFixed(1)} us, miss (median) ${large.missUs.toFixed(1)} us`,
  );
  console.log(
    `  slowdown 1,000 → ${KEYS.toLocaleString("en")}: hit ${(large.hitUs / small.hitUs).toFixed(2)}x, miss ${(large.missUs / small.missUs).toFixed(2)}x`,
  );

  const server = await startServer("large");
  serverPid = server.pid;
  try {
    const invalid = keys.map((key) => key.slice(0, -6) + "AAAAAA");
    // Warm up the server and the key cache.
    await run("warm-up", "/api/integration/whoami", keys, 200);
    await run("warm-up", "/api/integration/whoami", allowlisted, 200);
    await run("warm-up", "/api/health", null, 200);

    const file = dbFile("large");
    const fingerprint = () =>
      ["", "-wal"]
        .map((suffix) => (existsSync(file + suffix) ? `${statSync(file + suffix).size}:${statSync(file + suffix).mtimeMs}` : "-"))
        .join("|");
    const rows: RunResult[] = [];
    const ratios = { whoami: [] as number[], sources: [] as number[], invalid: [] as number[], allowlisted: [] as number[] };
    const cpuRatios = { whoami: [] as number[], sources: [] as number[], invalid: [] as number[], allowlisted: [] as number[] };
    // Server CPU per request of whoami with the allowlists and policy, over plain whoami's, same pair.
    const rulesCost: number[] = [];
    let changedRuns = 0;
    const started = Date.now();
    for (let pair = 1; pair <= PAIRS; pair++) {
      const runs = {
        health: () => run(`health #${pair}`, "/api/health", null, 200),
        whoami: async () => {
          const before = fingerprint();
          const result = await run(`whoami #${pair}`, "/api/integration/whoami", keys, 200);
          if (fingerprint() !== before) changedRuns++;
          return result;
        },
        sources: () => run(`sources #${pair}`, "/api/integration/sources", keys, 200),
        invalid: () => run(`invalid key #${pair}`, "/api/integration/whoami", invalid, 401),
        allowlisted: () => run(`allowlisted #${pair}`, "/api/integration/whoami", allowlisted, 200),
      };
      // Every measured run sits between two health runs, and its ratio is to their mean: so each
      // route is compared with the baseline run just before and just after it, and drift on the
      // machine in between cancels to first order, for every route alike.
      const order = (["whoami", "allowlisted", "sources", "invalid"] as const).slice();
      if (pair % 2 === 0) order.reverse();
      let healthBefore = await runs.health();
      rows.push(healthBefore);
      for (const name of order) {
        const result = await runs[name]();
        const healthAfter = await runs.health();
        rows.push(result, healthAfter);
        ratios[name].push(result.rps / ((healthBefore.rps + healthAfter.rps) / 2));
        cpuRatios[name].push((healthBefore.cpuUs + healthAfter.cpuUs) / 2 / result.cpuUs);
        healthBefore = healthAfter;
      }
      // Each side's CPU per request over its own baseline (this pair's two CPU ratios), so the two
      // runs need not be adjacent.
      rulesCost.push(cpuRatios.whoami.at(-1)! / cpuRatios.allowlisted.at(-1)!);
    }
    console.log("\nrun                   req/s    p50 ms    p99 ms  unexpected  server CPU us/request");
    for (const row of rows) {
      console.log(`${row.name.padEnd(18)}${fmt(row.rps)}${fmt(row.p50, 1)}${fmt(row.p99, 1)}${fmt(row.non2xx)}${fmt(row.cpuUs)}`);
    }
    console.log(
      "\nMedian paired ratio to /api/health (the mean of the health runs just before and after): req/s, and CPU per request inverted",
    );
    for (const [name, label, note] of [
      ["whoami", "whoami     ", "target >= 0.90, aim 0.95"],
      ["sources", "sources    ", "lists 20 rows from the database"],
      ["invalid", "invalid key", "bad checksum: refused without a database read"],
      ["allowlisted", "allowlisted", "whoami with a 20-entry key allowlist and a workspace policy"],
    ] as const) {
      console.log(
        `  ${label} ${median(ratios[name]).toFixed(3)} (${medianInterval(ratios[name])})   cpu ${median(cpuRatios[name]).toFixed(3)}   (${note})`,
      );
    }
    console.log(
      `  allowlisted whoami's server CPU per request over plain whoami's: ${median(rulesCost).toFixed(3)} (target <= 1.05)`,
    );
    const below = ratios.whoami.filter((ratio) => ratio < 0.9).length;
    console.log(`  whoami pairs below 0.90: ${below} of ${PAIRS}`);
    const flushes = Math.ceil((Date.now() - started) / Number(env.KEYWARD_USAGE_FLUSH_MS));
    console.log(
      `\nDatabase files changed during ${changedRuns} of ${PAIRS} whoami runs; the usage flush (one batch per ` +
        `${Number(env.KEYWARD_USAGE_FLUSH_MS) / 1000} s) ran at most ${flushes} times. A write per request would change every run: ` +
        (changedRuns <= flushes ? "zero writes per request." : "WRITES PER REQUEST?"),
    );
    sqliteWhoami = median(rows.filter((row) => row.name.startsWith("whoami")).map((row) => row.rps));

    // 60 s of wrong secrets for known prefixes at full speed: each is a request-log entry (within the
    // budget) or a counter; the server's memory must level off, not grow with the flood.
    const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serverPid}/status`, "utf8"))?.[1] ?? NaN) / 1024;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb()), 5_000);
    const flood = await run("invalid-key flood", "/api/integration/whoami", invalid, 401, PORT, 60);
    clearInterval(sampler);
    const settled = samples.slice(2); // after the first 10 s
    const growth = settled.length > 1 ? settled.at(-1)! / settled[0]! : NaN;
    console.log(
      `\nInvalid-key flood, 60 s at ${flood.rps.toFixed(0)} req/s: server RSS ${samples.map((mb) => mb.toFixed(0)).join(" → ")} MB; ` +
        `last over the 10 s sample ${growth.toFixed(3)} (target <= 1.10)`,
    );
  } finally {
    server.kill("SIGTERM");
  }
  if (args.db === "postgres") await postgresBench(sqliteWhoami);
}

let sqliteWhoami = 0;

/** The same authenticated traffic on PostgreSQL + Redis, with one and with two instances. */
async function postgresBench(sqliteRps: number): Promise<void> {
  const pgModule = await import("pg");
  const base = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const database = `keyward_bench_${Date.now()}`;
  const admin = new pgModule.default.Client(base);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(base);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/2";
  const extra = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  const servers: ChildProcess[] = [];
  try {
    console.log(`\nPostgreSQL + Redis: seeding ${KEYS.toLocaleString("en")} keys…`);
    const keys = await seedDatabase("postgres", KEYS, databaseUrl);
    servers.push(await startServer("postgres", PORT, extra));
    await run("warm-up", "/api/integration/whoami", keys, 200);
    const one: RunResult[] = [];
    for (let i = 1; i <= PAIRS; i++) one.push(await run(`1 instance #${i}`, "/api/integration/whoami", keys, 200));
    servers.push(await startServer("postgres", PORT + 1, extra));
    await run("warm-up", "/api/integration/whoami", keys, 200, PORT + 1);
    const two: RunResult[] = [];
    for (let i = 1; i <= PAIRS; i++) {
      const [a, b] = await Promise.all([
        run("a", "/api/integration/whoami", keys, 200, PORT),
        run("b", "/api/integration/whoami", keys, 200, PORT + 1),
      ]);
      two.push({
        name: `2 instances #${i}`,
        rps: a.rps + b.rps,
        p50: Math.max(a.p50, b.p50),
        p99: Math.max(a.p99, b.p99),
        non2xx: a.non2xx + b.non2xx,
        cpuUs: NaN,
      });
    }
    console.log("\nwhoami on PostgreSQL + Redis   req/s    p50 ms    p99 ms  unexpected");
    for (const row of [...one, ...two])
      console.log(`${row.name.padEnd(28)}${fmt(row.rps)}${fmt(row.p50, 1)}${fmt(row.p99, 1)}${fmt(row.non2xx)}`);
    const oneRps = median(one.map((row) => row.rps));
    const twoRps = median(two.map((row) => row.rps));
    console.log(
      `\nMedian whoami req/s: SQLite 1 instance ${sqliteRps.toFixed(0)}, PostgreSQL+Redis 1 instance ${oneRps.toFixed(0)} (${(oneRps / sqliteRps).toFixed(2)}x), 2 instances ${twoRps.toFixed(0)} (${(twoRps / sqliteRps).toFixed(2)}x)`,
    );
    console.log("(2 instances and the load generator share this machine's 2 cores; on separate machines they add up.)");
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

if (args.lists) await import("./bench-lists");
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
