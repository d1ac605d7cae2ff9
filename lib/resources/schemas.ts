// Request and response schemas of the integration resources, shared by handlers and OpenAPI.
import { z } from "zod";

const name = z.string().trim().min(1, "Name is required").max(255, "Name must be at most 255 characters");
const description = z.string().max(2000, "Description must be at most 2000 characters");
const type = z
  .string()
  .trim()
  .min(1, "Type is required")
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/i, "Type may hold letters, digits, '_', '.' and '-'");
const config = z.record(z.string(), z.unknown(), { error: "Config must be a JSON object" });
const id = z.string().min(1).max(100);
const schedule = z.string().trim().min(1).max(100).nullable();

export const PROPERTY_TYPES = ["string", "number", "boolean", "object", "array"] as const;

const atLeastOne = <T extends Record<string, unknown>>(body: T) => Object.values(body).some((value) => value !== undefined);

export const connectorCreateSchema = z.strictObject({ name, type, config: config.default({}) });
export const connectorUpdateSchema = z
  .strictObject({ name: name.optional(), type: type.optional(), config: config.optional() })
  .refine(atLeastOne, "Nothing to update");

export const pipelineCreateSchema = z.strictObject({
  name,
  sourceId: id,
  destinationId: id,
  schedule: schedule.default(null),
  isActive: z.boolean().default(true),
});
export const pipelineUpdateSchema = z
  .strictObject({
    name: name.optional(),
    sourceId: id.optional(),
    destinationId: id.optional(),
    schedule: schedule.optional(),
    isActive: z.boolean().optional(),
  })
  .refine(atLeastOne, "Nothing to update");

export const trackingPlanCreateSchema = z.strictObject({ name, description: description.default("") });
export const trackingPlanUpdateSchema = z
  .strictObject({ name: name.optional(), description: description.optional() })
  .refine(atLeastOne, "Nothing to update");

export const eventCreateSchema = trackingPlanCreateSchema;
export const eventUpdateSchema = trackingPlanUpdateSchema;

export const propertyCreateSchema = z.strictObject({
  name,
  description: description.default(""),
  type: z.enum(PROPERTY_TYPES, { error: `Type must be one of ${PROPERTY_TYPES.join(", ")}` }),
  required: z.boolean().default(false),
  eventId: id.nullable().default(null),
});
export const propertyUpdateSchema = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    type: z.enum(PROPERTY_TYPES).optional(),
    required: z.boolean().optional(),
    eventId: id.nullable().optional(),
  })
  .refine(atLeastOne, "Nothing to update");

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(100).optional(),
});
/** Which page of a list: its size and the id of the row before it. */
export type ListQuery = z.output<typeof listQuerySchema>;

const timestamps = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };
export const connectorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  config: config,
  ...timestamps,
});
export const pipelineViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  sourceId: z.string(),
  destinationId: z.string(),
  schedule: z.string().nullable(),
  isActive: z.boolean(),
  ...timestamps,
});
export const trackingPlanViewSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), ...timestamps });
export const eventViewSchema = trackingPlanViewSchema.extend({ trackingPlanId: z.string() });
export const propertyViewSchema = z.object({
  id: z.string(),
  trackingPlanId: z.string(),
  eventId: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  type: z.enum(PROPERTY_TYPES),
  required: z.boolean(),
  ...timestamps,
});
