// Benchmark helper: inserts N keys into the Acme workspace of DATABASE_URL in batches and prints a
// JSON array of SAMPLE plaintexts as its last line. Bulk insert bypasses the service (and its per-user
// limit) on purpose: it only builds a large table to measure lookups against. Acme also gets 20 sources.
import { randomUUID } from "node:crypto";
import { getDb, disconnectDb } from "../lib/db/client";
import { generateApiKey } from "../lib/api-keys/format";
import { hashApiKey } from "../lib/api-keys/hash";
import { ALL_PERMISSIONS, encodePermissions } from "../lib/permissions";

const count = Number(process.argv[2] ?? 1000);
const sampleSize = Number(process.argv[3] ?? 100);
// --allowlisted: the keys go to Globex instead, each with a 20-entry IP allowlist, and Globex gets a
// key policy with a workspace allowlist and an expiry rule: the key check's rules path, measured.
const allowlisted = process.argv.includes("--allowlisted");
const LOOPBACK = ["127.0.0.1", "::1"];
const LISTED_SOURCES = 20;
const KEY_ALLOWLIST = [...Array.from({ length: 18 }, (_, i) => `10.${i}.0.0/16`), ...LOOPBACK].join(",");

async function main(): Promise<void> {
  const db = getDb();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: allowlisted ? "globex" : "acme" } });
  await db.workspace.update({ where: { id: workspace.id }, data: { plan: "agency_plus" } });
  const owner = await db.user.findUniqueOrThrow({ where: { email: allowlisted ? "owner@globex.test" : "owner@acme.test" } });
  if (allowlisted) {
    await db.keyPolicy.create({ data: { workspaceId: workspace.id, maxLifetimeDays: 3650, allowedIps: "127.0.0.0/8,::1" } });
  } else {
    // The fixture gives Acme 2 sources; the data path's measure lists 20 (GET /api/integration/sources).
    const existing = await db.source.count({ where: { workspaceId: workspace.id } });
    await db.source.createMany({
      data: Array.from({ length: Math.max(0, LISTED_SOURCES - existing) }, (_, i) => ({
        workspaceId: workspace.id,
        name: `Bench source ${i}`,
        type: "javascript",
        config: JSON.stringify({ domain: `site-${i}.bench.test`, batchSize: 100, consent: true }),
      })),
    });
  }
  const permissions = encodePermissions([...ALL_PERMISSIONS]);
  const sample: string[] = [];
  const every = Math.max(1, Math.floor(count / sampleSize));
  const BATCH = 2000;
  for (let start = 0; start < count; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const { plaintext, keyPrefix } = generateApiKey();
      if (i % every === 0 && sample.length < sampleSize) sample.push(plaintext);
      rows.push({
        id: randomUUID(),
        workspaceId: workspace.id,
        createdById: owner.id,
        name: `bench ${i}`,
        keyPrefix,
        secretHash: hashApiKey(plaintext),
        permissions,
        ...(allowlisted ? { allowedIps: KEY_ALLOWLIST, expiresAt: new Date(Date.now() + 365 * 86_400_000) } : {}),
      });
    }
    await db.apiKey.createMany({ data: rows });
  }
  await disconnectDb();
  console.log(JSON.stringify(sample));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
