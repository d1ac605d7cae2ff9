import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { assertPreparedOnce, toIsoTimestamp } from "@/lib/db/direct-reads";

describe("toIsoTimestamp", () => {
  it("gives Date's own ISO form for Prisma's SQLite text, for Dates, and for any other parseable text", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          expect(toIsoTimestamp(iso.replace("Z", "+00:00"))).toBe(iso);
          expect(toIsoTimestamp(date)).toBe(iso);
          expect(toIsoTimestamp(iso)).toBe(iso);
          expect(toIsoTimestamp(date.getTime())).toBe(iso);
        },
      ),
    );
    expect(toIsoTimestamp("2026-12-01T11:07:07.515+01:00")).toBe("2026-12-01T10:07:07.515Z");
  });
});

describe("assertPreparedOnce", () => {
  it("refuses a bare bound LIMIT, which SQLite would re-prepare on every run, and accepts it cast", () => {
    expect(() => assertPreparedOnce(`SELECT "id" FROM "Source" WHERE "workspaceId" = ? LIMIT ?`)).toThrow(/re-prepares/);
    expect(() => assertPreparedOnce(`SELECT "id" FROM "Source" limit\n?`)).toThrow(/re-prepares/);
    expect(() => assertPreparedOnce(`SELECT "id" FROM "Source" WHERE "workspaceId" = ? LIMIT CAST(? AS INTEGER)`)).not.toThrow();
    expect(() => assertPreparedOnce(`SELECT "id" FROM "Source" WHERE "id" = ? LIMIT 1`)).not.toThrow();
  });
});
