// The app's one Prisma client, created on first use (so importing a module never opens a database).
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { createAdapterFactory } from "./adapter";
import { resolveDatabaseTarget } from "./target";
import { closeDirectReads } from "./direct-reads";

export type Db = PrismaClient;
export type DbTransaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const holder = globalThis as unknown as { keywardDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (!holder.keywardDb) {
    const target = resolveDatabaseTarget();
    const adapter = createAdapterFactory(target);
    // Both clients are generated from one schema (the PostgreSQL one is derived), so they have the
    // same models and methods; the app is typed against the SQLite one.
    holder.keywardDb =
      target.provider === "postgresql"
        ? (new PostgresPrismaClient({ adapter }) as unknown as PrismaClient)
        : new PrismaClient({ adapter });
  }
  return holder.keywardDb;
}

/** Closes the client (tests, scripts, shutdown); the next getDb() opens a new one. */
export async function disconnectDb(): Promise<void> {
  const client = holder.keywardDb;
  holder.keywardDb = undefined;
  await Promise.all([client?.$disconnect(), closeDirectReads()]);
}

/** Prisma's code for a unique-constraint violation, the same on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
