// Work that must finish before the process exits (the usage flush, and the buffers that follow).
// server.ts runs the hooks once requests have drained. The registry lives on globalThis: Next's
// route bundles and server.ts load their own copies of modules, and all must share one list.
type Hook = () => Promise<void>;

const holder = globalThis as unknown as { [key: symbol]: Map<string, Hook> | undefined };
const SLOT = Symbol.for("keyward.shutdownHooks");
const hooks = () => (holder[SLOT] ??= new Map());

/** Registers (or replaces, by name) a hook. */
export function onShutdown(name: string, hook: Hook): void {
  hooks().set(name, hook);
}

/** Runs every hook; one that fails is logged and does not stop the others. */
export async function runShutdownHooks(): Promise<void> {
  await Promise.all(
    [...hooks()].map(([name, hook]) =>
      hook().catch((error: unknown) =>
        console.error(`keyward: shutdown step ${name} failed:`, error instanceof Error ? error.message : error),
      ),
    ),
  );
}
