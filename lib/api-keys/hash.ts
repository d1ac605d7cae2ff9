// Keys are stored as HMAC-SHA-256 under a server-side pepper: a leaked database alone cannot be used
// to test guesses. A keyed hash is cheap enough to check a key on every request (bcrypt, slow by
// design, is for passwords). Warm checks compare one plain digest instead (verify.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

let cachedPepper: { source: string; key: Buffer } | undefined;

function pepper(): Buffer {
  const source = process.env.KEYWARD_API_KEY_PEPPER ?? "";
  if (source.length < 32) {
    throw new Error("KEYWARD_API_KEY_PEPPER must be set to at least 32 characters (see .env.example)");
  }
  if (cachedPepper?.source !== source) cachedPepper = { source, key: Buffer.from(source, "utf8") };
  return cachedPepper.key;
}

export function hashApiKey(plaintext: string): string {
  return createHmac("sha256", pepper()).update(plaintext, "utf8").digest("hex");
}

/** Constant-time comparison of a presented key against a stored hash (hex, or its bytes). */
export function apiKeyMatchesHash(plaintext: string, storedHash: string | Buffer): boolean {
  const presented = createHmac("sha256", pepper()).update(plaintext, "utf8").digest();
  const stored = typeof storedHash === "string" ? Buffer.from(storedHash, "hex") : storedHash;
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
