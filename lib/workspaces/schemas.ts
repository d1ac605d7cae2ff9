import { z } from "zod";
import { PLAN_IDS, type PlanId } from "../plans";
import { roleSchema } from "../members/schemas";

/** A workspace as one of its members sees it, with their role in it. */
export const workspaceMembershipViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  plan: z.enum(PLAN_IDS as [PlanId, ...PlanId[]]),
  role: roleSchema,
});
export type WorkspaceMembershipView = z.infer<typeof workspaceMembershipViewSchema>;
