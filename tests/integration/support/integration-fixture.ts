// What every integration-API test file starts from: the acme workspace on agency_plus (more keys per
// user), an owner's key with every permission, and one of each resource to read, change and page.
// The ids are live bindings, set by createIntegrationFixture in each file's beforeAll.
import { expect } from "vitest";
import { getDb } from "@/lib/db/client";
import { ALL_PERMISSIONS } from "@/lib/permissions";
import { PLANS } from "@/lib/plans";
import { bearer, call, workspaceId, type Credentials } from "./api";

export let acme: string;
export let globex: string;
export let owner: Credentials;
export let full: { id: string; plaintextKey: string };
export let sourceId: string;
export let destinationId: string;
export let planId: string;
export let eventId: string;
export let propertyId: string;

export const RATE = PLANS.agency_plus.requestsPerSecond;

export async function newKey(as: Credentials, tenant: string, permissions: string[], extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/api-keys", { as, tenant, body: { name: `k ${Math.random()}`, permissions, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; plaintextKey: string; keyPrefix: string };
}

/** Credentials of a key, from a random client address (so the invalid-key throttle stays out of the way). */
export const withKey = (plaintextKey: string, headers: Record<string, string> = {}) => ({
  headers: { "x-api-key": plaintextKey, "x-keyward-client-address": `10.0.0.${Math.floor(Math.random() * 250)}`, ...headers },
});

/** Most tests send bursts with one key; only the tests of the limit itself run with the plan's rate. */
export const NO_LIMIT = "1000000";
export async function withPlanRateLimits(test: () => Promise<void>): Promise<void> {
  delete process.env.KEYWARD_RATE_LIMIT_OVERRIDE;
  try {
    await test();
  } finally {
    process.env.KEYWARD_RATE_LIMIT_OVERRIDE = NO_LIMIT;
  }
}

export async function createIntegrationFixture(): Promise<void> {
  process.env.KEYWARD_RATE_LIMIT_OVERRIDE = NO_LIMIT;
  acme = await workspaceId("acme");
  globex = await workspaceId("globex");
  // More keys per user and a higher rate for this file; the limits themselves are tested below.
  await getDb().workspace.update({ where: { id: acme }, data: { plan: "agency_plus" } });
  owner = await bearer("owner@acme.test");
  full = await newKey(owner, acme, [...ALL_PERMISSIONS]);
  const k = withKey(full.plaintextKey);
  sourceId = (await call("POST", "/api/integration/sources", { ...k, body: { name: "S1", type: "javascript" } })).body.id;
  destinationId = (
    await call("POST", "/api/integration/destinations", { ...k, body: { name: "D1", type: "s3", config: { bucket: "b" } } })
  ).body.id;
  planId = (await call("POST", "/api/integration/tracking-plans", { ...k, body: { name: "P1" } })).body.id;
  eventId = (await call("POST", `/api/integration/tracking-plans/${planId}/events`, { ...k, body: { name: "E1" } })).body.id;
  propertyId = (
    await call("POST", `/api/integration/tracking-plans/${planId}/properties`, {
      ...k,
      body: { name: "p1", type: "string", eventId },
    })
  ).body.id;
}
