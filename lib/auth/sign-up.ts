// Sign-up. KEYWARD_SIGNUP decides who may create an account: `open` (anyone; the demo's default),
// `invite` or `closed` (only through an invitation link, lib/members/invitations.ts). An open sign-up
// answers the same whether or not the email has an account, so it tells nobody who has one: the
// account and its workspace are created when the emailed confirmation link is followed, and an email
// that already has an account gets a note instead. Throttled per address.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ApiError } from "../errors";
import { getDb, isUniqueViolation } from "../db/client";
import { isPlanId, DEFAULT_PLAN, type PlanId } from "../plans";
import { consumeAttempt, createLimiter, throttled } from "../scale/limiter";
import { sendMail } from "../mail/transport";
import { createWorkspaceInTransaction } from "../workspaces/service";
import { hashPassword } from "./password";
import { assertPasswordNotGuessable } from "./password-policy";
import type { SignUpAccepted, SignUpInput, SignUpResult } from "./schemas";

export const SIGN_UP_MODES = ["open", "invite", "closed"] as const;
export type SignUpMode = (typeof SIGN_UP_MODES)[number];

export function signUpMode(): SignUpMode {
  const configured = process.env.KEYWARD_SIGNUP?.trim();
  return (SIGN_UP_MODES as readonly string[]).includes(configured ?? "") ? (configured as SignUpMode) : "open";
}

/** The plan a self-signed-up workspace gets (KEYWARD_DEFAULT_PLAN; `agency` so the demo can be tried). */
export function defaultPlan(): PlanId {
  const configured = process.env.KEYWARD_DEFAULT_PLAN?.trim() ?? "";
  return isPlanId(configured) ? configured : DEFAULT_PLAN;
}

const CONFIRMATION_HOURS = 24;
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;
let limiter: ReturnType<typeof createLimiter> | undefined;

/** One more sign-up attempt from this address, or 429. */
export async function assertSignUpAllowed(ip: string | null): Promise<void> {
  limiter ??= createLimiter({ keyPrefix: "sign_up_ip", points: SIGN_UPS_PER_ADDRESS_PER_HOUR, duration: 60 * 60 });
  const state = await consumeAttempt(limiter, ip ?? "unknown");
  if (state.consumedPoints > SIGN_UPS_PER_ADDRESS_PER_HOUR) throw throttled("sign-ups from this address", state.msBeforeNext);
}

export const hashLinkToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const newLinkToken = () => randomBytes(32).toString("base64url");

export async function requestSignUp(input: SignUpInput, origin: string): Promise<SignUpAccepted> {
  if (signUpMode() !== "open") {
    throw new ApiError("forbidden", "This server takes new accounts by invitation only; ask a workspace owner to invite you");
  }
  assertPasswordNotGuessable(input.password);
  // Hashed either way, so an existing email answers no faster than a new one.
  const passwordHash = await hashPassword(input.password);
  const db = getDb();
  const accepted: SignUpAccepted = { status: "confirmation_sent", email: input.email };
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    await sendMail({
      to: input.email,
      subject: "Someone tried to create a Keyward account with your email",
      text: `You already have a Keyward account with this email. If that was you, sign in at ${origin}/sign-in.\nIf not, you can ignore this message.`,
    });
    return accepted;
  }
  const token = newLinkToken();
  await db.signUpRequest.create({
    data: {
      email: input.email,
      name: input.name,
      passwordHash,
      workspaceName: input.workspaceName,
      tokenHash: hashLinkToken(token),
      expiresAt: new Date(Date.now() + CONFIRMATION_HOURS * 60 * 60 * 1000),
    },
  });
  await sendMail({
    to: input.email,
    subject: "Confirm your Keyward account",
    text: `Follow this link within ${CONFIRMATION_HOURS} hours to create your account and the workspace "${input.workspaceName}":\n${origin}/sign-up/confirm/${token}`,
  });
  return accepted;
}

/** Follows a confirmation link: creates the account and its workspace (once; the link is then spent). */
export async function confirmSignUp(token: string): Promise<SignUpResult> {
  const db = getDb();
  const request = await db.signUpRequest.findUnique({ where: { tokenHash: hashLinkToken(token) } });
  if (!request || request.expiresAt.getTime() <= Date.now()) {
    throw new ApiError("not_found", "This confirmation link is unknown, used or expired; sign up again");
  }
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: request.email, name: request.name, passwordHash: request.passwordHash },
      });
      const workspace = await createWorkspaceInTransaction(tx, {
        name: request.workspaceName,
        plan: defaultPlan(),
        ownerId: user.id,
      });
      await tx.signUpRequest.deleteMany({ where: { email: request.email } });
      return { user: { id: user.id, email: user.email, name: user.name }, workspace };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ApiError("conflict", "An account with this email was created meanwhile; sign in instead");
    throw error;
  }
}
