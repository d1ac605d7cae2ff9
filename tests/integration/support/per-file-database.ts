// Each test file gets its own copy of the template database, so files run in parallel and never
// see each other's rows. The file is removed when the file's tests end.
import { copyFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll } from "vitest";
import { disconnectDb } from "@/lib/db/client";

const dir = path.resolve(import.meta.dirname, "../../../data/test");
const file = path.join(dir, `${randomUUID()}.db`);
copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;

afterAll(async () => {
  await disconnectDb();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
