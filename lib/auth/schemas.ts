import { z } from "zod";

export const credentialsSchema = z.strictObject({
  email: z.email("A valid email is required").trim().toLowerCase().max(320),
  password: z.string().min(1, "Password is required").max(200),
});

export const signUpSchema = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(100),
  email: z.email("A valid email is required").trim().toLowerCase().max(320),
  password: z.string().min(10, "Use at least 10 characters").max(200),
  workspaceName: z.string().trim().min(1, "Workspace name is required").max(100),
});
export type SignUpInput = z.output<typeof signUpSchema>;

export const refreshSchema = z.strictObject({ refreshToken: z.string().min(1).max(200) });
