// Change notifications for verified-key caches. Services await these after a change commits; every
// cache in this process drops what it held, and the change is published to the other instances
// (lib/scale/invalidation-bus.ts) before the request that made it is answered. So revocation,
// disabling, edits and role changes take effect on the very next request, on any instance.
import { startInvalidationBus, type InvalidationBus } from "../scale/invalidation-bus";

export type ApiKeyChange =
  | { kind: "key"; keyPrefix: string }
  | { kind: "member"; workspaceId: string; userId: string }
  | { kind: "workspace"; workspaceId: string }
  /** Anything may have changed (the bus reconnected after missing messages). */
  | { kind: "all" };

type Listener = (change: ApiKeyChange) => void;

// One set per process, even if the bundler loads this module once per route bundle.
const holder = globalThis as unknown as { [key: symbol]: unknown };
const listeners = (holder[Symbol.for("keyward.apiKeyChangeListeners")] ??= new Set<Listener>()) as Set<Listener>;

function emitLocal(change: ApiKeyChange): void {
  for (const listener of listeners) listener(change);
}

const BUS = Symbol.for("keyward.invalidationBus");
function bus(): InvalidationBus | null {
  if (holder[BUS] === undefined) {
    holder[BUS] = startInvalidationBus(
      (change) => emitLocal(change as ApiKeyChange),
      () => emitLocal({ kind: "all" }),
    );
  }
  return holder[BUS] as InvalidationBus | null;
}

/**
 * Whether a cache may trust what it holds: always with one instance (no bus), and with several only
 * while a subscription is connected, so that no change made elsewhere can have gone unheard.
 */
export function invalidationsFlowing(): boolean {
  const current = bus();
  return current === null || current.connected();
}

/** Subscribes a cache; also joins the bus so that other instances' changes arrive. */
export function onApiKeyChange(listener: Listener): () => void {
  listeners.add(listener);
  bus();
  return () => listeners.delete(listener);
}

async function publish(change: ApiKeyChange): Promise<void> {
  emitLocal(change);
  await bus()?.publish(change);
}

export const apiKeyChanged = (keyPrefix: string) => publish({ kind: "key", keyPrefix });
export const memberChanged = (workspaceId: string, userId: string) => publish({ kind: "member", workspaceId, userId });
export const workspaceChanged = (workspaceId: string) => publish({ kind: "workspace", workspaceId });
