// Benchmark helper: CPU time of one verifyApiKey call, warm (cache hit) and cold (cache miss: one
// indexed lookup of the key and one of its creator's membership). Prints JSON as its last line.
import { verifyApiKey, verifiedKeyCache } from "../lib/api-keys/verify";
import { disconnectDb } from "../lib/db/client";

const keys = JSON.parse(process.env.BENCH_KEYS ?? "[]") as string[];

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function main(): Promise<void> {
  for (const key of keys) if (!(await verifyApiKey(key)).ok) throw new Error("a sample key did not verify");
  // Misses: clear the cache before each call.
  const missRounds = 400;
  let missCpu = 0;
  for (let i = 0; i < missRounds; i++) {
    verifiedKeyCache.clear();
    const start = cpuMicros();
    await verifyApiKey(keys[i % keys.length]!);
    missCpu += cpuMicros() - start;
  }
  // Hits: the cache is warm for every sample key, and a hit answers synchronously.
  for (const key of keys) await verifyApiKey(key);
  const hitRounds = 50_000;
  const start = cpuMicros();
  for (let i = 0; i < hitRounds; i++) {
    if (verifyApiKey(keys[i % keys.length]!) instanceof Promise) throw new Error("a warm check went to the database");
  }
  const hitCpu = cpuMicros() - start;
  await disconnectDb();
  console.log(JSON.stringify({ hitUs: hitCpu / hitRounds, missUs: missCpu / missRounds }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
