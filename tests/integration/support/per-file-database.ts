// Each test file gets its own copy of the template database, so files run in parallel and never
// see each other's rows. The copy is removed when the file's tests end.
import { copyFileSync, rmSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { testPostgresUrl, withDatabase } from "./postgres";

const template = inject("postgresTemplate");
if (template) {
  const database = `keyward_file_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client(testPostgresUrl());
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  process.env.DATABASE_URL = withDatabase(testPostgresUrl(), database);
  afterAll(async () => {
    await disconnectDb();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });
} else {
  const dir = path.resolve(import.meta.dirname, "../../../data/test");
  const file = path.join(dir, `${randomUUID()}.db`);
  copyFileSync(path.join(dir, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
  afterAll(async () => {
    await disconnectDb();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });
}
