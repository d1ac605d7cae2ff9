// Leaked keys, reported two ways: GitHub's secret scanning partner program posts the tokens it found
// in public (signed with GitHub's ECDSA key, verified against the keys the operator configured), and
// anyone may report a key they found with POST /api/api-keys/report-leak. A report that matches a
// real key stops it (./lifecycle.ts stopLeakedKey); anything else changes nothing.
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ApiError } from "../errors";
import { getDb } from "../db/client";
import { createLimiter, consumeAttempt, throttled } from "../scale/limiter";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { parseApiKey } from "./format";
import { apiKeyMatchesHash } from "./hash";
import { stopLeakedKey, type LeakReport } from "./lifecycle";
import { githubScanMatchesSchema, type GithubScanResult, type LeakReportInput } from "./schemas";

/** The key a plaintext is, by its prefix and a constant-time comparison of its hash; null otherwise. */
async function keyOf(plaintext: string): Promise<{ id: string } | null> {
  const parsed = parseApiKey(plaintext);
  if (!parsed) return null;
  const row = await getDb().apiKey.findUnique({ where: { keyPrefix: parsed.keyPrefix }, select: { id: true, secretHash: true } });
  return row && apiKeyMatchesHash(plaintext, row.secretHash) ? { id: row.id } : null;
}

/** Acts on a reported plaintext; whether it was one of our keys. */
async function reportKey(plaintext: string, report: LeakReport): Promise<boolean> {
  const key = await keyOf(plaintext);
  if (key) await stopLeakedKey(key.id, report);
  return key !== null;
}

// --- The public form -------------------------------------------------------------------------------

export const REPORTS_PER_ADDRESS_PER_HOUR = 20;
let reportLimiter: RateLimiterAbstract | undefined;

/**
 * A report from anyone. The answer is the same whether or not the key exists: it tells nothing that
 * holding the key would not (whoever has a key can simply call the API with it), and a caller
 * without one learns nothing. Throttled per address, so it is no way to test guesses at scale.
 */
export async function reportLeakedKey(ip: string | null, input: LeakReportInput): Promise<void> {
  reportLimiter ??= createLimiter({ keyPrefix: "leak_report_ip", points: REPORTS_PER_ADDRESS_PER_HOUR, duration: 60 * 60 });
  const state = await consumeAttempt(reportLimiter, ip ?? "unknown");
  if (state.consumedPoints > REPORTS_PER_ADDRESS_PER_HOUR) throw throttled("leak reports from this address", state.msBeforeNext);
  await reportKey(input.key, { url: input.url ?? null, source: "report" });
}

// --- GitHub secret scanning ------------------------------------------------------------------------

const githubKeysFile = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string(), key: z.string(), is_current: z.boolean().optional() })),
});

let cachedKeys: { path: string; keys: Map<string, KeyObject> } | undefined;

/** The public keys GitHub signs with, from KEYWARD_GITHUB_SCANNING_KEYS (a file in GitHub's own shape). */
function githubPublicKeys(): Map<string, KeyObject> {
  const path = process.env.KEYWARD_GITHUB_SCANNING_KEYS?.trim();
  if (!path) throw new ApiError("not_found", "GitHub secret scanning is not configured on this server");
  if (cachedKeys?.path === path) return cachedKeys.keys;
  const file = githubKeysFile.parse(JSON.parse(readFileSync(path, "utf8")));
  const keys = new Map(file.public_keys.map((entry) => [entry.key_identifier, createPublicKey(entry.key)]));
  cachedKeys = { path, keys };
  return keys;
}

/** Whether GitHub signed the raw body: ECDSA P-256 over SHA-256, the signature in base64 DER. */
export function githubSignatureValid(body: string, keyIdentifier: string | null, signature: string | null): boolean {
  if (!keyIdentifier || !signature) return false;
  const key = githubPublicKeys().get(keyIdentifier);
  if (!key) return false;
  try {
    return verify("sha256", Buffer.from(body, "utf8"), { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * GitHub's report: 401 unless signed by a configured key; then every match is checked, every real
 * key stopped, and each answered as GitHub expects (the token's SHA-256, never the token).
 */
export async function handleGithubReport(
  body: string,
  keyIdentifier: string | null,
  signature: string | null,
): Promise<GithubScanResult> {
  if (!githubSignatureValid(body, keyIdentifier, signature)) {
    throw new ApiError("unauthorized", "The GitHub signature is missing or does not verify");
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ApiError("invalid_json", "The body is not valid JSON");
  }
  const matches = githubScanMatchesSchema.parse(json);
  const results: GithubScanResult = [];
  for (const match of matches) {
    const found = await reportKey(match.token, { url: match.url ?? null, source: "github" });
    results.push({
      token_hash: createHash("sha256").update(match.token, "utf8").digest("hex"),
      token_type: match.type,
      label: found ? "true_positive" : "false_positive",
    });
  }
  return results;
}
