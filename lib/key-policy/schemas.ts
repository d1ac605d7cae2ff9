// A workspace's key policy: one shape for GET and PUT (PUT takes the whole object), the settings
// page and the OpenAPI document. Every field's default keeps the behaviour of a workspace without one.
import { z } from "zod";
import { allowedIpsSchema } from "../api-keys/schemas";

export const LEAKED_KEY_ACTIONS = ["revoke", "disable"] as const;
export const POLICY_RULES = ["require_expiry", "max_lifetime", "member_key_creation"] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];
/** The rules a key made before them can break at use: it is blocked, not revoked. */
export type ExpiryRule = Exclude<PolicyRule, "member_key_creation">;

const days = (min: number, max: number) =>
  z
    .number({ error: "A whole number of days, or null" })
    .int("A whole number of days")
    .min(min, `At least ${min} days`)
    .max(max, `At most ${max} days`);

export const keyPolicySchema = z
  .strictObject({
    memberKeyCreation: z.boolean().meta({ description: "Whether members (not only owners and admins) may create keys" }),
    maxKeysPerMember: z
      .number()
      .int()
      .min(1, "At least 1")
      .nullable()
      .meta({ description: "Active user keys per member; null for the plan's limit, which it may not exceed" }),
    requireExpiry: z.boolean().meta({ description: "Every key must have an expiry date" }),
    maxLifetimeDays: days(1, 3650).nullable().meta({ description: "The furthest a key's expiry may lie ahead, in days" }),
    defaultExpiryDays: days(1, 3650).nullable().meta({ description: "The expiry a new key gets when its creator names none" }),
    allowedIps: allowedIpsSchema.meta({
      description: "CIDR ranges every key of the workspace must be used from; empty for anywhere",
    }),
    idleDisableDays: days(7, 365).nullable().meta({ description: "Keys unused for this many days are disabled automatically" }),
    leakedKeyAction: z.enum(LEAKED_KEY_ACTIONS).meta({ description: "What happens to a key reported as leaked" }),
  })
  .refine(
    (policy) => !(policy.maxLifetimeDays && policy.defaultExpiryDays && policy.defaultExpiryDays > policy.maxLifetimeDays),
    {
      message: "The default expiry cannot lie beyond the maximum lifetime",
      path: ["defaultExpiryDays"],
    },
  );
export type KeyPolicy = z.output<typeof keyPolicySchema>;

export const DEFAULT_KEY_POLICY: KeyPolicy = {
  memberKeyCreation: true,
  maxKeysPerMember: null,
  requireExpiry: false,
  maxLifetimeDays: null,
  defaultExpiryDays: null,
  allowedIps: [],
  idleDisableDays: null,
  leakedKeyAction: "revoke",
};

const DAY_MS = 24 * 60 * 60 * 1000;
// A form that preselects "in N days" is submitted a little later than it was drawn.
const LIFETIME_GRACE_MS = 60 * 60 * 1000;

/**
 * The expiry rule a key breaks, if any, measured at `nowMs`: no expiry where one is required, or an
 * expiry further ahead than the maximum lifetime. The same test decides a create or an edit (400)
 * and a key in use (403 blocked, for keys made before the rule).
 */
export function brokenExpiryRule(
  rules: { requireExpiry: boolean; maxLifetimeDays: number | null },
  expiresAtMs: number | null,
  nowMs: number,
): ExpiryRule | null {
  if (expiresAtMs === null) {
    if (rules.requireExpiry) return "require_expiry";
    if (rules.maxLifetimeDays !== null) return "max_lifetime";
    return null;
  }
  if (rules.maxLifetimeDays !== null && expiresAtMs - nowMs > rules.maxLifetimeDays * DAY_MS + LIFETIME_GRACE_MS)
    return "max_lifetime";
  return null;
}

export const POLICY_RULE_MESSAGES: Record<PolicyRule, (policy: KeyPolicy) => string> = {
  require_expiry: () => "The workspace's key policy requires every key to have an expiry date",
  max_lifetime: (policy) => `The workspace's key policy allows keys to expire at most ${policy.maxLifetimeDays} days ahead`,
  member_key_creation: () => "The workspace's key policy lets only owners and admins create keys",
};
