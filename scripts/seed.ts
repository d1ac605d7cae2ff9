// Demo data (README lists the accounts). Idempotent; refuses a database that already has users
// unless run with --force, so it can never mix demo accounts into real data by accident.
// `--fixture` stops after the users, workspaces and resources: the test suites' small seed, whose
// counts and caps stay stable. Without it, the living demo (scripts/seed-demo.ts) follows.
import { getDb, disconnectDb, type DbTransaction } from "../lib/db/client";
import { hashPassword } from "../lib/auth/password";
import { createWorkspaceInTransaction } from "../lib/workspaces/service";
import type { PlanId } from "../lib/plans";
import type { Role } from "../lib/permissions";
import { seedDemoActivity } from "./seed-demo";

export const DEMO_PASSWORD = "keyward-demo";

const USERS = [
  { email: "owner@acme.test", name: "Olivia Owner" },
  { email: "admin@acme.test", name: "Adam Admin" },
  { email: "member@acme.test", name: "Mia Member" },
  { email: "viewer@acme.test", name: "Victor Viewer" },
  { email: "owner@globex.test", name: "Gloria Globex" },
  { email: "owner@initech.test", name: "Ian Initech" },
];

const WORKSPACES: { name: string; slug: string; plan: PlanId; members: [string, Role][] }[] = [
  {
    name: "Acme Analytics",
    slug: "acme",
    plan: "agency",
    members: [
      ["owner@acme.test", "OWNER"],
      ["admin@acme.test", "ADMIN"],
      ["member@acme.test", "MEMBER"],
      ["viewer@acme.test", "VIEWER"],
    ],
  },
  {
    name: "Globex",
    slug: "globex",
    plan: "agency_plus",
    members: [
      ["owner@globex.test", "OWNER"],
      ["admin@acme.test", "MEMBER"],
    ],
  },
  { name: "Initech", slug: "initech", plan: "starter", members: [["owner@initech.test", "OWNER"]] },
];

export async function seedDemoData(
  options: { force?: boolean; fixture?: boolean } = {},
): Promise<"seeded" | "present" | "skipped"> {
  const db = getDb();
  const existingUsers = await db.user.count();
  const demoUsers = await db.user.count({ where: { email: { in: USERS.map((user) => user.email) } } });
  if (demoUsers === USERS.length && (await db.workspace.count({ where: { slug: "acme" } })) === 1) return "present";
  if (existingUsers > 0 && !options.force) return "skipped";

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const user of USERS) {
      const row = await tx.user.upsert({ where: { email: user.email }, update: {}, create: { ...user, passwordHash } });
      ids.set(user.email, row.id);
    }
    for (const workspace of WORKSPACES) {
      if (await tx.workspace.findUnique({ where: { slug: workspace.slug } })) continue;
      const [[ownerEmail], ...others] = workspace.members as [[string, Role], ...[string, Role][]];
      const { id } = await createWorkspaceInTransaction(tx, {
        name: workspace.name,
        slug: workspace.slug,
        plan: workspace.plan,
        ownerId: ids.get(ownerEmail!)!,
      });
      // Distinct join times, a millisecond apart, keep the members list in the order written here.
      for (const [index, [email, role]] of others.entries()) {
        await tx.membership.create({
          data: { workspaceId: id, userId: ids.get(email)!, role, createdAt: new Date(Date.now() + index + 1) },
        });
      }
      if (workspace.slug === "acme") await seedAcmeResources(tx, id);
    }
  });
  if (!options.fixture) await seedDemoActivity();
  return "seeded";
}

async function seedAcmeResources(tx: DbTransaction, workspaceId: string): Promise<void> {
  const web = await tx.source.create({
    data: { workspaceId, name: "Website", type: "javascript", config: JSON.stringify({ domain: "acme.test" }) },
  });
  const app = await tx.source.create({
    data: { workspaceId, name: "iOS app", type: "ios", config: JSON.stringify({ bundleId: "test.acme.app" }) },
  });
  const warehouse = await tx.destination.create({
    data: { workspaceId, name: "Snowflake", type: "snowflake", config: JSON.stringify({ database: "ANALYTICS" }) },
  });
  const crm = await tx.destination.create({
    data: { workspaceId, name: "HubSpot", type: "hubspot", config: JSON.stringify({ portalId: 1234 }) },
  });
  await tx.pipeline.create({
    data: { workspaceId, name: "Web to warehouse", sourceId: web.id, destinationId: warehouse.id, schedule: "*/15 * * * *" },
  });
  await tx.pipeline.create({
    data: { workspaceId, name: "App to CRM", sourceId: app.id, destinationId: crm.id, schedule: "0 * * * *", isActive: false },
  });
  const plan = await tx.trackingPlan.create({
    data: { workspaceId, name: "Core events", description: "Events every surface must send" },
  });
  const signup = await tx.trackingPlanEvent.create({
    data: { workspaceId, trackingPlanId: plan.id, name: "Signed Up", description: "A visitor created an account" },
  });
  await tx.trackingPlanEvent.create({
    data: { workspaceId, trackingPlanId: plan.id, name: "Order Completed", description: "Checkout succeeded" },
  });
  await tx.trackingPlanProperty.create({
    data: { workspaceId, trackingPlanId: plan.id, eventId: signup.id, name: "plan", type: "string", required: true },
  });
  await tx.trackingPlanProperty.create({
    data: { workspaceId, trackingPlanId: plan.id, name: "revenue", type: "number", required: false },
  });
}

export const DEMO_SIGN_IN = `owner@acme.test (or admin@, member@, viewer@acme.test) with password "${DEMO_PASSWORD}"`;

export function seedMessage(result: Awaited<ReturnType<typeof seedDemoData>>, fixture = false): string {
  const what = fixture ? "Fixture data" : "Demo data";
  return result === "skipped"
    ? `The database already has users; ${what.toLowerCase()} not added (use npm run db:seed -- --force).`
    : `${what} ${result === "seeded" ? "added" : "already present"}. Sign in as ${DEMO_SIGN_IN}.`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const fixture = process.argv.includes("--fixture");
  seedDemoData({ force: process.argv.includes("--force"), fixture })
    .then(async (result) => {
      console.log(seedMessage(result, fixture));
      await disconnectDb();
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
