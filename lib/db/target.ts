// Which database a DATABASE_URL names, and where its schema and migrations live. The only module,
// with ./adapter.ts and ./client.ts, that knows there is more than one kind of database.
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
  schemaPath: string;
  migrationsDir: string;
}

/** The embedded default: a SQLite file under data/, created on first use. */
export const DEFAULT_DATABASE_URL = "file:./data/keyward.db";

export function resolveDatabaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const databaseUrl = url?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return {
      provider: "postgresql",
      url: databaseUrl,
      schemaPath: "prisma/postgres/schema.prisma",
      migrationsDir: "prisma/postgres/migrations",
    };
  }
  if (databaseUrl.startsWith("file:")) {
    return { provider: "sqlite", url: databaseUrl, schemaPath: "prisma/schema.prisma", migrationsDir: "prisma/migrations" };
  }
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${databaseUrl.split(":")[0]}:..."`,
  );
}

/** The file a sqlite `file:` URL points at, resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  return path.resolve(/*turbopackIgnore: true*/ url.replace(/^file:/, "").split("?")[0] ?? "");
}
