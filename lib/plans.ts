// The plans and their limits: the one table that decides API access, key counts and rate limits.

export const PLANS = {
  starter: { name: "Starter", apiAccess: false, maxActiveKeysPerUser: 0, maxWorkspaceKeys: 0, requestsPerSecond: 0 },
  pro: { name: "Pro", apiAccess: false, maxActiveKeysPerUser: 0, maxWorkspaceKeys: 0, requestsPerSecond: 0 },
  agency: { name: "Agency", apiAccess: true, maxActiveKeysPerUser: 5, maxWorkspaceKeys: 5, requestsPerSecond: 12 },
  agency_plus: { name: "Agency Plus", apiAccess: true, maxActiveKeysPerUser: 10, maxWorkspaceKeys: 25, requestsPerSecond: 50 },
} as const satisfies Record<string, Plan>;

export interface Plan {
  name: string;
  apiAccess: boolean;
  maxActiveKeysPerUser: number;
  /** Active workspace-owned (service) keys, counted apart from every member's own. */
  maxWorkspaceKeys: number;
  requestsPerSecond: number;
}

export type PlanId = keyof typeof PLANS;
export const PLAN_IDS = Object.keys(PLANS) as PlanId[];

/** The plan a new workspace gets, so the product can be tried at once. */
export const DEFAULT_PLAN: PlanId = "agency";

export function isPlanId(value: string): value is PlanId {
  return Object.hasOwn(PLANS, value);
}

export function planOf(id: string): Plan & { id: PlanId } {
  // A workspace row always holds a known id; an unknown one (a retired plan) gets no API access.
  return isPlanId(id) ? { id, ...PLANS[id] } : { id: "starter", ...PLANS.starter };
}

/** The cheapest plan with API access, named in `plan_required` errors and the UI notice. */
export const FIRST_PLAN_WITH_API_ACCESS = PLAN_IDS.find((id) => PLANS[id].apiAccess)!;
