// `npm start` / `npm run dev`: one command from a fresh clone to a running Keyward.
// Loads or generates the server secrets, migrates the database, seeds an empty one (KEYWARD_SEED:
// "demo", the default, is the living demo; "fixture" the test suites' small seed; "off" nothing),
// builds when the build is missing or older than the sources, then runs the server (server.ts) in
// this same process. Its last line says where the app is and how to sign in to the demo.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** Secrets the app needs; generated once into data/secrets.env when the environment lacks them. */
function ensureSecrets(): void {
  const file = path.join(root, "data", "secrets.env");
  const stored = existsSync(file)
    ? Object.fromEntries(
        readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => line.includes("="))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      )
    : {};
  let changed = false;
  for (const name of ["NEXTAUTH_SECRET", "KEYWARD_API_KEY_PEPPER"]) {
    if (process.env[name]) continue;
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
    process.env[name] = stored[name];
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(
      file,
      Object.entries(stored)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n") + "\n",
      { mode: 0o600 },
    );
    console.log(`keyward: generated server secrets into ${path.relative(root, file)} (set them in the environment to override)`);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureSecrets();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
run(tsx, ["scripts/preflight.ts"]);
run(tsx, ["scripts/db-migrate.ts", "deploy"]);
const seedMode = process.env.KEYWARD_SEED ?? "demo";
if (!["demo", "fixture", "off"].includes(seedMode)) {
  console.error(`keyward: KEYWARD_SEED must be demo, fixture or off (got "${seedMode}")`);
  process.exit(1);
}
// Seeded in this process (not a child like the migration): its result decides the last line.
let demoSignIn: string | null = null;
if (seedMode !== "off") {
  const { seedDemoData, seedMessage, DEMO_SIGN_IN } = await import("./seed");
  const { disconnectDb } = await import("../lib/db/client");
  const result = await seedDemoData({ fixture: seedMode === "fixture" });
  console.log(`keyward: ${seedMessage(result, seedMode === "fixture")}`);
  await disconnectDb();
  if (result !== "skipped") demoSignIn = DEMO_SIGN_IN;
}

if (!dev) buildIfNeeded();
// The server runs in this process, so SIGTERM/SIGINT sent to `npm start` reach it and it drains.
const { startServer } = await import("../server");
const port = Number(process.env.PORT ?? 3000);
await startServer({ dev, port, hostname: process.env.KEYWARD_HOST });
console.log(
  `keyward: ready at http://${process.env.KEYWARD_HOST ?? "localhost"}:${port}${demoSignIn ? `; sign in as ${demoSignIn}` : ""}`,
);
