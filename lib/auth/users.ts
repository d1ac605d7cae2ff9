// People: password sign-in with throttling, and the signed-in user. (Sign-up: ./sign-up.ts.)
import { ApiError } from "../errors";
import { getDb } from "../db/client";
import { verifyPassword } from "./password";
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import type { UserView } from "./schemas";

/** Checks a password sign-in. Throws 429 when throttled, 401 `invalid_credentials` when wrong. */
export async function authenticate(email: string, password: string, ip: string | null): Promise<UserView> {
  await assertLoginAllowed(ip, email);
  const user = await getDb().user.findUnique({ where: { email } });
  if (!(await verifyPassword(password, user?.passwordHash)) || !user) {
    await recordLoginFailure(ip, email);
    throw new ApiError("invalid_credentials", "Email or password is incorrect");
  }
  await recordLoginSuccess(ip, email);
  return { id: user.id, email: user.email, name: user.name };
}

/** The signed-in user, or 401 when the account no longer exists. */
export async function getUserProfile(userId: string): Promise<UserView> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new ApiError("unauthorized", "This account no longer exists");
  return user;
}
