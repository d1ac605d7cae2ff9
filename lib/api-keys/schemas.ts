// The shapes of API keys: requests (shared by the management API and the browser form), the views
// the service returns, and the integration API's whoami. The OpenAPI document only imports these.
import { z } from "zod";
import { ALL_PERMISSIONS, normalizePermissions, type Permission } from "../permissions";
import { canonicalIpEntry, MAX_ALLOWED_IPS } from "../net/ip-allowlist";
import { cursorSchema, pageSchema, searchSchema } from "../paging";

export const API_KEY_NAME_MAX = 255;
export const API_KEY_DESCRIPTION_MAX = 200;
export const ROTATION_OVERLAP_MAX_SECONDS = 7 * 24 * 60 * 60;
export const API_KEY_STATUSES = ["active", "disabled", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];
export const API_KEY_OWNERS = ["user", "workspace"] as const;
export type ApiKeyOwner = (typeof API_KEY_OWNERS)[number];

export const apiKeyNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(API_KEY_NAME_MAX, `Name must be at most ${API_KEY_NAME_MAX} characters`);

/** Empty or blank means no description (null). */
export const apiKeyDescriptionSchema = z
  .string({ error: "Description must be text" })
  .trim()
  .max(API_KEY_DESCRIPTION_MAX, `Description must be at most ${API_KEY_DESCRIPTION_MAX} characters`)
  .transform((value) => value || null)
  .nullish()
  .meta({
    description: "A short note: what the key is for, who to ask before revoking it",
    example: "Nightly Airflow sync; ask #data-eng",
  });

/** `<resource>:<action>` strings, `<resource>:all` accepted; output is the canonical, expanded list. */
export const permissionsSchema = z
  .array(z.string(), { error: "Permissions must be a list of strings" })
  .min(1, "Choose at least one permission")
  .max(100)
  .transform((input, ctx): Permission[] => {
    const { permissions, unknown } = normalizePermissions(input);
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `Unknown permissions: ${unknown.join(", ")}`, params: { unknown } });
      return z.NEVER;
    }
    return permissions;
  });

export const expiresAtSchema = z.iso
  .datetime({ offset: true, error: "expiresAt must be an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z" })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), "expiresAt must be in the future");

/** IPv4 and IPv6 addresses or CIDR ranges; each malformed entry is named by its index. Output: canonical, deduplicated. */
export const allowedIpsSchema = z
  .array(z.string().max(100), { error: "allowedIps must be a list of addresses or CIDR ranges" })
  .max(MAX_ALLOWED_IPS, `At most ${MAX_ALLOWED_IPS} entries`)
  .transform((entries, ctx): string[] => {
    const canonical: string[] = [];
    entries.forEach((entry, index) => {
      const parsed = canonicalIpEntry(entry);
      if (parsed === null) {
        ctx.addIssue({ code: "custom", path: [index], message: `"${entry}" is not an IP address or CIDR range` });
      } else if (!canonical.includes(parsed)) canonical.push(parsed);
    });
    return canonical;
  })
  .meta({ example: ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] });

export const apiKeyOwnerSchema = z.enum(API_KEY_OWNERS).meta({
  description:
    "`user`: acts with at most its creator's role and stops when they leave. `workspace`: a service key, tied to no member",
});

export const createApiKeySchema = z.strictObject({
  name: apiKeyNameSchema,
  description: apiKeyDescriptionSchema,
  permissions: permissionsSchema,
  expiresAt: expiresAtSchema.nullish().meta({ description: "Omitted: the key policy's default expiry, if any; null: none" }),
  owner: apiKeyOwnerSchema.default("user"),
  allowedIps: allowedIpsSchema.default([]),
});
type ParsedCreateApiKey = z.output<typeof createApiKeySchema>;
/** What the service takes: the parsed body; a caller in code may leave out what has a default. */
export type CreateApiKeyInput = Omit<ParsedCreateApiKey, "owner" | "allowedIps"> &
  Partial<Pick<ParsedCreateApiKey, "owner" | "allowedIps">>;

export const updateApiKeySchema = z
  .strictObject({
    name: apiKeyNameSchema.optional(),
    description: apiKeyDescriptionSchema,
    isActive: z.boolean().optional(),
    disabledReason: z.string().trim().max(500, "Reason must be at most 500 characters").nullish(),
    permissions: permissionsSchema.optional(),
    expiresAt: expiresAtSchema
      .nullable()
      .optional()
      .meta({ description: "A new expiry, or null to clear it where the key policy allows" }),
    allowedIps: allowedIpsSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Nothing to update");
export type UpdateApiKeyInput = z.output<typeof updateApiKeySchema>;

export const rotateApiKeySchema = z.strictObject({
  oldKeyExpiresInSeconds: z
    .number()
    .int()
    .min(0)
    .max(ROTATION_OVERLAP_MAX_SECONDS, `At most ${ROTATION_OVERLAP_MAX_SECONDS} seconds (7 days)`)
    .default(0),
});

export const API_KEY_SORTS = ["created", "lastUsed", "expires"] as const;
export type ApiKeySort = (typeof API_KEY_SORTS)[number];

/** The filters of a key list, shared by a page of it and by a bulk action on "all keys matching". */
export const apiKeyFilterSchema = z.strictObject({
  q: searchSchema.meta({ description: "Case-insensitive: a part of the name, or the start of the key prefix" }),
  status: z
    .enum([...API_KEY_STATUSES, "all"])
    .optional()
    .meta({ description: "Default: every status but revoked" }),
  owner: apiKeyOwnerSchema.optional(),
  createdBy: z.uuid("createdBy must be a user id").optional(),
});
export type ApiKeyFilter = z.output<typeof apiKeyFilterSchema>;

export const listApiKeysQuerySchema = apiKeyFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.optional(),
  sort: z.enum(API_KEY_SORTS).default("created"),
  order: z.enum(["asc", "desc"]).default("desc").meta({ description: "Keys without the sorted date come last either way" }),
});
export type ApiKeyListQuery = z.input<typeof listApiKeysQuerySchema>;
export type ApiKeyListParams = z.output<typeof listApiKeysQuerySchema>;
export type ApiKeyListFilter = ApiKeyFilter["status"];

// Response shapes (the service returns exactly these; OpenAPI is generated from them).
const permissionEnum = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]);
const isoOrNull = z.iso.datetime().nullable();
const personSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const apiKeyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  keyPrefix: z.string().meta({ example: "kw_sk_0f3a9c2e71b4" }),
  maskedKey: z.string().meta({ example: "kw_sk_0f3a9c2e71b4••••" }),
  owner: z.enum(API_KEY_OWNERS),
  userId: z.string().nullable().meta({
    description:
      "The creator. A user key acts with at most their permissions; null for a workspace key whose creator's account was deleted",
  }),
  tenantId: z.string().meta({ description: "The workspace id" }),
  creator: personSchema.nullable(),
  status: z.enum(API_KEY_STATUSES),
  isActive: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledBy: personSchema.nullable().meta({
    description: "Who disabled the key; only they or an owner/admin may enable it again",
  }),
  disabledBySystem: z.enum(["idle", "leaked"]).nullable().meta({
    description:
      "Set when Keyward disabled the key (idle past the key policy's idleDisableDays, or reported leaked); only an owner/admin may enable it again",
  }),
  leak: z
    .object({ reportedAt: z.iso.datetime(), url: z.string().nullable(), source: z.enum(["github", "report"]) })
    .nullable()
    .meta({ description: "The last leak report that matched this key" }),
  permissions: z.array(permissionEnum),
  allowedIps: z
    .array(z.string())
    .meta({ description: "Where the key may be used from; empty for anywhere (the workspace's list still applies)" }),
  expiresAt: isoOrNull,
  policyBlock: z
    .object({ rule: z.enum(["require_expiry", "max_lifetime"]), message: z.string() })
    .nullable()
    .meta({
      description:
        "Set when the key breaks an expiry rule of the key policy adopted after it was made: it is refused until fixed",
    }),
  lastUsedAt: isoOrNull,
  lastUsedIp: z.string().nullable().meta({ description: "Where the last allowed request came from" }),
  lastUsedUserAgent: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: isoOrNull,
  revokedBy: z.string().nullable(),
  rotatedFromId: z.string().nullable(),
  rotatedToId: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** GET /api/integration/whoami: who a key is, as the integration API sees it. */
export const keyIdentitySchema = z.object({
  keyId: z.string(),
  name: z.string(),
  tenantId: z.string(),
  owner: z.enum(API_KEY_OWNERS),
  userId: z.string().nullable(),
  permissions: z.array(permissionEnum),
  expiresAt: isoOrNull,
  rateLimit: z.object({ limit: z.number(), windowSeconds: z.number() }),
});
export type KeyIdentity = z.infer<typeof keyIdentitySchema>;

export const createdApiKeySchema = apiKeyViewSchema.extend({
  plaintextKey: z.string().meta({
    description: "The full key. Shown once, never stored or returned again.",
    example: "kw_sk_0f3a9c2e71b4_4bXo2mZq9LrT7wVn1cKd8sYj3hFg6aPe0uQi5NlRtWy2Hx7A1b2C3",
  }),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
export const rotatedApiKeySchema = createdApiKeySchema.extend({ oldKey: apiKeyViewSchema });
export type RotatedApiKey = z.infer<typeof rotatedApiKeySchema>;

export const keySlotsSchema = z.object({
  used: z.number().int().meta({ description: "User keys of the caller that hold a slot" }),
  limit: z.number().int().meta({ description: "Keys per member: the plan's, or the key policy's if lower" }),
  workspace: z
    .object({ used: z.number().int(), limit: z.number().int() })
    .nullable()
    .meta({ description: "Workspace keys and the plan's limit on them; null for callers who cannot manage them" }),
});
export type KeySlots = z.infer<typeof keySlotsSchema>;

/** GET /api/api-keys */
export const apiKeyCountsSchema = z
  .object({ active: z.number().int(), disabled: z.number().int(), expired: z.number().int(), revoked: z.number().int() })
  .meta({ description: "Keys per status under the same search, owner and creator filters (whatever `status` is)" });
export type ApiKeyCounts = z.infer<typeof apiKeyCountsSchema>;
export const apiKeyListSchema = pageSchema(apiKeyViewSchema).extend({ slots: keySlotsSchema, counts: apiKeyCountsSchema });
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;

/** One day of a key's requests, for its usage chart. */
export const usageDaySchema = z.object({
  day: z.string().meta({ example: "2026-12-01" }),
  allowed: z.number().int(),
  denied: z.number().int(),
  deniedByCode: z.record(z.string(), z.number().int()),
});
export type UsageDay = z.infer<typeof usageDaySchema>;

/** POST /api/api-keys/test: what a request with this key would be answered, without making it. */
export const keyTestSchema = z.strictObject({
  key: z.string({ error: "Paste the key to test" }).trim().min(1, "Paste the key to test").max(200),
  method: z.enum(["GET", "POST", "PATCH", "DELETE"]).default("GET"),
  path: z
    .string()
    .trim()
    .max(500)
    .regex(/^\/api\/integration\/[\w\-/]*$/, "A path under /api/integration/, e.g. /api/integration/sources")
    .default("/api/integration/whoami"),
  ip: z
    .string()
    .trim()
    .max(64)
    .optional()
    .meta({ description: "The address to evaluate the allowlists for; without it that step is not evaluated" }),
});
export type KeyTestInput = z.output<typeof keyTestSchema>;

export const keyTestResultSchema = z.object({
  status: z.number().int().meta({ description: "What the request would be answered" }),
  code: z.string().nullable(),
  message: z.string(),
  checks: z.array(
    z.object({
      name: z.string(),
      passed: z.boolean().nullable().meta({ description: "null: not evaluated (an earlier check decided, or no address given)" }),
      detail: z.string(),
    }),
  ),
});
export type KeyTestResult = z.infer<typeof keyTestResultSchema>;

/** GET /api/api-keys/{id}/scope-usage: which of a key's permissions it exercises. */
export const scopeUsageSchema = z.object({
  data: z.array(
    z.object({
      permission: permissionEnum,
      lastUsedAt: isoOrNull,
      requests30d: z.number().int(),
    }),
  ),
  unusedPermissions: z.array(permissionEnum).meta({
    description: "Not used for 30 days, or never by a key older than 7 days: candidates to remove",
  }),
});
export type ScopeUsage = z.infer<typeof scopeUsageSchema>;

/** POST /api/api-keys/report-leak: anyone who found a key says so. */
export const leakReportSchema = z.strictObject({
  key: z.string().min(1, "Paste the key you found").max(1000),
  url: z.url({ error: "Enter the address where you found it" }).max(2000).optional(),
});
export type LeakReportInput = z.output<typeof leakReportSchema>;
export const leakReportAcceptedSchema = z.object({
  received: z.literal(true).meta({ description: "The same answer whether or not the key exists" }),
});

/** What GitHub's secret scanning posts: the tokens it found in public. */
export const githubScanMatchesSchema = z
  .array(
    z.object({
      token: z.string().max(1000),
      type: z.string().max(200),
      url: z.string().max(2000).nullish(),
      source: z.string().max(100).nullish(),
    }),
  )
  .max(1000);

/** And what it expects back: per token, its SHA-256 and whether it was real. */
export const githubScanResultSchema = z.array(
  z.object({
    token_hash: z.string().meta({ description: "SHA-256 of the token, hex" }),
    token_type: z.string(),
    label: z.enum(["true_positive", "false_positive"]),
  }),
);
export type GithubScanResult = z.infer<typeof githubScanResultSchema>;

/** POST /api/api-keys/bulk: disable or revoke the ticked keys, or every key matching a filter. */
export const BULK_IDS_MAX = 100;
export const bulkKeySchema = z
  .strictObject({
    action: z.enum(["disable", "revoke"]),
    ids: z.array(z.uuid()).min(1).max(BULK_IDS_MAX, `At most ${BULK_IDS_MAX} keys at once; use filter for more`).optional(),
    filter: apiKeyFilterSchema.optional().meta({
      description: "Every key the list would show with these filters; done in rounds (repeat while `remaining` > 0)",
    }),
    reason: z.string().trim().max(500, "Reason must be at most 500 characters").optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), "Send either ids or filter");
export type BulkKeyInput = z.output<typeof bulkKeySchema>;

export const bulkKeyResultSchema = z.object({
  changed: z.number().int(),
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  remaining: z.number().int().meta({ description: "Keys matching the filter still to do (0 for ids)" }),
});
export type BulkKeyResult = z.infer<typeof bulkKeyResultSchema>;
