import { z } from "zod";

// The one error type of the app. Services throw it with a stable code; lib/http/respond.ts turns it
// into `{"error":{"code","message","details"?}}` with the status below. Nothing else builds error JSON.

export const ERROR_STATUS = {
  validation_error: 400,
  invalid_json: 400,
  tenant_required: 400,
  ambiguous_api_key: 400,
  key_policy_violation: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_token: 401,
  missing_api_key: 401,
  api_key_required: 401,
  invalid_api_key: 401,
  api_key_revoked: 401,
  api_key_expired: 401,
  forbidden: 403,
  cross_origin_request: 403,
  not_a_member: 403,
  plan_required: 403,
  permissions_not_subset: 403,
  insufficient_permissions: 403,
  api_key_policy_blocked: 403,
  ip_not_allowed: 403,
  last_owner: 409,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  api_key_limit_reached: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  api_key_disabled: 423,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new ApiError("not_found", `${what} not found`);

/** The details of every `validation_error`: both lists, always, so clients read one shape. */
export interface ValidationDetails {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

export function validationFailure(message: string, details: Partial<ValidationDetails> = {}): ApiError {
  return new ApiError("validation_error", message, {
    details: { fieldErrors: details.fieldErrors ?? {}, formErrors: details.formErrors ?? [] } satisfies ValidationDetails,
  });
}

/** Details naming one field: for a `validation_error` or a `conflict` on that field. */
export function fieldDetails(field: string, message: string): ValidationDetails {
  return { fieldErrors: { [field]: [message] }, formErrors: [] };
}

/** A `validation_error` naming one field, for rules a schema cannot check (a reference, a cursor). */
export function invalidField(field: string, message: string): ApiError {
  return validationFailure(message, fieldDetails(field, message));
}

/** A `validation_error` from a zod failure, with its per-field messages. */
export function validationError(error: z.ZodError, message = "The request is invalid"): ApiError {
  const flat = z.flattenError(error);
  return validationFailure(message, { fieldErrors: flat.fieldErrors as Record<string, string[]>, formErrors: flat.formErrors });
}
