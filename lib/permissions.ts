// Permissions are data: one table of resources × actions and one of roles. The UI's scope matrix,
// the API's validation, the routes' requirements and the tests are all derived from these tables.

export const RESOURCES = [
  { id: "source", label: "Source" },
  { id: "destination", label: "Destination" },
  { id: "pipeline", label: "Pipeline" },
  { id: "tracking_plan", label: "Tracking Plan" },
  { id: "tracking_plan_event", label: "Tracking Plan Event" },
  { id: "tracking_plan_property", label: "Tracking Plan Property" },
] as const;

export const ACTIONS = ["read", "create", "update", "delete"] as const;

export type Resource = (typeof RESOURCES)[number]["id"];
export type Action = (typeof ACTIONS)[number];
export type Permission = `${Resource}:${Action}`;

export const RESOURCE_IDS: readonly Resource[] = RESOURCES.map((resource) => resource.id);

/** Every permission, in table order (resource-major). The canonical order for storage and display. */
export const ALL_PERMISSIONS: readonly Permission[] = RESOURCE_IDS.flatMap((resource) =>
  ACTIONS.map((action) => `${resource}:${action}` as const),
);

const PERMISSION_ORDER = new Map(ALL_PERMISSIONS.map((permission, index) => [permission, index]));

export function isPermission(value: string): value is Permission {
  return PERMISSION_ORDER.has(value as Permission);
}

export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  OWNER: ACTIONS,
  ADMIN: ACTIONS,
  MEMBER: ["read", "create", "update"],
  VIEWER: ["read"],
};

/** What a member of a role may do: with their own hands, and through keys they create. */
export function rolePermissions(role: Role): Set<Permission> {
  const actions = ROLE_ACTIONS[role];
  return new Set(ALL_PERMISSIONS.filter((permission) => actions.includes(permission.split(":")[1] as Action)));
}

/** OWNER and ADMIN manage every key and member of the workspace; others only their own keys. */
export function managesWorkspace(role: Role): boolean {
  return role === "OWNER" || role === "ADMIN";
}

/** VIEWERs hold read only and cannot create keys at all. */
export function canCreateKeys(role: Role): boolean {
  return role !== "VIEWER";
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Expands `<resource>:all` to its four actions, drops duplicates and sorts into table order.
 * Returns the strings it could not read in `unknown`, so a caller can name them in an error.
 */
export function normalizePermissions(input: readonly string[]): { permissions: Permission[]; unknown: string[] } {
  const result = new Set<Permission>();
  const unknown: string[] = [];
  for (const raw of input) {
    const [resource, action] = raw.split(":");
    if (action === "all" && RESOURCE_IDS.includes(resource as Resource) && raw.split(":").length === 2) {
      for (const each of ACTIONS) result.add(`${resource as Resource}:${each}`);
    } else if (isPermission(raw)) {
      result.add(raw);
    } else {
      unknown.push(raw);
    }
  }
  return { permissions: sortPermissions(result), unknown };
}

export function sortPermissions(permissions: Iterable<Permission>): Permission[] {
  return [...permissions].sort((a, b) => PERMISSION_ORDER.get(a)! - PERMISSION_ORDER.get(b)!);
}

/** Storage form: canonical, comma-separated. */
export function encodePermissions(permissions: readonly Permission[]): string {
  return sortPermissions(permissions).join(",");
}

/** Reads the storage form, ignoring anything no longer in the table (a permission that was retired). */
export function decodePermissions(stored: string): Permission[] {
  return stored ? stored.split(",").filter(isPermission) : [];
}

/** A key's effective permissions: its own, intersected with what its creator holds now. */
export function effectivePermissions(keyPermissions: readonly Permission[], creatorRole: Role): Permission[] {
  const held = rolePermissions(creatorRole);
  return keyPermissions.filter((permission) => held.has(permission));
}

/** The permissions in `requested` that `role` does not hold (empty when it is a subset). */
export function permissionsNotHeld(requested: readonly Permission[], role: Role): Permission[] {
  const held = rolePermissions(role);
  return requested.filter((permission) => !held.has(permission));
}
