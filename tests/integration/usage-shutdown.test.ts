// Nothing counted is lost on a clean shutdown: the usage hook that server.ts runs after SIGTERM flushes
// everything before the process exits.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { bearer, call, workspaceId } from "./support/api";

describe("usage on shutdown", () => {
  it("is flushed by the shutdown hooks when the process gets SIGTERM", async () => {
    const acme = await workspaceId("acme");
    const key = (
      await call("POST", "/api/api-keys", {
        as: await bearer("owner@acme.test"),
        tenant: acme,
        body: { name: "shutdown", permissions: ["source:read"] },
      })
    ).body;
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      [
        "--tsconfig",
        path.join(root, "tsconfig.json"),
        path.join(import.meta.dirname, "support/usage-shutdown-child.ts"),
        key.id,
        acme,
      ],
      {
        cwd: root,
        env: { ...process.env, KEYWARD_USAGE_FLUSH_MS: "60000" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("recorded") && resolve()),
    );
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(143);
    const usage = await getDb().apiKeyUsageDay.findMany({ where: { apiKeyId: key.id } });
    expect(Object.fromEntries(usage.map((row) => [row.outcome, row.count]))).toEqual({ allowed: 7, rate_limited: 1 });
    expect((await getDb().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });
});
