import { z } from "zod";
import { workspaceMembershipViewSchema } from "../workspaces/schemas";

const emailSchema = z.email("A valid email is required").trim().toLowerCase().max(320);

export const credentialsSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, "Password is required").max(200),
});

export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads 72 bytes; a longer password is refused rather than silently cut (no pre-hashing, so stored hashes stay valid). */
export const PASSWORD_MAX_BYTES = 72;

/** A new password: length and size here (the form checks them too); the common-password list on the server. */
export const newPasswordSchema = z
  .string({ error: "Password is required" })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine(
    (password) => new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES,
    `Use at most ${PASSWORD_MAX_BYTES} bytes (about 72 letters)`,
  );

export const PASSWORD_CONTAINS_EMAIL = "The password must not contain your email's name";

/** Whether a password contains the part of the email before the @ (when that is 4 characters or more). */
export function passwordContainsEmailName(password: string, email: string): boolean {
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  return local.length >= 4 && password.toLowerCase().includes(local);
}

const passwordAvoidsEmail = (body: { email: string; password: string }, ctx: z.RefinementCtx) => {
  if (passwordContainsEmailName(body.password, body.email)) {
    ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_CONTAINS_EMAIL });
  }
};

export const signUpSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Name is required").max(100),
    email: emailSchema,
    password: newPasswordSchema,
    workspaceName: z.string().trim().min(1, "Workspace name is required").max(100),
  })
  .superRefine(passwordAvoidsEmail);
export type SignUpInput = z.output<typeof signUpSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/** A new account made through an invitation link: the email is the invitation's. */
export const invitationSignUpSchema = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(100),
  password: newPasswordSchema,
});

/** The token of an emailed link (sign-up confirmation, invitation). */
export const linkTokenSchema = z.string().min(20).max(100);
export const confirmSignUpSchema = z.strictObject({ token: linkTokenSchema });

/** 202 of POST /api/auth/sign-up: the same whether or not the email has an account. */
export const signUpAcceptedSchema = z.object({ status: z.literal("confirmation_sent"), email: z.string() });
export type SignUpAccepted = z.infer<typeof signUpAcceptedSchema>;

export const userViewSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type UserView = z.infer<typeof userViewSchema>;

export const signUpResultSchema = z.object({
  user: userViewSchema,
  workspace: z.object({ id: z.string(), slug: z.string() }),
});
export type SignUpResult = z.infer<typeof signUpResultSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number().int().meta({ description: "Seconds the access token lives", example: 900 }),
  refreshToken: z.string(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/** GET /api/me */
export const meSchema = z.object({ user: userViewSchema, workspaces: z.array(workspaceMembershipViewSchema) });
