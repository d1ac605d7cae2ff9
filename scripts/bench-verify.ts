// Benchmark helper: CPU time of one verifyApiKey call, warm (cache hit: the mean of 200,000 calls) and
// cold (cache miss: one indexed lookup of the key with its creator's membership; the median of 1,000
// calls). Prints JSON as its last line.
import { verifyApiKey, verifiedKeyCache } from "../lib/api-keys/verify";
import { disconnectDb } from "../lib/db/client";

const keys = JSON.parse(process.env.BENCH_KEYS ?? "[]") as string[];

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function main(): Promise<void> {
  for (const key of keys) if (!(await verifyApiKey(key)).ok) throw new Error("a sample key did not verify");
  // Misses: clear the cache before each call. The first rounds only warm up the JIT and the statement;
  // the median of the rest keeps a garbage collection that lands in one call from deciding the figure.
  const missWarmUp = 200;
  const missTimes: number[] = [];
  for (let i = 0; i < missWarmUp + 1000; i++) {
    verifiedKeyCache.clear();
    const start = cpuMicros();
    await verifyApiKey(keys[i % keys.length]!);
    if (i >= missWarmUp) missTimes.push(cpuMicros() - start);
  }
  const missUs = missTimes.sort((a, b) => a - b)[missTimes.length >> 1]!;
  // Hits: the cache is warm for every sample key, and a hit answers synchronously.
  for (const key of keys) await verifyApiKey(key);
  for (let i = 0; i < 50_000; i++) verifyApiKey(keys[i % keys.length]!);
  const hitRounds = 200_000;
  const start = cpuMicros();
  for (let i = 0; i < hitRounds; i++) {
    if (verifyApiKey(keys[i % keys.length]!) instanceof Promise) throw new Error("a warm check went to the database");
  }
  const hitCpu = cpuMicros() - start;
  await disconnectDb();
  console.log(JSON.stringify({ hitUs: hitCpu / hitRounds, missUs }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
