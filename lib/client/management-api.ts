// The browser's client of the management API: the same routes integrations call, authenticated by
// the session cookie, with the workspace in x-tenant-id. Returns the body or the API's error.

import type { ValidationDetails } from "../errors";
import type { ErrorBody } from "../http/schemas";

/** The API's error body, plus the two failures only the browser sees. */
export interface ApiErrorBody {
  code: ErrorBody["code"] | "network_error" | "unexpected_response";
  message: string;
  details?: Partial<ValidationDetails> & Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiErrorBody };

export async function managementApi<T>(
  tenantId: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { "x-tenant-id": tenantId, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, error: { code: "network_error", message: "Could not reach Keyward; check your connection" } };
  }
  if (response.status === 204) return { ok: true, data: undefined as T };
  const payload = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return { ok: true, data: payload as T };
  const error = (payload as { error?: ApiErrorBody } | null)?.error;
  return {
    ok: false,
    status: response.status,
    error: error ?? { code: "unexpected_response", message: `The server answered ${response.status}` },
  };
}
