// Tokens for programs that act as a person: a 15-minute access token (HS256 JWT) and a 30-day
// refresh token (opaque; only its SHA-256 is stored). Refreshing spends the refresh token; presenting
// a spent one means it leaked, so the whole family is revoked.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { ApiError } from "../errors";
import { getDb } from "../db/client";
import { authSecret } from "./secrets";
import type { TokenPair } from "./schemas";

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;
const ISSUER = "keyward";
const AUDIENCE = "keyward-management-api";

function accessKey(): Uint8Array {
  // Derived, so the next-auth cookie key and the access-token key are never the same bytes.
  return createHmac("sha256", authSecret()).update("keyward access token v1").digest();
}

const hashRefreshToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function issuePair(userId: string, familyId: string): Promise<TokenPair> {
  const accessToken = await new SignJWT({ typ: "access" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
    .sign(accessKey());
  const refreshToken = `kw_rt_${randomBytes(32).toString("base64url")}`;
  await getDb().refreshToken.create({
    data: {
      userId,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_SECONDS * 1000),
    },
  });
  return { accessToken, tokenType: "Bearer", expiresIn: ACCESS_TOKEN_SECONDS, refreshToken };
}

export const issueTokens = (userId: string) => issuePair(userId, randomBytes(16).toString("hex"));

/** The user id in a valid access token, or null. */
export async function verifyAccessToken(token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, accessKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    return payload.typ === "access" && typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}

export async function refreshTokens(refreshToken: string): Promise<TokenPair> {
  const db = getDb();
  const invalid = () => new ApiError("invalid_token", "Refresh token is invalid, expired or already used");
  const row = await db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(refreshToken) } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw invalid();
  // Spend it with a conditional update: of two concurrent refreshes with one token, one wins and the
  // other is treated as reuse.
  const spent = await db.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
  if (spent.count === 0) {
    await db.refreshToken.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: new Date() } });
    throw new ApiError("invalid_token", "Refresh token was already used; every token of its family is now revoked");
  }
  return issuePair(row.userId, row.familyId);
}
