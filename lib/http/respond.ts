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

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(error: unknown, extraHeaders: Record<string, string> = {}): Response {
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
  const body: { code: string; message: string; details?: unknown } = { code: apiError.code, message: apiError.message };
  if (apiError.details !== undefined) body.details = apiError.details;
  return json({ error: body }, { status: apiError.status, headers: { ...extraHeaders, ...apiError.headers } });
}
