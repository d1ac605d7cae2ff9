// better-sqlite3 gives Prisma one connection. An interactive transaction awaits between its queries,
// and a query of another request that runs in such a gap lands inside that transaction: it would see
// uncommitted rows and be rolled back with it. The gate makes queries outside a transaction wait
// until the open transaction ends, which is what a pool of connections would give on PostgreSQL.
// The adapter's own lock is not enough: its mutex orders transactions against each other, but a
// plain query goes straight to the shared connection, and SQLite's locks work between connections,
// not within one (lib/db/sqlite-gate.test.ts shows the read landing inside the transaction without
// the gate).
//
// The gate also keeps a lock held by another process (a backup, a second Keyward, a sqlite3 shell)
// from stalling the server: the connection has no busy timeout, which better-sqlite3 would wait out
// synchronously on the event loop, and a statement refused as busy is retried here asynchronously,
// with backoff, for up to KEYWARD_SQLITE_BUSY_MS (5 s); past that it fails, and the request answers
// 503 (lib/dependency-failure.ts). Cached key checks and /api/health never wait for it.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { retryWhileBusy } from "./sqlite-busy";

class Gate {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  get held(): boolean {
    return this.#held;
  }

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    return previous.then(() => {
      this.#held = true;
      return () => {
        this.#held = false;
        release();
      };
    });
  }

  /** Runs `work` now if no transaction is open, else after it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#held) return work();
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function gateAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const gate = new Gate();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => gate.run(() => retryWhileBusy(() => adapter.queryRaw(query))),
    executeRaw: (query) => gate.run(() => retryWhileBusy(() => adapter.executeRaw(query))),
    executeScript: (script) => gate.run(() => retryWhileBusy(() => adapter.executeScript(script))),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel): Promise<Transaction> {
      const release = await gate.acquire();
      let transaction: Transaction;
      try {
        transaction = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const end = (finish: () => Promise<void>) => async () => {
        try {
          await finish();
        } finally {
          release();
        }
      };
      return {
        provider: transaction.provider,
        adapterName: transaction.adapterName,
        options: transaction.options,
        // A statement refused as busy did nothing, so it can be run again within the transaction.
        queryRaw: (query) => retryWhileBusy(() => transaction.queryRaw(query)),
        executeRaw: (query) => retryWhileBusy(() => transaction.executeRaw(query)),
        createSavepoint: transaction.createSavepoint?.bind(transaction),
        rollbackToSavepoint: transaction.rollbackToSavepoint?.bind(transaction),
        releaseSavepoint: transaction.releaseSavepoint?.bind(transaction),
        commit: end(() => transaction.commit()),
        rollback: end(() => transaction.rollback()),
      };
    },
  };
}

export function gateSqliteFactory(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => gateAdapter(await factory.connect()),
  };
}
