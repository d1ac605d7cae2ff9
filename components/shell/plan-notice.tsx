import { FIRST_PLAN_WITH_API_ACCESS, PLANS, type PlanId } from "@/lib/plans";

/** Shown instead of the key pages on plans without API access. */
export function PlanNotice({ plan }: { plan: PlanId }) {
  const upgrade = PLANS[FIRST_PLAN_WITH_API_ACCESS];
  return (
    <section className="max-w-2xl" data-testid="plan-notice">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API keys</h1>
      <div className="mt-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-base font-semibold text-slate-900">API access is not part of the {PLANS[plan].name} plan</h2>
        <p className="mt-2 text-sm text-slate-700">
          API keys let scripts and data pipelines work with this workspace through the Keyward API. They are included from the{" "}
          <strong>{upgrade.name}</strong> plan: {upgrade.maxActiveKeysPerUser} keys per member, {upgrade.requestsPerSecond}{" "}
          requests per second per key. Ask the workspace owner to upgrade.
        </p>
      </div>
    </section>
  );
}
