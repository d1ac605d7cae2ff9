// People: sign-up (a user and the workspace they own) and password sign-in with throttling.
import { ApiError, fieldDetails } from "../errors";
import { getDb, isUniqueViolation } from "../db/client";
import { DEFAULT_PLAN } from "../plans";
import { hashPassword, verifyPassword } from "./password";
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import type { SignUpInput, SignUpResult, UserView } from "./schemas";
import { createWorkspaceInTransaction } from "../workspaces/service";

export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const workspace = await createWorkspaceInTransaction(tx, {
        name: input.workspaceName,
        plan: DEFAULT_PLAN,
        ownerId: user.id,
      });
      return { user: { id: user.id, email: user.email, name: user.name }, workspace };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = "An account with that email already exists";
      throw new ApiError("conflict", message, { details: fieldDetails("email", message) });
    }
    throw error;
  }
}

/** Checks a password sign-in. Throws 429 when throttled, 401 `invalid_credentials` when wrong. */
export async function authenticate(email: string, password: string, ip: string | null): Promise<UserView> {
  await assertLoginAllowed(ip, email);
  const user = await getDb().user.findUnique({ where: { email } });
  if (!(await verifyPassword(password, user?.passwordHash)) || !user) {
    await recordLoginFailure(ip, email);
    throw new ApiError("invalid_credentials", "Email or password is incorrect");
  }
  await recordLoginSuccess(email);
  return { id: user.id, email: user.email, name: user.name };
}

/** The signed-in user, or 401 when the account no longer exists. */
export async function getUserProfile(userId: string): Promise<UserView> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new ApiError("unauthorized", "This account no longer exists");
  return user;
}
