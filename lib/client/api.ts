// The browser's client of Keyward's API: the same routes integrations call, authenticated by the
// session cookie; management calls name the workspace in x-tenant-id. Returns the body or the API's
// error, never throws. Components call these instead of fetch.
import type { ValidationDetails } from "../errors";
import type { ErrorBody } from "../http/schemas";

/** The API's error body, plus the two failures only the browser sees. */
export interface ApiErrorBody {
  code: ErrorBody["code"] | "network_error" | "unexpected_response";
  message: string;
  details?: Partial<ValidationDetails> & Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiErrorBody };

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export async function apiRequest<T>(
  method: Method,
  path: string,
  options: { body?: unknown; tenantId?: string } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (options.tenantId) headers["x-tenant-id"] = options.tenantId;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
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

export function managementApi<T>(tenantId: string, method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
  return apiRequest<T>(method, path, { body, tenantId });
}

/** Saves a CSV the management API answers (the request log, the audit log); the error message, or null. */
export async function downloadCsv(tenantId: string, path: string, filename: string): Promise<string | null> {
  const response = await fetch(path, { headers: { "x-tenant-id": tenantId }, credentials: "same-origin" }).catch(() => null);
  if (!response?.ok) return `The download failed (${response?.status ?? "no connection"})`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
  return null;
}
