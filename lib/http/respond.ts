// The one place that turns results and errors into HTTP responses.
import { z } from "zod";
import { ApiError, validationError } from "../errors";
import { dependencyFailure } from "../dependency-failure";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * A JSON response. Built from a string rather than with Response.json, which on Node 20 costs about
 * half again as much per response (its body conversion), the same bytes on the wire.
 */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return serializedJson(JSON.stringify(body), init);
}

/** A JSON response from a body serialized beforehand. */
export function serializedJson(text: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(text, {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json", ...NO_STORE, ...init.headers },
  });
}

/** A CSV download (the request log's `?format=csv`); the next page's cursor, if any, in a header. */
export function csv(text: string, filename: string, nextCursor: string | null): Response {
  return new Response(text, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      ...NO_STORE,
      ...(nextCursor ? { "X-Next-Cursor": nextCursor } : {}),
    },
  });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(error: unknown, extraHeaders: Record<string, string> = {}): Response {
  return apiErrorResponse(toApiError(error), extraHeaders);
}

/** The one mapping of anything thrown to the API's error: ours, a validation, a dependency's, or a 500. */
export function toApiError(error: unknown): ApiError {
  const apiError =
    error instanceof ApiError
      ? error
      : error instanceof z.ZodError
        ? validationError(error)
        : (dependencyFailure(error) ??
          new ApiError("internal_error", "Something went wrong on our side; the request was not completed"));
  if (apiError.code === "internal_error") {
    // Log the cause, never the request: headers and bodies may carry keys and passwords.
    console.error("keyward: unexpected error:", error instanceof Error ? (error.stack ?? error.message) : error);
  }
  return apiError;
}

export function apiErrorResponse(apiError: ApiError, extraHeaders: Record<string, string> = {}): Response {
  const body: { code: string; message: string; details?: unknown } = { code: apiError.code, message: apiError.message };
  if (apiError.details !== undefined) body.details = apiError.details;
  return json({ error: body }, { status: apiError.status, headers: { ...extraHeaders, ...apiError.headers } });
}
