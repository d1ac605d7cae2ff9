// The transaction gate on a real SQLite file: a plain read that arrives while another request's
// transaction is open waits for it, and never sees rows that transaction rolls back. The same steps
// without the gate show why it exists: the adapter shares one connection, so the read runs inside
// the open transaction and sees its uncommitted row.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import { gateSqliteFactory } from "./sqlite-gate";
import { dependencyFailure } from "../dependency-failure";

const dir = mkdtempSync(path.join(tmpdir(), "keyward-gate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const query = (sql: string, args: unknown[] = []) => ({
  sql,
  args,
  argTypes: args.map(() => ({ scalarType: "string" as const, arity: "scalar" as const })),
});

async function openTable(factory: SqlDriverAdapterFactory): Promise<SqlDriverAdapter> {
  const adapter = await factory.connect();
  await adapter.executeScript('CREATE TABLE IF NOT EXISTS "Row" ("name" TEXT NOT NULL)');
  return adapter;
}

/** Ends a transaction as Prisma's engine does: the statement on the transaction, then the release. */
async function finish(transaction: Transaction, statement: "COMMIT" | "ROLLBACK") {
  await transaction.executeRaw(query(statement));
  await (statement === "COMMIT" ? transaction.commit() : transaction.rollback());
}

/** Opens a transaction, inserts a row, and reads concurrently while the transaction waits; then rolls back. */
async function readDuringRolledBackTransaction(adapter: SqlDriverAdapter) {
  const transaction = await adapter.startTransaction();
  await transaction.executeRaw(query('INSERT INTO "Row" ("name") VALUES (?)', ["uncommitted"]));
  let readSettled = false;
  const read = adapter.queryRaw(query('SELECT "name" FROM "Row"')).then((result) => {
    readSettled = true;
    return result.rows.map((row) => row[0]);
  });
  // The transaction "awaits something" (another query, a hash) for a while, as a request would.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const settledWhileOpen = readSettled;
  await finish(transaction, "ROLLBACK");
  const seen = await read;
  const after = (await adapter.queryRaw(query('SELECT "name" FROM "Row"'))).rows.map((row) => row[0]);
  return { settledWhileOpen, seen, after };
}

describe("sqlite-gate", () => {
  it("a plain read waits for the open transaction and never sees its rolled-back rows", async () => {
    const adapter = await openTable(gateSqliteFactory(new PrismaBetterSqlite3({ url: path.join(dir, "gated.db") })));
    const { settledWhileOpen, seen, after } = await readDuringRolledBackTransaction(adapter);
    expect(settledWhileOpen).toBe(false);
    expect(seen).toEqual([]);
    expect(after).toEqual([]);
    await adapter.dispose();
  });

  it("without the gate, the same read lands inside the transaction and sees the uncommitted row", async () => {
    const adapter = await openTable(new PrismaBetterSqlite3({ url: path.join(dir, "ungated.db") }));
    const { settledWhileOpen, seen, after } = await readDuringRolledBackTransaction(adapter);
    expect(settledWhileOpen).toBe(true);
    expect(seen).toEqual(["uncommitted"]);
    expect(after).toEqual([]);
    await adapter.dispose();
  });

  it("transactions run one after another", async () => {
    const adapter = await openTable(gateSqliteFactory(new PrismaBetterSqlite3({ url: path.join(dir, "serial.db") })));
    const order: string[] = [];
    const first = await adapter.startTransaction();
    const second = adapter.startTransaction().then((transaction) => {
      order.push("second started");
      return transaction;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push("first commits");
    await finish(first, "COMMIT");
    await finish(await second, "COMMIT");
    expect(order).toEqual(["first commits", "second started"]);
    const rows = await adapter.queryRaw(query('SELECT count(*) FROM "Row"'));
    expect(rows.rows[0]?.[0]).toBe(0);
    await adapter.dispose();
  });

  describe("a lock held by another connection (another process, a backup)", () => {
    const open = async (name: string) => {
      const file = path.join(dir, name);
      const adapter = await openTable(gateSqliteFactory(new PrismaBetterSqlite3({ url: file, timeout: 0 })));
      await adapter.executeScript("PRAGMA journal_mode = WAL");
      const other = new Database(file);
      return { adapter, other };
    };
    /** How late a 20 ms timer fires while `pending` waits: a blocked event loop would show here. */
    const timerLateness = async () => {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return performance.now() - started - 20;
    };

    it("a write waits without blocking the event loop, and goes through once the lock is released", async () => {
      const { adapter, other } = await open("busy.db");
      other.exec("BEGIN IMMEDIATE");
      let settled = false;
      const write = adapter
        .executeRaw(query('INSERT INTO "Row" ("name") VALUES (?)', ["after the lock"]))
        .finally(() => (settled = true));
      for (let i = 0; i < 5; i++) expect(await timerLateness()).toBeLessThan(100);
      expect(settled).toBe(false);
      other.exec("COMMIT");
      await write;
      expect((await adapter.queryRaw(query('SELECT "name" FROM "Row"'))).rows).toEqual([["after the lock"]]);
      other.close();
      await adapter.dispose();
    });

    it("inside a transaction too", async () => {
      const { adapter, other } = await open("busy-transaction.db");
      other.exec("BEGIN IMMEDIATE");
      const transaction = await adapter.startTransaction();
      const write = transaction.executeRaw(query('INSERT INTO "Row" ("name") VALUES (?)', ["in a transaction"]));
      expect(await timerLateness()).toBeLessThan(100);
      other.exec("COMMIT");
      await write;
      await finish(transaction, "COMMIT");
      expect((await adapter.queryRaw(query('SELECT count(*) FROM "Row"'))).rows[0]?.[0]).toBe(1);
      other.close();
      await adapter.dispose();
    });

    it("past KEYWARD_SQLITE_BUSY_MS the write fails, as a dependency failure (503), not a hang", async () => {
      process.env.KEYWARD_SQLITE_BUSY_MS = "300";
      const { adapter, other } = await open("held.db");
      other.exec("BEGIN IMMEDIATE");
      try {
        const started = Date.now();
        const error = await adapter
          .executeRaw(query('INSERT INTO "Row" ("name") VALUES (?)', ["never"]))
          .catch((caught: unknown) => caught);
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
        expect(Date.now() - started).toBeLessThan(2000);
        expect(dependencyFailure(error)).toMatchObject({
          code: "service_unavailable",
          status: 503,
          headers: { "Retry-After": "5" },
        });
      } finally {
        delete process.env.KEYWARD_SQLITE_BUSY_MS;
        other.exec("ROLLBACK");
        other.close();
        await adapter.dispose();
      }
    });
  });
});
