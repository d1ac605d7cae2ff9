import { ACTIONS, RESOURCES, type Permission } from "@/lib/permissions";

/** "Source: all · Pipeline: read, update" */
export function summarizePermissions(permissions: readonly Permission[]): string {
  const held = new Set(permissions);
  return RESOURCES.flatMap((resource) => {
    const actions = ACTIONS.filter((action) => held.has(`${resource.id}:${action}`));
    if (actions.length === 0) return [];
    return [`${resource.label}: ${actions.length === ACTIONS.length ? "all" : actions.join(", ")}`];
  }).join(" · ");
}
