import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ALL_PERMISSIONS,
  ROLES,
  decodePermissions,
  effectivePermissions,
  encodePermissions,
  normalizePermissions,
  permissionsNotHeld,
  rolePermissions,
} from "@/lib/permissions";
import { PLANS } from "@/lib/plans";
import { permissionsSchema } from "@/lib/api-keys/schemas";

describe("permissions", () => {
  it("has 6 resources × 4 actions", () => {
    expect(ALL_PERMISSIONS).toHaveLength(24);
    expect(ALL_PERMISSIONS[0]).toBe("source:read");
    expect(ALL_PERMISSIONS.at(-1)).toBe("tracking_plan_property:delete");
  });

  it("expands <resource>:all, drops duplicates, sorts, and names unknown entries", () => {
    expect(normalizePermissions(["pipeline:read", "source:all", "source:read"])).toEqual({
      permissions: ["source:read", "source:create", "source:update", "source:delete", "pipeline:read"],
      unknown: [],
    });
    expect(normalizePermissions(["source:fly", "all", "source:all:x", "SOURCE:READ"]).unknown).toEqual([
      "source:fly",
      "all",
      "source:all:x",
      "SOURCE:READ",
    ]);
    expect(permissionsSchema.safeParse(["source:fly"]).success).toBe(false);
    expect(permissionsSchema.safeParse([]).success).toBe(false);
  });

  it("gives roles what the issue says", () => {
    expect(rolePermissions("OWNER").size).toBe(24);
    expect(rolePermissions("ADMIN").size).toBe(24);
    expect([...rolePermissions("MEMBER")].some((p) => p.endsWith(":delete"))).toBe(false);
    expect(rolePermissions("MEMBER").size).toBe(18);
    expect([...rolePermissions("VIEWER")].every((p) => p.endsWith(":read"))).toBe(true);
    expect(permissionsNotHeld(["source:read", "source:delete"], "MEMBER")).toEqual(["source:delete"]);
  });

  it("property: normalising is idempotent; encode/decode round-trips; effective ⊆ own ∩ role", () => {
    const permission = fc.constantFrom(...ALL_PERMISSIONS);
    fc.assert(
      fc.property(fc.array(permission), fc.constantFrom(...ROLES), (list, role) => {
        const { permissions } = normalizePermissions(list);
        expect(normalizePermissions(permissions).permissions).toEqual(permissions);
        expect(decodePermissions(encodePermissions(permissions))).toEqual(permissions);
        const effective = effectivePermissions(permissions, role);
        const held = rolePermissions(role);
        expect(effective.every((p) => permissions.includes(p) && held.has(p))).toBe(true);
        expect(effective.length).toBe(permissions.filter((p) => held.has(p)).length);
      }),
    );
  });
});

describe("plans", () => {
  it("holds the limits from the issue", () => {
    expect(PLANS.starter.apiAccess).toBe(false);
    expect(PLANS.pro.apiAccess).toBe(false);
    expect(PLANS.agency).toMatchObject({ apiAccess: true, maxActiveKeysPerUser: 5, requestsPerSecond: 12 });
    expect(PLANS.agency_plus).toMatchObject({ apiAccess: true, maxActiveKeysPerUser: 10, requestsPerSecond: 50 });
  });
});
