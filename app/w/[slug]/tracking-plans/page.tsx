import type { Metadata } from "next";
import { RESOURCE_DEFINITIONS, listResourcesForMember } from "@/lib/resources/service";
import { workspacePageContext } from "@/lib/workspaces/page-context";
import { card } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Tracking plans" };

export default async function TrackingPlansPage({ params }: { params: Promise<{ slug: string }> }) {
  const { caller } = await workspacePageContext((await params).slug);
  const plans = await listResourcesForMember(caller, RESOURCE_DEFINITIONS.tracking_plan);
  const details = await Promise.all(
    plans.map(async (plan) => {
      const [events, properties] = await Promise.all([
        listResourcesForMember(caller, RESOURCE_DEFINITIONS.tracking_plan_event, String(plan.id)),
        listResourcesForMember(caller, RESOURCE_DEFINITIONS.tracking_plan_property, String(plan.id)),
      ]);
      return { plan, events, properties };
    }),
  );
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Tracking plans</h1>
      <p className="mt-1 text-sm text-slate-600">
        Read-only here: integrations create and change these through the API with a key.
      </p>
      {details.length === 0 ? <p className="mt-6 text-sm text-slate-600">Nothing yet.</p> : null}
      <div className="mt-4 space-y-6">
        {details.map(({ plan, events, properties }) => (
          <section key={String(plan.id)} className={`${card} p-5`} aria-labelledby={`plan-${String(plan.id)}`}>
            <h2 id={`plan-${String(plan.id)}`} className="text-lg font-semibold">
              {String(plan.name)}
            </h2>
            {plan.description ? <p className="text-sm text-slate-600">{String(plan.description)}</p> : null}
            <h3 className="mt-4 text-sm font-semibold text-slate-800">Events</h3>
            <ul className="mt-1 space-y-2 text-sm">
              {events.map((event) => (
                <li key={String(event.id)}>
                  <span className="font-medium">{String(event.name)}</span>
                  {event.description ? <span className="text-slate-600"> — {String(event.description)}</span> : null}
                  <ul className="ml-5 list-disc text-slate-700">
                    {properties
                      .filter((property) => property.eventId === event.id)
                      .map((property) => (
                        <PropertyItem key={String(property.id)} property={property} />
                      ))}
                  </ul>
                </li>
              ))}
            </ul>
            <h3 className="mt-4 text-sm font-semibold text-slate-800">Plan-wide properties</h3>
            <ul className="ml-5 mt-1 list-disc text-sm text-slate-700">
              {properties
                .filter((property) => !property.eventId)
                .map((property) => (
                  <PropertyItem key={String(property.id)} property={property} />
                ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function PropertyItem({ property }: { property: Record<string, unknown> }) {
  return (
    <li>
      <code className="font-mono text-xs">{String(property.name)}</code>: {String(property.type)}
      {property.required ? " (required)" : ""}
    </li>
  );
}
