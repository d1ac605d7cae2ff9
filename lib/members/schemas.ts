import { z } from "zod";
import { ROLES } from "../permissions";
import { cursorSchema, pageSchema, searchSchema } from "../paging";

export const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` });

/** POST /api/members: invite someone by email. */
export const inviteMemberSchema = z.strictObject({
  email: z.email("A valid email is required").trim().toLowerCase().max(320),
  role: roleSchema,
});
export type InviteMemberInput = z.output<typeof inviteMemberSchema>;

export const changeRoleSchema = z.strictObject({ role: roleSchema });

export const memberViewSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.iso.datetime(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export const memberListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.optional(),
  q: searchSchema.meta({ description: "Case-insensitive: a part of the name or the email" }),
});
export type MemberListQuery = z.input<typeof memberListQuerySchema>;

/** Members by join time, oldest first. */
export const memberListSchema = pageSchema(memberViewSchema);
export type MemberList = z.infer<typeof memberListSchema>;

export const invitationViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  expiresAt: z.iso.datetime(),
  invitedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.iso.datetime(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

/** 202 of POST /api/members: the same whether or not the email has an account. */
export const invitationSentSchema = z.object({
  invitation: invitationViewSchema,
  acceptUrl: z.string().optional().meta({
    description: "Only when the server sends no mail (no KEYWARD_SMTP_URL): the link to pass on to the invitee",
  }),
});
export type InvitationSent = z.infer<typeof invitationSentSchema>;

export const invitationListSchema = z.object({ data: z.array(invitationViewSchema) });

/** What the invitation page shows before it is accepted (no sign-in needed: the token is the secret). */
export const invitationPreviewSchema = z.object({
  email: z.string(),
  role: roleSchema,
  workspace: z.object({ name: z.string() }),
  invitedBy: z.object({ name: z.string() }),
  expiresAt: z.iso.datetime(),
  /** Whether an account with this email exists (the invitee learns only about themself). */
  hasAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptedInvitationSchema = z.object({ workspace: z.object({ id: z.string(), slug: z.string() }) });
