// The OpenAPI 3.1 document, generated from the zod schemas the handlers use (so it cannot drift) and
// from the tables: the integration resources and their permissions come from RESOURCE_DEFINITIONS
// and METHOD_ACTIONS, the error codes from ERROR_STATUS, the key-check messages from
// KEY_CHECK_FAILURES, and each management route's role requirement from CAPABILITIES. This file
// defines no shape of its own; the integration suite validates every 2xx body against it.
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../errors";
import {
  githubScanMatchesSchema,
  githubScanResultSchema,
  keyTestResultSchema,
  keyTestSchema,
  leakReportAcceptedSchema,
  leakReportSchema,
  scopeUsageSchema,
} from "../api-keys/schemas";
import {
  apiKeyListSchema,
  apiKeyViewSchema,
  bulkKeyResultSchema,
  bulkKeySchema,
  createApiKeySchema,
  createdApiKeySchema,
  keyIdentitySchema,
  listApiKeysQuerySchema,
  rotateApiKeySchema,
  rotatedApiKeySchema,
  updateApiKeySchema,
} from "../api-keys/schemas";
import { KEY_CHECK_FAILURES } from "../api-keys/admission";
import { keyPolicySchema } from "../key-policy/schemas";
import {
  createWebhookSchema,
  deliveryQuerySchema,
  updateWebhookSchema,
  WEBHOOK_EVENTS,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookListSchema,
  webhookPayloadSchema,
  webhookViewSchema,
  webhookWithSecretSchema,
} from "../webhooks/schemas";
import { requestPageSchema, requestQuerySchema, workspaceRequestQuerySchema } from "../request-log/schemas";
import { auditPageSchema, auditQuerySchema, keyAuditQuerySchema } from "../audit/schemas";
import {
  confirmSignUpSchema,
  credentialsSchema,
  invitationSignUpSchema,
  meSchema,
  refreshSchema,
  signUpAcceptedSchema,
  signUpResultSchema,
  signUpSchema,
  tokenPairSchema,
} from "../auth/schemas";
import {
  acceptedInvitationSchema,
  changeRoleSchema,
  invitationListSchema,
  invitationSentSchema,
  inviteMemberSchema,
  memberListQuerySchema,
  memberListSchema,
  memberViewSchema,
} from "../members/schemas";
import { RESOURCE_DEFINITIONS } from "../resources/service";
import { listQuerySchema } from "../resources/schemas";
import { pageSchema } from "../paging";
import { errorBodySchema, healthSchema, openApiDocumentSchema, readinessSchema } from "../http/schemas";
import { CAPABILITIES, type Action, type Capability } from "../permissions";

// Examples of the key-check refusals come from the one table of their messages; a few others are
// written here as examples only (the services write the real ones).
const EXAMPLE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  ...Object.fromEntries(
    Object.values(KEY_CHECK_FAILURES).map((failure) => [
      failure.code,
      (failure.message as (facts: unknown) => string)(failure.example),
    ]),
  ),
  validation_error: "The request is invalid",
  tenant_required: "Name the workspace in the x-tenant-id header",
  not_a_member: "You are not a member of this workspace",
  permissions_not_subset: "A key cannot hold permissions its creator lacks: source:delete",
  api_key_limit_reached: "The Agency plan allows 5 active keys per user",
  key_policy_violation: "The workspace's key policy requires every key to have an expiry date",
  service_unavailable: "Keyward's database is unavailable right now; try again in a few seconds",
};

/** One response per status, listing every code that status can carry on this route, with examples. */
// Every route that errors at all may also find its database (or Redis) unavailable: 503 with Retry-After.
function errorResponses(codes: ErrorCode[]): RouteConfig["responses"] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...codes, "service_unavailable" as const]))
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\``).join(", "),
        content: {
          "application/json": {
            schema: errorBodySchema,
            examples: Object.fromEntries(
              list.map((code) => [
                code,
                { value: { error: { code, message: EXAMPLE_MESSAGES[code] ?? code.replaceAll("_", " ") } } },
              ]),
            ),
          },
        },
      },
    ]),
  );
}

const json = (schema: z.ZodType, description = "OK") => ({ description, content: { "application/json": { schema } } });
const body = (schema: z.ZodType) => ({ body: { required: true, content: { "application/json": { schema } } } });
const pathParams = (...names: string[]) => z.object(Object.fromEntries(names.map((name) => [name, z.string()])));

const PERSON_AUTH: Record<string, string[]>[] = [{ bearerToken: [] }, { sessionCookie: [] }];
// Any one of the three forms a key may come in (lib/http/with-api-key.ts).
const API_KEY_AUTH: Record<string, string[]>[] = [{ apiKey: [] }, { apiKeyHeader: [] }, { apiKeyBearer: [] }];
const tenantHeader = z.object({ "x-tenant-id": z.string().meta({ description: "The workspace id" }) });
const MANAGEMENT_ERRORS: ErrorCode[] = [
  "unauthorized",
  "invalid_token",
  "tenant_required",
  "not_a_member",
  "cross_origin_request",
  "rate_limited",
];
const INTEGRATION_ERRORS: ErrorCode[] = [
  ...new Set(Object.values(KEY_CHECK_FAILURES).map((failure) => failure.code)),
  "method_not_allowed",
];
const BODY_ERRORS: ErrorCode[] = ["validation_error", "invalid_json", "payload_too_large", "unsupported_media_type"];

const rateLimitHeaders = {
  "RateLimit-Limit": { schema: { type: "integer" as const }, description: "Requests allowed per window" },
  "RateLimit-Remaining": { schema: { type: "integer" as const }, description: "Requests left in this window" },
  "RateLimit-Reset": { schema: { type: "integer" as const }, description: "Seconds until the window resets" },
};

function registerManagement(registry: OpenAPIRegistry): void {
  const manage = (
    route: Omit<RouteConfig, "security" | "responses"> & {
      ok: RouteConfig["responses"];
      errors?: ErrorCode[];
      requires: Capability;
    },
  ) => {
    const { ok, errors = [], requires, ...rest } = route;
    const roles = CAPABILITIES[requires].roles.join(", ");
    registry.registerPath({
      ...rest,
      description: [rest.description, `Needs \`${requires}\` (held by ${roles}).`].filter(Boolean).join(" "),
      tags: rest.tags ?? ["Management"],
      security: PERSON_AUTH,
      request: { ...rest.request, headers: tenantHeader },
      responses: { ...ok, ...errorResponses([...MANAGEMENT_ERRORS, "forbidden", ...errors]) },
    });
  };
  const id = { params: pathParams("id") };
  manage({
    method: "get",
    path: "/api/api-keys",
    summary: "List API keys, a page at a time",
    description:
      "Without keys:manage_all, only the caller's own user keys. Pages follow the one paging contract: `nextCursor` goes back as `?cursor=` (null on the last page), with the same filters and sort. `?q=` searches names (any part, any case) and key prefixes (the start); `?sort=lastUsed|expires` puts keys without that date last in either order. `counts` gives each status's total under the same search, owner and creator filters.",
    requires: "keys:manage_own",
    request: { query: listApiKeysQuerySchema },
    ok: { 200: json(apiKeyListSchema) },
    errors: ["validation_error"],
  });
  manage({
    method: "post",
    path: "/api/api-keys",
    summary: "Create an API key (the plaintext is returned once)",
    description:
      'A workspace key (`owner: "workspace"`) needs keys:manage_workspace and has its own limit from the plan. The workspace\'s key policy decides whether members may create keys, how many, and their expiry (400 `key_policy_violation` with `details.rule`).',
    requires: "keys:create",
    request: body(createApiKeySchema),
    ok: { 201: json(createdApiKeySchema, "Created") },
    errors: [...BODY_ERRORS, "plan_required", "permissions_not_subset", "api_key_limit_reached", "key_policy_violation"],
  });
  manage({
    method: "post",
    path: "/api/api-keys/bulk",
    summary: "Disable or revoke many keys: the ticked ones, or every key matching a filter",
    description:
      "Each key is changed exactly as its own PATCH or DELETE would (rights, audit event, webhook). `ids` (at most 100) does them at once; `filter` does up to 200 per call and answers how many `remaining`: call again until 0.",
    requires: "keys:manage_own",
    request: body(bulkKeySchema),
    ok: { 200: json(bulkKeyResultSchema) },
    errors: BODY_ERRORS,
  });
  manage({
    method: "get",
    path: "/api/api-keys/{id}",
    summary: "Read an API key",
    requires: "keys:manage_own",
    request: id,
    ok: { 200: json(apiKeyViewSchema) },
    errors: ["not_found"],
  });
  manage({
    method: "patch",
    path: "/api/api-keys/{id}",
    summary: "Rename, enable/disable, or change the permissions, expiry or allowed IPs of a key",
    description:
      "A key disabled by someone else can be enabled again only by them or with keys:manage_all. A workspace key needs keys:manage_workspace. A new expiry must satisfy the key policy, which is how a policy-blocked key is fixed.",
    requires: "keys:manage_own",
    request: { ...id, ...body(updateApiKeySchema) },
    ok: { 200: json(apiKeyViewSchema) },
    errors: [...BODY_ERRORS, "not_found", "conflict", "permissions_not_subset", "key_policy_violation"],
  });
  manage({
    method: "delete",
    path: "/api/api-keys/{id}",
    summary: "Revoke a key (idempotent)",
    requires: "keys:manage_own",
    request: id,
    ok: { 200: json(apiKeyViewSchema) },
    errors: ["not_found"],
  });
  manage({
    method: "post",
    path: "/api/api-keys/{id}/rotate",
    summary: "Replace a key with a new one, optionally keeping the old one working for an overlap",
    requires: "keys:create",
    request: { ...id, ...body(rotateApiKeySchema) },
    ok: { 201: json(rotatedApiKeySchema, "Created") },
    errors: [...BODY_ERRORS, "not_found", "conflict", "plan_required"],
  });
  manage({
    method: "get",
    path: "/api/api-keys/{id}/audit-events",
    summary: "A key's history from the audit log, newest first",
    requires: "keys:manage_own",
    request: { ...id, query: keyAuditQuerySchema },
    ok: { 200: json(auditPageSchema) },
    errors: ["not_found", "validation_error"],
  });
  manage({
    method: "get",
    path: "/api/audit-events",
    summary: "The workspace's audit log, newest first",
    description:
      "Filters by action, actor, target and day combine. `?format=csv` (or `Accept: text/csv`) downloads the page as sentences, the next cursor in `X-Next-Cursor`.",
    requires: "audit:read",
    request: { query: auditQuerySchema },
    ok: {
      200: {
        description: "A page of events",
        content: { "application/json": { schema: auditPageSchema }, "text/csv": { schema: z.string() } },
      },
    },
    errors: ["validation_error"],
  });
  manage({
    method: "post",
    path: "/api/api-keys/test",
    summary: "Test a key: what a request with it would be answered, without making it",
    description:
      "Runs the integration API's own checks in a dry run: no usage counted, no rate limit consumed, no request-log entry. Every check is reported as passed, failed or not evaluated (the allowlists are not evaluated without `ip`). A key of another workspace is reported like an unknown key.",
    requires: "keys:manage_own",
    request: body(keyTestSchema),
    ok: { 200: json(keyTestResultSchema) },
    errors: BODY_ERRORS,
  });
  manage({
    method: "get",
    path: "/api/api-keys/{id}/scope-usage",
    summary: "When each of a key's permissions was last used, and which look unused",
    description:
      "Unused: no request needed it for 30 days, or ever for a key older than 7 days. Remove them with one PATCH of `permissions`.",
    requires: "keys:manage_own",
    request: id,
    ok: { 200: json(scopeUsageSchema) },
    errors: ["not_found"],
  });
  const requestLog = (description: string) => ({
    200: {
      description,
      content: { "application/json": { schema: requestPageSchema }, "text/csv": { schema: z.string() } },
    },
  });
  manage({
    method: "get",
    path: "/api/api-keys/{id}/requests",
    summary: "A key's request log, newest first",
    description:
      "Every request that presented this key (allowed or refused, including a wrong secret for its prefix), up to the log's budget per key and minute; `notLogged` counts the rest in the range. `?format=csv` or `Accept: text/csv` downloads the same rows (the next cursor in `X-Next-Cursor`).",
    requires: "keys:manage_own",
    request: { ...id, query: requestQuerySchema },
    ok: requestLog("A page of entries"),
    errors: ["not_found", "validation_error"],
  });
  manage({
    method: "get",
    path: "/api/requests",
    summary: "The workspace's request log, newest first",
    requires: "requests:read",
    request: { query: workspaceRequestQuerySchema },
    ok: requestLog("A page of entries"),
    errors: ["validation_error"],
  });
  const policy = { tags: ["Key policy"] };
  manage({
    ...policy,
    method: "get",
    path: "/api/workspace/key-policy",
    summary: "The workspace's key policy",
    requires: "policy:read",
    ok: { 200: json(keyPolicySchema) },
  });
  manage({
    ...policy,
    method: "put",
    path: "/api/workspace/key-policy",
    summary: "Replace the workspace's key policy (the whole object)",
    description:
      "In force on every instance from the next request. A key that breaks an expiry rule adopted after it was made is blocked (403 `api_key_policy_blocked` at use) until its expiry is fixed, not revoked. Audited as `key_policy.updated`.",
    requires: "policy:manage",
    request: body(keyPolicySchema),
    ok: { 200: json(keyPolicySchema) },
    errors: BODY_ERRORS,
  });
  const webhooks = { tags: ["Webhooks"] };
  const webhookId = { params: pathParams("id") };
  manage({
    ...webhooks,
    method: "get",
    path: "/api/webhooks",
    summary: "List the workspace's webhook endpoints",
    requires: "webhooks:manage",
    ok: { 200: json(webhookListSchema) },
  });
  manage({
    ...webhooks,
    method: "post",
    path: "/api/webhooks",
    summary: "Add an endpoint (the signing secret is returned once)",
    description:
      "Only https URLs whose every resolved address is public (checked again at each send; redirects are not followed). At most 20 per workspace.",
    requires: "webhooks:manage",
    request: body(createWebhookSchema),
    ok: { 201: json(webhookWithSecretSchema, "Created") },
    errors: [...BODY_ERRORS, "conflict"],
  });
  manage({
    ...webhooks,
    method: "get",
    path: "/api/webhooks/{id}",
    summary: "Read an endpoint",
    requires: "webhooks:manage",
    request: webhookId,
    ok: { 200: json(webhookViewSchema) },
    errors: ["not_found"],
  });
  manage({
    ...webhooks,
    method: "patch",
    path: "/api/webhooks/{id}",
    summary: "Change an endpoint's URL, events or description, or disable and enable it",
    requires: "webhooks:manage",
    request: { ...webhookId, ...body(updateWebhookSchema) },
    ok: { 200: json(webhookViewSchema) },
    errors: [...BODY_ERRORS, "not_found"],
  });
  manage({
    ...webhooks,
    method: "delete",
    path: "/api/webhooks/{id}",
    summary: "Delete an endpoint and its delivery log",
    requires: "webhooks:manage",
    request: webhookId,
    ok: { 204: { description: "Deleted" } },
    errors: ["not_found"],
  });
  manage({
    ...webhooks,
    method: "post",
    path: "/api/webhooks/{id}/rotate-secret",
    summary: "Replace the signing secret (returned once); the old one keeps signing for 24 hours",
    requires: "webhooks:manage",
    request: webhookId,
    ok: { 200: json(webhookWithSecretSchema) },
    errors: ["not_found"],
  });
  manage({
    ...webhooks,
    method: "post",
    path: "/api/webhooks/{id}/test",
    summary: "Send a `ping` now, once, and answer with the attempt",
    requires: "webhooks:manage",
    request: webhookId,
    ok: { 200: json(webhookDeliverySchema) },
    errors: ["not_found"],
  });
  manage({
    ...webhooks,
    method: "get",
    path: "/api/webhooks/{id}/deliveries",
    summary: "The endpoint's delivery log, newest first",
    requires: "webhooks:manage",
    request: { ...webhookId, query: deliveryQuerySchema },
    ok: { 200: json(webhookDeliveryPageSchema) },
    errors: ["not_found", "validation_error"],
  });
  manage({
    ...webhooks,
    method: "post",
    path: "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    summary: "Send a delivery again now, with the same webhook-id, and answer with the attempt",
    requires: "webhooks:manage",
    request: { params: pathParams("id", "deliveryId") },
    ok: { 200: json(webhookDeliverySchema) },
    errors: ["not_found"],
  });
  const members = { tags: ["Members"] };
  manage({
    ...members,
    method: "get",
    path: "/api/members",
    summary: "List members, oldest first, a page at a time",
    description: "`?q=` searches names and emails (any part, any case); `nextCursor` goes back as `?cursor=`.",
    requires: "members:read",
    request: { query: memberListQuerySchema },
    errors: ["validation_error"],
    ok: { 200: json(memberListSchema) },
  });
  manage({
    ...members,
    method: "post",
    path: "/api/members",
    summary: "Invite someone by email",
    description:
      "Answers 202 whether or not the email has an account; the invitee joins by accepting the emailed link within 7 days. `acceptUrl` is returned only when the server sends no mail. Inviting an OWNER needs members:manage_owners.",
    requires: "members:manage",
    request: body(inviteMemberSchema),
    ok: { 202: json(invitationSentSchema, "Invited") },
    errors: [...BODY_ERRORS, "conflict"],
  });
  manage({
    ...members,
    method: "get",
    path: "/api/invitations",
    summary: "Open invitations",
    requires: "members:read",
    ok: { 200: json(invitationListSchema) },
  });
  manage({
    ...members,
    method: "delete",
    path: "/api/invitations/{id}",
    summary: "Revoke an invitation",
    requires: "members:manage",
    request: { params: pathParams("id") },
    ok: { 204: { description: "Revoked" } },
    errors: ["not_found"],
  });
  manage({
    ...members,
    method: "patch",
    path: "/api/members/{userId}",
    summary: "Change a member's role",
    description: "Granting or taking away OWNER needs members:manage_owners.",
    requires: "members:manage",
    request: { params: pathParams("userId"), ...body(changeRoleSchema) },
    ok: { 200: json(memberViewSchema) },
    errors: [...BODY_ERRORS, "not_found", "last_owner"],
  });
  manage({
    ...members,
    method: "delete",
    path: "/api/members/{userId}",
    summary: "Remove a member (their keys stop at once)",
    requires: "members:manage",
    request: { params: pathParams("userId") },
    ok: { 204: { description: "Removed" } },
    errors: ["not_found", "last_owner"],
  });
}

function registerPeople(registry: OpenAPIRegistry): void {
  const tags = ["Authentication"];
  registry.registerPath({
    method: "post",
    path: "/api/auth/token",
    tags,
    summary: "Exchange email and password for tokens",
    request: body(credentialsSchema),
    responses: { 200: json(tokenPairSchema), ...errorResponses([...BODY_ERRORS, "invalid_credentials", "rate_limited"]) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/refresh",
    tags,
    summary: "Spend a refresh token for a new pair (reuse revokes the family)",
    request: body(refreshSchema),
    responses: { 200: json(tokenPairSchema), ...errorResponses([...BODY_ERRORS, "invalid_token"]) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-up",
    tags,
    summary: "Create a user and a workspace they own",
    description:
      "Answers 202 the same whether or not the email has an account; the account and its workspace are created when the emailed link is followed (POST /api/auth/sign-up/confirm). Only when KEYWARD_SIGNUP is `open`; throttled per address; browsers only (same origin).",
    request: body(signUpSchema),
    responses: {
      202: json(signUpAcceptedSchema, "Confirmation sent"),
      ...errorResponses([...BODY_ERRORS, "forbidden", "cross_origin_request", "rate_limited"]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-up/confirm",
    tags,
    summary: "Follow a sign-up confirmation link: creates the account and its workspace",
    request: body(confirmSignUpSchema),
    responses: {
      201: json(signUpResultSchema, "Created"),
      ...errorResponses([...BODY_ERRORS, "not_found", "conflict", "cross_origin_request", "rate_limited"]),
    },
  });
  const invitationToken = { params: z.object({ id: z.string().meta({ description: "The token of the invitation link" }) }) };
  registry.registerPath({
    method: "post",
    path: "/api/invitations/{id}/accept",
    tags: ["Members"],
    summary: "Accept an invitation as the signed-in user (whose email it is for)",
    security: PERSON_AUTH,
    request: invitationToken,
    responses: {
      200: json(acceptedInvitationSchema),
      ...errorResponses(["unauthorized", "invalid_token", "cross_origin_request", "forbidden", "not_found"]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/invitations/{id}/sign-up",
    tags: ["Members"],
    summary: "Create an account through an invitation link (also when sign-up is not open) and join the workspace",
    request: { ...invitationToken, ...body(invitationSignUpSchema) },
    responses: {
      201: json(signUpResultSchema, "Created"),
      ...errorResponses([...BODY_ERRORS, "not_found", "conflict", "cross_origin_request", "rate_limited"]),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-out-all",
    tags,
    summary: "Sign out everywhere: every access token, refresh token and browser session of the caller ends at once",
    security: PERSON_AUTH,
    responses: {
      204: { description: "Signed out everywhere" },
      ...errorResponses(["unauthorized", "invalid_token", "cross_origin_request"]),
    },
  });
  for (const method of ["get", "post"] as const) {
    registry.registerPath({
      method,
      path: "/api/auth/{nextauth}",
      tags,
      summary: "next-auth's browser sign-in endpoints (session cookie); not for programs",
      request: { params: pathParams("nextauth") },
      responses: { 200: { description: "Handled by next-auth" } },
    });
  }
  registry.registerPath({
    method: "get",
    path: "/api/me",
    tags,
    summary: "The signed-in user and their workspaces",
    security: PERSON_AUTH,
    responses: { 200: json(meSchema), ...errorResponses(["unauthorized", "invalid_token"]) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/api-keys/report-leak",
    tags: ["Leaked keys"],
    summary: "Report a key you found in public; no sign-in needed",
    description:
      "The same 202 whether or not the key exists. A real key is revoked or disabled (the workspace's key policy decides), audited, and its people told. Throttled per address.",
    request: body(leakReportSchema),
    responses: { 202: json(leakReportAcceptedSchema, "Received"), ...errorResponses([...BODY_ERRORS, "rate_limited"]) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/secret-scanning/github",
    tags: ["Leaked keys"],
    summary: "GitHub secret scanning's partner endpoint",
    description:
      "Signed by GitHub (`Github-Public-Key-Identifier`, `Github-Public-Key-Signature`: ECDSA P-256 over the raw body) with a key from the file `KEYWARD_GITHUB_SCANNING_KEYS` names; 404 when that is not set, 401 when the signature does not verify.",
    request: {
      headers: z.object({ "github-public-key-identifier": z.string(), "github-public-key-signature": z.string() }),
      ...body(githubScanMatchesSchema),
    },
    responses: {
      200: json(githubScanResultSchema, "Each token's SHA-256 and whether it was one of this server's keys"),
      ...errorResponses([...BODY_ERRORS, "unauthorized", "not_found"]),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/health",
    tags: ["Operations"],
    summary: "Liveness",
    responses: { 200: json(healthSchema) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/health/ready",
    tags: ["Operations"],
    summary: "Readiness: the database (and Redis, when configured) answer",
    responses: {
      200: json(readinessSchema, "Ready"),
      503: json(readinessSchema, "Not ready: take this instance out of rotation and retry after Retry-After"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/openapi.json",
    tags: ["Operations"],
    summary: "This document",
    responses: { 200: json(openApiDocumentSchema, "OpenAPI 3.1 document") },
  });
}

const INTEGRATION_PATHS = {
  source: { collection: "/api/integration/sources", item: "/api/integration/sources/{id}", params: [] as string[], id: "id" },
  destination: { collection: "/api/integration/destinations", item: "/api/integration/destinations/{id}", params: [], id: "id" },
  pipeline: { collection: "/api/integration/pipelines", item: "/api/integration/pipelines/{id}", params: [], id: "id" },
  tracking_plan: {
    collection: "/api/integration/tracking-plans",
    item: "/api/integration/tracking-plans/{planId}",
    params: [],
    id: "planId",
  },
  tracking_plan_event: {
    collection: "/api/integration/tracking-plans/{planId}/events",
    item: "/api/integration/tracking-plans/{planId}/events/{eventId}",
    params: ["planId"],
    id: "eventId",
  },
  tracking_plan_property: {
    collection: "/api/integration/tracking-plans/{planId}/properties",
    item: "/api/integration/tracking-plans/{planId}/properties/{propertyId}",
    params: ["planId"],
    id: "propertyId",
  },
} as const;

function registerIntegration(registry: OpenAPIRegistry): void {
  const integrate = (
    route: Omit<RouteConfig, "security" | "responses"> & {
      ok: RouteConfig["responses"];
      errors?: ErrorCode[];
      permission?: string;
    },
  ) => {
    const { ok, errors = [], permission, ...rest } = route;
    const withHeaders = Object.fromEntries(
      Object.entries(ok).map(([status, response]) => [status, { ...response, headers: rateLimitHeaders }]),
    ) as RouteConfig["responses"];
    registry.registerPath({
      ...rest,
      description: permission ? `Requires the \`${permission}\` permission.` : "Any valid key.",
      tags: ["Integration"],
      security: API_KEY_AUTH,
      responses: { ...withHeaders, ...errorResponses([...INTEGRATION_ERRORS, ...errors]) },
    });
  };
  integrate({
    method: "get",
    path: "/api/integration/whoami",
    summary: "Who this key is",
    ok: {
      200: json(keyIdentitySchema),
    },
  });
  for (const definition of Object.values(RESOURCE_DEFINITIONS)) {
    const paths = INTEGRATION_PATHS[definition.resource];
    const view = definition.view;
    const need = (action: Action) => `${definition.resource}:${action}`;
    const parent = paths.params.length ? { params: pathParams(...paths.params) } : {};
    const item = { params: pathParams(...paths.params, paths.id) };
    const label = definition.label.toLowerCase();
    integrate({
      method: "get",
      path: paths.collection,
      summary: `List ${label}s`,
      permission: need("read"),
      request: { ...parent, query: listQuerySchema },
      ok: { 200: json(pageSchema(view)) },
      errors: ["validation_error", "not_found"],
    });
    integrate({
      method: "post",
      path: paths.collection,
      summary: `Create a ${label}`,
      permission: need("create"),
      request: { ...parent, ...body(definition.createSchema) },
      ok: { 201: json(view, "Created") },
      errors: [...BODY_ERRORS, "conflict", "not_found"],
    });
    integrate({
      method: "get",
      path: paths.item,
      summary: `Read a ${label}`,
      permission: need("read"),
      request: item,
      ok: { 200: json(view) },
      errors: ["not_found"],
    });
    integrate({
      method: "patch",
      path: paths.item,
      summary: `Update a ${label}`,
      permission: need("update"),
      request: { ...item, ...body(definition.updateSchema) },
      ok: { 200: json(view) },
      errors: [...BODY_ERRORS, "not_found", "conflict"],
    });
    integrate({
      method: "delete",
      path: paths.item,
      summary: `Delete a ${label}`,
      permission: need("delete"),
      request: item,
      ok: { 204: { description: "Deleted" } },
      errors: ["not_found", "conflict"],
    });
  }
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "apiKey",
    in: "header",
    name: "X-Api-Key",
    description: "An API key from Settings → API keys (the canonical header)",
  });
  registry.registerComponent("securitySchemes", "apiKeyHeader", {
    type: "apiKey",
    in: "header",
    name: "ApiKey",
    description: "The same key in an `ApiKey` header, as some tools send it",
  });
  registry.registerComponent("securitySchemes", "apiKeyBearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "kw_sk_...",
    description:
      "The same key as `Authorization: Bearer kw_sk_...`. A user token there is refused (401 `api_key_required`); two different keys in two headers answer 400 `ambiguous_api_key`.",
  });
  registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An access token from POST /api/auth/token",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description: "The browser session",
  });
  // What Keyward sends to webhook endpoints (OpenAPI 3.1 `webhooks`), one entry per event type.
  for (const event of WEBHOOK_EVENTS) {
    registry.registerWebhook({
      method: "post",
      path: event.type,
      tags: ["Webhooks"],
      summary: event.description,
      description:
        "Signed per Standard Webhooks: `webhook-id` (the same on every attempt), `webhook-timestamp`, `webhook-signature` (space-separated `v1,<base64>` signatures; two during a secret rotation's 24 h overlap). Answer 2xx within 10 s; otherwise it is retried after about 5 s, 30 s, 2 min, 10 min, 1 h and 6 h.",
      request: body(webhookPayloadSchema),
      responses: { 200: { description: "Received" } },
    });
  }
  registerPeople(registry);
  registerManagement(registry);
  registerIntegration(registry);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Keyward API",
      version: "1.0.0",
      description:
        'Integrations call `/api/integration/*` with an API key in `X-Api-Key` (or `ApiKey`, or `Authorization: Bearer kw_sk_...`); the workspace comes from the key. People and their scripts call the management API with a session or a bearer token and name the workspace in `x-tenant-id`. Every error is `{"error":{"code","message","details"?}}`. Every list answers `{data, nextCursor}` (plus what the list adds): `limit` 1–100, and `nextCursor` goes back as `?cursor=` with the same filters until it is null; cursors are keyset positions, so pages neither skip nor repeat rows created meanwhile, and an unknown cursor is 400.',
    },
  });
  return cached;
}
