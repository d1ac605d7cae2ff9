// Webhooks' shapes: the events Keyward sends, the endpoints that receive them and the delivery log.
import { z } from "zod";
import { cursorSchema, pageSchema } from "../paging";

export const WEBHOOK_EVENTS = [
  { type: "api_key.created", description: "A key was created" },
  { type: "api_key.updated", description: "A key's name, permissions, expiry or allowed IPs changed" },
  { type: "api_key.disabled", description: "A key was disabled by a person" },
  { type: "api_key.enabled", description: "A disabled key was enabled again" },
  { type: "api_key.rotated", description: "A key was replaced by a new one" },
  { type: "api_key.revoked", description: "A key was revoked" },
  { type: "api_key.expiring_soon", description: "A key expires in 7 days, and again 1 day before" },
  { type: "api_key.expired", description: "A key reached its expiry" },
  { type: "api_key.leaked", description: "A key was reported found in public, and revoked or disabled" },
  { type: "api_key.auto_disabled", description: "Keyward disabled a key idle past the key policy's limit" },
  { type: "api_key.policy_blocked", description: "A key policy change blocks a key until its expiry is fixed" },
  { type: "member.invited", description: "Someone was invited to the workspace" },
  { type: "member.joined", description: "An invitation was accepted" },
  { type: "member.role_changed", description: "A member's role changed" },
  { type: "member.removed", description: "A member was removed" },
  { type: "key_policy.updated", description: "The workspace's key policy changed" },
  { type: "ping", description: "A test event (the endpoint's test button); always sent, never subscribed" },
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number]["type"];
export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENTS.map((event) => event.type) as [WebhookEventType, ...WebhookEventType[]];
/** What an endpoint can subscribe to: everything but the test event. */
export const SUBSCRIBABLE_EVENTS = WEBHOOK_EVENT_TYPES.filter((type) => type !== "ping") as [
  WebhookEventType,
  ...WebhookEventType[],
];

const eventList = z
  .array(z.enum(SUBSCRIBABLE_EVENTS, { error: `Each event must be one of ${SUBSCRIBABLE_EVENTS.join(", ")}` }))
  .min(1, "Choose at least one event")
  .transform((events) => SUBSCRIBABLE_EVENTS.filter((type) => events.includes(type)));

const urlField = z
  .string()
  .trim()
  .max(2000, "The URL must be at most 2000 characters")
  .refine((value) => URL.canParse(value), "Enter a full URL, such as https://example.com/webhooks/keyward");

export const createWebhookSchema = z.strictObject({
  url: urlField,
  events: eventList,
  description: z.string().trim().max(200, "The description must be at most 200 characters").optional(),
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    url: urlField.optional(),
    events: eventList.optional(),
    description: z.string().trim().max(200, "The description must be at most 200 characters").optional(),
    enabled: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "Change at least one field");
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

export const webhookViewSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  disabledReason: z
    .string()
    .nullable()
    .meta({ description: "Why Keyward disabled the endpoint (every delivery failing for 3 days); null otherwise" }),
  failingSince: z.iso.datetime().nullable().meta({ description: "The first failed attempt since the last success" }),
  previousSecretUntil: z.iso.datetime().nullable().meta({
    description: "After a rotation, the old secret also signs every message until then",
  }),
  createdAt: z.iso.datetime(),
});
export type WebhookView = z.infer<typeof webhookViewSchema>;
export const webhookListSchema = z.object({ data: z.array(webhookViewSchema) });

export const webhookWithSecretSchema = webhookViewSchema.extend({
  secret: z.string().meta({
    description: "The signing secret (Standard Webhooks). Shown once, on creation and rotation.",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export const webhookDeliverySchema = z.object({
  id: z.string().meta({ description: "The message id, sent as webhook-id on every attempt" }),
  endpointId: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable().meta({ description: "When the next attempt is due; null once settled" }),
  request: z.object({ body: z.string() }).meta({ description: "The exact body sent (its headers are the signature)" }),
  response: z
    .object({ status: z.number().int().nullable(), body: z.string().nullable(), durationMs: z.number().int().nullable() })
    .nullable()
    .meta({ description: "The last attempt's answer (body cut at 1,000 characters); null before the first" }),
  error: z.string().nullable().meta({ description: "Why the last attempt failed without an answer, or was refused" }),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema);

export const deliveryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorSchema.optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
});
export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;

/** The body of every message: Standard Webhooks' recommended `{type, timestamp, data}`. */
export const webhookPayloadSchema = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES),
  timestamp: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()).meta({
    description:
      "Always `workspaceId`; for api_key.* events `apiKey` (the key's public view, never a secret) and the event's facts; for member.* `member` or `invitation`; for key_policy.updated `policy` and `changes`",
  }),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
