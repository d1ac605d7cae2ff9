// Lists that scale: GET /api/api-keys and GET /api/members page with keyset cursors; every sort and
// filter, search by name and by prefix, the per-status counts, bulk actions, and tenant isolation of
// every filter. A workspace of its own holds 150 keys of every state, written straight to the database.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { apiKeyStatus } from "@/lib/api-keys/view";
import { bearer, call, userId, workspaceId, type ApiResponse, type Credentials } from "./support/api";

let lists: string;
let owner: Credentials;
let member: Credentials;
let ownerId: string;
let memberId: string;
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse("2026-06-01T00:00:00Z");

interface Row {
  id: string;
  name: string;
  keyPrefix: string;
  owner: string;
  createdById: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  isActive: boolean;
}
let rows: Row[] = [];

function keyRow(i: number, overrides: Partial<Row> = {}): Row {
  return {
    id: randomUUID(),
    name: `${["Airflow", "dbt", "Segment", "Looker"][i % 4]} job ${i}`,
    keyPrefix: `kw_sk_${randomBytes(6).toString("hex")}`,
    owner: i % 5 === 0 ? "workspace" : "user",
    createdById: i % 3 === 0 ? memberId : ownerId,
    // Some share a creation time, so the id tie-break is exercised.
    createdAt: new Date(T0 + Math.floor(i / 3) * 60_000),
    lastUsedAt: i % 4 === 0 ? null : new Date(T0 + ((i * 7919) % 150) * 3_600_000),
    expiresAt: i % 3 === 1 ? null : new Date(Date.now() + (((i * 104729) % 150) - 20) * DAY),
    revokedAt: i % 11 === 0 ? new Date(T0) : null,
    isActive: i % 7 !== 0,
    ...overrides,
  };
}

async function insert(batch: Row[]) {
  await getDb().apiKey.createMany({
    data: batch.map((row) => ({ ...row, workspaceId: lists, secretHash: "0".repeat(64), permissions: "source:read" })),
  });
}

beforeAll(async () => {
  ownerId = await userId("owner@acme.test");
  memberId = await userId("member@acme.test");
  const workspace = await getDb().workspace.create({
    data: {
      name: "Lists",
      slug: `lists-${randomBytes(3).toString("hex")}`,
      plan: "agency_plus",
      memberships: {
        create: [
          { userId: ownerId, role: "OWNER", createdAt: new Date(T0) },
          { userId: memberId, role: "MEMBER", createdAt: new Date(T0 + 1) },
        ],
      },
    },
  });
  lists = workspace.id;
  owner = await bearer("owner@acme.test");
  member = await bearer("member@acme.test");
  rows = Array.from({ length: 150 }, (_, i) => keyRow(i));
  await insert(rows);
});

/** Every page of a list, following nextCursor; `between` runs after each page (concurrent inserts). */
async function allPages(query: string, as = owner, between: () => Promise<void> = async () => undefined) {
  const seen: { id: string; name: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res: ApiResponse = await call("GET", `/api/api-keys?limit=7&${query}${cursor ? `&cursor=${cursor}` : ""}`, {
      as,
      tenant: lists,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.data);
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
    await between();
  }
  throw new Error("too many pages");
}

const visible = (status = "default") =>
  rows.filter((row) => {
    const state = apiKeyStatus(row);
    return status === "all" ? true : status === "default" ? state !== "revoked" : state === status;
  });

function expectedOrder(list: Row[], column: "createdAt" | "lastUsedAt" | "expiresAt", order: "asc" | "desc") {
  const sign = order === "asc" ? 1 : -1;
  return [...list]
    .sort((a, b) => {
      const x = a[column]?.getTime() ?? null;
      const y = b[column]?.getTime() ?? null;
      if (x === null || y === null) return x === y ? sign * a.id.localeCompare(b.id) : x === null ? 1 : -1;
      return sign * (x - y) || sign * a.id.localeCompare(b.id);
    })
    .map((row) => row.id);
}

describe("GET /api/api-keys pages", () => {
  it.each([
    ["created", "createdAt", "desc"],
    ["created", "createdAt", "asc"],
    ["lastUsed", "lastUsedAt", "desc"],
    ["lastUsed", "lastUsedAt", "asc"],
    ["expires", "expiresAt", "desc"],
    ["expires", "expiresAt", "asc"],
  ] as const)("sort=%s order=%s: every key once, in order, nulls last", async (sort, column, order) => {
    const seen = await allPages(`status=all&sort=${sort}&order=${order}`);
    expect(seen.map((key) => key.id)).toEqual(expectedOrder(rows, column, order));
  });

  it.each(["created", "expires"] as const)(
    "sort=%s: no key skipped or repeated while keys are being created between pages",
    async (sort) => {
      const before = new Set(visible().map((row) => row.id));
      let n = 1000;
      const seen = await allPages(`sort=${sort}`, owner, async () => {
        const extra = [keyRow(n++, { createdAt: new Date() }), keyRow(n++, { createdAt: new Date(T0 + 30 * 60_000) })];
        rows.push(...extra);
        await insert(extra);
      });
      const ids = seen.map((key) => key.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of before) expect(ids).toContain(id);
    },
  );

  it("answers counts per status under the search and owner filters, from the whole list", async () => {
    const count = (list: Row[]) => ({
      active: list.filter((row) => apiKeyStatus(row) === "active").length,
      disabled: list.filter((row) => apiKeyStatus(row) === "disabled").length,
      expired: list.filter((row) => apiKeyStatus(row) === "expired").length,
      revoked: list.filter((row) => apiKeyStatus(row) === "revoked").length,
    });
    const all = await call("GET", "/api/api-keys?limit=1", { as: owner, tenant: lists });
    expect(all.body.counts).toEqual(count(rows));
    const dbt = await call("GET", "/api/api-keys?limit=1&q=DBT&owner=user", { as: owner, tenant: lists });
    expect(dbt.body.counts).toEqual(count(rows.filter((row) => row.name.startsWith("dbt") && row.owner === "user")));
  });
});

describe("GET /api/api-keys filters", () => {
  it("searches names case-insensitively and key prefixes from their start", async () => {
    const byName = await allPages("q=segment%20JOB&status=all");
    expect(byName.map((key) => key.id).sort()).toEqual(
      rows
        .filter((row) => row.name.toLowerCase().includes("segment job"))
        .map((row) => row.id)
        .sort(),
    );
    const target = rows[42]!;
    const byPrefix = await call("GET", `/api/api-keys?status=all&q=${target.keyPrefix.slice(0, 14)}`, {
      as: owner,
      tenant: lists,
    });
    expect(byPrefix.body.data.map((key: { id: string }) => key.id)).toContain(target.id);
    // The middle of a prefix is not its start; `%` is no wildcard (it is dropped).
    const middle = await call("GET", `/api/api-keys?status=all&q=${target.keyPrefix.slice(8, 16)}`, { as: owner, tenant: lists });
    expect(middle.body.data.map((key: { id: string }) => key.id)).not.toContain(target.id);
    const wildcard = await call("GET", "/api/api-keys?status=all&q=seg%25ment", { as: owner, tenant: lists });
    expect(wildcard.body.counts).toEqual(
      (await call("GET", "/api/api-keys?q=segment", { as: owner, tenant: lists })).body.counts,
    );
  });

  it("matches `_` and `\\` literally, in the page and in the counts", async () => {
    const literal = [keyRow(1, { name: "etl_v2\\nightly" }), keyRow(1, { name: "etlXv2\\nightly" })];
    await insert(literal);
    rows.push(...literal);
    const found = await call("GET", `/api/api-keys?status=all&q=${encodeURIComponent("ETL_V2\\")}`, { as: owner, tenant: lists });
    expect(found.body.data.map((key: { id: string }) => key.id)).toEqual([literal[0]!.id]);
    const { active, disabled, expired, revoked } = found.body.counts;
    expect(active + disabled + expired + revoked).toBe(1);
  });

  it.each(["active", "disabled", "expired", "revoked"] as const)("status=%s keeps only those keys", async (status) => {
    const seen = await allPages(`status=${status}`);
    expect(seen.map((key) => key.id).sort()).toEqual(
      visible(status)
        .map((row) => row.id)
        .sort(),
    );
  });

  it("filters by owner and by creator", async () => {
    const workspaceKeys = await allPages("status=all&owner=workspace");
    expect(workspaceKeys.length).toBe(rows.filter((row) => row.owner === "workspace").length);
    const byMember = await allPages(`status=all&createdBy=${memberId}`);
    expect(byMember.length).toBe(rows.filter((row) => row.createdById === memberId).length);
  });

  it("keeps every filter inside the caller's view: a member's own keys, nothing of another workspace", async () => {
    const mine = await allPages("status=all", member);
    expect(mine.map((key) => key.id).sort()).toEqual(
      rows
        .filter((row) => row.createdById === memberId && row.owner === "user")
        .map((row) => row.id)
        .sort(),
    );
    expect((await allPages("status=all&owner=workspace", member)).length).toBe(0);
    expect((await allPages(`status=all&createdBy=${ownerId}`, member)).length).toBe(0);
    const counts = (await call("GET", "/api/api-keys?status=all", { as: member, tenant: lists })).body.counts;
    expect(Object.values(counts).reduce((a, b) => (a as number) + (b as number), 0)).toBe(mine.length);
    // Another workspace, searched for these names, prefixes and creators: nothing of them.
    const acme = await workspaceId("acme");
    for (const query of ["q=Airflow", `q=${rows[3]!.keyPrefix}`, `createdBy=${memberId}&status=all`]) {
      const res = await call("GET", `/api/api-keys?${query}`, { as: owner, tenant: acme });
      const ids = new Set(rows.map((row) => row.id));
      expect(res.body.data.some((key: { id: string }) => ids.has(key.id))).toBe(false);
    }
  });

  it("refuses bad limits, sorts and cursors with 400", async () => {
    for (const query of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "sort=name",
      "order=up",
      "cursor=nonsense",
      `cursor=${Buffer.from('["yesterday","x"]').toString("base64url")}`,
      "createdBy=someone",
      `q=${"x".repeat(101)}`,
    ]) {
      const res = await call("GET", `/api/api-keys?${query}`, { as: owner, tenant: lists });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
    }
  });
});

describe("POST /api/api-keys/bulk", () => {
  it("disables the ticked keys and revokes every key matching a filter, each audited", async () => {
    const batch = Array.from({ length: 12 }, (_, i) =>
      keyRow(5000 + i, { name: `Bulk target ${i}`, revokedAt: null, isActive: true, expiresAt: null, owner: "user" }),
    );
    await insert(batch);
    const ticked = batch.slice(0, 3).map((row) => row.id);
    const disabled = await call("POST", "/api/api-keys/bulk", {
      as: owner,
      tenant: lists,
      body: { action: "disable", ids: [...ticked, randomUUID()], reason: "quarterly clean-up" },
    });
    expect(disabled.body).toMatchObject({ changed: 3, remaining: 0 });
    expect(disabled.body.skipped).toEqual([{ id: expect.any(String), reason: "API key not found" }]);
    const again = await call("POST", "/api/api-keys/bulk", {
      as: owner,
      tenant: lists,
      body: { action: "disable", ids: ticked },
    });
    expect(again.body.changed).toBe(0);
    expect(again.body.skipped).toEqual(expect.arrayContaining(ticked.map((id) => ({ id, reason: "Already disabled" }))));
    expect(again.body.skipped).toHaveLength(3);

    const revoked = await call("POST", "/api/api-keys/bulk", {
      as: owner,
      tenant: lists,
      body: { action: "revoke", filter: { q: "bulk target" } },
    });
    expect(revoked.body).toMatchObject({ changed: 12, remaining: 0 });
    const left = await call("GET", "/api/api-keys?q=bulk%20target", { as: owner, tenant: lists });
    expect(left.body.data).toEqual([]);
    expect(left.body.counts.revoked).toBe(12);
    const audit = await call("GET", "/api/audit-events?action=api_key.revoked&limit=100", { as: owner, tenant: lists });
    expect(
      audit.body.data.filter((event: { target: { id: string } }) => batch.some((row) => row.id === event.target.id)),
    ).toHaveLength(12);
  });

  it("changes only keys the caller may change, and validates the body", async () => {
    const others = rows.filter((row) => row.createdById === ownerId && apiKeyStatus(row) === "active").slice(0, 2);
    const res = await call("POST", "/api/api-keys/bulk", {
      as: member,
      tenant: lists,
      body: { action: "revoke", ids: others.map((row) => row.id) },
    });
    expect(res.body).toMatchObject({ changed: 0, skipped: others.map((row) => ({ id: row.id, reason: "API key not found" })) });
    for (const body of [
      { action: "revoke" },
      { action: "revoke", ids: [], filter: {} },
      { action: "explode", ids: [randomUUID()] },
    ]) {
      expect((await call("POST", "/api/api-keys/bulk", { as: owner, tenant: lists, body })).status).toBe(400);
    }
  });
});

describe("GET /api/members pages", () => {
  it("pages members oldest first with a cursor and searches names and emails", async () => {
    const people = await Promise.all(
      Array.from({ length: 23 }, (_, i) =>
        getDb().user.create({
          data: {
            email: `person${i}-${randomBytes(2).toString("hex")}@lists.test`,
            name: i % 2 ? `Quokka ${i}` : `Wombat ${i}`,
            passwordHash: "x",
          },
        }),
      ),
    );
    await getDb().membership.createMany({
      data: people.map((person, i) => ({
        workspaceId: lists,
        userId: person.id,
        role: "VIEWER",
        createdAt: new Date(T0 + 10 + Math.floor(i / 2)),
      })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { email: string }[]; nextCursor: string | null } } = await call<{
        data: { email: string }[];
        nextCursor: string | null;
      }>("GET", `/api/members?limit=5${cursor ? `&cursor=${cursor}` : ""}`, { as: owner, tenant: lists });
      seen.push(...res.body.data.map((each) => each.email));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.slice(0, 2)).toEqual(["owner@acme.test", "member@acme.test"]);
    const ada = await call("GET", "/api/members?q=QUOKKA", { as: owner, tenant: lists });
    expect(ada.body.data).toHaveLength(11);
    const byEmail = await call("GET", `/api/members?q=${people[4]!.email.slice(0, 9)}`, { as: owner, tenant: lists });
    expect(byEmail.body.data.map((each: { email: string }) => each.email)).toContain(people[4]!.email);
    expect((await call("GET", "/api/members?cursor=bad", { as: owner, tenant: lists })).status).toBe(400);
    expect((await call("GET", "/api/members?limit=500", { as: owner, tenant: lists })).status).toBe(400);
    // Another workspace's owner finds none of them.
    const globex = await call("GET", "/api/members?q=quokka", {
      as: await bearer("owner@globex.test"),
      tenant: await workspaceId("globex"),
    });
    expect(globex.body.data).toEqual([]);
  });
});
