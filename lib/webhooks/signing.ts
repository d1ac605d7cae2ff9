// Signing secrets and signatures. A secret is `whsec_` + 32 random bytes in base64 (Standard
// Webhooks' format); it is stored encrypted with AES-256-GCM under a key derived from the server's
// pepper, because signing needs the secret itself (unlike an API key, which is only ever compared).
// Messages are signed with the `standardwebhooks` package, so any of its verifiers accept them.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

const SECRET_PREFIX = "whsec_";

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function storageKey(): Buffer {
  const pepper = process.env.KEYWARD_API_KEY_PEPPER ?? "";
  if (pepper.length < 32) throw new Error("KEYWARD_API_KEY_PEPPER must be set to at least 32 characters (see .env.example)");
  return createHmac("sha256", pepper).update("keyward webhook signing secrets").digest();
}

/** Stored form: base64(iv ‖ tag ‖ ciphertext). */
export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", storageKey(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64");
}

export function openSecret(stored: string): string {
  const raw = Buffer.from(stored, "base64");
  const decipher = createDecipheriv("aes-256-gcm", storageKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * The three Standard Webhooks headers for one attempt. Each secret signs (the current one, and the
 * previous one during a rotation's overlap); the signatures go space-separated in one header, and a
 * receiver accepts the message if any of them verifies with the secret it holds.
 */
export function signMessage(messageId: string, at: Date, body: string, secrets: string[]): SignedHeaders {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" "),
  };
}
