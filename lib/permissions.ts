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

// The management capabilities: what a person may do with their own hands in the admin UI and the
// management API. Routes declare the one they need (withWorkspace), services check it again, pages
// and the UI read it to decide what to offer, and the access tests are generated from this table.
// Keys a caller may see at all: everything with keys:manage_all, else their own (others answer 404).
// A key's audit history belongs to the key: whoever may see a key reads its events; the whole
// workspace log needs audit:read.
export const CAPABILITIES = {
  "keys:create": { roles: ["OWNER", "ADMIN", "MEMBER"], denied: "Viewers cannot create or rotate API keys" },
  "keys:manage_own": { roles: ROLES, denied: "You cannot manage API keys in this workspace" },
  "keys:manage_all": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins manage keys other people created" },
  "keys:manage_workspace": {
    roles: ["OWNER", "ADMIN"],
    denied: "Only owners and admins create and manage workspace-owned keys",
  },
  "policy:read": { roles: ROLES, denied: "You cannot read this workspace's key policy" },
  "policy:manage": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins change the key policy" },
  "members:read": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins can see the members of this workspace" },
  "members:manage": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins manage members" },
  "members:manage_owners": { roles: ["OWNER"], denied: "Only an owner can grant or change the OWNER role" },
  "audit:read": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins can read the audit log" },
  "requests:read": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins read the workspace's request log" },
  "resources:read": { roles: ROLES, denied: "You cannot read this workspace's data" },
  "webhooks:manage": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins manage the workspace's webhooks" },
  "workspace:manage": { roles: ["OWNER", "ADMIN"], denied: "Only owners and admins change the workspace's settings" },
} as const satisfies Record<string, { roles: readonly Role[]; denied: string }>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_IDS = Object.keys(CAPABILITIES) as Capability[];

export function hasCapability(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability].roles as readonly Role[]).includes(role);
}

/** Every capability a role holds, for the UI (which offers only what the API would allow). */
export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITY_IDS.filter((capability) => hasCapability(role, capability));
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
