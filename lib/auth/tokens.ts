// Tokens for programs that act as a person: a 15-minute access token (HS256 JWT) and a 30-day
// refresh token (opaque; only its SHA-256 is stored). Refreshing spends the refresh token; presenting
// a spent one means it leaked, so the user is signed out everywhere. Every access token (and browser
// session) carries the user's token version: "sign out everywhere" bumps it, and a token with an old
// version is refused on its next request, not when it expires.
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
  const accessToken = await new SignJWT({ typ: "access", ver: await tokenVersionOf(userId) })
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

/** The user and token version of a valid access token (one with an expiry), or null. */
export async function verifyAccessToken(token: string): Promise<{ userId: string; version: number } | null> {
  try {
    const { payload } = await jwtVerify(token, accessKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      requiredClaims: ["exp", "sub"],
    });
    if (payload.typ !== "access" || typeof payload.sub !== "string" || typeof payload.ver !== "number") return null;
    return { userId: payload.sub, version: payload.ver };
  } catch {
    return null;
  }
}

export async function tokenVersionOf(userId: string): Promise<number> {
  return (await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { tokenVersion: true } })).tokenVersion;
}

/** Whether a token version is the user's current one (false for an account that no longer exists). */
export async function isCurrentTokenVersion(userId: string, version: unknown): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { tokenVersion: true } });
  return user !== null && user.tokenVersion === version;
}

/**
 * Ends every access token, refresh token and browser session of a user at once: their next request
 * is refused. Used by POST /api/auth/sign-out-all and by refresh-token reuse detection.
 */
export async function signOutEverywhere(userId: string): Promise<void> {
  await getDb().$transaction([
    getDb().user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } }),
    getDb().refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } }),
  ]);
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
    // A spent token came back: it leaked. Whoever holds the other copy must lose everything too.
    await signOutEverywhere(row.userId);
    throw new ApiError("invalid_token", "Refresh token was already used; every session of this account is now signed out");
  }
  return issuePair(row.userId, row.familyId);
}
