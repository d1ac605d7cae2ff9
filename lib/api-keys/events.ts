// Change notifications for verified-key caches. Services call these after a change commits; the
// verifier drops what it cached, so revocation, disabling, edits and role changes take effect on the
// very next request. (The scale-out issue fans these out to other instances.)
type Listener = (change: ApiKeyChange) => void;

export type ApiKeyChange =
  | { kind: "key"; keyPrefix: string }
  | { kind: "member"; workspaceId: string; userId: string }
  | { kind: "workspace"; workspaceId: string };

// One set per process, even if the bundler loads this module once per route bundle.
const holder = globalThis as unknown as { [key: symbol]: Set<Listener> | undefined };
const listeners = (holder[Symbol.for("keyward.apiKeyChangeListeners")] ??= new Set<Listener>());

export function onApiKeyChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(change: ApiKeyChange): void {
  for (const listener of listeners) listener(change);
}

export const apiKeyChanged = (keyPrefix: string) => emit({ kind: "key", keyPrefix });
export const memberChanged = (workspaceId: string, userId: string) => emit({ kind: "member", workspaceId, userId });
export const workspaceChanged = (workspaceId: string) => emit({ kind: "workspace", workspaceId });
