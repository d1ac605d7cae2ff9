// The request log's shapes: the query both lists take, an entry, and a page (which also says how many
// requests in its range were not kept, over the budget).
import { z } from "zod";
import { cursorSchema, pageSchema } from "../paging";

const isoDate = z.iso
  .datetime({ offset: true, error: "An ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z" })
  .transform((value) => new Date(value));

export const requestQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.optional(),
  outcome: z.enum(["allowed", "denied"]).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  code: z
    .string()
    .regex(/^[a-z_]{1,64}$/, "An error code, e.g. insufficient_permissions")
    .optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  format: z.enum(["json", "csv"]).optional().meta({ description: "csv downloads the same rows (or send Accept: text/csv)" }),
});
export type RequestQuery = z.output<typeof requestQuerySchema>;

export const workspaceRequestQuerySchema = requestQuerySchema.extend({ keyId: z.string().max(100).optional() });
export type WorkspaceRequestQuery = z.output<typeof workspaceRequestQuerySchema>;

export const requestEntrySchema = z.object({
  id: z.string(),
  keyId: z.string(),
  createdAt: z.iso.datetime(),
  method: z.string(),
  route: z.string().meta({ example: "/api/integration/sources/{id}" }),
  path: z.string(),
  status: z.number().int(),
  code: z.string().nullable().meta({ description: "The error code of a refusal; null when allowed" }),
  latencyMs: z.number().int(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type RequestEntry = z.infer<typeof requestEntrySchema>;

export const requestPageSchema = pageSchema(requestEntrySchema).extend({
  notLogged: z.number().int().meta({
    description: "Requests in this range (with these keys) beyond the log's budget per key and minute: counted, not kept",
  }),
});
export type RequestPage = z.infer<typeof requestPageSchema>;
