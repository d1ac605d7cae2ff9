// After creating and rotating keys, no plaintext key may exist anywhere on disk or in the logs.
import { readFileSync, existsSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { resolveDatabaseTarget, sqliteFilePath } from "@/lib/db/target";
import { bearer, call, workspaceId } from "./support/api";

/** Everything the database holds: the SQLite files' bytes, or every PostgreSQL table as JSON rows. */
async function databaseContents(): Promise<string[]> {
  const target = resolveDatabaseTarget();
  if (target.provider === "sqlite") {
    await getDb().$executeRawUnsafe("PRAGMA wal_checkpoint(FULL)");
    const file = sqliteFilePath(target.url);
    return [file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path).toString("latin1"));
  }
  const tables = await getDb().$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const dumps = [];
  for (const { table_name } of tables) {
    const rows = await getDb().$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
    dumps.push(rows.map((each) => each.row).join("\n"));
  }
  return dumps;
}

describe("plaintext keys", () => {
  it("appear in no database file and no log line", async () => {
    const logged: string[] = [];
    const capture = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(capture),
    );
    const acme = await workspaceId("acme");
    const admin = await bearer("admin@acme.test");
    const created = await call("POST", "/api/api-keys", {
      as: admin,
      tenant: acme,
      body: { name: "scan", permissions: ["source:read"] },
    });
    const rotated = await call("POST", `/api/api-keys/${created.body.id}/rotate`, {
      as: admin,
      tenant: acme,
      body: { oldKeyExpiresInSeconds: 60 },
    });
    for (const key of [created.body.plaintextKey, rotated.body.plaintextKey]) {
      await call("GET", "/api/integration/whoami", { headers: { "x-api-key": key } });
      await call("GET", "/api/integration/whoami", { headers: { "x-api-key": key.slice(0, -3) + "zzz" } });
    }
    for (const spy of spies) spy.mockRestore();

    const files = await databaseContents();
    expect(files.length).toBeGreaterThan(0);
    for (const key of [created.body.plaintextKey, rotated.body.plaintextKey] as string[]) {
      const secret = key.slice(key.indexOf("_", 6) + 1);
      for (const contents of files) expect(contents.includes(secret)).toBe(false);
      for (const line of logged) expect(line.includes(secret)).toBe(false);
    }
    // The public prefix is stored (that is how keys are found); the secret part never is.
    expect(files.some((contents) => contents.includes(created.body.keyPrefix))).toBe(true);
  });
});
