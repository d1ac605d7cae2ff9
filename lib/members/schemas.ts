import { z } from "zod";
import { ROLES } from "../permissions";

export const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` });

export const addMemberSchema = z.strictObject({
  email: z.email("A valid email is required").trim().toLowerCase(),
  role: roleSchema,
});

export const changeRoleSchema = z.strictObject({ role: roleSchema });
