// Shapes of the HTTP layer itself: the one error body every route answers with, and liveness.
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../errors";

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorBodySchema>["error"];

export const healthSchema = z.object({ status: z.literal("ok") });

/** GET /api/openapi.json: the document itself (its full shape is the OpenAPI 3.1 specification's). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** GET /api/health/ready */
export const readinessSchema = z.object({
  status: z.enum(["ready", "unavailable"]),
  checks: z.object({
    database: z.enum(["ok", "unavailable"]),
    redis: z.enum(["ok", "unavailable", "not_configured"]),
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;
