import { z } from "zod";
import { workspaceMembershipViewSchema } from "../workspaces/schemas";

const emailSchema = z.email("A valid email is required").trim().toLowerCase().max(320);

export const credentialsSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, "Password is required").max(200),
});

export const signUpSchema = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(100),
  email: emailSchema,
  password: z.string().min(10, "Use at least 10 characters").max(200),
  workspaceName: z.string().trim().min(1, "Workspace name is required").max(100),
});
export type SignUpInput = z.output<typeof signUpSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });

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
