// The living demo that `npm start` adds to an empty database on top of the fixture (scripts/seed.ts):
// keys in every state across the demo users and workspaces, and 30 days of usage, scope use and
// request-log entries, so every chart and column has something to show on first run.
//
// The keys are made, disabled, rotated and revoked through the real services, so their rows, slots
// and audit events are exactly what the app writes; each step is then moved back to the day it is
// meant to have happened. The plaintext keys are discarded: nobody can use a demo key. The traffic
// is generated (a seeded random walk, the same on every run) and written where the usage flush and
// the request log would have written it.
import type { z } from "zod";
import { getDb } from "../lib/db/client";
import type { WorkspaceCaller } from "../lib/auth/caller";
import { createApiKey, revokeApiKey, rotateApiKey, updateApiKey } from "../lib/api-keys/service";
import { createApiKeySchema } from "../lib/api-keys/schemas";
import type { Permission, Role } from "../lib/permissions";
import type { PlanId } from "../lib/plans";
import { routePattern } from "../lib/request-log/capture";
import type { RequestLogEntry } from "../lib/request-log/recorder";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32), so the demo looks the same on every fresh start. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Traffic {
  /** Allowed requests on a weekday; weekends see a third of it. */
  perDay: number;
  /** The scopes the requests exercise, with the paths that need them. */
  calls: { permission: Permission; method: string; path: string }[];
  ip: string;
  userAgent: string;
  /** Refusals mixed into the allowed traffic, as a share of it. */
  refusals?: { code: "insufficient_permissions" | "rate_limited" | "not_found"; share: number }[];
  /** The last moment the key was let through; later requests meet `after`. */
  until?: number;
  after?: { code: "api_key_disabled" | "api_key_expired" | "api_key_revoked"; perDay: number };
}

const STATUS: Record<string, number> = {
  insufficient_permissions: 403,
  rate_limited: 429,
  not_found: 404,
  api_key_disabled: 423,
  api_key_expired: 401,
  api_key_revoked: 401,
};

export async function seedDemoActivity(): Promise<void> {
  const db = getDb();
  const now = Date.now();
  const users = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((user) => [user.email, user.id]));
  const workspaces = new Map(
    (await db.workspace.findMany({ select: { id: true, slug: true, plan: true } })).map((each) => [each.slug, each]),
  );
  const acme = workspaces.get("acme")!;
  const globex = workspaces.get("globex")!;
  const caller = (email: string, workspace: { id: string; plan: string }, role: Role, ip: string): WorkspaceCaller => ({
    userId: users.get(email)!,
    workspaceId: workspace.id,
    plan: workspace.plan as PlanId,
    role,
    ip,
  });
  // The fixture was made a moment ago: its workspaces, members and their audit events move back four
  // months, so they come before the keys in every list and log.
  const back = (date: Date) => new Date(date.getTime() - 120 * DAY);
  for (const row of await db.workspace.findMany())
    await db.workspace.update({ where: { id: row.id }, data: { createdAt: back(row.createdAt) } });
  for (const row of await db.membership.findMany())
    await db.membership.update({ where: { id: row.id }, data: { createdAt: back(row.createdAt) } });
  for (const row of await db.auditEvent.findMany())
    await db.auditEvent.update({ where: { id: row.id }, data: { createdAt: back(row.createdAt) } });

  const olivia = caller("owner@acme.test", acme, "OWNER", "203.0.113.7");
  const adam = caller("admin@acme.test", acme, "ADMIN", "198.51.100.23");
  const mia = caller("member@acme.test", acme, "MEMBER", "192.0.2.41");
  const gloria = caller("owner@globex.test", globex, "OWNER", "203.0.113.90");
  const adamAtGlobex = caller("admin@acme.test", globex, "MEMBER", "198.51.100.23");

  /** Runs a service call, then dates the audit events it wrote `daysAgo`. */
  async function at<T extends { id: string }>(daysAgo: number, step: () => Promise<T>): Promise<T> {
    const mark = new Date();
    const result = await step();
    const when = new Date(now - daysAgo * DAY);
    await db.auditEvent.updateMany({ where: { createdAt: { gte: mark } }, data: { createdAt: when } });
    return result;
  }
  /** Creates a key `daysAgo` (it and its audit event), from the body the API takes, parsed by its schema. */
  async function createKey(daysAgo: number, as: WorkspaceCaller, body: z.input<typeof createApiKeySchema>) {
    const key = await at(daysAgo, () => createApiKey(as, createApiKeySchema.parse(body)));
    await dateKey(key.id, { createdAt: now - daysAgo * DAY });
    return key;
  }
  const dateKey = (id: string, data: { createdAt?: number; expiresAt?: number; replacedAt?: number; revokedAt?: number }) =>
    db.apiKey.update({
      where: { id },
      data: Object.fromEntries(Object.entries(data).map(([field, ms]) => [field, new Date(ms)])),
    });

  const sources = await db.source.findMany({ where: { workspaceId: acme.id }, orderBy: { createdAt: "asc" } });
  const pipelines = await db.pipeline.findMany({ where: { workspaceId: acme.id }, orderBy: { createdAt: "asc" } });
  const plans = await db.trackingPlan.findMany({ where: { workspaceId: acme.id } });
  const read = (permission: Permission, path: string) => ({ permission, method: "GET", path });

  // Acme: a busy production key with more scopes than it uses (the least-privilege hint has
  // something to say), a workspace-owned service key behind an allowlist, a rotation in its overlap,
  // a key an admin paused, one that expired, one revoked, and a member's key about to expire.
  const airflow = await createKey(62, olivia, {
    name: "Airflow - Production",
    description: "Nightly warehouse loads; ask #data-eng before revoking",
    permissions: ["source:read", "pipeline:all", "destination:read"],
  });

  const billing = await createKey(50, olivia, {
    name: "Billing service",
    description: "Reads the tracking plan to validate invoice events",
    owner: "workspace",
    permissions: ["tracking_plan:read", "tracking_plan_event:read", "tracking_plan_property:read"],
    allowedIps: ["203.0.113.0/24"],
  });

  const zapierOld = await createKey(45, olivia, { name: "Zapier automations", permissions: ["source:read", "destination:read"] });
  const zapier = await at(2, () => rotateApiKey(olivia, zapierOld.id, { oldKeyExpiresInSeconds: 7 * 24 * 3600 }));
  await dateKey(zapier.id, { createdAt: now - 2 * DAY });
  // The old key keeps working through the overlap that started two days ago.
  await dateKey(zapierOld.id, { replacedAt: now - 2 * DAY, expiresAt: now + 5 * DAY });

  const looker = await createKey(40, adam, {
    name: "Looker dashboards",
    permissions: ["source:read", "pipeline:read", "destination:read"],
  });
  await at(3, () =>
    updateApiKey(adam, looker.id, { isActive: false, disabledReason: "Paused by ops during the warehouse migration" }),
  );

  const importer = await createKey(100, adam, {
    name: "Legacy importer",
    permissions: ["source:all"],
    expiresAt: new Date(now + DAY).toISOString(),
  });
  await dateKey(importer.id, { expiresAt: now - 5 * DAY });

  const ci = await createKey(80, adam, { name: "Old CI token", permissions: ["pipeline:read", "pipeline:update"] });
  await at(20, () => revokeApiKey(adam, ci.id));
  await dateKey(ci.id, { revokedAt: now - 20 * DAY });

  const miaDev = await createKey(27, mia, {
    name: "Local dev - Mia",
    description: "Notebook experiments",
    permissions: ["source:read", "tracking_plan:read"],
    expiresAt: new Date(now + 3 * DAY).toISOString(),
  });

  // The expiry reminders these keys would have had by now, as sent then: the scheduler's first tick
  // finds nothing due (and mails nobody, which without SMTP would print after the start-up's last line).
  await db.apiKeyNotice.createMany({
    data: [
      { apiKeyId: miaDev.id, kind: "expiring_7d", createdAt: new Date(now - 4 * DAY) },
      { apiKeyId: importer.id, kind: "expiring_7d", createdAt: new Date(now - 12 * DAY) },
      { apiKeyId: importer.id, kind: "expiring_1d", createdAt: new Date(now - 6 * DAY) },
      { apiKeyId: importer.id, kind: "expired", createdAt: new Date(now - 5 * DAY) },
    ],
  });

  // Globex: the owner's sync key, and a sandbox key of a member who also belongs to Acme.
  const segment = await createKey(33, gloria, { name: "Segment sync", permissions: ["source:all", "destination:all"] });
  const sandbox = await createKey(12, adamAtGlobex, { name: "Adam's sandbox", permissions: ["source:read"] });

  const web = sources[0]!.id;
  const app = sources[1]!.id;
  const zapierTraffic: Traffic = {
    perDay: 90,
    calls: [read("source:read", "/api/integration/sources"), read("destination:read", "/api/integration/destinations")],
    ip: "198.51.100.77",
    userAgent: "Zapier",
  };
  const traffic: [{ id: string; tenantId: string }, Traffic][] = [
    [
      airflow,
      {
        perDay: 420,
        calls: [
          read("source:read", "/api/integration/sources"),
          read("source:read", `/api/integration/sources/${web}`),
          read("pipeline:read", "/api/integration/pipelines"),
          { permission: "pipeline:update", method: "PATCH", path: `/api/integration/pipelines/${pipelines[0]!.id}` },
        ],
        ip: "203.0.113.14",
        userAgent: "apache-airflow/2.10.3 python-requests/2.32.3",
        refusals: [{ code: "rate_limited", share: 0.02 }],
      },
    ],
    [
      billing,
      {
        perDay: 180,
        calls: [
          read("tracking_plan:read", "/api/integration/tracking-plans"),
          read("tracking_plan_event:read", `/api/integration/tracking-plans/${plans[0]!.id}/events`),
        ],
        ip: "203.0.113.52",
        userAgent: "billing-service/3.4 node-fetch",
      },
    ],
    // One integration: on the old key until the rotation, on the new one since (it was made then).
    [zapierOld, { ...zapierTraffic, until: now - 2 * DAY }],
    [zapier, zapierTraffic],
    [
      looker,
      {
        perDay: 140,
        calls: [read("source:read", "/api/integration/sources"), read("pipeline:read", "/api/integration/pipelines")],
        ip: "198.51.100.23",
        userAgent: "Looker/24.18 (+https://looker.com)",
        until: now - 3 * DAY,
        after: { code: "api_key_disabled", perDay: 60 },
      },
    ],
    [
      importer,
      {
        perDay: 35,
        calls: [
          read("source:read", "/api/integration/sources"),
          { permission: "source:create", method: "POST", path: "/api/integration/sources" },
        ],
        ip: "192.0.2.200",
        userAgent: "curl/8.5.0",
        until: now - 5 * DAY,
        after: { code: "api_key_expired", perDay: 12 },
      },
    ],
    [
      ci,
      {
        perDay: 25,
        calls: [read("pipeline:read", "/api/integration/pipelines")],
        ip: "192.0.2.10",
        userAgent: "GitHub-Actions curl/8.5.0",
        until: now - 20 * DAY,
        after: { code: "api_key_revoked", perDay: 4 },
      },
    ],
    [
      miaDev,
      {
        perDay: 18,
        calls: [
          read("source:read", `/api/integration/sources/${app}`),
          read("tracking_plan:read", "/api/integration/tracking-plans"),
        ],
        ip: "192.0.2.41",
        userAgent: "python-requests/2.32.3",
        refusals: [
          { code: "insufficient_permissions", share: 0.08 },
          { code: "not_found", share: 0.04 },
        ],
      },
    ],
    [
      segment,
      {
        perDay: 260,
        calls: [read("source:read", "/api/integration/sources"), read("destination:read", "/api/integration/destinations")],
        ip: "203.0.113.90",
        userAgent: "segment-sync/1.8",
      },
    ],
    [
      sandbox,
      {
        perDay: 6,
        calls: [read("source:read", "/api/integration/sources")],
        ip: "198.51.100.23",
        userAgent: "HTTPie/3.2.4",
      },
    ],
  ];
  const created = new Map(
    (await db.apiKey.findMany({ select: { id: true, createdAt: true } })).map((key) => [key.id, key.createdAt]),
  );
  for (const [index, [key, plan]] of traffic.entries()) {
    await writeTraffic(key, plan, Math.max(created.get(key.id)!.getTime(), now - 30 * DAY), now, random(index + 1));
  }
}

/** Usage per day and outcome, scope use per day, a sample of the request log, and the key's last use. */
async function writeTraffic(
  key: { id: string; tenantId: string },
  plan: Traffic,
  from: number,
  now: number,
  next: () => number,
): Promise<void> {
  const db = getDb();
  const usage = new Map<string, number>();
  const scopes = new Map<string, { count: number; last: number }>();
  const requests: RequestLogEntry[] = [];
  let lastUsed = 0;
  const until = plan.until ?? now;
  const log = (at: number, call: Traffic["calls"][number], code: string | null) =>
    requests.push({
      workspaceId: key.tenantId,
      apiKeyId: key.id,
      createdAt: new Date(at),
      method: call.method,
      route: routePattern(call.path),
      path: call.path,
      status: code ? STATUS[code]! : call.method === "POST" ? 201 : 200,
      code,
      latencyMs: code ? 2 + Math.floor(next() * 6) : 9 + Math.floor(next() * next() * 120),
      ip: plan.ip,
      userAgent: plan.userAgent,
    });
  for (let dayStart = from - (from % DAY); dayStart <= now; dayStart += DAY) {
    const day = new Date(dayStart).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const volume = (weekend ? 0.35 : 1) * (0.75 + next() * 0.5);
    const add = (outcome: string, count: number) => {
      if (count > 0) usage.set(`${day}|${outcome}`, (usage.get(`${day}|${outcome}`) ?? 0) + count);
    };
    // Requests spread over the day's working hours (UTC 06-22), a dozen of them kept in the log.
    const moment = () => dayStart + 6 * HOUR + Math.floor(next() * 16 * HOUR);
    const allowedToday = dayStart + DAY <= from || dayStart > until ? 0 : Math.round(plan.perDay * volume);
    add("allowed", allowedToday);
    for (let sample = 0; sample < Math.min(allowedToday, 12); sample++) {
      const at = moment();
      if (at < from || at > until) continue;
      const call = plan.calls[Math.floor(next() * plan.calls.length)]!;
      log(at, call, null);
      const scope = scopes.get(`${day}|${call.permission}`) ?? { count: 0, last: 0 };
      scope.last = Math.max(scope.last, at);
      scopes.set(`${day}|${call.permission}`, scope);
      lastUsed = Math.max(lastUsed, at);
    }
    // The day's allowed count, split over the scopes its samples used.
    const todays = [...scopes].filter(([entry]) => entry.startsWith(`${day}|`));
    for (const [, scope] of todays) scope.count = Math.max(1, Math.round(allowedToday / todays.length));
    for (const refusal of plan.refusals ?? []) {
      const count = Math.round(allowedToday * refusal.share * next() * 2);
      add(refusal.code, count);
      for (let sample = 0; sample < Math.min(count, 3); sample++) log(moment(), plan.calls[0]!, refusal.code);
    }
    if (plan.after && dayStart + DAY > until) {
      const count = Math.round(plan.after.perDay * volume);
      add(plan.after.code, count);
      for (let sample = 0; sample < Math.min(count, 4); sample++) {
        const at = Math.max(until + 60_000, moment());
        if (at <= now) log(at, plan.calls[0]!, plan.after.code);
      }
    }
  }
  await db.apiKeyUsageDay.createMany({
    data: [...usage].map(([entry, count]) => {
      const [day, outcome] = entry.split("|") as [string, string];
      return { apiKeyId: key.id, workspaceId: key.tenantId, day, outcome, count };
    }),
  });
  await db.apiKeyScopeDay.createMany({
    data: [...scopes].map(([entry, scope]) => {
      const [day, permission] = entry.split("|") as [string, string];
      return {
        apiKeyId: key.id,
        workspaceId: key.tenantId,
        permission,
        day,
        count: scope.count,
        lastUsedAt: new Date(scope.last),
      };
    }),
  });
  await db.apiRequest.createMany({ data: requests.filter((entry) => entry.createdAt.getTime() <= now) });
  if (lastUsed > 0) {
    await db.apiKey.update({
      where: { id: key.id },
      data: { lastUsedAt: new Date(lastUsed), lastUsedIp: plan.ip, lastUsedUa: plan.userAgent },
    });
  }
}
