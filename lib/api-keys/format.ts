// The API key format, GitHub-style: a product prefix, a public id, a secret and a CRC32 checksum.
//
//   kw_sk_0f3a9c2e71b4_<43 base62 chars of secret><6 base62 chars of CRC32>
//   └─ keyPrefix ────┘
//
// The secret is 43 base62 characters drawn without bias from node:crypto: 256 bits. The checksum
// covers everything before it, so a mistyped or truncated key is refused without a database read.
// All characters are URL-safe ([0-9A-Za-z_]).
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

export const KEY_PRODUCT_PREFIX = "kw_sk_";
const PUBLIC_ID_LENGTH = 12;
const SECRET_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const KEY_PREFIX_LENGTH = KEY_PRODUCT_PREFIX.length + PUBLIC_ID_LENGTH;
export const API_KEY_LENGTH = KEY_PREFIX_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(
  `^${KEY_PRODUCT_PREFIX}([0-9a-f]{${PUBLIC_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting the top values keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

function checksumOf(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export interface GeneratedApiKey {
  plaintext: string;
  keyPrefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  const keyPrefix = KEY_PRODUCT_PREFIX + randomBytes(PUBLIC_ID_LENGTH / 2).toString("hex");
  return { plaintext: assembleApiKey(keyPrefix, randomBase62(SECRET_LENGTH)), keyPrefix };
}

/** A well-formed key from its parts, checksum included (tests use it to forge keys of known prefixes). */
export function assembleApiKey(keyPrefix: string, secret: string): string {
  const body = `${keyPrefix}_${secret}`;
  return body + checksumOf(body);
}

/**
 * Reads a presented key. Returns its public prefix when the shape and checksum are right, else null.
 * Never throws, whatever the input (property-tested).
 */
export function parseApiKey(presented: unknown): { keyPrefix: string } | null {
  if (typeof presented !== "string" || presented.length !== API_KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const body = presented.slice(0, -CHECKSUM_LENGTH);
  if (checksumOf(body) !== presented.slice(-CHECKSUM_LENGTH)) return null;
  return { keyPrefix: KEY_PRODUCT_PREFIX + match[1] };
}

/** How lists show a key: its public prefix and a mask, never any of the secret. */
export function maskKeyPrefix(keyPrefix: string): string {
  return `${keyPrefix}••••`;
}
