// The audit log's shapes: what is recorded, how it is queried and what a reader gets.
import { z } from "zod";
import { cursorSchema, pageSchema } from "../paging";

export const AUDIT_ACTIONS = [
  "api_key.created",
  "api_key.updated",
  "api_key.disabled",
  "api_key.enabled",
  "api_key.revoked",
  "api_key.rotated",
  // Taken by Keyward itself (the scheduler, a leak report), with the system as the actor.
  "api_key.auto_disabled",
  "api_key.leaked",
  "member.added",
  "member.invited",
  "member.joined",
  "invitation.revoked",
  "member.role_changed",
  "member.removed",
  "workspace.created",
  "key_policy.updated",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_rotated",
  "webhook.disabled",
  // Changes made through the integration API, with the key as the actor.
  "resource.created",
  "resource.updated",
  "resource.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_PAGE_DEFAULT = 50;

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(AUDIT_PAGE_DEFAULT),
  cursor: cursorSchema.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  targetId: z.string().max(100).optional().meta({ description: "Events about one key, member, webhook…" }),
  actorId: z.string().max(100).optional().meta({ description: "Events by one person or key (a user or key id)" }),
  from: z.iso.date().optional().meta({ description: "From this day on (UTC), YYYY-MM-DD" }),
  to: z.iso.date().optional().meta({ description: "Up to and including this day (UTC), YYYY-MM-DD" }),
  format: z
    .enum(["json", "csv"])
    .optional()
    .meta({ description: "csv downloads the page as sentences (or send Accept: text/csv)" }),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The history of one key: the same query, the key named by the path. */
export const keyAuditQuerySchema = auditQuerySchema.omit({ targetId: true, format: true });

export const auditEventViewSchema = z.object({
  id: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actor: z.object({
    type: z.enum(["user", "api_key", "system"]),
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  target: z.object({
    type: z.enum(["api_key", "member", "invitation", "workspace", "resource", "webhook"]),
    id: z.string().nullable(),
  }),
  metadata: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditPageSchema = pageSchema(auditEventViewSchema);
