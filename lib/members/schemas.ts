import { z } from "zod";
import { ROLES } from "../permissions";

export const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` });

export const addMemberSchema = z.strictObject({
  email: z.email("A valid email is required").trim().toLowerCase(),
  role: roleSchema,
});

export const changeRoleSchema = z.strictObject({ role: roleSchema });

export const memberViewSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.iso.datetime(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export const memberListSchema = z.object({ data: z.array(memberViewSchema) });
