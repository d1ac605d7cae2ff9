// The API keys list's search, filters and sort, as the URL holds them: shared by the page (a server
// component, which renders the first page) and the list (a client component, which changes the URL).
import type { ApiKeyListFilter, ApiKeyOwner, ApiKeySort } from "@/lib/api-keys/schemas";

/** The list's state as the URL holds it (the page renders the first page from the same values). */
export interface KeyListState {
  q?: string;
  status?: NonNullable<ApiKeyListFilter>;
  owner?: ApiKeyOwner;
  sort: ApiKeySort;
  order: "asc" | "desc";
}

export function keyListParams(state: KeyListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.status) params.set("status", state.status);
  if (state.owner) params.set("owner", state.owner);
  if (state.sort !== "created") params.set("sort", state.sort);
  if (state.order !== "desc") params.set("order", state.order);
  return params;
}
